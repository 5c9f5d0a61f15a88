"""Role-play and storage stay light: no LLM or UI library is imported until a model is used."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("langchain", "langchain_core", "langchain_openai", "openai", "textual", "tui")


def test_roleplay_imports_no_llm_or_ui_library() -> None:
    code = (
        "import sys, json\n"
        "import coach.roleplay, coach.store, coach.cli.roleplay_cmd, coach.cli.report_cmd\n"
        "from coach.roleplay import RolePlaySession, get_scenario, evaluate_reply\n"
        "s = RolePlaySession(get_scenario('dorogo-laptop'), 'x'); s.opening(); s.reply('Понимаю. Что для вас важнее?')\n"
        "evaluate_reply('Дорого.', 'Да это копейки!')\n"
        f"print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r})))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == []
