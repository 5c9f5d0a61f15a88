"""`coach lint` never crashes, never loses the user's text, and says what went wrong in one Russian line.

Each test names the QA bug it guards (numbers of the QA report).
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from click.testing import CliRunner

from lint_helpers import write_jsonl

PUSHY = "Вам обязательно нужно взять чехол."
HERD = "Все берут!"
HONEST = "Спасибо за заказ! Если появятся вопросы по сборке, пишите."


def _one_line_error(r, *needles: str) -> None:
    """Exit 2, exactly one line on stderr that holds every needle, and no traceback."""
    assert r.exit_code == 2, (r.exit_code, r.output)
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert "Traceback" not in r.output and "Error" not in r.stderr
    for n in needles:
        assert n in lines[0], (n, lines[0])


# --- 1, 20, 21: whatever a message holds, every reporter writes valid, inert output --------------

NASTY_ID = "id\ud800\x01\x1b[2J\n"
NASTY_TEXT = "Все берут! \ud800 \x1b]0;pwned\x07 \x01 конец\rскрыто"


def _report(fmt: str) -> str:
    """Run one reporter over a message with lone surrogates and control characters, into a strict
    UTF-8 stream (as a pipe or file is): it must not raise."""
    from guardrails.config import LintConfig
    from guardrails.diagnostic import Diagnostic, Severity
    from guardrails.reporters import make_reporter
    from guardrails.runner import FileDiagnostic, Summary
    from guardrails.sources import InputProblem, Message

    raw = io.BytesIO()
    out = io.TextIOWrapper(raw, encoding="utf-8", errors="strict")
    msg = Message(path="dir,with:colon/a b%.jsonl", id=NASTY_ID, text=NASTY_TEXT)
    d = Diagnostic("PR002", "herd-pressure", Severity.ERROR, "Сообщение «\ud800\x1b[31m»", 0, 9, "лучше \x07")
    fd = FileDiagnostic(msg.path, msg.id, 1, 1, 1, 10, d, NASTY_TEXT, 0)
    problem = InputProblem("bad\ud800\x01.jsonl", "ошибка \x1b[2J\ud800", 3)
    reporter = make_reporter(fmt, out, color=False)
    reporter.message(msg, [fd])
    reporter.problem(problem)
    summary = Summary(files=1, messages=1, problems=[problem])
    summary.by_severity["error"] += 1
    reporter.finish(summary, LintConfig())
    out.flush()
    return raw.getvalue().decode("utf-8")


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "junit"])
def test_reporters_survive_surrogates_and_control_characters(fmt):
    text = _report(fmt)
    assert "\x1b" not in text and "\x07" not in text and "\r" not in text
    if fmt == "json":
        doc = json.loads(text)
        assert doc["diagnostics"][0]["id"].startswith("id\ufffd")
        assert doc["summary"]["input_errors"][0]["path"] == "bad\ufffd\x01.jsonl"  # JSON escapes \x01 itself
    elif fmt == "sarif":
        doc = json.loads(text)
        uri = doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert uri == "dir%2Cwith%3Acolon/a%20b%25.jsonl"
        assert doc["runs"][0]["columnKind"] == "unicodeCodePoints"
    elif fmt == "junit":
        root = ET.fromstring(text.split("\n", 1)[1])  # well-formed XML 1.0
        assert root.find(".//testcase").get("name").startswith("id\ufffd\\x01")
    else:
        assert "\\x1b" in text  # shown, not obeyed


def test_surrogates_in_input_do_not_crash_the_cli(run_lint, tmp_path):
    f = tmp_path / "s.jsonl"
    f.write_text('{"id": "a\\ud800", "text": "Все берут! \\ud800"}\n', encoding="utf-8")
    for fmt in ("text", "json", "sarif", "github", "junit"):
        r = run_lint(str(f), "--format", fmt)
        assert r.exit_code in (1, 2), (fmt, r.output)
        assert "Traceback" not in r.output


def test_junit_is_well_formed_with_control_characters(run_lint, tmp_path):
    f = write_jsonl(tmp_path / "c.jsonl", [{"id": "a\u0001b", "text": HERD + " \u0007 \u000b"}])
    r = run_lint(str(f), "--format", "junit")
    ET.fromstring(r.stdout.split("\n", 1)[1])


def test_text_and_github_show_terminal_escapes_instead_of_obeying_them(run_lint, tmp_path):
    f = write_jsonl(tmp_path / "inj.jsonl", [
        {"id": "esc", "text": HERD + " \u001b[2J\u001b]0;pwned\u0007 ок"},
        {"id": "cr\r", "text": "Привет\r" + HERD},
        {"id": "rtl", "text": "\u202e" + HERD},
    ])
    for fmt in ("text", "github"):
        out = run_lint(str(f), "--format", fmt, "--no-fixes").stdout
        assert not any(c in out for c in "\x1b\x07\r\u202e"), fmt
        if fmt == "text":
            assert "\\x1b[2J" in out and "\\u202e" in out and "сообщение: cr\\r" in out


def test_github_input_error_title_is_russian(run_lint, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{oops\n", encoding="utf-8")
    r = run_lint(str(bad), "--format", "github")
    assert "title=ошибка ввода::" in r.stdout and "input error" not in r.stdout


def test_sarif_uris_and_stdin(run_lint, tmp_path):
    d = tmp_path / "dir,with:colon"
    d.mkdir()
    (d / "a b%.txt").write_text(HERD + "\n", encoding="utf-8")
    os.chdir(tmp_path)
    r = run_lint("dir,with:colon/a b%.txt", "-", "--format", "sarif", input=PUSHY + "\n")
    run = json.loads(r.stdout)["runs"][0]
    uris = {x["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for x in run["results"]}
    assert uris == {"dir%2Cwith%3Acolon/a%20b%25.txt", "stdin"}
    assert run["columnKind"] == "unicodeCodePoints"


# --- 19: carets follow what the terminal shows ---------------------------------------------------

@pytest.mark.parametrize(("line", "start", "length", "before", "width"), [
    ("😀😀 Успейте купить", 3, 7, 5, 7),        # emoji are two cells wide
    ("商品商品 Успейте купить", 5, 7, 9, 7),      # so are CJK characters
    ("Итак:\t\tУспейте", 7, 7, 12, 7),           # tabs expand to the same stops (of 4) in both lines
    ("Все\u0301 берут! Успейте", 0, 10, 0, 9),   # a combining accent takes no cell
    ("\x1b[2J Успейте", 5, 7, 8, 7),              # an escape is shown as \x1b (4 cells)
])
def test_caret_offsets_count_display_cells(line, start, length, before, width):
    from guardrails.reporters._safe import display_cells
    from guardrails.reporters.text import source_window

    shown, got_before, got_width = source_window(line, start, length)
    assert (got_before, got_width) == (before, width)
    assert "\t" not in shown and "\x1b" not in shown
    assert display_cells(shown) >= got_before + got_width


def test_long_lines_are_shown_as_a_window(run_lint, tmp_path):
    f = write_jsonl(tmp_path / "long.jsonl", [{"id": "long", "text": "Добрый день. " * 2000 + HERD}])
    out = run_lint(str(f), "--no-fixes").stdout
    source, caret = [ln for ln in out.splitlines() if ln.startswith(("1 |", "  |"))][-2:]
    assert len(source) < 130 and source.startswith("1 | …") and source.endswith(HERD)
    assert source[caret.index("^"):].startswith("Все берут")


# --- 6, 24: config files -----------------------------------------------------------------------

@pytest.mark.parametrize(("toml", "needle"), [
    ("[lint]\nexclude = 5\n", "exclude"),
    ("[lint]\nexclude = [5]\n", "exclude"),
    ("lint = 5\n", "lint"),
    ("[lint]\nprice-warning = true\nprice-error = 5\n", "price-warning: ожидается доля"),
    ("[lint]\nmax-offers = true\n", "max-offers"),
    ("[lint]\nfail-on = 5\n", "fail-on"),
    ("[lint]\nselect = ['XX']\n", "select: неизвестный код"),
    ("[lint]\nignore = [1]\n", "ignore"),
    ("[lint.severity]\nXX001 = 'warning'\n", "severity.XX001"),
    ("[lint.severity]\nPR001 = 2\n", "severity.PR001"),
    ("[lint]\nseverity = 'error'\n", "severity"),
    ("[lint]\nselect = PR\n", "ошибка TOML (строка 2, столбец 10): неверное значение"),
    ("[lint\n", "ошибка TOML (строка 1"),
])
def test_bad_config_is_one_russian_line_naming_file_and_key(run_lint, tmp_path, toml, needle):
    (tmp_path / ".coach.toml").write_text(toml, encoding="utf-8")
    write_jsonl(tmp_path / "m.jsonl", [{"id": "a", "text": HONEST}])
    _one_line_error(run_lint("m.jsonl"), ".coach.toml", needle)


def test_pyproject_tool_coach_must_be_tables(run_lint, tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool]\ncoach = 5\n", encoding="utf-8")
    cfg = tmp_path / "pyproject.toml"
    _one_line_error(run_lint("-", "--config", str(cfg), input=HONEST), "pyproject.toml", "tool.coach")


def test_exclude_as_one_string_is_one_pattern(run_lint, tmp_path):
    (tmp_path / ".coach.toml").write_text("[lint]\nexclude = 'old.txt'\n", encoding="utf-8")
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "old.txt").write_text(PUSHY + "\n", encoding="utf-8")
    (tmp_path / "d" / "m.txt").write_text(HONEST + "\n", encoding="utf-8")  # would go, were it split into "m", ".", …
    doc = json.loads(run_lint("d", "--format", "json").stdout)
    assert doc["summary"]["files"] == 1 and doc["diagnostics"] == []


@pytest.mark.parametrize("value", ["", ",", " , "])
def test_empty_select_is_a_usage_error(run_lint, tmp_path, value):
    write_jsonl(tmp_path / "m.jsonl", [{"id": "a", "text": PUSHY}])
    _one_line_error(run_lint("m.jsonl", "--select", value), "--select", "пустой список")


def test_missing_config_in_russian(run_lint, tmp_path):
    r = run_lint("-", "--config", "nope.toml", input=HONEST)
    _one_line_error(r, "nope.toml", "файл не найден")
    r = run_lint("-", "--config", str(tmp_path), input=HONEST)
    _one_line_error(r, "это каталог")


def test_rules_command_shows_filled_in_examples():
    from coach.cli import cli

    for code, example in (("SUP001", "Подавление PR001"), ("TPL002", "подстановка не закрыта"), ("TPL001", "offer.nmae")):
        out = CliRunner().invoke(cli, ["rules", code]).output
        assert example in out
        assert "{codes}" not in out and "{error}" not in out and "{name}" not in out and "{known}" not in out
    assert "{{ … }}" in CliRunner().invoke(cli, ["rules", "TPL002"]).output  # Jinja braces stay


# --- 7, 8, 9: the report's destination ----------------------------------------------------------

def test_output_into_missing_directory(run_lint, tmp_path):
    write_jsonl(tmp_path / "m.jsonl", [{"id": "a", "text": PUSHY}])
    _one_line_error(run_lint("m.jsonl", "-o", "nodir/x.txt"), "nodir", "не существует")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_full_disk_is_one_line(run_lint, tmp_path):
    write_jsonl(tmp_path / "m.jsonl", [{"id": "a", "text": PUSHY}])
    _one_line_error(run_lint("m.jsonl", "-o", "/dev/full"), "/dev/full", "нет места на диске")
    coach = Path(sys.executable).with_name("coach")
    with open("/dev/full", "w") as full:
        proc = subprocess.run([str(coach), "lint", "m.jsonl"], stdout=full, stderr=subprocess.PIPE, text=True,
                              cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.strip() == "coach lint: не удалось записать отчёт (стандартный вывод): нет места на диске"


def test_output_never_overwrites_an_input(run_lint, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text(HERD + "\n", encoding="utf-8")
    _one_line_error(run_lint("victim.txt", "-o", "victim.txt"), "victim.txt", "затёр бы")
    _one_line_error(run_lint(str(victim), "-o", "./victim.txt"), "затёр бы")  # same file, other spelling
    assert victim.read_text(encoding="utf-8") == HERD + "\n"
    _one_line_error(run_lint(".", "-o", "report.txt"), "report.txt", "каталог")  # would be linted next time
    assert not (tmp_path / "report.txt").exists()
    assert run_lint(".", "--format", "sarif", "-o", "report.sarif").exit_code == 1  # not an input type: fine


def test_output_is_replaced_only_when_complete(run_lint, tmp_path, monkeypatch):
    import guardrails.runner

    write_jsonl(tmp_path / "m.jsonl", [{"id": "a", "text": PUSHY}])
    report = tmp_path / "report.json"
    report.write_text("old report", encoding="utf-8")

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    real = guardrails.runner.lint_message
    monkeypatch.setattr(guardrails.runner, "lint_message", interrupted)
    r = run_lint("m.jsonl", "--format", "json", "-o", str(report))
    assert r.exit_code == 130 and r.stderr.strip() == "Прервано."  # 9: not click's "Aborted!", exit 1
    assert report.read_text(encoding="utf-8") == "old report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.jsonl", "report.json"]  # no temporary left
    monkeypatch.setattr(guardrails.runner, "lint_message", real)
    r = run_lint("m.jsonl", "--format", "json", "-o", str(report))
    assert r.exit_code == 1, r.output
    assert json.loads(report.read_text(encoding="utf-8"))["summary"]["messages"] == 1


# --- 10: standard input's problems count like a file's ----------------------------------------

def test_stdin_bom_is_an_input_error(run_lint):
    r = run_lint("-", "--format", "json", input="\ufeff".encode() + HONEST.encode() + b"\n")
    assert r.exit_code == 2
    assert r.stderr.startswith("ошибка ввода: <stdin>:1: ")
    assert json.loads(r.stdout)["summary"]["input_errors"][0]["path"] == "<stdin>"


def test_stdin_cp1251_is_an_input_error_and_still_linted(run_lint):
    r = run_lint("-", "--format", "sarif", input=(PUSHY + "\n").encode("cp1251"))
    assert r.exit_code == 2 and "ошибка ввода: <stdin>:1: " in r.stderr
    run = json.loads(r.stdout)["runs"][0]
    assert run["results"] and run["invocations"][0]["toolExecutionNotifications"]


def test_binary_stdin_is_one_line(run_lint):
    r = run_lint("-", input=b"\x00\x01\x02binary")
    _one_line_error(r, "<stdin>", "двоичный")


# --- 22, 23: severities and suppressions --------------------------------------------------------

def test_severity_overrides_reach_source_diagnostics(run_lint, tmp_path):
    (tmp_path / ".coach.toml").write_text("[lint.severity]\nTPL001 = 'warning'\nSUP002 = 'error'\n", encoding="utf-8")
    (tmp_path / "s.yaml").write_text(
        "version: 1\nscripts:\n  - id: a\n    kind: upsell\n    # coach: ignore\n    text: Привет {{ offer.nmae }}\n",
        encoding="utf-8")
    doc = json.loads(run_lint("s.yaml", "--format", "json").stdout)
    assert {(d["rule"], d["severity"]) for d in doc["diagnostics"]} == {("TPL001", "warning"), ("SUP002", "error")}


@pytest.mark.parametrize("flags", [("--ignore", "PR002"), ("--select", "UR,SUP"), ("--ignore", "PR")])
def test_suppression_of_a_disabled_rule_is_not_stale(run_lint, tmp_path, flags):
    (tmp_path / "m.txt").write_text(f"# coach: ignore[PR002] цитата клиента\n{HERD}\n", encoding="utf-8")
    r = run_lint("m.txt", *flags, "--fail-on", "warning")
    assert r.exit_code == 0, r.output
    assert "SUP001" not in r.output


def test_stale_and_unknown_codes_in_suppressions(run_lint, tmp_path):
    (tmp_path / "m.txt").write_text(
        f"# coach: ignore[PR002,UR001] цитата клиента\n{HERD}\n\n# coach: ignore[XX999] причина\n{HONEST}\n",
        encoding="utf-8")
    doc = json.loads(run_lint("m.txt", "--format", "json").stdout)
    got = {(d["rule"], d["line"]): d["message"] for d in doc["diagnostics"]}
    assert "UR001" in got[("SUP001", 1)] and "PR002" not in got[("SUP001", 1)]  # only the part that is stale
    assert "неизвестный код" in got[("SUP002", 4)] and "XX999" in got[("SUP002", 4)]
    assert ("SUP001", 4) not in got


# --- 29: exclude like ruff and gitignore ------------------------------------------------------

def _archive(tmp_path: Path) -> None:
    (tmp_path / "content" / "archive").mkdir(parents=True)
    (tmp_path / "content" / "new.txt").write_text(HONEST + "\n", encoding="utf-8")
    (tmp_path / "content" / "archive" / "old.txt").write_text(PUSHY + "\n", encoding="utf-8")


@pytest.mark.parametrize("pattern", ["content/archive/**", "content/archive", "archive", "archive/"])
def test_config_exclude_is_relative_to_the_config_file(run_lint, tmp_path, pattern):
    _archive(tmp_path)
    (tmp_path / ".coach.toml").write_text(f"[lint]\nexclude = ['{pattern}']\n", encoding="utf-8")
    for target in ("content", ".", str(tmp_path / "content")):
        r = run_lint(target)
        assert r.exit_code == 0, (pattern, target, r.output)
    os.chdir(tmp_path / "content")  # the config is found above; its patterns stay relative to it
    assert run_lint(".").exit_code == 0


def test_cli_exclude_and_explicit_files(run_lint, tmp_path):
    _archive(tmp_path)
    assert run_lint("content").exit_code == 1
    assert run_lint("content", "--exclude", "content/archive").exit_code == 0
    assert run_lint("content", "--exclude", "archive").exit_code == 0
    assert run_lint("content/archive/old.txt", "--exclude", "archive").exit_code == 1  # named: always read
