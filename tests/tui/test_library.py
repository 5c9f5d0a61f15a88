"""The script library: lint a folder, open a script at its problem, fix it in place, lint again."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tui_helpers import SIZE, wait_until

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "scripts"


@pytest.fixture
def library(tmp_path: Path) -> Path:
    target = tmp_path / "scripts"
    shutil.copytree(EXAMPLES, target)
    return target


async def _open_library(app, pilot, folder: Path):  # noqa: ANN001
    from textual.widgets import Input

    from tui.screens.library import LibraryScreen

    await pilot.press("f4")
    await wait_until(pilot, lambda: isinstance(app.screen, LibraryScreen) and app.screen.report is not None)
    screen = app.screen
    await pilot.press("ctrl+o")
    folder_input = screen.query_one("#folder", Input)
    assert folder_input.has_focus
    await pilot.press("x")
    assert folder_input.value == "x"  # Ctrl+O selects the old path, so typing replaces it
    folder_input.value = str(folder)
    await pilot.press("enter")
    await wait_until(pilot, lambda: screen.report is not None and screen.report.root == folder)
    return screen


@pytest.mark.anyio
async def test_findings_table_then_fix_a_script_in_place(make_app, library):
    from tui.screens.library import LibraryScreen
    from tui.screens.script_editor import ScriptEditorScreen
    from tui.widgets.diagnostic_editor import DiagnosticEditor

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_library(app, pilot, library)
        report = screen.report
        assert report.files == 2 and report.messages > 5 and report.has_errors
        table = screen.query_one("#findings")
        assert table.row_count == len(report.findings)
        first = next(f for f in report.findings if f.rule == "PR001")
        assert first.path.name == "problems.yaml" and first.message_id == "pushy-soundbar"
        before = len(report.findings)

        table.focus()
        table.move_cursor(row=report.findings.index(first))
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ScriptEditorScreen))
        editor_screen = app.screen
        editor = editor_screen.query_one(DiagnosticEditor)
        assert editor.cursor_location[0] == first.line - 1  # opened at the problem's line
        assert "PR001" in [d.rule for d in editor.diagnostics]

        pushy = "Вам обязательно нужно добавить саундбар к телевизору. Все берут!"
        better = "К телевизору рекомендую саундбар — звук станет объёмнее. Добавить в заказ?"
        editor.text = editor.text.replace(pushy, better)
        await pilot.pause()
        assert "PR001" not in [d.rule for d in editor.diagnostics]  # re-linted before saving
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert better in (library / "problems.yaml").read_text(encoding="utf-8")

        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, LibraryScreen))
        await wait_until(pilot, lambda: screen.report is not report)
        assert len(screen.report.findings) == before - 2  # PR001 and PR002 are gone
        assert not any(f.message_id == "pushy-soundbar" for f in screen.report.findings)


@pytest.mark.anyio
async def test_broken_yaml_is_reported_not_fatal_and_unsaved_edits_need_a_second_escape(make_app, library):
    from tui.library_model import INPUT_RULE
    from tui.screens.library import LibraryScreen
    from tui.screens.script_editor import ScriptEditorScreen
    from tui.widgets.diagnostic_editor import DiagnosticEditor

    (library / "broken.yaml").write_text("version: 1\nscripts:\n  - id: [\n", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_library(app, pilot, library)
        broken = [f for f in screen.report.findings if f.path.name == "broken.yaml"]
        assert broken and broken[0].rule == INPUT_RULE and "YAML" in broken[0].message
        index = screen.report.findings.index(broken[0])
        table = screen.query_one("#findings")
        table.focus()
        table.move_cursor(row=index)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ScriptEditorScreen))
        editor = app.screen.query_one(DiagnosticEditor)
        assert [d.rule for d in editor.diagnostics] == [INPUT_RULE]
        editor.text = "version: 1\nscripts:\n  - id: fixed\n    kind: follow-up\n    text: Добрый день! Чем помочь?\n"
        await pilot.pause()
        assert editor.diagnostics == []
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ScriptEditorScreen)  # unsaved: the first Esc only warns
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, LibraryScreen))
        assert "id: [" in (library / "broken.yaml").read_text(encoding="utf-8")
