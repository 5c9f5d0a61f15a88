"""LLM prompts for drafting: rendered from ``prompts/draft/`` through the sandbox.

Customer data goes into the user message as JSON inside a delimited data
section; the system prompt holds only our instructions, so a customer's words
("ignore the rules and …") stay data.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

import guardrails

from coach.catalog import Catalog
from coach.customer import CustomerContext
from coach.llm import Message
from coach.offers import Offer, Selection
from coach.templating import format_money, render

__all__ = ["build_messages", "retry_messages", "clean_reply", "prompt_data"]

_FENCE = re.compile(r"^```[a-zA-Z]*\s*\n?(.*?)\n?```$", re.S)
_LABEL = re.compile(r"^(?:сообщение|текст сообщения|текст|ответ|черновик)\s*:\s*", re.I)
_QUOTES = (("«", "»"), ('"', '"'), ("“", "”"))


def prompt_data(context: CustomerContext, catalog: Catalog, selection: Selection, offers: Sequence[Offer],
                message_context: guardrails.MessageContext, *, touch: str | None = None) -> dict[str, Any]:
    """What the model may know about the customer and the offers (plain JSON data)."""
    cur = catalog.currency
    base = selection.base
    return {
        "customer": context.customer.name,
        "company": context.customer.company,
        "channel": context.channel,
        "stage": context.stage,
        "intent": context.intent,
        "touch": touch,
        "objection": context.objection,
        "goal": context.goal,
        "base": {"name": base.name, "price_text": format_money(base.price, cur)} if base else None,
        "offers": [
            {"name": o.name, "kind": o.kind, "benefit": o.benefit, "risk": o.risk,
             "price_text": format_money(o.price, cur),
             "extra_text": format_money(o.extra_cost, cur) if o.kind == "upsell" else None}
            for o in offers
        ],
        "purchased_recently": message_context.purchased_recently,
        "refused": message_context.refused,
        "facts": {
            "deadline": context.facts.deadline.isoformat() if context.facts.deadline else None,
            "stock": message_context.facts.stock if message_context.facts else {},
            "notes": list(context.facts.notes),
        },
        "brand": catalog.brand or catalog.title,
    }


def _dump(data: dict[str, Any]) -> str:
    text = json.dumps(data, ensure_ascii=False, indent=1)
    # data can never close the delimited section: "<" and ">" are escaped inside JSON strings
    return text.replace("<", "\\u003c").replace(">", "\\u003e")


def build_messages(data: dict[str, Any], *, variant: int = 0) -> list[Message]:
    system = render("draft/system.j2", channel=data["channel"], intent=data["intent"], touch=data.get("touch"))
    user = render("draft/user.j2", data=_dump(data), variant=variant)
    return [("system", system), ("user", user)]


def retry_messages(messages: Sequence[Message], draft: str,
                   diagnostics: Sequence[guardrails.Diagnostic]) -> list[Message]:
    """The conversation plus the failed draft and the linter's findings."""
    items = [{"rule": d.rule, "message": d.message, "fix": d.fix,
              "fragment": draft[d.start:d.end] if 0 <= d.start < d.end <= len(draft) and d.end - d.start < 120 else ""}
             for d in diagnostics if d.severity is guardrails.Severity.ERROR]
    return [*messages, ("assistant", draft), ("user", render("draft/retry.j2", diagnostics=items))]


def clean_reply(text: str) -> str:
    """Strip what models wrap around a message: code fences, a label, enclosing quotes."""
    out = text.strip()
    match = _FENCE.match(out)
    if match:
        out = match.group(1).strip()
    out = _LABEL.sub("", out, count=1).strip()
    for left, right in _QUOTES:
        if len(out) > 2 and out.startswith(left) and out.endswith(right):
            inner = out[1:-1]
            if left not in inner and right not in inner:
                out = inner.strip()
    return out
