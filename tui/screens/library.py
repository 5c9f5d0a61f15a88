"""The script library: lint a folder of scripts, see the findings as a table,
open a script, fix it in place and lint it again."""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Static

from tui.library_model import Finding, LibraryReport, lint_library

__all__ = ["LibraryScreen"]

_SEVERITY_RU = {"error": "ошибка", "warning": "внимание", "info": "заметка"}


class LibraryScreen(Screen[None]):
    CSS_PATH = "library.tcss"
    BINDINGS = [
        Binding("ctrl+o", "focus_path", "Папка", priority=True),
        Binding("ctrl+l", "relint", "Проверить", priority=True),
        Binding("escape", "app.switch_mode('home')", "Назад", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.report: LibraryReport | None = None
        self.rows: list[Finding] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="library"):
            yield Static("Папка или файл со скриптами (Enter — проверить):", classes="section-title")
            yield Input(id="folder")
            yield Static("", id="library-summary")
            table = DataTable(id="findings", zebra_stripes=True, cursor_type="row", classes="panel")
            table.border_title = "Замечания (Enter — открыть скрипт)"
            yield table
        yield Footer()

    def on_mount(self) -> None:
        default = self.app.examples_dir / "scripts"  # type: ignore[attr-defined]
        folder = self.query_one("#folder", Input)
        folder.value = _display(default)
        table = self.query_one("#findings", DataTable)
        table.add_columns("Файл", "Строка", "Скрипт", "Правило", "Уровень", "Что не так")
        self.lint(Path(folder.value))
        table.focus()

    def on_screen_resume(self) -> None:
        if self.report is not None:
            self.lint(self.report.root)

    def action_focus_path(self) -> None:
        folder = self.query_one("#folder", Input)
        folder.focus()
        folder.select_all()  # typing replaces the path

    def action_relint(self) -> None:
        self.lint(Path(self.query_one("#folder", Input).value.strip() or "."))

    @on(Input.Submitted, "#folder")
    def _folder(self, event: Input.Submitted) -> None:
        self.lint(Path(event.value.strip() or ".").expanduser())
        self.query_one("#findings", DataTable).focus()

    def lint(self, root: Path) -> None:
        self.query_one("#library-summary", Static).update("Проверяю…")
        self._lint(root)

    @work(thread=True, exclusive=True, group="library")
    def _lint(self, root: Path) -> None:
        report = lint_library(root)
        self.app.call_from_thread(self._show, report)

    def _show(self, report: LibraryReport) -> None:
        self.report = report
        table = self.query_one("#findings", DataTable)
        table.clear()
        self.rows = list(report.findings)
        for finding in self.rows:
            table.add_row(_relative(finding.path, report.root), str(finding.line or ""), finding.message_id,
                          finding.rule, _SEVERITY_RU.get(finding.severity, finding.severity), finding.message)
        summary = self.query_one("#library-summary", Static)
        summary.update(report.summary_ru())
        summary.set_classes("verdict-error" if report.has_errors else
                            "verdict-warning" if report.findings else "verdict-clean")

    @on(DataTable.RowSelected, "#findings")
    def _open(self, event: DataTable.RowSelected) -> None:
        index = event.cursor_row
        if not 0 <= index < len(self.rows):
            return
        finding = self.rows[index]
        from tui.screens.script_editor import ScriptEditorScreen

        self.app.push_screen(ScriptEditorScreen(finding.path, finding.line or 1))

    def palette_commands(self):  # noqa: ANN201
        return [("Проверить библиотеку заново", "Линтер по всей папке", self.action_relint),
                ("Открыть другую папку", "Путь к папке или файлу", self.action_focus_path)]


def _display(path: Path) -> str:
    """A path relative to the working directory when it is inside it (shorter, and the same on every machine)."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _relative(path: Path, root: Path) -> str:
    try:
        base = root if root.is_dir() else root.parent
        return str(path.relative_to(base))
    except ValueError:
        return str(path)
