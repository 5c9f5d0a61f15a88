"""Helpers shared by the TUI tests (a plain module: pytest puts this folder on sys.path)."""

from __future__ import annotations

import time
from typing import Callable

SIZE = (120, 36)


async def wait_until(pilot, condition: Callable[[], bool], timeout: float = 20.0) -> None:  # noqa: ANN001
    """Let the app run until `condition()` holds (workers run in threads)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        await pilot.pause(0.05)


def plain(widget, width: int = 200) -> str:  # noqa: ANN001
    """What a Static-like widget shows, as plain text (wide, so nothing wraps)."""
    from io import StringIO

    from rich.console import Console

    console = Console(file=StringIO(), width=width, color_system=None, legacy_windows=False)
    renderable = widget.content  # what was given to Static.update()
    if hasattr(renderable, "__rich_console__") or isinstance(renderable, str):
        console.print(renderable)
    else:  # a Textual Content
        console.print(str(renderable))
    return console.file.getvalue()
