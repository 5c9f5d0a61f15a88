"""The rule registry: every rule, in code order."""

from __future__ import annotations

from guardrails.rule import Rule
from guardrails.rules import competitors, context, learned, meta, pressure, tone, urgency

ALL_RULES: tuple[Rule, ...] = tuple(
    sorted(
        (*pressure.RULES, *urgency.RULES, *tone.RULES, *competitors.RULES, *context.RULES, *learned.RULES, *meta.RULES),
        key=lambda r: r.code,
    )
)
BY_CODE: dict[str, Rule] = {r.code: r for r in ALL_RULES}
LEXICONS = context.LEXICONS
PRESENCE_LEXICONS = context.PRESENCE_LEXICONS

__all__ = ["ALL_RULES", "BY_CODE", "LEXICONS", "PRESENCE_LEXICONS"]
