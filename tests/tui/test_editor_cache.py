"""The editor's row cache must draw exactly what TextArea draws without it."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.widgets import TextArea
from textual.widgets.text_area import Selection

from tui.widgets.diagnostic_editor import DiagnosticEditor

PARAGRAPH = ("Айгерим, добрый день! Вам обязательно нужно взять защитное стекло — последний шанс! "
             "Оно защитит экран от царапин, а замена экрана обойдётся в 25 000 ₸. ") * 6


class EditorApp(App[None]):
    def compose(self) -> ComposeResult:
        yield DiagnosticEditor(PARAGRAPH + "\nВторая строка.\n\nЧетвёртая.")


def _assert_same_as_textarea(editor: DiagnosticEditor) -> None:
    editor._row_map = None
    for y in range(editor.size.height):
        cached = editor.render_line(y)
        editor._line_cache.clear()
        fresh = TextArea.render_line(editor, y)
        assert list(cached) == list(fresh), f"row {y} differs"


@pytest.mark.anyio
async def test_cached_rows_match_textarea_after_edits_moves_and_selections():
    app = EditorApp()
    async with app.run_test(size=(60, 30)) as pilot:
        editor = app.query_one(DiagnosticEditor)
        editor.cursor_blink = False
        editor.focus()
        await pilot.pause()
        assert editor.diagnostics  # there are underlines to draw
        _assert_same_as_textarea(editor)
        editor.move_cursor((0, 40))
        await pilot.press("х", "о")
        await pilot.pause()
        _assert_same_as_textarea(editor)
        editor.move_cursor((0, len(PARAGRAPH) - 5))
        await pilot.pause()
        _assert_same_as_textarea(editor)
        editor.selection = Selection((0, 10), (0, 200))
        await pilot.pause()
        _assert_same_as_textarea(editor)
        editor.selection = Selection((0, 150), (2, 0))
        await pilot.pause()
        _assert_same_as_textarea(editor)
        await pilot.press("backspace")  # delete the selection
        await pilot.pause()
        _assert_same_as_textarea(editor)
        app.theme = "textual-light"
        await pilot.pause()
        _assert_same_as_textarea(editor)
