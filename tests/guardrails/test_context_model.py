"""The context model (contract 1) rejects values that would make the rules' arithmetic meaningless."""

from __future__ import annotations

import math

import pytest
from pydantic import ValidationError

import guardrails
from guardrails.context import MessageContext


@pytest.mark.parametrize("price", [math.inf, -math.inf, math.nan, True, -1])
def test_a_price_must_be_a_finite_non_negative_number(price: object) -> None:
    with pytest.raises(ValidationError):
        MessageContext.model_validate({"base": {"name": "Телевизор", "price": price}})
    with pytest.raises(ValidationError):
        MessageContext.model_validate({"offers": [{"name": "Кронштейн", "price": price}]})


@pytest.mark.parametrize("count", [-1, True, 2.5])
def test_a_stock_count_must_be_a_whole_non_negative_number(count: object) -> None:
    with pytest.raises(ValidationError):
        MessageContext.model_validate({"facts": {"stock": {"Кронштейн": count}}})


def test_ordinary_values_still_validate() -> None:
    ctx = MessageContext.model_validate({"base": {"name": "Телевизор", "price": 280000},
                                         "offers": [{"name": "Кронштейн", "price": 9000.5}],
                                         "facts": {"stock": {"Кронштейн": 0}}})
    assert ctx.base is not None and ctx.base.price == 280000
    assert ctx.facts is not None and ctx.facts.stock == {"Кронштейн": 0}


def test_a_huge_price_is_an_input_error_not_a_crash() -> None:
    """1e400 parses as infinity; the price ceiling would divide by it."""
    with pytest.raises(ValidationError):
        guardrails.lint("К телевизору рекомендую кронштейн.", {"base": {"name": "Телевизор", "price": 1e400}})
