"""Guardrails: a morphology-aware linter for Russian sales messages.

This package imports nothing of the rest of the project and no UI or LLM
library, so it starts fast and can be used on its own::

    >>> import guardrails
    >>> [d.rule for d in guardrails.lint("Вам обязательно нужно взять чехол!")]
    ['PR001']
"""

from __future__ import annotations

from guardrails.config import LintConfig
from guardrails.context import BaseItem, Facts, MessageContext, Offer
from guardrails.diagnostic import Diagnostic, Severity
from guardrails.engine import Linter, lint

__all__ = [
    "BaseItem",
    "Diagnostic",
    "Facts",
    "LintConfig",
    "Linter",
    "MessageContext",
    "Offer",
    "Severity",
    "lint",
]
