from __future__ import annotations

import sys
from pathlib import Path

from tui.clipboard import copy_text, system_clipboard_commands


def test_fallback_file_always_written(tmp_path: Path):
    target = tmp_path / "sub" / "last-message.txt"
    result = copy_text("Добрый день!", target, commands=[])
    assert target.read_text(encoding="utf-8") == "Добрый день!\n"
    assert result.tool is None
    assert str(target) in result.message_ru()


def test_system_tool_receives_the_text(tmp_path: Path):
    sink = tmp_path / "sink.txt"
    tool = [sys.executable, "-c", f"import sys; open({str(sink)!r}, 'wb').write(sys.stdin.buffer.read())"]
    result = copy_text("Чехол — 3 500 ₸", tmp_path / "f.txt", commands=[["/nonexistent-tool"], tool])
    assert sink.read_text(encoding="utf-8") == "Чехол — 3 500 ₸"
    assert result.tool == sys.executable
    assert "системный буфер" in result.message_ru()


def test_no_display_means_no_x_tools():
    assert all(cmd[0] not in {"xclip", "xsel", "wl-copy"} for cmd in system_clipboard_commands({}))
