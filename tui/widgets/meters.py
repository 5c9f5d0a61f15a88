"""Horizontal meters: one labelled bar per skill (or per customer state)."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.widgets import Static

__all__ = ["Meters", "bar"]

_EIGHTHS = " ▏▎▍▌▋▊▉"


def bar(fraction: float, width: int) -> str:
    """A bar `width` cells wide filled to `fraction` (0..1), with eighth-cell precision."""
    fraction = min(max(fraction, 0.0), 1.0)
    eighths = round(fraction * width * 8)
    full, rest = divmod(eighths, 8)
    text = "█" * full + (_EIGHTHS[rest] if rest else "")
    return text.ljust(width)


class Meters(Static):
    """Labelled bars with values; colour follows the value (low → error colour)."""

    DEFAULT_CSS = """
    Meters { height: auto; }
    """

    def __init__(self, *, maximum: float = 100.0, bar_width: int = 16, **kwargs: object) -> None:
        super().__init__("", **kwargs)  # type: ignore[arg-type]
        self.maximum = maximum
        self.bar_width = bar_width
        self.values: dict[str, float | None] = {}

    def set_values(self, values: dict[str, float | None]) -> None:
        self.values = dict(values)
        self._render_values()

    def on_mount(self) -> None:
        self.watch(self.app, "theme", lambda _: self._render_values(), init=False)
        self._render_values()

    def _colour(self, fraction: float) -> str:
        theme = self.app.current_theme
        if fraction < 0.4:
            return theme.error or "red"
        if fraction < 0.7:
            return theme.warning or "yellow"
        return theme.success or "green"

    def _render_values(self) -> None:
        if not self.is_mounted:
            return
        table = Table.grid(padding=(0, 1))
        table.add_column(no_wrap=True)
        table.add_column(no_wrap=True)
        table.add_column(justify="right", no_wrap=True)
        for label, value in self.values.items():
            if value is None:
                table.add_row(label, Text("·" * self.bar_width, style="dim"), Text("—", style="dim"))
                continue
            fraction = value / self.maximum if self.maximum else 0.0
            table.add_row(label, Text(bar(fraction, self.bar_width), style=self._colour(fraction)),
                          f"{value:.0f}")
        self.update(table)
