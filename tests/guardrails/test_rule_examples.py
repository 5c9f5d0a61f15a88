"""Every rule's failing and passing examples run as tests (sqlfluff / proselint style).

Message examples run through `guardrails.lint`; examples that are whole files
(placeholders, suppressions, the catalog's matrix) run through the sources,
as `coach lint` would read them.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

import guardrails
from guardrails.engine import default_linter
from guardrails.reporters import make_reporter
from guardrails.rule import Example
from guardrails.rules import ALL_RULES
from guardrails.runner import run_lint


def _codes(example: Example, tmp_path: Path) -> list[str]:
    if example.source is None:
        return [d.rule for d in guardrails.lint(example.text, example.context)]
    for name, content in (example.files or {}).items():
        (tmp_path / name).write_text(content, encoding="utf-8")
    path = tmp_path / f"example{example.source}"
    path.write_text(example.text, encoding="utf-8")
    summary = run_lint([str(path)], default_linter(), make_reporter("json", io.StringIO()))
    assert not summary.problems, [str(p) for p in summary.problems]
    return list(summary.by_rule)


def _cases(which: str) -> list:
    return [
        pytest.param(rule, ex, id=f"{rule.code}-{which}-{i}")
        for rule in ALL_RULES
        for i, ex in enumerate(rule.examples(which))
    ]


@pytest.mark.parametrize(("rule", "example"), _cases("fail"))
def test_rule_flags_its_failing_examples(rule, example, tmp_path):
    codes = _codes(example, tmp_path)
    assert rule.code in codes, f"{rule.code} missed: {example.text!r} (got {codes})"


@pytest.mark.parametrize(("rule", "example"), _cases("pass"))
def test_rule_leaves_its_passing_examples_alone(rule, example, tmp_path):
    codes = _codes(example, tmp_path)
    assert rule.code not in codes, f"{rule.code} fired on {example.text!r}"


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: r.code)
def test_rule_is_documented(rule):
    assert rule.fail and rule.passes, "every rule needs failing and passing examples"
    assert rule.message and rule.why and rule.name
    assert rule.group in ("PR", "UR", "TN", "CM", "CX", "ML", "TPL", "SUP")
    assert any(ch in rule.message for ch in "абвгдежзийклмнопрстуфхцчшщыэюя"), "messages are in Russian"


def test_codes_are_unique():
    codes = [r.code for r in ALL_RULES]
    assert len(codes) == len(set(codes))


def test_pattern_slots_are_words():
    """Every alternative of a pattern slot is something a word can be: no spaces and
    no punctuation the tokeniser breaks on or strips from an edge.  (A sentence pasted
    into a pattern list by mistake can never match, and nothing else would notice.)"""
    from guardrails.patterns import parse_pattern
    from guardrails.text import _BREAKS, _ENDERS, _STRIP

    never_inside = set(_BREAKS + _ENDERS + " \t\n\u00a0")
    bad = []
    for rule in ALL_RULES:
        for source in (*rule.patterns, *rule.unless):
            for slot in parse_pattern(source).slots:
                for alt in slot.alternatives:
                    if alt in ("<num>", "<any>", "<end>"):
                        continue
                    word = alt.lstrip("@").split(":")[0].rstrip("*")
                    if not word or set(word) & never_inside or word[0] in _STRIP or word[-1] in _STRIP:
                        bad.append((rule.code, source, alt))
    assert not bad, bad
