"""The Textual application: themes, global keys, the command palette and the
screens (each in its own module, imported when first shown)."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from tui.commands import CoachCommands

if TYPE_CHECKING:
    from coach.settings import Settings

__all__ = ["CoachApp", "THEMES"]

THEMES = {"dark": "textual-dark", "light": "textual-light"}

# mode name -> (module, class, Russian title used in the palette and help)
SECTIONS: dict[str, tuple[str, str, str]] = {
    "home": ("tui.screens.home", "HomeScreen", "Главная"),
    "draft": ("tui.screens.drafting", "DraftingScreen", "Черновик сообщения"),
    "roleplay": ("tui.screens.roleplay_setup", "RolePlaySetupScreen", "Ролевая игра"),
    "library": ("tui.screens.library", "LibraryScreen", "Библиотека скриптов"),
    "history": ("tui.screens.history", "HistoryScreen", "История тренировок"),
}


def _lazy_screen(module: str, cls: str) -> Callable[[], Screen[Any]]:
    def make() -> Screen[Any]:
        return getattr(importlib.import_module(module), cls)()

    return make


class CoachApp(App[None]):
    """Upsell Coach in the terminal."""

    TITLE = "Upsell Coach"
    SUB_TITLE = "допродажи без давления"
    CSS_PATH = "app.tcss"
    MODES = {name: _lazy_screen(module, cls) for name, (module, cls, _) in SECTIONS.items()}
    DEFAULT_MODE = "home"
    COMMANDS = App.COMMANDS | {CoachCommands}
    COMMAND_PALETTE_DISPLAY = "^p"
    BINDINGS = [
        Binding("f1", "help", "Справка", id="help"),
        Binding("f2", "switch_mode('draft')", "Черновик", id="draft"),
        Binding("f3", "switch_mode('roleplay')", "Игра", id="roleplay"),
        Binding("f4", "switch_mode('library')", "Скрипты", id="library"),
        Binding("f5", "switch_mode('history')", "История", id="history"),
        Binding("f8", "toggle_theme", "Тема", id="theme"),
        Binding("ctrl+p", "command_palette", "Команды", show=False, priority=True, id="palette"),
        Binding("ctrl+q", "quit", "Выход", priority=True, id="quit", show=False),
    ]

    def __init__(self, settings: Settings | None = None, *, examples_dir: Path | None = None,
                 seed: int | None = None) -> None:
        super().__init__()
        self.seed = seed
        """Seed of the simulated customer's phrase choice (None: a new one each session)."""
        if settings is None:
            from coach.settings import load_settings

            settings = load_settings()
        from coach import paths

        self.settings = settings
        self.examples_dir = examples_dir or paths.EXAMPLES_DIR
        self.theme = THEMES.get(settings.theme, "textual-dark")
        self._store: Any = None
        self.history_trainee: str | None = None
        """The trainee the history screen should show next (set by the report screen)."""

    # -- shared state ---------------------------------------------------------------
    @property
    def store(self) -> Any:
        """The SQLite store (history, saved drafts), opened on first use."""
        if self._store is None:
            from coach.store import Store

            self._store = Store(self.settings.db)
        return self._store

    @property
    def data_dir(self) -> Path:
        """Where the app writes its own files: next to the database."""
        return Path(self.settings.db).expanduser().parent

    # -- actions ----------------------------------------------------------------------
    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"
        self.notify("Светлая тема." if self.theme == "textual-light" else "Тёмная тема.", timeout=2)

    def get_system_commands(self, screen: Screen[Any]) -> Any:
        # Textual's own commands are in English; these are the Russian equivalents.
        for name, (_, _, title) in SECTIONS.items():
            yield SystemCommand(f"Перейти: {title}", f"Открыть раздел «{title}»",
                                lambda name=name: self.switch_mode(name))
        yield SystemCommand("Справка", "Клавиши и порядок работы", self.action_help)
        yield SystemCommand("Сменить тему", "Светлая или тёмная", self.action_toggle_theme)
        yield SystemCommand("Выход", "Закрыть приложение", self.exit)

    def on_unmount(self) -> None:
        if self._store is not None and hasattr(self._store, "close"):
            self._store.close()
