"""Which offers fit the customer (with reasons) and which were skipped (with why)."""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

__all__ = ["OffersPanel", "render_selection"]


def _bullets(lines: list[str], marker: str = "·", style: str = "dim") -> Table:
    """Reasons with a hanging indent, so wrapped lines stay under their text."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=1, no_wrap=True)
    grid.add_column(ratio=1)
    for line in lines:
        grid.add_row(Text(marker, style=style), Text(line, style=style))
    return grid


def render_selection(selection: Any, currency: str = "", success: str = "green", error: str = "red") -> Group:
    """The offer selection: chosen first, then general notes, then skipped."""
    from coach.offers import KIND_RU
    from coach.templating import format_money

    parts: list[RenderableType] = [Text("Предложить", style="bold underline")]
    if not selection.chosen:
        parts.append(Text("нечего — причины ниже", style="dim"))
    for candidate in selection.chosen:
        offer = candidate.offer
        head = Text()
        head.append("✓ ", style=f"bold {success}")
        head.append(offer.name, style="bold")
        head.append(f" — {format_money(offer.price, currency)}, {KIND_RU.get(offer.kind, offer.kind)}")
        parts += [head, _bullets(candidate.reasons)]
    if selection.notes:
        parts.append(Text("\nВажно", style="bold underline"))
        parts.append(_bullets(selection.notes, marker="!", style=f"bold {error}"))
    if selection.skipped:
        parts.append(Text("\nНе предлагать", style="bold underline"))
        for candidate in selection.skipped:
            head = Text()
            head.append("✗ ", style=f"bold {error}")
            head.append(candidate.offer.name)
            parts += [head, _bullets(candidate.reasons)]
    return Group(*parts)


class OffersPanel(Static):
    DEFAULT_CSS = """
    OffersPanel { height: auto; }
    """

    def show(self, selection: Any, currency: str = "") -> None:
        theme = self.app.current_theme
        self.update(render_selection(selection, currency, theme.success or "green", theme.error or "red"))
