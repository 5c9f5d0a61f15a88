"""What a rule is: data (code, name, severity, Russian message, why, patterns)
plus examples that run as tests.

Text rules are token patterns (see :mod:`guardrails.patterns`); a rule fires
when any of its ``patterns`` matches and none of its ``unless`` patterns
overlaps the match.  Rules with logic beyond patterns (context rules, shouting,
placeholders) provide a ``check`` function instead.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from guardrails.diagnostic import Severity

if TYPE_CHECKING:
    from guardrails.checks import CheckInput
    from guardrails.diagnostic import Diagnostic

__all__ = ["Rule", "Example", "GROUPS"]

# Group prefix -> (English title, Russian title)
GROUPS: dict[str, tuple[str, str]] = {
    "PR": ("Pressure and manipulation", "Давление и манипуляции"),
    "UR": ("Fake urgency and scarcity", "Ложная срочность и дефицит"),
    "TN": ("Tone: shouting and aggression", "Тон: крик и агрессия"),
    "CM": ("Disparaging competitors", "Очернение конкурентов"),
    "CX": ("Offer context", "Контекст предложения"),
    "ML": ("Learned model", "Обученная модель"),
    "TPL": ("Template placeholders", "Шаблонные подстановки"),
    "SUP": ("Suppressions", "Подавления"),
}

Backing = Literal["deadline", "stock"]


@dataclass(frozen=True)
class Example:
    """A message (with optional contract-1 context) the rule must flag or leave alone.

    Rules that only a source can see (placeholders, suppressions, the catalog's
    matrix) give a whole file instead: `source` is its suffix (".yaml", ".txt")
    and `files` any file it refers to (name -> content)."""

    text: str
    context: dict[str, Any] | None = None
    source: str | None = None
    files: dict[str, str] | None = None


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    message: str
    """Russian: what is wrong and what to do instead."""
    why: str
    """Russian: why this hurts the sale (shown by `coach rules CODE`)."""
    fail: tuple[Example | str, ...]
    passes: tuple[Example | str, ...]
    patterns: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()
    fix: str | None = None
    """Russian: suggested wording instead."""
    backed_by: Backing | None = None
    """Urgency and scarcity claims are allowed when the context's facts back them."""
    check: Callable[[CheckInput, Rule], list[Diagnostic]] | None = field(default=None, compare=False)
    needs_context: bool = False
    fallback: bool = False
    """Runs only when no pattern or tone rule has found an error in the message:
    a second opinion for what the written-down rules missed (ML001)."""

    @property
    def group(self) -> str:
        return self.code.rstrip("0123456789")

    def examples(self, which: Literal["fail", "pass"]) -> list[Example]:
        items = self.fail if which == "fail" else self.passes
        return [e if isinstance(e, Example) else Example(e) for e in items]
