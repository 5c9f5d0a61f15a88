"""Drafting upsell / cross-sell messages from a customer context.

``draft(context)`` selects offers from the catalog's matrix, realises
messages offline or asks an OpenAI-compatible model, lints every draft in
context with the guardrails, and returns only clean drafts (see `loop`).
"""

from __future__ import annotations

from coach.drafting.bridge import message_context
from coach.drafting.loop import DraftStream, draft, has_errors, lint_draft, stream_draft
from coach.drafting.models import Draft, DraftResult, Rejected

__all__ = ["Draft", "DraftResult", "DraftStream", "Rejected", "draft", "has_errors", "lint_draft",
           "message_context", "stream_draft"]
