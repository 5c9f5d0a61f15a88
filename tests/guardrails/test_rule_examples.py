"""Every rule's failing and passing examples run as tests (sqlfluff / proselint style)."""

from __future__ import annotations

import pytest

import guardrails
from guardrails.rules import ALL_RULES

_TEXT_RULES = [r for r in ALL_RULES if not r.group in ("TPL", "SUP")]


def _cases(which: str) -> list:
    return [
        pytest.param(rule, ex, id=f"{rule.code}-{which}-{i}")
        for rule in _TEXT_RULES
        for i, ex in enumerate(rule.examples(which))
    ]


@pytest.mark.parametrize(("rule", "example"), _cases("fail"))
def test_rule_flags_its_failing_examples(rule, example):
    codes = [d.rule for d in guardrails.lint(example.text, example.context)]
    assert rule.code in codes, f"{rule.code} missed: {example.text!r} (got {codes})"


@pytest.mark.parametrize(("rule", "example"), _cases("pass"))
def test_rule_leaves_its_passing_examples_alone(rule, example):
    diags = [d for d in guardrails.lint(example.text, example.context) if d.rule == rule.code]
    assert not diags, f"{rule.code} fired on {example.text!r}: {[example.text[d.start:d.end] for d in diags]}"


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: r.code)
def test_rule_is_documented(rule):
    assert rule.fail and rule.passes, "every rule needs failing and passing examples"
    assert rule.message and rule.why and rule.name
    assert rule.group in ("PR", "UR", "TN", "CM", "CX", "TPL", "SUP")
    assert any(ch in rule.message for ch in "абвгдежзийклмнопрстуфхцчшщыэюя"), "messages are in Russian"


def test_codes_are_unique():
    codes = [r.code for r in ALL_RULES]
    assert len(codes) == len(set(codes))
