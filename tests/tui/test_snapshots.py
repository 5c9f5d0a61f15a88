"""SVG snapshots of every screen (pytest-textual-snapshot).

Run `pytest tests/tui/test_snapshots.py --snapshot-update` after an intended
change of the look and commit the SVGs under `__snapshots__/`. These tests are
sync `def`s: `snap_compare` runs the app itself.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest
from tui_helpers import SIZE, wait_until

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _stable_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # paths are shown relative to the working directory
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def _screen(name: str):  # noqa: ANN202
    async def wait(pilot) -> None:  # noqa: ANN001
        await wait_until(pilot, lambda: type(pilot.app.screen).__name__ == name)
        await pilot.pause()

    return wait


class TestShell:
    def test_home_dark(self, snap_compare, make_app):
        assert snap_compare(make_app(), terminal_size=SIZE)

    def test_home_light(self, snap_compare, make_app):
        assert snap_compare(make_app(theme="light"), terminal_size=SIZE)

    def test_help(self, snap_compare, make_app):
        assert snap_compare(make_app(), press=["f1"], terminal_size=SIZE)


class TestDrafting:
    def test_workspace_with_live_problems(self, snap_compare, make_app):
        async def run_before(pilot) -> None:  # noqa: ANN001
            from tui.widgets.diagnostic_editor import DiagnosticEditor

            await pilot.press("f2")
            await wait_until(pilot, lambda: bool(getattr(pilot.app.screen, "drafts", None)))
            editor = pilot.app.screen.query_one(DiagnosticEditor)
            editor.text = editor.text + "\nВам обязательно нужно взять и чехол! Последний шанс!"
            editor.cursor_blink = False  # a steady cursor: a stable picture
            editor.focus()
            await pilot.pause()

        assert snap_compare(make_app(), run_before=run_before, terminal_size=SIZE)

    def test_context_picker(self, snap_compare, make_app):
        async def run_before(pilot) -> None:  # noqa: ANN001
            await pilot.press("f2")
            await wait_until(pilot, lambda: bool(getattr(pilot.app.screen, "drafts", None)))
            await pilot.press("ctrl+o")
            await _screen("ContextPickerScreen")(pilot)

        assert snap_compare(make_app(), run_before=run_before, terminal_size=SIZE)

    def test_context_form(self, snap_compare, make_app):
        async def run_before(pilot) -> None:  # noqa: ANN001
            await pilot.press("f2")
            await wait_until(pilot, lambda: bool(getattr(pilot.app.screen, "drafts", None)))
            await pilot.press("ctrl+o")
            await _screen("ContextPickerScreen")(pilot)
            await pilot.press("ctrl+n")
            await _screen("ContextFormScreen")(pilot)

        assert snap_compare(make_app(), run_before=run_before, terminal_size=SIZE)


class TestRolePlay:
    def test_setup(self, snap_compare, make_app):
        async def run_before(pilot) -> None:  # noqa: ANN001
            await pilot.press("f3")
            await _screen("RolePlaySetupScreen")(pilot)

        assert snap_compare(make_app(), run_before=run_before, terminal_size=SIZE)

    def test_room_after_one_reply(self, snap_compare, make_app):
        async def run_before(pilot) -> None:  # noqa: ANN001
            from textual.widgets import Input

            await pilot.press("f3")
            await _screen("RolePlaySetupScreen")(pilot)
            pilot.app.screen.query_one("#trainee", Input).value = "Анна"
            await pilot.press("ctrl+s")
            await wait_until(pilot, lambda: getattr(pilot.app.screen, "session", None) is not None)
            room = pilot.app.screen
            room.query_one("#reply", Input).value = "Понимаю, сумма ощутимая. Для каких задач берёте ноутбук?"
            await pilot.press("enter")
            await wait_until(pilot, lambda: room.turns == 1)
            room.query_one("#reply", Input).cursor_blink = False  # a steady cursor: a stable picture
            await pilot.pause()

        assert snap_compare(make_app(), run_before=run_before, terminal_size=SIZE)

    def test_report(self, snap_compare, make_app):
        async def run_before(pilot) -> None:  # noqa: ANN001
            from textual.widgets import Input

            await pilot.press("f3")
            await _screen("RolePlaySetupScreen")(pilot)
            pilot.app.screen.query_one("#trainee", Input).value = "Анна"
            await pilot.press("ctrl+s")
            await wait_until(pilot, lambda: getattr(pilot.app.screen, "session", None) is not None)
            room = pilot.app.screen
            room.query_one("#reply", Input).value = "Понимаю. Что для вас важнее всего в ноутбуке?"
            await pilot.press("enter")
            await wait_until(pilot, lambda: room.turns == 1)
            await pilot.press("ctrl+e")
            await _screen("ReportScreen")(pilot)

        assert snap_compare(make_app(), run_before=run_before, terminal_size=SIZE)

    def test_history_chart(self, snap_compare, make_app, settings):
        from coach.store import Store

        # Three sessions with known scores and dates (the store stamps "now"; fix them).
        with Store(settings.db) as store:
            for score, skills in ((42, 30), (61, 55), (83, 80)):
                sid = store.start_session("Анна", "dorogo-laptop", "normal", "offline", "«Дорого»")
                store.add_turn(sid, "trainee", "…", score=score,
                               criteria={"acknowledges": (skills, ""), "clarifies": (skills + 10, "")})
                store.finish_session(sid, "next_step", score)
        with sqlite3.connect(settings.db) as db:
            for i, sid in enumerate((1, 2, 3)):
                db.execute("UPDATE sessions SET started_at = ? WHERE id = ?", (f"2026-11-{10 + i * 5}T09:30:00+00:00", sid))

        async def run_before(pilot) -> None:  # noqa: ANN001
            await pilot.press("f5")
            await _screen("HistoryScreen")(pilot)

        assert snap_compare(make_app(), run_before=run_before, terminal_size=SIZE)


class TestLibrary:
    def test_findings_table(self, snap_compare, make_app):
        async def run_before(pilot) -> None:  # noqa: ANN001
            await pilot.press("f4")
            await wait_until(pilot, lambda: getattr(pilot.app.screen, "report", None) is not None)
            # the table is filled after the report arrives: wait for every row, then settle
            await wait_until(pilot, lambda: pilot.app.screen.query_one("#findings").row_count
                             == len(pilot.app.screen.report.findings))
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            # the columns widen to their content on a later refresh: wait until the width holds
            table = pilot.app.screen.query_one("#findings")
            seen: list[int] = []

            def settled() -> bool:
                seen.append(table.virtual_size.width)
                return len(seen) >= 3 and seen[-1] == seen[-2] == seen[-3] > 0

            await wait_until(pilot, settled)

        assert snap_compare(make_app(), run_before=run_before, terminal_size=SIZE)

    def test_script_editor(self, snap_compare, make_app):
        async def run_before(pilot) -> None:  # noqa: ANN001
            await pilot.press("f4")
            await wait_until(pilot, lambda: getattr(pilot.app.screen, "report", None) is not None)
            pilot.app.screen.query_one("#findings").focus()
            await pilot.press("enter")
            await _screen("ScriptEditorScreen")(pilot)
            from tui.widgets.diagnostic_editor import DiagnosticEditor

            pilot.app.screen.query_one(DiagnosticEditor).cursor_blink = False
            await pilot.pause()

        assert snap_compare(make_app(), run_before=run_before, terminal_size=SIZE)
