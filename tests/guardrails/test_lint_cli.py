"""`coach lint` end to end: inputs, positions, exit codes, selection, suppressions (contract 2)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from lint_helpers import REPO, write_jsonl

PUSHY = "Вам обязательно нужно взять чехол."
HONEST = "Спасибо за заказ! Если появятся вопросы по сборке, пишите."


def test_clean_file_exits_0(run_lint, tmp_path):
    f = write_jsonl(tmp_path / "m.jsonl", [{"id": "a", "text": HONEST}])
    r = run_lint(str(f))
    assert r.exit_code == 0, r.output
    assert "Нарушений нет" in r.output


def test_violation_exits_1_and_marks_the_span(run_lint, tmp_path):
    f = write_jsonl(tmp_path / "m.jsonl", [{"id": "a", "text": HONEST}, {"id": "b", "text": PUSHY}])
    r = run_lint(str(f))
    assert r.exit_code == 1
    assert f"{f}:2:" in r.output and "PR001" in r.output
    assert "^^^^^^^^^^^^^^^^^^^^^" in r.output  # the span "Вам обязательно нужно"
    assert "лучше:" in r.output


def test_json_output_follows_contract_2(run_lint, tmp_path):
    f = write_jsonl(tmp_path / "m.jsonl", [{"id": "b", "text": "Привет. " + PUSHY, "label": "reject", "cat": "P"}])
    r = run_lint(str(f), "--format", "json")
    doc = json.loads(r.output)
    assert doc["version"] == 1
    assert doc["summary"]["messages"] == 1 and doc["summary"]["rejected_messages"] == 1
    d = doc["diagnostics"][0]
    assert set(d) >= {"path", "id", "line", "column", "end_line", "end_column", "rule", "name", "severity", "message"}
    assert (d["id"], d["rule"], d["severity"], d["line"]) == ("b", "PR001", "error", 1)
    raw = f.read_text(encoding="utf-8").splitlines()[0]
    assert raw[d["column"] - 1:d["end_column"] - 1] == "Вам обязательно нужно"


def test_yaml_positions_point_into_the_file(run_lint):
    lib = REPO / "examples" / "scripts" / "problems.yaml"
    r = run_lint(str(lib), "--format", "json")
    assert r.exit_code == 1
    lines = lib.read_text(encoding="utf-8").splitlines()
    diags = json.loads(r.output)["diagnostics"]
    pushy = next(d for d in diags if d["rule"] == "PR001")
    assert pushy["id"] == "pushy-soundbar"
    assert lines[pushy["line"] - 1][pushy["column"] - 1:pushy["end_column"] - 1] == "Вам обязательно нужно"
    rules = {d["rule"] for d in diags}
    assert {"PR001", "PR002", "PR004", "PR005", "UR001", "UR002", "TN002", "CX001", "CX002", "CX005", "CX010", "CM001", "TPL001", "SUP001"} <= rules


def test_shipped_clean_library_is_clean(run_lint):
    r = run_lint(str(REPO / "examples" / "scripts" / "clean.yaml"))
    assert r.exit_code == 0, r.output


def test_plain_text_paragraphs_and_stdin(run_lint, tmp_path):
    md = tmp_path / "msgs.md"
    md.write_text(f"# Заголовок\n\n{HONEST}\n\n{PUSHY}\n", encoding="utf-8")
    r = run_lint(str(md), "--format", "json")
    d = json.loads(r.output)["diagnostics"][0]
    assert (d["line"], d["column"], d["id"]) == (5, 1, f"{md}:5")
    r = run_lint("-", input=PUSHY + "\n")
    assert r.exit_code == 1 and "<stdin>:1:1" in r.output


def test_directories_are_walked_and_other_yaml_ignored(run_lint, tmp_path):
    (tmp_path / "lib").mkdir()
    write_jsonl(tmp_path / "lib" / "a.jsonl", [{"id": "x", "text": PUSHY}])
    (tmp_path / "lib" / "catalog.yaml").write_text("products: []\n", encoding="utf-8")
    (tmp_path / "lib" / "README.md").write_text(PUSHY + "\n", encoding="utf-8")
    r = run_lint(str(tmp_path / "lib"), "--format", "json")
    doc = json.loads(r.output)
    assert doc["summary"]["files"] == 1 and doc["summary"]["messages"] == 1


def test_select_ignore_and_fail_on(run_lint, tmp_path):
    f = write_jsonl(tmp_path / "m.jsonl", [{"id": "a", "text": "Спасибо за заказ!!"}, {"id": "b", "text": PUSHY}])
    # the learned model (ML001) speaks where the PR rules are switched off: ignore both
    assert run_lint(str(f), "--ignore", "PR").exit_code == 1
    assert run_lint(str(f), "--ignore", "PR,ML").exit_code == 0  # only the TN003 warning is left
    assert run_lint(str(f), "--ignore", "PR,ML", "--fail-on", "warning").exit_code == 1
    r = run_lint(str(f), "--select", "TN", "--format", "json")
    assert {d["rule"] for d in json.loads(r.output)["diagnostics"]} == {"TN003"}
    r = run_lint(str(f), "--select", "XX9")
    assert r.exit_code == 2 and "неизвестный код" in r.output


def test_suppressions_need_codes_and_report_unused(run_lint, tmp_path):
    lib = tmp_path / "lib.yaml"
    lib.write_text(
        "version: 1\nscripts:\n"
        "  # coach: ignore[PR001] цитата клиента на тренинге\n"
        f"  - id: quoted\n    kind: closing\n    text: {PUSHY}\n"
        "  # coach: ignore[UR001] была акция\n"
        f"  - id: stale\n    kind: closing\n    text: {HONEST}\n"
        "  # coach: ignore\n"
        f"  - id: no-codes\n    kind: closing\n    text: {PUSHY}\n",
        encoding="utf-8",
    )
    doc = json.loads(run_lint(str(lib), "--format", "json").output)
    got = sorted((d["id"], d["rule"]) for d in doc["diagnostics"])
    assert got == [("no-codes", "PR001"), ("no-codes", "SUP002"), ("stale", "SUP001")]
    assert doc["summary"]["suppressed"] == 1


def test_placeholders_are_masked_and_checked(run_lint, tmp_path):
    lib = tmp_path / "lib.yaml"
    lib.write_text(
        "version: 1\nscripts:\n"
        "  - id: ok\n    kind: cross-sell\n    text: 'К телефону рекомендую {{ offer.name }} — {{ offer.benefit }}.'\n"
        "  - id: broken\n    kind: cross-sell\n    text: 'Рекомендую {{ offer.name — защитит.'\n",
        encoding="utf-8",
    )
    doc = json.loads(run_lint(str(lib), "--format", "json").output)
    assert [(d["id"], d["rule"]) for d in doc["diagnostics"]] == [("broken", "TPL002")]


def test_console_script_runs_without_traceback(tmp_path):
    coach = Path(sys.executable).with_name("coach")
    proc = subprocess.run([str(coach), "lint", str(tmp_path / "missing.jsonl")], capture_output=True, text=True)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "missing.jsonl: файл или каталог не найден" in proc.stderr


def test_rules_command_lists_and_explains(tmp_path):
    from click.testing import CliRunner

    from coach.cli import cli

    r = CliRunner().invoke(cli, ["rules"])
    assert r.exit_code == 0 and "PR001" in r.output and "CX002" in r.output
    r = CliRunner().invoke(cli, ["rules", "pr001"])
    assert "Почему это плохо" in r.output and "✗ Вам обязательно нужно" in r.output
    r = CliRunner().invoke(cli, ["rules", "UR", "--format", "json"])
    assert [x["code"] for x in json.loads(r.output)] == ["UR001", "UR002"]
    assert CliRunner().invoke(cli, ["rules", "ZZ1"]).exit_code == 2
