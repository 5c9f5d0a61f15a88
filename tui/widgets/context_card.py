"""A short description of the chosen customer."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.widgets import Static

__all__ = ["ContextCard", "describe_context"]

_CHANNEL_RU = {"chat": "чат", "email": "письмо", "call": "звонок"}


def describe_context(context: Any, catalog: Any) -> Text:
    from coach.offers import STAGE_RU

    def name_of(ref: str) -> str:
        product = catalog.product(ref)
        return product.name if product is not None else ref

    text = Text()
    text.append(context.customer.name, style="bold")
    text.append(f"\nЭтап: {STAGE_RU.get(context.stage, context.stage)}")
    text.append(f" · канал: {_CHANNEL_RU.get(context.channel, context.channel)}\n")
    base = context.base_product(catalog)
    if base is not None:
        text.append("Покупка: ", style="bold")
        text.append(f"{base.name}\n")
    if context.cart:
        text.append("В корзине: ", style="bold")
        text.append(", ".join(name_of(c.item) for c in context.cart) + "\n")
    if context.history:
        text.append("Покупал: ", style="bold")
        text.append(", ".join(f"{name_of(h.item)} ({h.date:%d.%m})" for h in context.history) + "\n")
    if context.refused:
        text.append("Отказался: ", style="bold")
        text.append(", ".join(name_of(r.item) for r in context.refused) + "\n")
    if context.goal:
        text.append("Цель: ", style="bold")
        text.append(f"{context.goal}\n")
    if getattr(context, "objection", None):
        text.append("Возражение: ", style="bold")
        text.append(f"«{context.objection}»\n")
    return text


class ContextCard(Static):
    DEFAULT_CSS = """
    ContextCard { height: auto; }
    """

    def show(self, workspace: Any) -> None:
        self.update(describe_context(workspace.context, workspace.catalog))
