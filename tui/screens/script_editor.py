"""Fix one script file in place: the file's text with live underlines (parsed
and linted exactly as `coach lint` reads it), Ctrl+S saves and lints again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from tui.library_model import lint_file_text
from tui.widgets.diagnostic_editor import DiagnosticEditor
from tui.widgets.diagnostics_panel import DiagnosticsPanel

__all__ = ["ScriptEditorScreen"]


class ScriptEditorScreen(Screen[None]):
    CSS_PATH = "library.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "Сохранить и проверить", priority=True),
        Binding("escape", "close", "К библиотеке", priority=True),
    ]

    def __init__(self, path: Path, line: int = 1) -> None:
        super().__init__()
        self.path = path
        self.line = line
        self.saved_text = ""
        self._confirm_close = False

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="editor-layout"):
            with Vertical(id="script-text"):
                editor = DiagnosticEditor(id="script", classes="panel", lint=self._lint, soft_wrap=False,
                                          show_line_numbers=True, tab_behavior="indent")
                editor.border_title = str(self.path)
                yield editor
                yield Static("", id="script-status")
            panel = DiagnosticsPanel(id="script-diagnostics", classes="panel")
            panel.border_title = "Замечания"
            yield panel
        yield Footer()

    def _lint(self, text: str, _context: Any) -> list[Any]:
        return lint_file_text(text, self.path)

    def on_mount(self) -> None:
        self.sub_title = self.path.name
        editor = self.query_one(DiagnosticEditor)
        try:
            self.saved_text = self.path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            self.notify(f"{self.path}: не удалось открыть: {exc}", severity="error", timeout=8)
            self.app.pop_screen()
            return
        editor.load_text(self.saved_text)
        editor.move_cursor((max(self.line - 1, 0), 0))
        editor.scroll_cursor_visible(center=True)
        editor.focus()

    @on(DiagnosticEditor.Linted)
    def _linted(self, event: DiagnosticEditor.Linted) -> None:
        self.query_one(DiagnosticsPanel).show(event.text, event.diagnostics)
        errors = sum(1 for d in event.diagnostics if d.is_error)
        others = len(event.diagnostics) - errors
        changed = event.text != self.saved_text
        state = "изменён, не сохранён (Ctrl+S)" if changed else "сохранён"
        status = self.query_one("#script-status", Static)
        status.update(f"Файл {state}. Ошибок: {errors}, прочих замечаний: {others}.")
        status.set_classes("verdict-error" if errors else "verdict-warning" if others else "verdict-clean")
        self._confirm_close = False

    @on(DiagnosticsPanel.Chosen)
    def _chosen(self, event: DiagnosticsPanel.Chosen) -> None:
        self.query_one(DiagnosticEditor).select_span(event.diagnostic.start, event.diagnostic.end)

    def action_save(self) -> None:
        editor = self.query_one(DiagnosticEditor)
        text = editor.text
        try:
            self.path.write_text(text, encoding="utf-8")
        except OSError as exc:
            self.notify(f"{self.path}: не удалось сохранить: {exc.strerror}", severity="error", timeout=8)
            return
        self.saved_text = text
        editor.relint()
        errors = sum(1 for d in editor.diagnostics if d.is_error)
        if errors:
            self.notify(f"Сохранено. Осталось ошибок: {errors}.", severity="warning", timeout=4)
        else:
            self.notify("Сохранено. Ошибок нет.", timeout=4)

    def action_close(self) -> None:
        editor = self.query_one(DiagnosticEditor)
        if editor.text != self.saved_text and not self._confirm_close:
            self._confirm_close = True
            self.notify("Есть несохранённые изменения: Ctrl+S — сохранить, Esc ещё раз — выйти без сохранения.",
                        severity="warning", timeout=6)
            return
        self.app.pop_screen()

    def palette_commands(self):  # noqa: ANN201
        return [("Сохранить и проверить", "Записать файл и проверить заново", self.action_save),
                ("Вернуться к библиотеке", "Закрыть файл", self.action_close)]
