"""Each trainee's progress over time: a chart of session scores and a table
of per-skill scores."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from tui.labels import outcome_ru, skill_short_ru
from tui.widgets.progress_chart import ProgressChart

__all__ = ["HistoryScreen"]


class HistoryScreen(Screen[None]):
    CSS_PATH = "history.tcss"
    BINDINGS = [
        Binding("r", "reload", "Обновить"),
        Binding("escape", "app.switch_mode('home')", "Назад", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.trainees: list[str] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="history"):
            menu = OptionList(id="trainees", classes="panel")
            menu.border_title = "Стажёры"
            yield menu
            with Vertical(id="progress", classes="panel") as progress:
                progress.border_title = "Прогресс"
                yield Static("", id="progress-title", classes="section-title")
                yield ProgressChart(id="chart")
                yield DataTable(id="sessions", zebra_stripes=True, cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        self.action_reload()

    def on_screen_resume(self) -> None:
        self.action_reload()

    def action_reload(self) -> None:
        try:
            summary = list(self.app.store.summary())  # type: ignore[attr-defined]
        except Exception as exc:  # noqa: BLE001
            self.notify(str(exc), title="История недоступна", severity="error", timeout=8)
            summary = []
        menu = self.query_one("#trainees", OptionList)
        previous = self.trainees[menu.highlighted] if menu.highlighted is not None and self.trainees else None
        menu.clear_options()
        self.trainees = []
        for row in summary:
            self.trainees.append(row.trainee)
            label = Text(row.trainee, style="bold")
            details = [f"сессий: {row.sessions}"]
            if row.mean_score is not None:
                details.append(f"средняя: {row.mean_score:.0f}")
            label.append("\n" + ", ".join(details), style="dim")
            if row.weakest_skill:
                label.append(f"\nслабее всего: {skill_short_ru(row.weakest_skill).lower()}", style="dim")
            menu.add_option(Option(label))
        if not self.trainees:
            self.query_one("#progress-title", Static).update(
                "Пока никто не тренировался. Начните ролевую игру (F3) — здесь появится прогресс.")
            self.query_one(ProgressChart).set_points([])
            self.query_one("#sessions", DataTable).clear(columns=True)
            return
        wanted = getattr(self.app, "history_trainee", None)
        self.app.history_trainee = None  # type: ignore[attr-defined]
        if wanted not in self.trainees:
            wanted = previous if previous in self.trainees else self.trainees[0]
        self.select_trainee(wanted)
        menu.focus()

    def select_trainee(self, trainee: str) -> None:
        if trainee not in self.trainees:
            return
        menu = self.query_one("#trainees", OptionList)
        index = self.trainees.index(trainee)
        if menu.highlighted != index:
            menu.highlighted = index
        self._show(trainee)

    @on(OptionList.OptionHighlighted, "#trainees")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if 0 <= event.option_index < len(self.trainees):
            self._show(self.trainees[event.option_index])

    def _show(self, trainee: str) -> None:
        try:
            sessions = list(self.app.store.progress(trainee))  # type: ignore[attr-defined]
        except Exception as exc:  # noqa: BLE001
            self.notify(str(exc), title="История недоступна", severity="error", timeout=8)
            return
        self.query_one("#progress-title", Static).update(
            f"{trainee}: общая оценка по сессиям (0–100), старые слева")
        points = [(str(i), float(s.score or 0)) for i, s in enumerate(sessions, start=1)]
        self.query_one(ProgressChart).set_points(points)
        table = self.query_one("#sessions", DataTable)
        table.clear(columns=True)
        skills: list[str] = []
        for session in sessions:
            for skill in session.skills:
                if skill not in skills:
                    skills.append(skill)
        table.add_columns("№", "Дата", "Сценарий", "Итог", "Оценка", *[skill_short_ru(s) for s in skills])
        for index, session in enumerate(sessions, start=1):
            table.add_row(str(index), _when(session.started_at), session.scenario, outcome_ru(session.outcome),
                          _fmt(session.score), *[_fmt(session.skills.get(s)) for s in skills])

def _when(iso: str) -> str:
    """UTC ISO timestamp -> local "dd.mm.yyyy hh:mm"."""
    import datetime as dt

    try:
        moment = dt.datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%d.%m.%Y %H:%M")


def _fmt(value: Any) -> str:
    if value is None or value == "":
        return "—"
    try:
        return f"{float(value):.0f}"
    except (TypeError, ValueError):
        return str(value)


