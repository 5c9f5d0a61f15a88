"""Choose the customer: a built-in example, a YAML file, or the short form.

Dismisses with a `Path` (a context file) or a `CustomerContext` (from the form),
or None when cancelled."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label, OptionList
from textual.widgets.option_list import Option

from tui.workspace import ExampleContext, Workspace

__all__ = ["ContextPickerScreen"]


class ContextPickerScreen(ModalScreen[Any]):
    CSS_PATH = "dialogs.tcss"
    BINDINGS = [
        Binding("escape", "dismiss(None)", "Отмена"),
        Binding("ctrl+n", "form", "Короткая форма", priority=True),
    ]

    def __init__(self, examples_dir: Path) -> None:
        super().__init__()
        self.examples: list[ExampleContext] = Workspace.examples(examples_dir)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="panel") as dialog:
            dialog.border_title = "Выбор клиента"
            yield Label("Примеры клиентов (Enter — выбрать):", classes="section-title")
            options = []
            for index, example in enumerate(self.examples):
                label = Text(example.title, style="bold")
                if example.summary:
                    label.append("\n" + example.summary, style="dim")
                options.append(Option(label, id=f"e{index}"))
            yield OptionList(*options, id="examples")
            yield Label("Или файл контекста клиента (YAML), Enter — открыть:", classes="section-title")
            yield Input(placeholder="путь к файлу, например examples/contexts/phone.yaml", id="path")
            with Horizontal(id="dialog-buttons"):
                yield Button("Заполнить короткую форму (Ctrl+N)", id="form")
                yield Button("Отмена (Esc)", id="cancel")
        yield Footer()

    def on_mount(self) -> None:
        menu = self.query_one("#examples", OptionList)
        if self.examples:
            menu.highlighted = 0
            menu.focus()
        else:
            self.query_one("#path", Input).focus()

    @on(OptionList.OptionSelected, "#examples")
    def _example(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.examples[event.option_index].path)

    @on(Input.Submitted, "#path")
    def _path(self, event: Input.Submitted) -> None:
        raw = event.value.strip()
        if not raw:
            return
        path = Path(raw).expanduser()
        if not path.is_file():
            self.notify(f"Файл не найден: {path}", severity="error")
            return
        self.dismiss(path)

    @on(Button.Pressed, "#form")
    def _form_button(self) -> None:
        self.action_form()

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)

    def action_form(self) -> None:
        from tui.screens.context_form import ContextFormScreen

        def done(context: Any) -> None:
            if context is not None:
                self.dismiss(context)

        self.app.push_screen(ContextFormScreen(self.app.examples_dir), callback=done)  # type: ignore[attr-defined]
