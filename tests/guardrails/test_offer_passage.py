"""Where a long message makes its offer (guardrails.offer_passage, used by CX001)."""

from __future__ import annotations

import pytest

from guardrails.checks import CheckInput
from guardrails.engine import coerce_context, default_linter
from guardrails.offer_passage import housekeeping, offer_sentences, price_re, reason_missing_near_offer
from guardrails.text import Analysed

LINTER = default_linter()


def _input(text: str, offer: str, price: int, base: str = "Ноутбук") -> CheckInput:
    ctx = coerce_context({"stage": "after_purchase", "base": {"name": base, "price": 95000},
                          "offers": [{"name": offer, "price": price, "kind": "cross-sell", "in_stock": True}]})
    return CheckInput(Analysed(text), ctx, LINTER.config, LINTER.ruleset, frozenset())


@pytest.mark.parametrize("written", ["3500", "3 500", "3\u00a0500", "3\u202f500", "за 3 500 ₽", "3 500₽"])
def test_a_price_is_found_however_its_thousands_are_spaced(written: str) -> None:
    assert price_re(3500).search(written)


@pytest.mark.parametrize("written", ["13 500", "3 5000", "3,500", "35 00"])
def test_a_price_is_not_found_inside_another_number(written: str) -> None:
    assert not price_re(3500).search(written)


def test_the_passage_runs_from_the_offer_to_its_price_and_skips_order_news() -> None:
    inp = _input("Заказ ноутбука оформлен, доставка завтра. Курьер позвонит за час. Ещё рекомендую сумку. "
                 "Она стоит 3 500 ₽. Хорошего дня!", "Сумка", 3500)
    assert offer_sentences(inp) == {2, 3}
    assert housekeeping(inp) == {0, 1, 4}


def test_a_price_line_belongs_to_the_sentence_before_it() -> None:
    inp = _input("Спасибо за покупку. Доставка завтра. Для работы в дороге есть лёгкая сумка с отделением "
                 "для зарядки. Цена 3 500 ₽. Хорошего дня!", "Сумка", 3500)
    assert offer_sentences(inp) == {2, 3}
    assert not reason_missing_near_offer(inp)


def test_an_item_word_in_order_news_is_not_the_offer() -> None:
    inp = _input("Ваша бронь в отеле подтверждена. Заезд 19 декабря. Регистрация с 14:00. "
                 "Также предлагаем ужин в ресторане отеля — 9 000 ₸. Будем рады видеть вас!",
                 "Ужин в ресторане отеля", 9000, base="Номер «Стандарт»")
    assert offer_sentences(inp) == {3}
    assert reason_missing_near_offer(inp)


def test_a_reason_in_the_sentence_after_the_offer_counts_when_it_refers_back() -> None:
    text = ("Спасибо за заказ! Доставка в четверг. К заказу можем добавить сумку за 3 500 ₽. "
            "{} Если будут вопросы, пишите.")
    assert not reason_missing_near_offer(_input(text.format("С ней корпус не поцарапается в рюкзаке."), "Сумка", 3500))
    assert reason_missing_near_offer(_input(text.format("Пункт выдачи работает до восьми вечера."), "Сумка", 3500))


def test_short_messages_are_left_to_the_whole_message_count() -> None:
    inp = _input("Доставка завтра, курьер позвонит. Ещё есть сумка за 3 500 ₽. Хорошего дня!", "Сумка", 3500)
    assert not reason_missing_near_offer(inp)  # three sentences: every one is next to the offer
