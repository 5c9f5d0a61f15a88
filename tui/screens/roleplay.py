"""The role-play room: the trainee answers the simulated customer; per-skill
meters and the customer's mood update after every reply."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Static

from tui.labels import mood_ru, skill_short_ru
from tui.widgets.chat_log import ChatLog
from tui.widgets.meters import Meters
from tui.widgets.mood_panel import MoodPanel

__all__ = ["RolePlayScreen"]


class RolePlayScreen(Screen[None]):
    CSS_PATH = "roleplay.tcss"
    BINDINGS = [
        Binding("ctrl+e", "finish", "Завершить", priority=True),
        Binding("escape", "leave", "Выйти", show=False),
    ]

    def __init__(self, scenario: Any, trainee: str, difficulty: str) -> None:
        super().__init__()
        self.scenario = scenario
        self.trainee = trainee
        self.difficulty = difficulty
        self.session: Any = None
        self.busy = False
        self.turns = 0

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="room"):
            with Vertical(id="conversation", classes="panel") as conversation:
                conversation.border_title = "Разговор"
                yield ChatLog(id="chat")
                yield Input(placeholder="Ваш ответ клиенту… (Enter — отправить)", id="reply")
            with VerticalScroll(id="scores", classes="panel") as scores:
                scores.border_title = "Оценки"
                yield MoodPanel(id="mood")
                yield Static("Навыки (последний ответ)", classes="section-title")
                yield Meters(id="skills")
                yield Static("", id="feedback")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"{self.trainee} · {getattr(self.scenario, 'title', '')}"
        self.query_one("#reply", Input).disabled = True
        self._open()

    @work(thread=True, exclusive=True, group="roleplay")
    def _open(self) -> None:
        from coach.roleplay import RolePlaySession

        try:
            session = RolePlaySession(self.scenario, self.trainee, self.difficulty,
                                      store=self.app.store, settings=self.app.settings)  # type: ignore[attr-defined]
            opening = session.opening()
        except Exception as exc:  # noqa: BLE001 - shown, never a traceback
            self.app.call_from_thread(self._failed, str(exc))
            return
        self.app.call_from_thread(self._opened, session, opening)

    def _opened(self, session: Any, opening: Any) -> None:
        self.session = session
        text = getattr(opening, "customer_text", opening)
        self.query_one(ChatLog).add_turn("customer", "Клиент", str(text))
        self._show_state(opening)
        reply = self.query_one("#reply", Input)
        reply.disabled = False
        reply.focus()

    def _failed(self, reason: str) -> None:
        self.busy = False
        self.notify(reason, title="Ошибка ролевой игры", severity="error", timeout=10)
        reply = self.query_one("#reply", Input)
        reply.disabled = self.session is None
        if self.session is not None:
            reply.focus()

    @on(Input.Submitted, "#reply")
    def _send(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text or self.session is None or self.busy:
            return
        self.busy = True
        event.input.value = ""
        event.input.disabled = True
        self.query_one(ChatLog).add_turn("trainee", self.trainee, text)
        self._reply(text)

    @work(thread=True, exclusive=True, group="roleplay")
    def _reply(self, text: str) -> None:
        try:
            turn = self.session.reply(text)
        except Exception as exc:  # noqa: BLE001
            self.app.call_from_thread(self._failed, str(exc))
            return
        self.app.call_from_thread(self._answered, turn)

    def _answered(self, turn: Any) -> None:
        self.busy = False
        self.turns += 1
        customer_text = getattr(turn, "customer_text", None)
        if customer_text:
            self.query_one(ChatLog).add_turn("customer", "Клиент", customer_text)
        self._show_evaluation(getattr(turn, "evaluation", None))
        self._show_state(turn)
        if getattr(self.session, "finished", False):
            self._show_report()
            return
        reply = self.query_one("#reply", Input)
        reply.disabled = False
        reply.focus()

    # -- scores -----------------------------------------------------------------------------------
    def _show_state(self, state: Any) -> None:
        source = state if hasattr(state, "mood") else self.session
        mood = getattr(source, "mood", "")
        self.query_one(MoodPanel).show(mood_ru(mood), _number(getattr(source, "trust", None)),
                                       _number(getattr(source, "patience", None)))

    def _show_evaluation(self, evaluation: Any) -> None:
        if evaluation is None:
            return
        criteria = getattr(evaluation, "criteria", {}) or {}
        values: dict[str, float | None] = {"Общая оценка": _number(getattr(evaluation, "score", None))}
        for skill, value in criteria.items():
            score = value[0] if isinstance(value, (tuple, list)) else getattr(value, "score", value)
            values[skill_short_ru(skill)] = _number(score)
        self.query_one("#skills", Meters).set_values(values)
        text = Text()
        feedback = getattr(evaluation, "feedback", None)
        suggestion = getattr(evaluation, "suggestion", None)
        if feedback:
            text.append("Отзыв: ", style="bold")
            text.append(str(feedback) + "\n")
        if suggestion:
            text.append("Можно сказать так: ", style="bold")
            text.append(str(suggestion))
        self.query_one("#feedback", Static).update(text)

    # -- the end ------------------------------------------------------------------------------------
    def action_finish(self) -> None:
        if self.session is None:
            return
        if self.turns == 0:
            self.notify("Ответьте клиенту хотя бы раз — иначе оценивать нечего.", severity="warning")
            return
        self._show_report()

    def _show_report(self) -> None:
        from tui.screens.report import ReportScreen

        try:
            report = self.session.report()
        except Exception as exc:  # noqa: BLE001
            self.notify(str(exc), title="Отчёт не получился", severity="error", timeout=10)
            return
        self.app.switch_screen(ReportScreen(report, self.trainee))

    def action_leave(self) -> None:
        self.app.pop_screen()

    def palette_commands(self):  # noqa: ANN201
        return [("Завершить игру и показать отчёт", "Оценка по навыкам и советы", self.action_finish)]


def _number(value: Any) -> float | None:
    if value is None:
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None
