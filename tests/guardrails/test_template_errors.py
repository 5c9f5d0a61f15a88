"""Jinja's syntax errors reach the salesperson in Russian (TPL002)."""

from __future__ import annotations

import re

import pytest

from guardrails.templates import check_placeholders

CASES = [
    ("К телефону рекомендую {{ offer.name }.", "подстановка не закрыта"),
    ("К телефону рекомендую {{ offer.name ) }}.", "лишний символ «)»"),
    ("Рекомендую {% if offer %}чехол.", "блок {% if %} не закрыт"),
    ("Рекомендую чехол.{% endfor %}", "закрывающий тег {% endfor %} без открывающего"),
    ("{% if offer %}Рекомендую чехол.{% endfor %}", "тег {% endfor %} не к месту: сначала закройте {% if %}"),
    ("Рекомендую {{ }}.", "пустая подстановка: перед «}}» нет выражения"),
    ("Рекомендую {{ offer name }}.", "ожидалось «}}», а стоит ещё одно слово (пропущена точка?)"),
    ("Рекомендую {% foo %}.", "неизвестный тег «foo»"),
    ("Рекомендую {{ offer.price + }}.", "выражение не закончено перед «}}»"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_jinja_errors_are_described_in_russian(text: str, expected: str) -> None:
    _, _, diags = check_placeholders(text)
    tpl = [d for d in diags if d.rule == "TPL002"]
    assert len(tpl) == 1
    assert expected in tpl[0].message
    assert ".." not in tpl[0].message
    assert not re.search(r"[A-Za-z]{4,}", tpl[0].message.replace(expected, "")), tpl[0].message
