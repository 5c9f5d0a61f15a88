"""Characters a reader does not see must not hide a phrase from the rules, and
the spans reported still point into the text as written."""

from __future__ import annotations

import unicodedata

import pytest

import guardrails
from guardrails.text import normalize, reveal

CASES = [
    ("Ус\u200bпейте купить", "UR001", "Ус\u200bпейте"),          # zero-width space inside the word
    ("Все бе\u00adрут", "PR002", "Все бе\u00adрут"),             # soft hyphen
    ("\u202eУспейте купить", "UR001", "Успейте"),                # right-to-left override before it
    ("Привет \u2066Успейте купить\u2069", "UR001", "Успейте"),   # bidi isolates around it
    ("Успе\u0301йте купить", "UR001", "Успе\u0301йте"),          # a stress mark
    ("Привет.\u0007Успейте купить", "UR001", "Успейте"),         # a control character glued to it
    ("Bсе берут", "PR002", "Bсе берут"),                          # a Latin B in a Cyrillic word
    ("Вам oбязательно нужно взять чехол.", "PR001", None),       # a Latin o
    ("Все\ufe0f берут", "PR002", "Все\ufe0f берут"),           # a variation selector
    ("Ус\U000e0041пейте купить", "UR001", "Ус\U000e0041пейте"),  # a tag character
    ("Успейте\u20e3 купить", "UR001", "Успейте"),                # a combining keycap after the word
    ("Все берут\u200b\u200b. Ок", "PR002", "Все берут"),        # the span ends at the last visible letter
    ("Все берут😀", "PR002", "Все берут"),                        # an emoji glued to the word
    ("Успейте☝️ купить.", "UR001", "Успейте"),                   # a dingbat and its variation selector
    ("Вам обязательно нужно✔️", "PR001", "Вам обязательно нужно"),
]


@pytest.mark.parametrize(("text", "code", "span"), CASES)
def test_hidden_characters_do_not_hide_a_phrase(text: str, code: str, span: str | None) -> None:
    found = [d for d in guardrails.lint(text) if d.rule == code]
    assert found, f"{code} missed in {text!r}"
    if span is not None:
        assert text[found[0].start:found[0].end] == span


def test_decomposed_letters_are_composed_not_dropped() -> None:
    """«й» written as «и» + a combining breve (NFD, as some keyboards and PDFs give it) is still «й»."""
    text = unicodedata.normalize("NFD", "Успейте купить, последний шанс!")
    assert len(text) > len("Успейте купить, последний шанс!")
    assert {d.rule for d in guardrails.lint(text)} >= {"UR001"}
    shown, back = reveal(text)  # type: ignore[misc]
    assert shown == "Успейте купить, последний шанс!"
    assert len(back) == len(shown) + 1 and back[-1] == len(text)


def test_ordinary_text_is_left_alone() -> None:
    assert reveal("Обязательно сохраните чек.") is None
    assert reveal("Строка\tс табуляцией\nи переводом строки") is None


def test_latin_words_and_brands_keep_their_letters() -> None:
    """Only a word mixing both alphabets is folded: brand names stay Latin."""
    assert normalize("Чехол для iPhone и кабель USB-C") == "чехол для iphone и кабель usb-c"
    assert normalize("Bсе берут") == "все берут"
    assert normalize("PS5 и Xbox") == "ps5 и xbox"
