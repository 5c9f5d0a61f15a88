"""Every signal's examples in lexicon.yaml run as tests: `match` must fire, `no_match` must not."""

from __future__ import annotations

import pytest

from coach.roleplay.lexicon import lexicon
from coach.roleplay.morph import tokenize

CASES = [(name, text, True) for name, spec in lexicon().data.signals.items() for text in spec.examples.match]
CASES += [(name, text, False) for name, spec in lexicon().data.signals.items() for text in spec.examples.no_match]


def fires(signal: str, text: str) -> bool:
    lex = lexicon()
    tokens = tokenize(text)
    if signal in lex.signals:
        return bool(lex.find(signal, tokens))
    return any(t.imperative and lex.has_lemma(signal, t) for t in tokens)


@pytest.mark.parametrize(("signal", "text", "expected"), CASES, ids=[f"{c[0]}:{c[1][:30]}" for c in CASES])
def test_signal_examples(signal: str, text: str, expected: bool) -> None:
    assert fires(signal, text) is expected


def test_every_signal_has_examples_both_ways() -> None:
    for name, spec in lexicon().data.signals.items():
        assert spec.examples.match, name
        assert spec.examples.no_match, name


def test_cues_match_inflected_forms() -> None:
    lex = lexicon()
    assert lex.find("next_action", tokenize("Мы вам обязательно напомним."))  # cue: напомнить
    assert lex.find("acknowledge", tokenize("Понимаем ваши сомнения."))        # cue: понимать
    assert not lex.find("acknowledge", tokenize("Берите."))


@pytest.mark.parametrize(("objection", "kind"), [
    ("Дорого.", "price"), ("Дороговато для меня.", "price"), ("Не сейчас.", "timing"),
    ("Давайте позже.", "timing"), ("Я подумаю.", "think"), ("Мне надо подумать.", "think"),
    ("Нужно обсудить с директором.", "boss"), ("Это решает руководитель.", "boss"),
    ("У конкурентов дешевле.", "competitor"), ("Я видел дешевле в другом магазине.", "competitor"),
    ("У меня уже есть.", "have_already"), ("Нам это не нужно, уже пользуемся другим.", "have_already"),
    ("Здравствуйте.", "other"),
])
def test_objection_kind(objection: str, kind: str) -> None:
    from coach.roleplay.rubric import objection_kind

    assert objection_kind(objection) == kind
