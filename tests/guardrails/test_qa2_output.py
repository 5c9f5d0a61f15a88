"""QA round 2: reporters, the runner's inputs and summary, usage errors, config precedence."""

from __future__ import annotations

import json
from xml.etree import ElementTree as ET

import pytest
from lint_helpers import REPO, write_jsonl

from guardrails.config import LintConfig
from guardrails.diagnostic import Severity

HERD = "Все берут."
"""One PR002 (error) finding."""


def _json(r) -> dict:  # type: ignore[no-untyped-def]
    return json.loads(r.stdout)


# --- 5: the text reporter is linear in the line's length -------------------------------------------


def test_text_reporter_measures_a_long_line_once(run_lint, tmp_path, monkeypatch):
    import guardrails.reporters.text as text

    calls = [0]
    real = text.char_cells

    def counting(ch: str) -> int:
        calls[0] += 1
        return real(ch)

    monkeypatch.setattr(text, "char_cells", counting)
    line = " ".join([HERD] * 150)
    (tmp_path / "long.txt").write_text(line + "\n", encoding="utf-8")
    r = run_lint("long.txt", "--no-color")
    assert r.stdout.count("PR002 [") >= 100
    assert "…" in r.stdout  # shown as a window
    assert calls[0] <= 2 * len(line)  # each character measured once, not once per finding


def test_findings_on_one_line_share_its_text(tmp_path):
    from guardrails.engine import Linter
    from guardrails.runner import lint_message
    from guardrails.sources import Message

    text = " ".join([HERD] * 20) + "\nВторая строка. " + HERD
    msg = Message(path="m.txt", id="m", text=text)
    diags, _ = lint_message(Linter(LintConfig()), msg)
    first = [fd for fd in diags if fd.line == 1]
    assert len(first) >= 10
    assert all(fd.source_line is first[0].source_line for fd in first)
    assert first[3].source_line[first[3].line_column:].startswith("Все берут")
    last = diags[-1]
    assert last.source_line == "Вторая строка. " + HERD
    assert last.source_line[last.line_column:].startswith("Все берут")


# --- 6, 10: SARIF regions over several lines; unique fingerprints ---------------------------------


def test_sarif_end_column_of_a_span_over_two_lines(run_lint, tmp_path):
    (tmp_path / "m.txt").write_text("Ну что же, вам обязательно\nнужно взять чехол.\n", encoding="utf-8")
    diags = _json(run_lint("m.txt", "--format", "json", "--select", "PR001"))["diagnostics"]
    doc = json.loads(run_lint("m.txt", "--format", "sarif", "--select", "PR001").stdout)
    results = doc["runs"][0]["results"]
    assert len(diags) == len(results) == 1
    d, region = diags[0], results[0]["locations"][0]["physicalLocation"]["region"]
    assert d["end_line"] > d["line"] and d["end_column"] < d["column"]  # the case the old max() broke
    assert (region["endLine"], region["endColumn"]) == (d["end_line"], d["end_column"])


def test_sarif_fingerprints_are_unique_and_stable(run_lint, tmp_path):
    for name in ("a.jsonl", "b.jsonl"):  # the same id in two files
        write_jsonl(tmp_path / name, [{"id": "m1", "text": f"{HERD} Правда, {HERD.lower()}"}])

    def fingerprints() -> list[str]:
        doc = json.loads(run_lint("a.jsonl", "b.jsonl", "--format", "sarif").stdout)
        return [next(iter(x["partialFingerprints"].values())) for x in doc["runs"][0]["results"]]

    first = fingerprints()
    assert len(first) == 4  # two PR002 in each message
    assert len(set(first)) == 4
    assert fingerprints() == first


# --- 9: JUnit agrees with --fail-on; one <failure> per test case ----------------------------------


def _junit(r) -> ET.Element:  # type: ignore[no-untyped-def]
    return ET.fromstring(r.stdout)


