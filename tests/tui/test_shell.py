"""The app shell: first screen, help, command palette, themes, section switching."""

from __future__ import annotations

import sys

import pytest

from tui_helpers import SIZE


@pytest.mark.anyio
async def test_first_screen_is_home_and_llm_libraries_are_not_loaded(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        from tui.screens.home import HomeScreen

        assert isinstance(app.screen, HomeScreen)
        assert "Добро пожаловать" in str(app.screen.query_one("#welcome").render())
        loaded = {name.split(".")[0] for name in sys.modules}
        # The whole point of lazy imports: the first screen must not pay for the LLM stack.
        assert not loaded & {"openai", "langchain_openai", "langchain_core", "langchain"}


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
        await pilot.press(*"библиотека")
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
