"""ML: the learned second opinion (see :mod:`guardrails.model`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from guardrails.diagnostic import Severity
from guardrails.reported import without_reported_speech
from guardrails.rule import Rule
from guardrails.text import Analysed, Token

if TYPE_CHECKING:
    from guardrails.checks import CheckInput
    from guardrails.diagnostic import Diagnostic
    from guardrails.model import Feature

MIN_WORDS = 5
"""= guardrails.model.MIN_WORDS (a test keeps them equal): checked before the
model module is imported, so a run that never needs the model never loads it."""


def _check_model(inp: CheckInput, rule: Rule) -> list[Diagnostic]:
    """Flags the message when the model judges it pressure; the finding covers
    the sentence that scores highest and names the words that weighed most, so
    the salesperson sees what to rephrase."""
    facts = inp.context.facts if inp.context is not None else None
    if facts is not None and (facts.deadline is not None or facts.stock):
        return []  # urgency backed by facts is allowed, and only the UR rules can weigh it
    judged = inp.analysed
    joined = judged.joined
    if joined.count(" ") - joined.count("|") < MIN_WORDS:  # every word follows one space in `joined`
        return []  # too short to judge: do not even load the model
    from guardrails.model import default_model, sentence_stems

    model = default_model()
    own_words = without_reported_speech(inp.text, judged.norm)
    if own_words is not None:  # a training note quoting the phrases it warns against: same offsets, quotes blank
        judged = Analysed(own_words)
    joined = judged.joined
    verdict = model.judge(judged.items)
    if not verdict.flagged:
        return []
    sentence = [t for t in judged.tokens if t.sentence == verdict.sentence] or judged.tokens
    if not sentence:
        return []
    top = model.score(sentence_stems(joined)[verdict.sentence]).top
    words = _quote(inp, sentence, top)
    message = rule.message if not words else f"{rule.message} Больше всего на оценку повлияли: {words}."
    return [inp.diagnostic(rule, sentence[0].start, sentence[-1].end, message=message)]


def _quote(inp: CheckInput, tokens: list[Token], top: tuple[Feature, ...]) -> str:
    """The words of the message behind the top features, as the salesperson
    wrote them; a word inside a quoted pair is not quoted again."""
    from guardrails.model import STEM_LENGTH

    stems = [t.text[:STEM_LENGTH] for t in tokens]
    spans: list[tuple[int, int]] = []
    for feat in top:
        parts = feat.split(" ")
        for i in range(len(stems) - len(parts) + 1):
            if stems[i:i + len(parts)] == parts:
                spans.append((tokens[i].start, tokens[i + len(parts) - 1].end))
                break
    kept = [s for s in dict.fromkeys(spans) if not any(o != s and o[0] <= s[0] and s[1] <= o[1] for o in spans)]
    return ", ".join(f"«{inp.text[a:b]}»" for a, b in kept)


RULES = [
    Rule(
        code="ML001",
        name="learned-pressure",
        severity=Severity.ERROR,
        message=(
            "Похоже на давление, ложную срочность или грубость: так звучали сообщения, которые в размеченных "
            "примерах отклонены. Перепишите без нажима: назовите выгоду для клиента и оставьте решение за ним."
        ),
        why=(
            "Правила ловят приёмы давления, которые уже описаны словами, а продавцы постоянно придумывают новые "
            "формулировки тех же приёмов: стыд («не будьте десятым»), вина («мамы, которые любят детей, уже заказали»), "
            "решение за клиента («оформляю сразу с гарантией»). Статистическая модель, обученная на тысячах размеченных "
            "сообщений, узнаёт такие приёмы по сочетаниям слов. Она срабатывает, только когда правила молчат; "
            "отключить её можно так же, как любое правило: --ignore ML001."
        ),
        fix="Если вам важно {выгода} — есть вариант {предложение}. Решать вам.",
        check=_check_model,
        fallback=True,
        fail=(
            "Девять из десяти водителей у нас берут антикор, не будьте десятым.",
            "Мамы, которые любят своих детей, уже заказали зимние комбинезоны.",
            "Оформляю сразу с расширенной гарантией — так всем спокойнее.",
        ),
        passes=(
            "К зимним комбинезонам есть варежки на резинке — не теряются на прогулке. 690 ₽, добавить?",
            "Расширенная гарантия на три года стоит 4 900 ₽ и покрывает ремонт без очереди. Рассказать подробнее?",
            "Спасибо за заказ! Курьер позвонит за час до доставки.",
        ),
    ),
]

__all__ = ["RULES"]
