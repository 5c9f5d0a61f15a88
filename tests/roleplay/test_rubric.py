"""The rubric evaluator: quality on labelled replies, per-skill evidence, caps and context."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
from roleplay_helpers import DATA, read_jsonl

from coach.errors import InputError
from coach.roleplay import SKILLS, EvalContext, evaluate_reply

SHARED_CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"


def roc_auc(good: list[float], bad: list[float]) -> float:
    """Probability that a random good reply outscores a random bad one (ties count half)."""
    wins = sum(1.0 if g > b else 0.5 if g == b else 0.0 for g in good for b in bad)
    return wins / (len(good) * len(bad))


def test_roc_auc() -> None:
    assert roc_auc([3, 4], [1, 2]) == 1.0
    assert roc_auc([1], [2]) == 0.0
    assert roc_auc([1], [1]) == 0.5


@pytest.mark.skipif(not (SHARED_CORPUS / "replies-dev.jsonl").is_file(),
                    reason="shared corpus directory ../shared/corpus is absent (not a full checkout)")
def test_shared_dev_corpus_every_good_reply_beats_every_bad_one() -> None:
    by_objection: dict[str, dict[str, list[tuple[int, str]]]] = defaultdict(lambda: defaultdict(list))
    for row in read_jsonl(SHARED_CORPUS / "replies-dev.jsonl"):
        score = evaluate_reply(row["objection"], row["reply"]).score
        by_objection[row["objection"]][row["label"]].append((score, row["reply"]))
    assert by_objection
    for objection, groups in by_objection.items():
        worst_good = min(groups["good"])
        best_bad = max(groups["bad"])
        assert worst_good[0] > best_bad[0], (objection, worst_good, best_bad)


def test_labelled_set_is_big_and_balanced() -> None:
    rows = read_jsonl(DATA / "replies-labelled.jsonl")
    assert len(rows) >= 150
    per_group = defaultdict(lambda: defaultdict(int))
    for row in rows:
        per_group[row["group"]][row["label"]] += 1
    assert len(per_group) == 6
    for counts in per_group.values():
        assert counts["good"] >= 10 and counts["bad"] >= 10
    assert len({row["objection"] for row in rows}) > 6  # paraphrased objections too


def test_labelled_set_roc_auc_at_least_095() -> None:
    rows = read_jsonl(DATA / "replies-labelled.jsonl")
    scores = {"good": [], "bad": []}
    for row in rows:
        scores[row["label"]].append(evaluate_reply(row["objection"], row["reply"]).score)
    auc = roc_auc(scores["good"], scores["bad"])
    assert auc >= 0.95, auc


def test_every_skill_scored_with_a_quote_from_the_reply() -> None:
    reply = "Понимаю. Что для вас приоритетнее — цена или срок службы? От этого подберём вариант."
    ev = evaluate_reply("Дорого.", reply)
    assert set(ev.criteria) == set(SKILLS)
    for name, criterion in ev.criteria.items():
        assert 0 <= criterion.score <= 100, name
        assert criterion.evidence == "" or criterion.evidence in reply, (name, criterion.evidence)
    assert ev.criteria["acknowledges"].evidence == "Понимаю."
    assert "?" in ev.criteria["clarifies"].evidence
    assert ev.score >= 80
    assert ev.feedback and ev.suggestion


def test_pressure_diagnostic_caps_a_polite_reply() -> None:
    polite = "Понимаю вас. Что для вас важнее — цена или срок службы? Давайте подберём вариант."
    pushy = polite + " Все берут именно эту модель."
    clean, capped = evaluate_reply("Дорого.", polite), evaluate_reply("Дорого.", pushy)
    assert clean.score >= 80
    assert capped.score <= 30
    assert capped.criteria["no_pressure"].score < 50
    assert "все берут" in capped.criteria["no_pressure"].evidence.lower()
    assert any(d.startswith("PR") for d in capped.diagnostics)


@pytest.mark.parametrize("reply", [
    "Да это копейки!", "Вы не правы, это нормальная цена.", "Что тут думать? Берите!", "Ну, как хотите.",
    "Потом будет дороже, решайте сейчас!", "Ладно.",
])
def test_bad_replies_score_low(reply: str) -> None:
    assert evaluate_reply("Дорого.", reply).score <= 40


def test_imperative_is_pressure_but_not_a_question_or_a_softened_offer() -> None:
    assert evaluate_reply("Дорого.", "Берите, не пожалеете.").criteria["no_pressure"].score < 50
    soft = evaluate_reply("Дорого.", "Понимаю. Если удобно, возьмите на пробу неделю — потом решите. Подходит?")
    assert soft.criteria["no_pressure"].score == 100
    question = evaluate_reply("Дорого.", "Согласна, недешево. Что останавливает — сумма или непонятно, за что платите?")
    assert question.criteria["no_pressure"].score == 100


def test_repeating_the_offer_after_a_refusal_is_penalised() -> None:
    offer = "Давайте всё-таки добавим чехол, он защитит экран. Добавить?"
    ctx = EvalContext(refused=True, previous_replies=[offer])
    ev = evaluate_reply("Нет, спасибо.", offer, context=ctx)
    assert ev.criteria["respects_refusal"].score <= 10
    assert ev.score <= 30
    respectful = evaluate_reply("Нет, спасибо.", "Хорошо, не буду настаивать — решать вам. Если передумаете, напишите.",
                                context={"refused": True, "previous_replies": [offer]})
    assert respectful.criteria["respects_refusal"].score == 100
    assert respectful.score > ev.score
    assert "настаивать" in respectful.suggestion


def test_value_hooks_from_the_scenario_count_as_value() -> None:
    reply = "Понимаю. Для документов и таблиц хватит и младшей модели."
    plain = evaluate_reply("Дорого.", reply)
    hooked = evaluate_reply("Дорого.", reply, context={"value_hooks": ["документы", "таблицы"]})
    assert hooked.criteria["ties_to_value"].score > plain.criteria["ties_to_value"].score
    assert hooked.criteria["ties_to_value"].evidence in ("документы", "таблицы")


def test_suggestion_follows_the_objection_and_the_stage() -> None:
    assert "приоритетнее" in evaluate_reply("Дорого.", "Ладно.").suggestion
    assert "напомню" in evaluate_reply("Не сейчас.", "Ладно.").suggestion
    assert "директор" in evaluate_reply("Нужно обсудить с директором.", "Ладно.").suggestion
    revealed = evaluate_reply("Дорого.", "Ладно.", context={"stage": "revealed"}).suggestion
    assert revealed != evaluate_reply("Дорого.", "Ладно.").suggestion


def test_long_monologue_loses_brevity() -> None:
    long_reply = "Понимаю. " + " ".join(["Эта модель очень надёжная и служит долго."] * 12) + " Что для вас важнее?"
    assert evaluate_reply("Дорого.", long_reply).criteria["brief"].score < 50


def test_bad_input_is_an_input_error() -> None:
    with pytest.raises(InputError):
        evaluate_reply("Дорого.", "   ")
    with pytest.raises(InputError, match="context"):
        evaluate_reply("Дорого.", "Понимаю.", context={"stage": "later"})


def test_cues_do_not_match_across_sentences() -> None:
    # "вас. Что" must not read as the rhetorical "вы что"
    ev = evaluate_reply("Нужно обсудить с директором.",
                        "Понимаю вас. Что директору важнее — сэкономить бюджет или время сотрудников?")
    assert ev.criteria["no_pressure"].score == 100 and ev.score >= 70


def test_rhetorical_pressure_without_a_question_mark() -> None:
    assert evaluate_reply("Я подумаю.", "О чём тут думать, всё же ясно.").score <= 30


def test_discount_before_asking_is_capped() -> None:
    assert evaluate_reply("Дорого.", "Давайте я сразу скидку 15% сделаю, только не уходите.").score <= 40
    asked = evaluate_reply("Дорого.", "Понимаю. На какой бюджет ориентируетесь? Если дело в сумме, есть вариант со скидкой за годовой договор.")
    assert asked.score > 60
