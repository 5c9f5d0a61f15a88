"""The pattern language (guardrails.patterns): gaps, optional slots, sentence ends."""

from __future__ import annotations

import pytest

from guardrails.patterns import compile_pattern, parse_pattern
from guardrails.text import Analysed


def _matches(source: str, text: str) -> bool:
    pattern = compile_pattern(parse_pattern(source), lambda spec: frozenset())
    return pattern.rx.search(Analysed(text).joined) is not None


@pytest.mark.parametrize(("source", "text", "expected"), [
    ("цена ~2 вырастет", "цена вырастет", True),
    ("цена ~2 вырастет", "цена точно скоро вырастет", True),
    ("цена ~2 вырастет", "цена на всё это точно вырастет", False),
    # an optional slot that is absent passes its room on to the next slot
    ("ваш ~4 просто? ~0 неполный", "ваш заказ, считайте, неполный", True),
    ("ваш ~4 просто? ~0 неполный", "ваш заказ просто неполный", True),
    ("ваш ~1 просто? ~0 неполный", "ваш заказ и правда неполный", False),
    # a match never crosses a sentence end
    ("цена ~3 вырастет", "Это цена. Она вырастет", False),
    ("потом ~0 все ~0 <end>", "Берите сейчас, потом всё.", True),
    ("потом ~0 все ~0 <end>", "Потом всё расскажу.", False),
])
def test_gaps_optional_slots_and_sentence_ends(source, text, expected):
    assert _matches(source, text) is expected
