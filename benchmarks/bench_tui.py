"""TUI speed: first screen and keystroke → diagnostics refresh.

    .venv/bin/python benchmarks/bench_tui.py [--runs N] [--keys N]

1. First screen, headless: wall time from spawning a fresh interpreter to the
   moment the first screen (HomeScreen) is mounted and painted by
   `App.run_test` — imports included, warm .pyc.
2. First screen, real terminal: `coach tui` in a detached tmux session; time
   from starting the session to the welcome text appearing in `capture-pane`
   (polled every 5 ms; skipped when tmux is missing).
3. Keystroke → refresh: the drafting editor holds a 1,000-character message;
   a key event is posted and the clock stops when the next frame is written
   after the diagnostics panel has been refreshed for that keystroke
   (lint + underlines + list + verdict + render). Also the bare
   `guardrails.lint` time for the same text.

Targets (issue 5): first screen < 1.5 s; refresh < 16 ms (one frame).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHILD = r"""
import sys, time, asyncio
from coach.settings import load_settings
from tui.app import CoachApp

async def main():
    app = CoachApp(load_settings(db=sys.argv[1]))
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"
        print(f"READY {time.time():.6f}", flush=True)

asyncio.run(main())
"""

MESSAGE = (
    "Айгерим, добрый день! Спасибо, что выбрали Nova X15 — отличный выбор для того, чтобы телефон "
    "прослужил долго. К нему рекомендую защитное стекло: оно защитит экран от царапин и сколов, а замена "
    "экрана обойдётся в 25 000 ₸. Стоит 2 500 ₸. Вам обязательно нужно взять и расширенную гарантию на "
    "2 года — потом пожалеете, что не взяли! Многие клиенты берут её вместе с телефоном: она покрывает "
    "ремонт, если что-то случится. Последний шанс получить её по этой цене. Если вам важно спокойствие — "
    "есть вариант оформить всё одним заказом. Добавить стекло в заказ? Могу также рассказать про чехол, "
    "но вы его уже покупали, поэтому не буду. Если будут вопросы по настройке телефона, пишите в этот чат — "
    "ответим в течение часа. Хорошего дня!"
)


def bench_first_screen(runs: int) -> list[float]:
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(runs):
            start = time.time()
            out = subprocess.run([sys.executable, "-c", CHILD, str(Path(tmp) / "db.sqlite3")], cwd=ROOT,
                                 capture_output=True, text=True, check=True).stdout
            ready = float(next(line.split()[1] for line in out.splitlines() if line.startswith("READY")))
            times.append(ready - start)
    return times


def bench_tmux(runs: int) -> list[float] | None:
    tmux = shutil.which("tmux")
    coach = ROOT / ".venv" / "bin" / "coach"
    if tmux is None or not coach.exists():
        return None
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        # A running tmux server gives new panes its own environment: pass ours explicitly.
        command = ["env", "TERM=xterm-256color", f"COACH_DB={Path(tmp) / 'db.sqlite3'}", str(coach), "tui"]
        for i in range(runs):
            session = f"bench-tui-{os.getpid()}-{i}"
            for attempt in range(5):  # the server may be exiting after the previous session
                start = time.time()
                started = subprocess.run([tmux, "new-session", "-d", "-s", session, "-x", "120", "-y", "36",
                                          *command], cwd=ROOT, capture_output=True)
                if started.returncode == 0:
                    break
                time.sleep(0.2)
            else:
                raise RuntimeError(f"tmux new-session failed: {started.stderr.decode(errors='replace')}")
            try:
                while True:
                    pane = subprocess.run([tmux, "capture-pane", "-p", "-t", session], capture_output=True,
                                          text=True).stdout
                    if "Добро пожаловать" in pane:
                        times.append(time.time() - start)
                        break
                    if time.time() - start > 20:
                        raise RuntimeError("the app did not paint its first screen in 20 s")
                    time.sleep(0.005)
            finally:
                subprocess.run([tmux, "kill-session", "-t", session], capture_output=True)
    return times


async def bench_keystrokes(keys: int, size: tuple[int, int]) -> tuple[dict, dict, list[float], int]:
    import guardrails
    from coach.settings import load_settings
    from tui.app import CoachApp
    from tui.screens.drafting import DraftingScreen
    from tui.widgets.diagnostic_editor import DiagnosticEditor
    from tui.widgets.diagnostics_panel import DiagnosticsPanel

    text = MESSAGE[:1000].ljust(1000, ".")
    with tempfile.TemporaryDirectory() as tmp:
        app = CoachApp(load_settings(db=Path(tmp) / "db.sqlite3"))
        async with app.run_test(size=size) as pilot:
            app.switch_mode("draft")
            deadline = time.perf_counter() + 20
            while not (isinstance(app.screen, DraftingScreen) and app.screen.drafts):
                if time.perf_counter() > deadline:
                    raise RuntimeError("the drafting screen did not show drafts")
                await pilot.pause(0.05)
            screen = app.screen
            editor = screen.query_one(DiagnosticEditor)
            panel = screen.query_one(DiagnosticsPanel)
            editor.text = text
            editor.focus()
            editor.move_cursor(editor.document.end)
            await pilot.pause(0.3)
            assert editor.text == text
            context = editor.context
            lint_times = []
            for i in range(50):
                variant = f"{text[:-6]} {i:05d}"  # a new text each time (no cache hit), as when typing
                t = time.perf_counter()
                guardrails.lint(variant, context)
                lint_times.append(time.perf_counter() - t)

            with_linter = await _type_keys(app, editor, panel, keys)
            editor._lint = lambda _text, _context: []  # the same editor with the linter switched off
            editor.relint()
            await pilot.pause(0.2)
            without_linter = await _type_keys(app, editor, panel, keys)
            diagnostics = len(guardrails.lint(editor.text, context))
    return with_linter, without_linter, lint_times, diagnostics


async def _type_keys(app, editor, panel, keys: int) -> dict[str, list[float]]:  # noqa: ANN001
    """Post `keys` key events to the editor; per key: when the underlines were computed,
    when the diagnostics panel was done, when the first frame after the lint was written."""
    from textual import events

    marks: dict[str, float] = {}
    frames: list[float] = []
    original_relint = type(editor).relint
    original_show = type(panel).show
    original_display = type(app)._display

    def relint() -> None:
        original_relint(editor)
        marks["linted"] = time.perf_counter()

    def show(text: str, diagnostics: list) -> None:  # noqa: ANN001
        original_show(panel, text, diagnostics)
        marks["shown"] = time.perf_counter()

    def display(*args, **kwargs):  # noqa: ANN002, ANN003
        frames.append(time.perf_counter())
        return original_display(app, *args, **kwargs)

    editor.relint = relint
    panel.show = show
    app._display = display
    out: dict[str, list[float]] = {"linted": [], "shown": [], "frame": []}
    try:
        for i in range(keys):
            marks.clear()
            frames.clear()
            char = "аб"[i % 2] if i % 10 else " "
            start = time.perf_counter()
            editor.post_message(events.Key(char, char))
            await asyncio.sleep(0.1)  # no polling: it would compete with the app for the loop
            if "linted" not in marks or "shown" not in marks:
                continue
            out["linted"].append(marks["linted"] - start)
            out["shown"].append(marks["shown"] - start)
            painted = next((t for t in frames if t >= marks["linted"]), None)
            if painted is not None:
                out["frame"].append(painted - start)
    finally:
        del editor.relint, panel.show, app._display
    return out


def summary(values: list[float]) -> str:
    ms = sorted(v * 1000 for v in values)
    p95 = ms[max(0, int(round(0.95 * len(ms))) - 1)]
    return f"median {statistics.median(ms):.1f} ms, p95 {p95:.1f} ms, max {ms[-1]:.1f} ms (n={len(ms)})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keys", type=int, default=100)
    parser.add_argument("--size", default="120x36", help="terminal size for the keystroke test (COLSxROWS)")
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    first = bench_first_screen(args.runs)
    print(f"first screen, headless (process start -> first screen mounted): {summary(first)}")
    tmux = bench_tmux(args.runs)
    if tmux is None:
        print("first screen, real terminal (tmux): skipped, tmux or .venv/bin/coach missing")
    else:
        print(f"first screen, real terminal (tmux new-session -> text on screen): {summary(tmux)}")
    size = tuple(int(v) for v in args.size.lower().split("x"))
    with_linter, without, lint_times, count = asyncio.run(bench_keystrokes(args.keys, size))  # type: ignore[arg-type]
    print(f"drafting editor at {size[0]}x{size[1]}, a 1,000-character message ({count} diagnostics):")
    print(f"  guardrails.lint alone: {summary(lint_times)}")
    print(f"  keystroke -> character inserted, linted, underlines computed: {summary(with_linter['linted'])}")
    print(f"  keystroke -> diagnostics list and verdict updated: {summary(with_linter['shown'])}")
    print(f"  keystroke -> first frame written, with the underlines: {summary(with_linter['frame'])}")
    print(f"  same, linter switched off (Textual's own repaint): {summary(without['frame'])}")

if __name__ == "__main__":
    main()
