"""The end-of-session report: overall score, per-skill scores, what to improve."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from rich.markdown import Markdown
from textual.widgets import Footer, Header, Static

__all__ = ["ReportScreen"]


class ReportScreen(Screen[None]):
    CSS_PATH = "roleplay.tcss"
    BINDINGS = [
        Binding("n", "new_game", "Новая игра"),
        Binding("h", "history", "История стажёра"),
        Binding("escape", "new_game", "Назад", show=False),
    ]

    def __init__(self, report: Any, trainee: str) -> None:
        super().__init__()
        self.report = report
        self.trainee = trainee

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="report", classes="panel") as body:
            body.border_title = "Итоги тренировки"
            # Rich's Markdown in a Static: much faster than Textual's Markdown widget for a long transcript.
            yield Static(Markdown(self.report.to_markdown()), id="report-text")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"Отчёт: {self.trainee}"
        self.query_one("#report", VerticalScroll).focus()

    def action_new_game(self) -> None:
        self.app.pop_screen()

    def action_history(self) -> None:
        self.app.history_trainee = self.trainee  # type: ignore[attr-defined]
        self.app.pop_screen()
        self.app.switch_mode("history")

    def palette_commands(self):  # noqa: ANN201
        return [("Новая игра", "Вернуться к выбору сценария", self.action_new_game),
                ("История стажёра", "Прогресс по сессиям", self.action_history)]