def test_junit_warnings_fail_with_fail_on_warning(run_lint, tmp_path):
    (tmp_path / "w.txt").write_text("Добрый день!! Чехол защитит экран от царапин.\n", encoding="utf-8")
    strict = run_lint("w.txt", "--format", "junit", "--fail-on", "warning")
    assert strict.exit_code == 1
    root = _junit(strict)
    assert root.get("failures") == "1"
    assert root.find(".//testcase/failure").get("type") == "TN003"
    lenient = run_lint("w.txt", "--format", "junit")
    assert lenient.exit_code == 0
    root = _junit(lenient)
    assert root.get("failures") == "0"
    assert "TN003" in root.find(".//testcase/system-out").text


def test_junit_one_failure_per_case_lists_every_finding(run_lint, tmp_path):
    write_jsonl(tmp_path / "m.jsonl", [{"id": "b", "text": f"Вам обязательно нужно взять чехол!! {HERD}"}])
    r = run_lint("m.jsonl", "--format", "junit")
    assert r.exit_code == 1
    case = _junit(r).find(".//testcase")
    failures = case.findall("failure")
    assert len(failures) == 1
    assert case.find("system-out") is None
    body = failures[0].text
    for rule in ("PR001", "PR002", "TN003"):  # the warning is listed with the errors
        assert rule in body
    assert failures[0].get("message").startswith("2 нарушения: PR001, PR002")


# --- 11, 18: each file read once; the summary counts linted files only ------------------------------


def test_a_file_named_several_times_is_linted_once(run_lint, tmp_path):
    (tmp_path / "a.txt").write_text(HERD + "\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text(HERD + "\n", encoding="utf-8")
    r = run_lint("a.txt", "a.txt", "./a.txt", str(tmp_path / "a.txt"), ".", "sub", "--format", "json")
    doc = _json(r)
    assert r.exit_code == 1  # "sub" holds nothing new, which is not an input error
    assert [(d["path"], d["rule"]) for d in doc["diagnostics"]] == [("a.txt", "PR002"), ("sub/b.txt", "PR002")]
    assert doc["summary"]["files"] == 2 and doc["summary"]["messages"] == 2
    assert doc["summary"]["input_errors"] == []


def test_a_directory_twice_is_walked_once(run_lint, tmp_path):
    (tmp_path / "a.txt").write_text(HERD + "\n", encoding="utf-8")
    r = run_lint(".", ".", "--format", "json")
    assert r.exit_code == 1
    assert len(_json(r)["diagnostics"]) == 1


def test_summary_counts_neither_the_catalog_nor_missing_paths(run_lint, tmp_path):
    write_jsonl(tmp_path / "m.jsonl", [{"id": "a", "text": "Спасибо за заказ."}])
    catalog = REPO / "examples" / "catalogs" / "electronics.yaml"
    r = run_lint("m.jsonl", "--catalog", str(catalog))
    assert r.exit_code == 0, r.output
    assert "проверено 1 сообщение в 1 файле" in r.stdout
    r = run_lint("m.jsonl", "missing.txt", "--format", "json")
    assert r.exit_code == 2
    assert _json(r)["summary"]["files"] == 1


def test_summary_counts_a_bad_file_that_was_read(run_lint, tmp_path):
    write_jsonl(tmp_path / "m.jsonl", [{"id": "a", "text": "Спасибо за заказ."}])
    (tmp_path / "bad.jsonl").write_text("{not json\n", encoding="utf-8")
    r = run_lint("m.jsonl", "bad.jsonl", "--format", "json")
    assert r.exit_code == 2
    assert _json(r)["summary"]["files"] == 2


# --- 19: click's usage errors in Russian ----------------------------------------------------------


def _coach(*args: str):  # type: ignore[no-untyped-def]
    from click.testing import CliRunner

    from coach.cli import cli

    return CliRunner().invoke(cli, list(args), prog_name="coach")



@pytest.mark.parametrize(("args", "expected"), [
    (["--format", "xml"], ["--format", "«xml»", "text, json, sarif, github, junit"]),
    (["--fail-on", "bogus"], ["--fail-on", "«bogus»", "error, warning, info"]),
    (["--catalog", "."], ["--catalog", "каталог"]),
    (["--formt", "json"], ["нет такого параметра: --formt", "--format"]),
    (["--format"], ["--format", "нужно значение"]),
])
def test_usage_errors_are_one_russian_line(args, expected):
    r = _coach("lint", *args)
    assert r.exit_code == 2
    assert r.stdout == ""
    lines = r.stderr.splitlines()
    assert len(lines) == 1, r.stderr
    assert lines[0].startswith("coach lint: ")
    for part in expected:
        assert part in lines[0]
    assert "Error" not in r.stderr and "Usage" not in r.stderr


def test_usage_errors_of_other_commands_and_of_the_group():
    r = _coach("lnt")
    assert r.exit_code == 2 and r.stderr.strip() == "coach: нет такой команды: lnt. Справка: coach --help"
    r = _coach("rules", "--format", "yaml")
    assert r.exit_code == 2 and r.stderr.startswith("coach rules: --format: недопустимое значение «yaml»")


def test_help_stays_as_it_is():
    r = _coach("lint", "--help")
    assert r.exit_code == 0
    assert r.stdout.startswith("Usage: coach lint")


# --- 7: the command line's --select wins over the config --------------------------------------------


def _with_config(tmp_path, body: str) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / ".coach.toml").write_text("[lint]\n" + body, encoding="utf-8")
    (tmp_path / "m.txt").write_text("Вам обязательно нужно взять чехол. " + HERD + "\n", encoding="utf-8")


