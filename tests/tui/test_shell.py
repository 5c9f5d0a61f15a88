"""The app shell: first screen, help, command palette, themes, section switching."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tui_helpers import SIZE


FIRST_SCREEN = r"""
import asyncio, sys
from coach.settings import load_settings
from tui.app import CoachApp

async def main():
    app = CoachApp(load_settings(db=sys.argv[1]))
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        screen = type(app.screen).__name__
        welcome = str(app.screen.query_one("#welcome").content)
    print(screen, welcome, sep="\n")
    print(" ".join(sorted({name.split(".")[0] for name in sys.modules})))

asyncio.run(main())
"""


def test_first_screen_is_home_and_llm_libraries_are_not_loaded(tmp_path):
    # A fresh interpreter: other tests in this process may have loaded the LLM stack.
    out = subprocess.run([sys.executable, "-c", FIRST_SCREEN, str(tmp_path / "db.sqlite3")], capture_output=True,
                         text=True, check=True, cwd=tmp_path).stdout.splitlines()
    screen, welcome, modules = out[0], out[1], set(out[2].split())
    assert screen == "HomeScreen" and "Добро пожаловать" in welcome
    assert "textual" in modules
    # The whole point of lazy imports: the first screen must not pay for the LLM stack.
    assert not modules & {"openai", "langchain_openai", "langchain_core", "langchain"}


@pytest.mark.anyio
async def test_help_opens_and_closes(make_app):
    from tui.screens.help import HelpScreen

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


@pytest.mark.anyio
async def test_theme_toggles_between_dark_and_light(make_app):
    app = make_app(theme="light")
    async with app.run_test(size=SIZE) as pilot:
        assert app.theme == "textual-light"
        await pilot.press("f8")
        assert app.theme == "textual-dark"
        await pilot.press("f8")
        assert app.theme == "textual-light"


@pytest.mark.anyio
async def test_command_palette_switches_section_in_russian(make_app):
    from textual.command import CommandPalette

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert CommandPalette.is_open(app)
        await pilot.press(*"библ")
        await pilot.pause(0.4)
        await pilot.press("enter")
        await pilot.pause()
        from tui.screens.library import LibraryScreen

        assert isinstance(app.screen, LibraryScreen)


@pytest.mark.anyio
async def test_home_menu_opens_a_section_with_enter(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "down", "down", "enter")  # 4th item: history
        await pilot.pause()
        assert app.current_mode == "history"
