"""Which offers fit the customer (with reasons) and which were skipped (with why)."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.widgets import Static

__all__ = ["OffersPanel", "render_selection"]


def render_selection(selection: Any, currency: str = "", success: str = "green", error: str = "red") -> Text:
    """The offer selection as text: chosen first, then skipped, then general notes."""
    from coach.offers import KIND_RU
    from coach.templating import format_money

    text = Text()
    text.append("Предложить\n", style="bold")
    if not selection.chosen:
        text.append("  нечего — см. причины ниже\n", style="dim")
    for candidate in selection.chosen:
        offer = candidate.offer
        text.append("✓ ", style=f"bold {success}")
        text.append(offer.name, style="bold")
        text.append(f" ({KIND_RU.get(offer.kind, offer.kind)}, {format_money(offer.price, currency)})\n")
        for reason in candidate.reasons:
            text.append(f"  · {reason}\n", style="dim")
    if selection.notes:
        text.append("\nВажно\n", style="bold")
        for note in selection.notes:
            text.append("! ", style=f"bold {error}")
            text.append(f"{note}\n")
    if selection.skipped:
        text.append("\nНе предлагать\n", style="bold")
        for candidate in selection.skipped:
            text.append("✗ ", style=f"bold {error}")
            text.append(candidate.offer.name)
            text.append("\n")
            for reason in candidate.reasons:
                text.append(f"  · {reason}\n", style="dim")
    return text


class OffersPanel(Static):
    DEFAULT_CSS = """
    OffersPanel { height: auto; }
    """

    def show(self, selection: Any, currency: str = "") -> None:
        theme = self.app.current_theme
        self.update(render_selection(selection, currency, theme.success or "green", theme.error or "red"))
