"""Role-play setup: pick a scenario, a difficulty and the trainee's name."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from tui.labels import DIFFICULTY_LABELS

__all__ = ["RolePlaySetupScreen"]


class RolePlaySetupScreen(Screen[None]):
    CSS_PATH = "roleplay.tcss"
    BINDINGS = [
        Binding("ctrl+s", "start", "Начать", priority=True),
        Binding("escape", "app.switch_mode('home')", "Назад", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.scenarios: list[Any] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="setup"):
            menu = OptionList(id="scenarios", classes="panel")
            menu.border_title = "Сценарий"
            yield menu
            with Vertical(id="setup-form", classes="panel") as form:
                form.border_title = "Ролевая игра"
                yield Static("", id="scenario-brief")
                yield Label("Сложность")
                yield Select([(label, key) for key, label in DIFFICULTY_LABELS.items()],
                             value="normal", allow_blank=False, id="difficulty")
                yield Label("Имя стажёра")
                yield Input(placeholder="например, Анна", id="trainee")
                yield Button("Начать игру (Ctrl+S)", id="start", variant="primary")
                yield Static("Выберите возражение слева, введите имя и начните. Клиент заговорит первым.",
                             classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        from coach.roleplay import load_scenarios

        try:
            self.scenarios = list(load_scenarios())
        except Exception as exc:  # noqa: BLE001 - a broken scenario file must not crash the app
            self.notify(str(exc), title="Сценарии не загрузились", severity="error", timeout=10)
            self.scenarios = []
        menu = self.query_one("#scenarios", OptionList)
        for index, scenario in enumerate(self.scenarios):
            menu.add_option(Option(_scenario_label(scenario), id=f"s{index}"))
        if self.scenarios:
            menu.highlighted = 0
            self._describe(0)
        trainee = getattr(self.app.settings, "trainee", None)  # type: ignore[attr-defined]
        if trainee:
            self.query_one("#trainee", Input).value = trainee
        menu.focus()

    @on(OptionList.OptionHighlighted, "#scenarios")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._describe(event.option_index)

    @on(OptionList.OptionSelected, "#scenarios")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        trainee = self.query_one("#trainee", Input)
        if trainee.value.strip():
            self.action_start()
        else:
            trainee.focus()

    def _describe(self, index: int) -> None:
        if not 0 <= index < len(self.scenarios):
            return
        scenario = self.scenarios[index]
        from coach.templating import format_money

        text = Text()
        text.append(scenario.title + "\n\n", style="bold")
        text.append("Возражение: ", style="bold")
        text.append(f"«{scenario.objection}»\n")
        product = scenario.product
        price = f" — {format_money(product.price, product.currency)}" if product.price else ""
        text.append("Товар: ", style="bold")
        text.append(f"{product.name}{price}\n")
        persona = scenario.persona
        text.append("Клиент: ", style="bold")
        text.append(f"{persona.name}, {persona.role}\n")
        text.append("Ситуация: ", style="bold")
        text.append(scenario.context.strip() + "\n")
        text.append("Цель: ", style="bold")
        text.append(scenario.success.description.strip())
        self.query_one("#scenario-brief", Static).update(text)
        self.query_one("#difficulty", Select).value = scenario.difficulty

    @on(Input.Submitted, "#trainee")
    @on(Button.Pressed, "#start")
    def _start(self, _: object) -> None:
        self.action_start()

    def action_start(self) -> None:
        menu = self.query_one("#scenarios", OptionList)
        trainee = self.query_one("#trainee", Input).value.strip()
        if menu.highlighted is None or not self.scenarios:
            self.notify("Выберите сценарий.", severity="warning")
            menu.focus()
            return
        if not trainee:
            self.notify("Введите имя стажёра — по нему строится история прогресса.", severity="warning")
            self.query_one("#trainee", Input).focus()
            return
        difficulty = str(self.query_one("#difficulty", Select).value)
        from tui.screens.roleplay import RolePlayScreen

        self.app.push_screen(RolePlayScreen(self.scenarios[menu.highlighted], trainee, difficulty))

    def palette_commands(self):  # noqa: ANN201
        return [("Начать ролевую игру", "С выбранным сценарием и стажёром", self.action_start)]


def _scenario_label(scenario: Any) -> Text:
    text = Text(scenario.title, style="bold")
    text.append(f"\n{DIFFICULTY_LABELS.get(scenario.difficulty, scenario.difficulty).lower()}", style="dim")
    return text
