"""The real app in a real terminal: `coach tui` inside tmux, driven by keys, read by capture-pane."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
COACH = ROOT / ".venv" / "bin" / "coach"
TMUX = shutil.which("tmux")

pytestmark = [
    pytest.mark.tmux,
    pytest.mark.skipif(TMUX is None, reason="tmux is not installed"),
    pytest.mark.skipif(not COACH.exists(), reason=".venv/bin/coach is not installed"),
]


class Pane:
    def __init__(self, session: str) -> None:
        self.session = session

    def keys(self, *keys: str) -> None:
        subprocess.run([TMUX, "send-keys", "-t", self.session, *keys], check=True)

    def text(self) -> str:
        done = subprocess.run([TMUX, "capture-pane", "-p", "-t", self.session], capture_output=True, text=True)
        return done.stdout

    def wait_for(self, needle: str, timeout: float = 30.0) -> str:
        deadline = time.monotonic() + timeout
        while True:
            screen = self.text()
            if needle in screen:
                return screen
            if time.monotonic() > deadline:
                raise AssertionError(f"{needle!r} did not appear in {timeout} s; the pane shows:\n{screen}")
            time.sleep(0.1)

    def alive(self) -> bool:
        return subprocess.run([TMUX, "has-session", "-t", self.session], capture_output=True).returncode == 0


@pytest.fixture
def pane(tmp_path: Path):  # noqa: ANN201
    yield from _pane(tmp_path, [])


@pytest.fixture
def seeded_pane(tmp_path: Path):  # noqa: ANN201
    yield from _pane(tmp_path, ["--seed", "7"])


def _pane(tmp_path: Path, args: list[str]):  # noqa: ANN202
    session = f"coach-tui-{uuid.uuid4().hex[:8]}"
    # A running tmux server gives new panes its own environment, not ours: pass it explicitly.
    command = ["env", "TERM=xterm-256color", f"COACH_DB={tmp_path / 'coach.sqlite3'}", "COACH_PROVIDER=offline",
               f"HOME={tmp_path}", str(COACH), "tui", *args]
    env = {k: v for k, v in os.environ.items() if k != "TMUX"}
    subprocess.run([TMUX, "new-session", "-d", "-s", session, "-x", "120", "-y", "36", "-c", str(ROOT), *command],
                   env=env, check=True)
    try:
        yield Pane(session)
    finally:
        subprocess.run([TMUX, "kill-session", "-t", session], capture_output=True)


def test_draft_with_live_problems_and_quit(pane: Pane, tmp_path: Path):
    pane.wait_for("Добро пожаловать")
    pane.keys("F2")
    screen = pane.wait_for("Чисто: замечаний нет")  # the example customer's first draft is clean
    assert "Айгерим" in screen and "Предложить" in screen

    pane.keys("End", " Вам обязательно нужно взять чехол!")
    screen = pane.wait_for("PR001")
    assert "Отправлять нельзя" in screen

    pane.keys("C-t")
    pane.wait_for("исправьте их")  # a message with errors is not copied
    pane.keys("C-g")  # fresh drafts replace the edited text
    pane.wait_for("Чисто: замечаний нет")
    pane.keys("C-t")
    pane.wait_for("Скопировано")
    copied = (tmp_path / "last-message.txt").read_text(encoding="utf-8")
    assert copied.startswith("Айгерим") and "обязательно" not in copied

    pane.keys("C-q")
    deadline = time.monotonic() + 10
    while pane.alive() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not pane.alive(), "Ctrl+Q should quit the app (and close the pane)"


def test_role_play_to_the_report(seeded_pane: Pane):
    pane = seeded_pane
    pane.wait_for("Добро пожаловать")
    pane.keys("F3")
    pane.wait_for("Руслан")  # the first scenario is described: the list is ready
    pane.keys("Down")  # the second scenario: «Дорого» — ноутбук для работы
    pane.wait_for("480")
    pane.keys("Enter")  # with no name yet, Enter on a scenario moves to the name field
    for attempt in range(3):  # keys sent before the focus moved are lost: type again (slow CI machines)
        time.sleep(0.3)
        pane.keys("Вероника")
        try:
            pane.wait_for("Вероника", timeout=5)  # typed into the name field
            break
        except AssertionError:
            if attempt == 2:
                raise
    pane.keys("Enter")
    pane.wait_for("Ваш ответ клиенту")  # the room is open
    pane.wait_for("Клиент")  # and the customer has spoken first
    lines = [line for line in (ROOT / "examples/scenarios/scripts/dorogo-laptop-good.txt")
             .read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    for number, line in enumerate(lines, start=1):
        pane.keys(line, "Enter")
        screen = pane.wait_for("Итоги тренировки" if number == len(lines) else f"ответов: {number}")
        if "Итоги тренировки" in screen:
            break
    screen = pane.wait_for("Итоги тренировки")
    assert "Вероника" in screen and "Средняя оценка" in screen
