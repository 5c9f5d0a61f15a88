"""Claims the context can back or refute: urgency (facts.deadline), scarcity
(facts.stock), dates in the text; and phrases that are not the message's own
claim (asked and denied, quoted in a training note).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from guardrails.checks import CheckInput
from guardrails.diagnostic import Diagnostic
from guardrails.rules import ALL_RULES, BY_CODE
from guardrails.reported import drop_reported_speech
from guardrails.text import Token

__all__ = ["apply_backing", "deadline_mismatch", "denied", "drop_reported_speech"]

_MONTHS = {
    "января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6, "июля": 7, "августа": 8,
    "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12,
}
_DATE_RE = re.compile(r"(?<!\w)до\s+(\d{1,2})(?:\s+(" + "|".join(_MONTHS) + r")|\.(\d{1,2})(?:\.\d{2,4})?)(?!\w)")
_ENDING = r"(?:законч|заканч|истека|истеч|сгор|заверш|действу|последний день)\w*"
_TODAY = r"(?:\bсегодня\b|\bдо конца (?:дня|суток)\b|\bдо полуночи\b)"
_TODAY_END_RE = re.compile(rf"{_ENDING}[^.!?\n]{{0,25}}?{_TODAY}|{_TODAY}[^.!?\n]{{0,25}}?{_ENDING}")
_LESS_THAN = frozenset({"меньше", "менее", "до", "не", "около", "почти"})
_NOT_SCARCE = 50
"""A stock count from which "осталось N" no longer claims scarcity (with no stock
facts to compare it against)."""
_SCARCITY_NOUNS = frozenset(
    "штука штуки штук экземпляр экземпляра экземпляров упаковка упаковки упаковок комплект комплекта комплектов "
    "место места мест размер размера размеров единица единицы единиц пара пары пар товар товара позиция позиции "
    "экземпляры комплекты размеры товары позиций штуку упаковку остатки шт ед уп компл "
    "флакон флакона флаконов тюбик тюбика тюбиков бутылка бутылки бутылок пачка пачки пачек "
    "рулон рулона рулонов коробка коробки коробок банка банки банок пакет пакета пакетов набор набора наборов "
    "сертификат сертификата сертификатов абонемент абонемента абонементов".split()
)


# Words between the count and its noun: "осталось 3 таких пакета", "2 свободных места".
_BEFORE_NOUN = frozenset("всего только лишь таких такие этих эти свободных свободные".split())
# Bounded: a question mark at most a long sentence away (unbounded, a text with no sentence end
# made each finding scan to its end: quadratic in the number of findings).
_DENIAL_RE = re.compile(r"[^.!?…]{0,400}\?\s*нет\b(?!\s*\?)")  # "Нет?" asks the customer: no denial
_QUESTION_RE = re.compile(r"[^.!?…]{0,400}\?")


def denied(norm: str, d: Diagnostic) -> bool:
    """"Последний шанс? Нет, …": a phrase asked and denied is not a claim; nor is
    "Вам точно нужен второй роутер?": asking whether the customer needs it."""
    if d.rule[:2] not in ("PR", "UR"):
        return False
    if _DENIAL_RE.match(norm, d.end) is not None:
        return True
    return d.rule == "PR001" and "точно" in norm[d.start:d.end] and _QUESTION_RE.match(norm, d.end) is not None


def apply_backing(diags: list[Diagnostic], inp: CheckInput, enabled: Mapping[str, bool]) -> list[Diagnostic]:
    """Urgency is allowed when facts.deadline backs it; scarcity when facts.stock does."""
    ctx = inp.context
    facts = ctx.facts if ctx is not None else None
    out = []
    for d in diags:
        backed_by = _BACKING.get(d.rule)
        if backed_by == "deadline":
            if facts is not None and facts.deadline is not None:
                continue
        elif backed_by == "stock":
            verdict = _stock_verdict(d, inp, enabled)
            if verdict is None:
                continue
            d = verdict
        out.append(d)
    return out

def _stock_verdict(d: Diagnostic, inp: CheckInput, enabled: Mapping[str, bool]) -> Diagnostic | None:
    """None when the scarcity claim is not one (a time span) or is backed by facts."""
    i, j = d.extra.get("tokens", (None, None))  # type: ignore[misc]
    tokens = inp.tokens
    number: int | None = None
    noun: Token | None = None
    less = False
    if i is not None:
        for k in range(i, min(j + 2, len(tokens))):
            tok = tokens[k]
            if tok.sentence != tokens[i].sentence:
                break
            if tok.is_number and number is None:
                number = tok.number_value()
                less = k > 0 and tokens[k - 1].text in _LESS_THAN
                nxt = k + 1
                while nxt < len(tokens) and tokens[nxt].text in _BEFORE_NOUN:
                    nxt += 1
                if (nxt < len(tokens) and tokens[nxt].sentence == tok.sentence
                        and inp.text[tok.end:tokens[nxt].start].isspace()):
                    noun = tokens[nxt]  # not "осталось 2, цена…" nor "осталось 2: он…"
                break
    facts = inp.context.facts if inp.context is not None else None
    stock = facts.stock if facts is not None else {}
    last = next((k for k in range(i, j + 1) if tokens[k].text.startswith("последн")), None) if i is not None else None
    if number is None and last is not None:
        # "(осталась) последняя сумка": a claim of one item left, when the noun is goods.
        i = last
        noun = tokens[i + 1] if i + 1 < len(tokens) else None
        # "остался последний диван", "на складе последний диван"
        after_left = (i > 0 and tokens[i - 1].text.startswith(("оста", "складе", "наличии"))) or (
            i + 2 < len(tokens) and tokens[i + 1].text == "на" and tokens[i + 2].text.startswith("склад"))
        if noun is None or not (after_left or _is_goods(noun, inp, stock)):
            return None
        number = 1
    if noun is not None and (noun.text.isdigit() or inp.ruleset.lexicons["not_stock"].matches(noun.text)):
        return None  # "осталось 2 дня", "осталось 3 занятия", "осталось оплатить 2 000" are not stock
    if not stock:
        if number is not None and number >= _NOT_SCARCE:
            return None  # "осталось 140 коробок": a count that large is a report, not scarcity
        return d if enabled.get(d.rule, True) else None
    key = None
    if noun is not None:
        key = next((k for k in stock if inp.same_item(k, noun.text)), None)
    if key is None:
        # "Этого тоника осталось 2 флакона": the item is named elsewhere in the sentence
        sentence = [t.text for t in tokens if t.sentence == tokens[i].sentence] if i is not None else []
        key = next((k for k in stock if any(inp.same_item(k, w) for w in sentence)), None)
    if key is None and len(stock) == 1 and (noun is None or noun.text in _SCARCITY_NOUNS):
        only = next(iter(stock))
        sentence = [t.text for t in tokens if t.sentence == tokens[i].sentence] if i is not None else []
        offers = inp.context.offers if inp.context is not None else []
        named_other = any(not inp.same_item(o.name, only) and any(inp.same_item(o.name, w) for w in sentence)
                          for o in offers)
        if not named_other:
            key = only  # "осталось 3 штуки" with one stock fact (not "3 пары перчаток" when the fact is about hats)
    if key is None:
        return d if enabled.get(d.rule, True) else None
    actual = stock[key]
    if number is None or (actual <= number if less else actual == number):
        return None
    rule = _CX008
    msg = f"В тексте остаток {number}, а по данным о наличии «{key}» — {actual}. Пишите реальный остаток или не упоминайте его."
    return Diagnostic(rule.code, rule.name, rule.severity, msg, d.start, d.end, rule.fix)

def _is_goods(noun: Token, inp: CheckInput, stock: Mapping[str, int]) -> bool:
    if noun.text in _SCARCITY_NOUNS:
        return True
    ctx = inp.context
    names = list(stock)
    if ctx is not None:
        names += [o.name for o in ctx.offers]
        if ctx.base is not None:
            names.append(ctx.base.name)
    return any(inp.same_item(n, noun.text) for n in names)

def deadline_mismatch(inp: CheckInput) -> list[Diagnostic]:
    deadline = inp.context.facts.deadline  # type: ignore[union-attr]
    out = []
    if deadline != dt.date.today():
        for m in _TODAY_END_RE.finditer(inp.analysed.norm):  # "закончится сегодня" but the deadline is another day
            msg = _CX009.message.format(deadline=deadline.strftime("%d.%m.%Y"))
            out.append(Diagnostic(_CX009.code, _CX009.name, _CX009.severity, msg, m.start(), m.end(), _CX009.fix))
    for m in _DATE_RE.finditer(inp.analysed.norm):
        day = int(m.group(1))
        month = _MONTHS[m.group(2)] if m.group(2) else int(m.group(3))
        if (day, month) != (deadline.day, deadline.month):
            msg = _CX009.message.format(deadline=deadline.strftime("%d.%m.%Y"))
            out.append(Diagnostic(_CX009.code, _CX009.name, _CX009.severity, msg, m.start(), m.end(), _CX009.fix))
    return out


_BACKING = {r.code: r.backed_by for r in ALL_RULES if r.backed_by}
_CX008 = BY_CODE["CX008"]
_CX009 = BY_CODE["CX009"]
