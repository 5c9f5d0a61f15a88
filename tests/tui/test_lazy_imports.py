"""`coach` must not load Textual; the app must not load the LLM stack to start."""

from __future__ import annotations

import subprocess
import sys


def _loaded_after(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", code + "\nimport sys; print(' '.join(sys.modules))"],
                         capture_output=True, text=True, check=True).stdout
    return {name.split(".")[0] for name in out.split()}


def test_cli_and_tui_command_do_not_import_textual():
    assert "tui" not in _loaded_after("import coach.cli")
    loaded = _loaded_after("import coach.cli, tui.cli")  # the `coach tui` plugin command itself
    assert "textual" not in loaded


def test_tui_app_module_does_not_import_llm_libraries():
    loaded = _loaded_after("import tui.app, tui.screens.home")
    assert "textual" in loaded
    assert not loaded & {"openai", "langchain_openai", "langchain_core", "langchain"}
