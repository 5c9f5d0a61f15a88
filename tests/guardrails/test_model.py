"""The learned second opinion (guardrails.model, rule ML001)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

import guardrails
from guardrails.model import (
    MODEL_PATH, PressureModel, corpus_digest, default_model, features, load_model, pack, sentence_features, sentence_stems,
)
from guardrails.text import Analysed

DATA = Path(__file__).resolve().parent / "data"


def _items() -> list[dict]:
    return [json.loads(line) for p in sorted(DATA.glob("*.jsonl")) for line in p.read_text(encoding="utf-8").splitlines()]


def test_the_model_was_trained_on_the_current_labelled_sets() -> None:
    """A changed or added set needs `python tools/train_model.py` (see its docstring)."""
    stored = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    files = sorted(DATA.glob("*.jsonl"))
    assert stored["trained_on"] == [p.name for p in files]
    assert stored["data_sha256"] == corpus_digest(files), "labelled data changed: retrain with tools/train_model.py"


def test_features_are_stems_and_neighbouring_pairs_within_a_sentence() -> None:
    joined = Analysed("Берите сразу, все берут! Спасибо.").joined
    assert sentence_stems(joined) == [["берит", "сразу", "все", "берут"], ["спаси"], []]  # nothing after the last "."
    assert features(joined) == {"берит", "сразу", "все", "берут", "спаси",
                                "берит сразу", "сразу все", "все берут"}  # no pair across "!"


def test_logit_is_the_tfidf_logistic_formula() -> None:
    """Worked by hand: two known features, one unknown; binary TF-IDF, L2 norm."""
    model = PressureModel({"берит": pack(2.0, 1.5), "берит сразу": pack(3.0, -0.5)}, intercept=0.25, threshold=0.0)
    joined = " берите сразу берите завтра"
    expected = (2.0 * 1.5 + 3.0 * -0.5) / math.sqrt(2.0**2 + 3.0**2) + 0.25
    assert model.logit(joined) == pytest.approx(expected)
    assert model.score(sentence_stems(joined)[0]).top == ("берит",)
    assert model.logit(" завтра") == -math.inf  # nothing known: no evidence


def test_one_pushy_sentence_is_judged_on_its_own() -> None:
    """Diluted in a long message, a sentence still flags when it alone scores
    above threshold + sentence_margin (and has enough words)."""
    weights = {"купи": pack(1.0, 4.0), "доста": pack(1.0, -1.0), "завтр": pack(1.0, -1.0), "адрес": pack(1.0, -1.0),
               "курье": pack(1.0, -1.0), "позво": pack(1.0, -1.0)}
    model = PressureModel(weights, intercept=0.0, threshold=0.0, sentence_margin=1.0, min_words=2, sentence_min_words=3)
    joined = " доставка завтра адрес курьер позвонит | купи купи сейчас"
    assert model.logit(joined) < 0  # the whole message: honest on balance
    verdict = model.judge(joined.split())
    assert verdict.flagged and verdict.sentence == 1
    strict = PressureModel(weights, intercept=0.0, threshold=0.0, sentence_margin=5.0, min_words=2, sentence_min_words=3)
    assert not strict.judge(joined.split()).flagged
    short = PressureModel(weights, intercept=0.0, threshold=0.0, sentence_margin=1.0, min_words=2, sentence_min_words=4)
    assert not short.judge(joined.split()).flagged  # the pushy sentence has three words: too little evidence
    floored = PressureModel(weights, intercept=0.0, threshold=0.0, sentence_margin=1.0, min_words=2, sentence_min_words=3,
                            sentence_floor=model.logit(joined))
    assert not floored.judge(joined.split()).flagged  # the whole message is at the floor: sentences are not looked at


def test_a_model_file_of_another_format_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "m.json"
    bad.write_text(json.dumps({"format": 99}), encoding="utf-8")
    with pytest.raises(ValueError, match="unknown model format"):
        load_model(bad)


def test_ml001_points_at_the_worst_sentence_and_quotes_the_words_behind_it() -> None:
    text = "Доставка завтра. Девять из десяти водителей у нас берут антикор, не будьте десятым."
    (d,) = guardrails.lint(text)
    assert d.rule == "ML001" and d.severity.value == "error"
    assert text[d.start:d.end] == "Девять из десяти водителей у нас берут антикор, не будьте десятым"
    assert d.message.endswith("Больше всего на оценку повлияли: «не будьте».")


def test_ml001_finds_one_pushy_sentence_in_a_long_honest_message() -> None:
    text = ("Спасибо, что выбрали нас, доставка завтра до обеда. Курьер позвонит за час. "
            "Девять из десяти водителей у нас берут антикор, не будьте десятым.")
    (d,) = guardrails.lint(text)
    assert d.rule == "ML001"
    assert text[d.start:d.end] == "Девять из десяти водителей у нас берут антикор, не будьте десятым"


def test_ml001_is_silent_on_short_messages() -> None:
    """Below min_words words there is too little evidence (the rules still speak)."""
    model = default_model()
    from guardrails import model as model_module
    from guardrails.rules import learned

    assert model.min_words == model_module.MIN_WORDS == learned.MIN_WORDS == 5
    for text in ("Да", "Добрый день, чем помочь?", "Заказ оплачен, спасибо", "Берите, не пожалеете."):
        assert sum(map(len, sentence_stems(Analysed(text).joined))) < model.min_words
        assert not model.judge(Analysed(text).items).flagged
        assert all(d.rule != "ML001" for d in guardrails.lint(text))


def test_ml001_leaves_urgency_backed_by_facts_to_the_urgency_rules() -> None:
    text = "Мамы, которые любят своих детей, уже заказали зимние комбинезоны."
    assert [d.rule for d in guardrails.lint(text)] == ["ML001"]
    ctx = {"stage": "decided", "facts": {"deadline": "2026-12-31"}}
    assert guardrails.lint(text, ctx) == []


def test_ml001_runs_only_when_no_text_rule_rejected_the_message() -> None:
    pushy = "Вам обязательно нужно взять расширенную гарантию, не будьте десятым."
    assert [d.rule for d in guardrails.lint(pushy)] == ["PR001"]
    config = guardrails.LintConfig(ignore=("ML001",))
    assert guardrails.lint("Мамы, которые любят своих детей, уже заказали зимние комбинезоны.", config=config) == []


def test_ml001_judges_a_training_note_without_the_phrases_it_quotes() -> None:
    note = ("Памятка для новых сотрудников. Фразы «все берут», «это совсем недорого» и «я бы на вашем месте» "
            "мы не используем — они звучат как давление. Вместо них объясняйте пользу и называйте цену.")
    assert guardrails.lint(note) == []
    from guardrails.reported import without_reported_speech

    blanked = without_reported_speech(note, Analysed(note).norm)
    assert blanked is not None and len(blanked) == len(note) and "все берут" not in blanked
    assert without_reported_speech("Все берут этот вариант.", "все берут этот вариант.") is None
