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

from tui.labels import outcome_ru, skill_short_ru
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
        self._waiting: Any = None

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
        self._update_title()
        self.query_one("#reply", Input).disabled = True
        self._open()

    @work(thread=True, exclusive=True, group="roleplay")
    def _open(self) -> None:
        from coach.roleplay import RolePlaySession

        settings = self.app.settings  # type: ignore[attr-defined]
        try:
            session = RolePlaySession(self.scenario, self.trainee, self.difficulty, store=self.app.store,  # type: ignore[attr-defined]
                                      settings=settings, provider=settings.provider,
                                      seed=self.app.seed)  # type: ignore[attr-defined]
            opening = session.opening()
        except Exception as exc:  # noqa: BLE001 - shown, never a traceback
            self.app.call_from_thread(self._failed, str(exc))
            return
        self.app.call_from_thread(self._opened, session, opening)

    def _opened(self, session: Any, opening: str) -> None:
        self.session = session
        self.query_one(ChatLog).add_turn("customer", "Клиент", opening)
        state = session.customer.state
        self.query_one(MoodPanel).show(session.mood, state.trust, state.patience)
        for notice in session.notices:
            self.notify(notice, severity="warning", timeout=8)
        reply = self.query_one("#reply", Input)
        reply.disabled = False
        reply.focus()

    def _failed(self, reason: str) -> None:
        self._clear_waiting()
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
        from coach.roleplay import STOP_WORDS

        if text.casefold() in STOP_WORDS:
            event.input.value = ""
            self.action_finish()
            return
        self.busy = True
        event.input.value = ""
        event.input.disabled = True
        chat = self.query_one(ChatLog)
        chat.add_turn("trainee", self.trainee, text)
        self._waiting = chat.add_turn("note", "", "Клиент отвечает…")
        self._reply(text)

    @work(thread=True, exclusive=True, group="roleplay")
    def _reply(self, text: str) -> None:
        try:
            turn = self.session.reply(text)
        except Exception as exc:  # noqa: BLE001
            self.app.call_from_thread(self._failed, str(exc))
            return
        self.app.call_from_thread(self._answered, turn)

    def _update_title(self) -> None:
        self.sub_title = f"{self.trainee} · {self.scenario.title} · ответов: {self.turns}"

    def _clear_waiting(self) -> None:
        if self._waiting is not None:
            self._waiting.remove()
            self._waiting = None

    def _answered(self, turn: Any) -> None:
        self._clear_waiting()
        self.busy = False
        self.turns += 1
        self._update_title()
        self.query_one(ChatLog).add_turn("customer", "Клиент", turn.customer_text)
        self._show_evaluation(turn.evaluation)
        self.query_one(MoodPanel).show(turn.mood, turn.trust, turn.patience)
        if turn.notice:
            self.notify(turn.notice, severity="warning", timeout=8)
        if self.session.finished:
            self.query_one(ChatLog).add_turn("note", "", f"Игра окончена: {outcome_ru(turn.outcome)}.")
            self._show_report()
            return
        reply = self.query_one("#reply", Input)
        reply.disabled = False
        reply.focus()

    # -- scores -----------------------------------------------------------------------------------
    def _show_evaluation(self, evaluation: Any) -> None:
        values: dict[str, float | None] = {"Оценка ответа": float(evaluation.score)}
        for skill, criterion in evaluation.criteria.items():
            values[skill_short_ru(skill)] = float(criterion.score)
        self.query_one("#skills", Meters).set_values(values)
        text = Text()
        if evaluation.feedback:
            text.append("Отзыв: ", style="bold")
            text.append(evaluation.feedback + "\n")
        if evaluation.suggestion:
            text.append("Можно сказать так: ", style="bold")
            text.append(f"«{evaluation.suggestion}»")
        self.query_one("#feedback", Static).update(text)

    # -- the end ------------------------------------------------------------------------------------
    def action_finish(self) -> None:
        if self.session is None or self.busy:
            return
        if self.turns == 0:
            self.notify("Ответьте клиенту хотя бы раз — иначе оценивать нечего.", severity="warning")
            return
        if not self.session.finished:
            self.session.stop()
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
        if self.session is not None and self.turns and not self.session.finished:
            self.session.stop()  # keep what was said; the session stays in the history
        self.app.pop_screen()

    def palette_commands(self):  # noqa: ANN201
        return [("Завершить игру и показать отчёт", "Оценка по навыкам и советы", self.action_finish)]

