"""Guardrails: a morphology-aware linter for Russian sales messages.

This package imports nothing of the rest of the project and no UI or LLM
library, so it starts fast and can be used on its own::

    >>> import guardrails
    >>> [d.rule for d in guardrails.lint("Вам обязательно нужно взять чехол!")]
    ['PR001']
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from guardrails.config import LintConfig
from guardrails.diagnostic import Diagnostic, Severity
from guardrails.engine import Linter, lint

if TYPE_CHECKING:
    from guardrails.context import BaseItem, Facts, MessageContext, Offer

_CONTEXT_MODELS = ("BaseItem", "Facts", "MessageContext", "Offer")


def __getattr__(name: str) -> Any:
    # The pydantic models are imported on first use: a cold `coach lint` of
    # plain text never pays for pydantic.
    if name in _CONTEXT_MODELS:
        from guardrails import context

        return getattr(context, name)
    raise AttributeError(f"module 'guardrails' has no attribute {name!r}")

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
