"""How the simulated customer feels right now: mood, trust and patience."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from tui.widgets.meters import Meters

__all__ = ["MoodPanel"]


class MoodPanel(Vertical):
    DEFAULT_CSS = """
    MoodPanel { height: auto; }
    MoodPanel #mood-label { padding-bottom: 1; }
    """

    def compose(self) -> ComposeResult:
        yield Static("", id="mood-label")
        yield Meters(id="mood-meters", bar_width=14)

    def show(self, mood: str, trust: float | None, patience: float | None) -> None:
        label = Text()
        label.append("Настроение клиента: ")
        label.append(mood or "—", style="bold")
        self.query_one("#mood-label", Static).update(label)
        self.query_one(Meters).set_values({"Доверие": trust, "Терпение": patience})
