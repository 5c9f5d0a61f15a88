"""Layers stay clean (DESIGN.md): imports only point down, LLM libraries load lazily.

Checked two ways: statically (every import statement in the package) and
dynamically (import in a fresh interpreter, then inspect ``sys.modules``).
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
UI_AND_LLM = ("textual", "langchain", "langchain_core", "langchain_openai", "openai")


def _imports(package: str) -> list[tuple[str, int, str]]:
    found = []
    for path in sorted((REPO / package).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found += [(str(path.relative_to(REPO)), node.lineno, a.name) for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.append((str(path.relative_to(REPO)), node.lineno, node.module))
    return found


def _top(name: str) -> str:
    return name.split(".")[0]


def test_guardrails_imports_nothing_of_ours_and_no_ui_or_llm_library():
    bad = [i for i in _imports("guardrails") if _top(i[2]) in ("coach", "tui", *UI_AND_LLM)]
    assert not bad, bad


def test_coach_never_imports_the_tui():
    bad = [i for i in _imports("coach") if _top(i[2]) in ("tui", "textual")]
    assert not bad, bad  # `coach tui` is a plugin command registered by the tui package


def _modules_after(code: str) -> list[str]:
    probe = code + "\nimport sys, json; print(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=REPO, check=True)
    return json.loads(out.stdout.splitlines()[-1])


def _loaded_after(code: str) -> set[str]:
    return {_top(m) for m in _modules_after(code)}


def test_guardrails_at_runtime():
    loaded = _loaded_after("import guardrails; guardrails.lint('Вам обязательно нужно взять чехол.')")
    assert not loaded & {"coach", "tui", *UI_AND_LLM}, loaded & {"coach", "tui", *UI_AND_LLM}


@pytest.mark.parametrize("module", ["coach.cli", "coach.cli.lint_cmd", "coach.settings"])
def test_coach_modules_load_no_tui_and_no_llm_library(module):
    loaded = _loaded_after(f"import {module}")
    assert not loaded & {"tui", *UI_AND_LLM}


def test_lint_command_does_not_load_drafting_roleplay_or_settings(tmp_path):
    code = (
        "from click.testing import CliRunner\nfrom coach.cli import cli\n"
        f"CliRunner().invoke(cli, ['lint', '-'], input='Спасибо!')\n"
    )
    modules = _modules_after(code)
    loaded = {_top(m) for m in modules}
    assert not loaded & {"tui", "pydantic_settings", "jinja2", *UI_AND_LLM}
    assert not [m for m in modules if m.startswith(("coach.drafting", "coach.roleplay", "coach.store"))]


def test_coach_help_lists_every_command_including_the_tui_plugin():
    out = subprocess.run([sys.executable, "-m", "coach", "--help"], capture_output=True, text=True, cwd=REPO)
    assert out.returncode == 0, out.stderr
    for name in ("lint", "rules", "draft", "offers", "roleplay", "report", "tui"):
        assert f"  {name} " in out.stdout, name
    loaded = _loaded_after("from click.testing import CliRunner\nfrom coach.cli import cli\nCliRunner().invoke(cli, ['--help'])")
    assert "textual" not in loaded
