"""The learned second opinion (guardrails.model, rule ML001)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

import guardrails
from guardrails.model import MODEL_PATH, PressureModel, corpus_digest, default_model, features, load_model, stems
from guardrails.rules.learned import MIN_WORDS
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


def test_features_are_stems_and_neighbouring_pairs() -> None:
    flat = Analysed("Берите сразу, все берут!").flat
    assert stems(flat) == ["берит", "сразу", "все", "берут"]
    assert features(flat) == ["берит", "сразу", "все", "берут", ("берит", "сразу"), ("сразу", "все"), ("все", "берут")]


def test_fast_logit_equals_the_explained_score_on_every_labelled_message() -> None:
    model = default_model()
    for item in _items():
        flat = Analysed(item["text"]).flat
        fast, slow = model.logit(flat), model.score(flat).logit
        assert (math.isinf(fast) and fast == slow) or abs(fast - slow) < 1e-9, item["id"]


def test_logit_is_the_tfidf_logistic_formula() -> None:
    """Worked by hand: two known features, one unknown; binary TF-IDF, L2 norm."""
    model = PressureModel({"берит": (2.0, 1.5), ("берит", "сразу"): (3.0, -0.5)}, intercept=0.25, threshold=0.0)
    flat = " берите сразу берите завтра "
    expected = (2.0 * 1.5 + 3.0 * -0.5) / math.sqrt(2.0**2 + 3.0**2) + 0.25
    assert model.logit(flat) == pytest.approx(expected)
    assert model.score(flat).top == ("берит",)
    assert model.logit(" завтра ") == -math.inf  # nothing known: no evidence
    assert model.logit(flat, min_words=5) == -math.inf


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


def test_ml001_judges_the_message_as_a_whole() -> None:
    """Trained on whole messages: one pushy sentence in a long honest message
    can stay under the threshold (a known limit, see README)."""
    text = ("Спасибо, что выбрали нас, доставка завтра до обеда. "
            "Девять из десяти водителей у нас берут антикор, не будьте десятым.")
    model = default_model()
    assert model.logit(Analysed(text).flat) < model.logit(Analysed(text.split(". ")[1]).flat)


def test_ml001_is_silent_on_short_messages() -> None:
    """Below MIN_WORDS words there is too little evidence (the rules still speak)."""
    for text in ("Да", "Добрый день, чем помочь?", "Заказ оплачен, спасибо"):
        assert len(stems(Analysed(text).flat)) < MIN_WORDS
        assert guardrails.lint(text) == []


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