def _rules(r) -> list[str]:  # type: ignore[no-untyped-def]
    return [d["rule"] for d in _json(r)["diagnostics"]]


def test_cli_select_overrides_the_configs_ignore(run_lint, tmp_path):
    _with_config(tmp_path, 'ignore = ["PR001"]\n')
    assert "PR001" not in _rules(run_lint("m.txt", "--format", "json"))
    assert _rules(run_lint("m.txt", "--format", "json", "--select", "PR001")) == ["PR001"]
    assert _rules(run_lint("m.txt", "--format", "json", "--select", "PR", "--ignore", "PR002")) == ["PR001"]


def test_cli_select_overrides_the_configs_select_and_extend_select(run_lint, tmp_path):
    _with_config(tmp_path, 'select = ["TN"]\nextend-select = ["PR001"]\n')
    assert _rules(run_lint("m.txt", "--format", "json")) == ["PR001"]
    assert _rules(run_lint("m.txt", "--format", "json", "--select", "PR002")) == ["PR002"]


def test_cli_ignore_without_select_adds_to_the_config(run_lint, tmp_path):
    _with_config(tmp_path, 'select = ["PR"]\nignore = ["PR001"]\n')
    assert _rules(run_lint("m.txt", "--format", "json")) == ["PR002"]
    assert _rules(run_lint("m.txt", "--format", "json", "--ignore", "PR002")) == []


# --- 12: LintConfig normalises codes; severity_for --------------------------------------------------


def test_lint_config_upper_cases_codes():
    assert LintConfig(select=("pr",)).enabled("PR001")
    assert not LintConfig(select=("pr",)).enabled("TN001")
    assert not LintConfig(ignore=("pr002",)).enabled("PR002")
    assert LintConfig(select=("tn",), extend_select=(" pr001 ",)).enabled("PR001")
    assert LintConfig(select="pr").select == ("PR",)  # one code, not its letters
    assert LintConfig(severity={"cx001": "warning"}).severity == {"CX001": Severity.WARNING}
    assert LintConfig(select=("pr",)).with_overrides(ignore=("pr002",)).ignore == ("PR002",)


def test_severity_for_the_most_specific_prefix_wins():
    cfg = LintConfig(severity={"pr": Severity.WARNING, "PR00": Severity.ERROR, "pr001": Severity.INFO})
    assert cfg.severity_for("PR001") is Severity.INFO
    assert cfg.severity_for("PR002") is Severity.ERROR
    assert cfg.severity_for("PR010") is Severity.WARNING
    assert cfg.severity_for("TN001") is None
    assert LintConfig().severity_for("PR001") is None


def test_runner_applies_lower_case_severity_overrides():
    from guardrails.engine import Linter
    from guardrails.runner import lint_message
    from guardrails.sources import Message

    cfg = LintConfig(select=("pr",), severity={"pr": "info"})
    diags, _ = lint_message(Linter(cfg), Message(path="m.txt", id="m", text=HERD))
    assert [(fd.diagnostic.rule, fd.diagnostic.severity) for fd in diags] == [("PR002", Severity.INFO)]
