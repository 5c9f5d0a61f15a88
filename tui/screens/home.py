"""The first screen: what the app does and where to start.

It imports nothing but Textual so that it paints quickly; the sections load
when they are opened."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

__all__ = ["HomeScreen", "SECTIONS"]

SECTIONS = [
    ("draft", "F2", "Черновик сообщения клиенту",
     "Выберите клиента, посмотрите, что ему стоит предложить и почему, получите черновик, "
     "поправьте его — проблемы подчёркиваются сразу — и скопируйте чистый текст."),
    ("roleplay", "F3", "Ролевая игра с клиентом",
     "Тренировка возражений «дорого», «не сейчас», «я подумаю»: вы отвечаете клиенту, "
     "а приложение показывает оценки по навыкам и настроение клиента."),
    ("library", "F4", "Библиотека скриптов",
     "Проверка папки со скриптами продаж: таблица замечаний, правка файла на месте, повторная проверка."),
    ("history", "F5", "История тренировок",
     "Прогресс каждого стажёра по сессиям: график общей оценки и навыков."),
]


class HomeScreen(Screen[None]):
    CSS_PATH = "home.tcss"

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="home"):
            yield Static("Добро пожаловать в Upsell Coach", id="welcome")
            yield Static(
                "Помощник для допродаж без давления и тренажёр возражений. Всё работает без сети "
                "на встроенных примерах. Выберите раздел стрелками и нажмите Enter "
                "(или сразу F2–F5). F1 — справка, Ctrl+P — все команды, Ctrl+Q — выход.",
                classes="hint", id="intro")
            options: list[Option | None] = []
            for mode, key, title, text in SECTIONS:
                label = Text()
                label.append(f"{key}  {title}", style="bold")
                label.append("\n" + text, style="dim")
                options.extend([Option(label, id=mode), None])
            yield OptionList(*options[:-1], id="sections")
        yield Footer()

    def on_mount(self) -> None:
        menu = self.query_one("#sections", OptionList)
        menu.highlighted = 0
        menu.focus()

    @on(OptionList.OptionSelected, "#sections")
    def _open(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.app.switch_mode(event.option.id)

    def palette_commands(self):  # noqa: ANN201
        return [(title, text[:90], lambda mode=mode: self.app.switch_mode(mode))
                for mode, _, title, text in SECTIONS]
