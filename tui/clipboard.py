"""Copying a finished message out of the terminal.

Three routes, all tried: the terminal's clipboard escape (OSC 52, done by the
app), a system clipboard tool when one is installed and a display is present,
and always a plain file the user can open, whose path is shown. OSC 52 is not
supported everywhere (and tmux drops it unless `set-clipboard` is on), so the
file is the route that never fails silently.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

__all__ = ["CopyResult", "system_clipboard_commands", "copy_text"]


@dataclass(frozen=True, slots=True)
class CopyResult:
    file: Path | None
    tool: str | None
    file_error: str | None = None

    def message_ru(self) -> str:
        parts = ["Текст скопирован в буфер обмена терминала"]
        if self.tool:
            parts.append(f"и в системный буфер ({self.tool})")
        line = " ".join(parts) + "."
        if self.file is not None:
            line += f" Если вставка не сработает, текст лежит в файле {self.file}"
        elif self.file_error:
            line += f" Запасной файл записать не удалось: {self.file_error}"
        return line


def system_clipboard_commands(env: dict[str, str] | None = None) -> list[list[str]]:
    """Clipboard tools that can work in this session, best first."""
    env = dict(os.environ) if env is None else env
    candidates: list[list[str]] = []
    if sys.platform == "darwin":
        candidates.append(["pbcopy"])
    if env.get("WAYLAND_DISPLAY"):
        candidates.append(["wl-copy"])
    if env.get("DISPLAY"):
        candidates.append(["xclip", "-selection", "clipboard"])
        candidates.append(["xsel", "--clipboard", "--input"])
    return [cmd for cmd in candidates if shutil.which(cmd[0])]


def copy_text(text: str, fallback_file: Path, commands: list[list[str]] | None = None) -> CopyResult:
    """Put `text` on the system clipboard if a tool exists, and always into `fallback_file`."""
    tool: str | None = None
    for cmd in system_clipboard_commands() if commands is None else commands:
        try:
            subprocess.run(cmd, input=text.encode("utf-8"), check=True, timeout=3,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        except (OSError, subprocess.SubprocessError):
            continue
        tool = cmd[0]
        break
    try:
        fallback_file.parent.mkdir(parents=True, exist_ok=True)
        fallback_file.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
    except OSError as exc:
        return CopyResult(file=None, tool=tool, file_error=exc.strerror or str(exc))
    return CopyResult(file=fallback_file, tool=tool)
