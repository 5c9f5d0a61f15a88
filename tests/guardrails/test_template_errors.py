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


@pytest.mark.parametrize(("text", "block"), [
    ("{{ }} Все берут.", "{{ }}"),
    ("Все берут. {{ offer..name }}", "{{ offer..name }}"),
    ("Все берут. {% if %}", "{% if %}"),
])
def test_a_broken_placeholder_is_reported_alone_and_the_rules_still_run(text: str, block: str) -> None:
    """The error is the placeholder's, not the sentence's: the span is the placeholder,
    and the words around it are still linted."""
    from guardrails.engine import default_linter

    masked, names, diags = check_placeholders(text)
    tpl = [d for d in diags if d.rule == "TPL002"]
    assert len(tpl) == 1 and text[tpl[0].start:tpl[0].end] == block
    assert "PR002" in {d.rule for d in default_linter().lint(masked, placeholder_names=names)}


def test_raw_blocks_are_text_not_placeholders() -> None:
    _, names, diags = check_placeholders("{% raw %}{{ x }}{% endraw %} Пример шаблона.")
    assert not diags and "x" not in names
