"""The role-play room: setup, a played session with live meters, the report, the history."""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_helpers import SIZE, plain, wait_until

GOOD_RUN = [
    line for line in (Path(__file__).resolve().parents[2] / "examples/scenarios/scripts/dorogo-laptop-good.txt")
    .read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")
]


async def _start(app, pilot, scenario: str, trainee: str):  # noqa: ANN001
    from textual.widgets import Input, OptionList

    from tui.screens.roleplay import RolePlayScreen
    from tui.screens.roleplay_setup import RolePlaySetupScreen

    await pilot.press("f3")
    await wait_until(pilot, lambda: isinstance(app.screen, RolePlaySetupScreen))
    setup = app.screen
    index = next(i for i, s in enumerate(setup.scenarios) if s.name == scenario)
    setup.query_one("#scenarios", OptionList).highlighted = index
    name = setup.query_one("#trainee", Input)
    name.focus()
    await pilot.press(*trainee, "enter")
    await wait_until(pilot, lambda: isinstance(app.screen, RolePlayScreen) and app.screen.session is not None)
    return app.screen


async def _say(app, pilot, room, text: str) -> None:  # noqa: ANN001
    from textual.widgets import Input

    before = room.turns
    reply = room.query_one("#reply", Input)
    await wait_until(pilot, lambda: not reply.disabled)
    reply.value = text  # typing key by key is covered by the drafting tests; this keeps the suite fast
    await pilot.press("enter")
    await wait_until(pilot, lambda: room.turns > before or app.screen is not room)


@pytest.mark.anyio
async def test_a_good_run_ends_with_a_report_and_shows_up_in_history(make_app):
    from tui.screens.history import HistoryScreen
    from tui.screens.report import ReportScreen
    from tui.widgets.meters import Meters
    from tui.widgets.progress_chart import ProgressChart

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        room = await _start(app, pilot, "dorogo-laptop", "Анна")
        opening = [w for w in room.query(".turn.customer")]
        assert opening, "the customer speaks first"

        await _say(app, pilot, room, GOOD_RUN[0])
        skills = room.query_one("#skills", Meters).values
        assert skills["Оценка ответа"] > 50 and skills["Признание"] == 100
        assert "Настроение клиента" in plain(room.query_one("#mood-label"))
        assert "Отзыв" in plain(room.query_one("#feedback"))

        for line in GOOD_RUN[1:]:
            if app.screen is not room:
                break
            await _say(app, pilot, room, line)
        await wait_until(pilot, lambda: isinstance(app.screen, ReportScreen))
        report = app.screen.report
        assert report.trainee == "Анна" and report.outcome in ("deal", "next_step") and report.success
        assert report.score is not None and report.score >= 60

        await pilot.press("h")
        await wait_until(pilot, lambda: isinstance(app.screen, HistoryScreen))
        history = app.screen
        assert history.trainees == ["Анна"]
        assert history.query_one(ProgressChart).points == [("1", float(report.score))]
        assert history.query_one("#sessions").row_count == 1


@pytest.mark.anyio
async def test_pressure_is_scored_low_and_ending_early_still_reports(make_app):
    from tui.screens.report import ReportScreen
    from tui.widgets.meters import Meters

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        room = await _start(app, pilot, "dorogo-laptop", "Борис")
        await _say(app, pilot, room, "Да это копейки! Берите, пока не подорожало!")
        values = room.query_one("#skills", Meters).values
        assert values["Без давления"] < 50 and values["Оценка ответа"] <= 30
        await pilot.press("ctrl+e")
        await wait_until(pilot, lambda: isinstance(app.screen, ReportScreen))
        report = app.screen.report
        assert report.trainee == "Борис" and not report.success
        sessions = app.store.sessions("Борис")
        assert len(sessions) == 1 and sessions[0].score is not None


@pytest.mark.anyio
async def test_a_name_is_required(make_app):
    from textual.widgets import Input

    from tui.screens.roleplay_setup import RolePlaySetupScreen

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3")
        await wait_until(pilot, lambda: isinstance(app.screen, RolePlaySetupScreen))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, RolePlaySetupScreen)
        assert app.screen.query_one("#trainee", Input).has_focus


@pytest.mark.anyio
async def test_llm_customer_speaks_and_a_failing_endpoint_falls_back_with_a_notice(make_app, fake_openai):
    from fake_openai import Reply

    fake_openai.script(Reply("Ноутбук хороший, но 480 тысяч — это дорого для меня."),
                       Reply(status=500))
    app = make_app(provider="openai", base_url=fake_openai.base_url, model="fake-model", max_retries=0)
    async with app.run_test(size=SIZE) as pilot:
        room = await _start(app, pilot, "dorogo-laptop", "Вера")
        opening = [plain(w) for w in room.query(".turn.customer")]
        assert "480 тысяч — это дорого для меня" in opening[0]
        notices: list[str] = []
        original = app.notify

        def notify(message: str, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
            notices.append(message)
            original(message, *args, **kwargs)

        app.notify = notify
        await _say(app, pilot, room, GOOD_RUN[0])
        # The endpoint failed on the second turn: the offline customer answered and the trainee was told.
        assert len(room.query(".turn.customer")) == 2
        assert any("офлайн" in n for n in notices)
        assert len(fake_openai.requests) == 2
