"""Output formats: sarif, github, junit (json and text are covered in test_lint_cli)."""

from __future__ import annotations

import json
from xml.etree import ElementTree as ET

from lint_helpers import write_jsonl

ROWS = [
    {"id": "a", "text": "Спасибо за заказ!"},
    {"id": "b", "text": "Вам обязательно нужно взять чехол, иначе пожалеете."},
]


def test_sarif(run_lint, tmp_path):
    f = write_jsonl(tmp_path / "m.jsonl", ROWS)
    out = tmp_path / "report.sarif"
    r = run_lint(str(f), "--format", "sarif", "--output", str(out))
    assert r.exit_code == 1
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["version"] == "2.1.0"
    run = doc["runs"][0]
    rule_ids = {x["id"] for x in run["tool"]["driver"]["rules"]}
    assert {"PR001", "PR005", "CX002"} <= rule_ids
    results = run["results"]
    assert {x["ruleId"] for x in results} == {"PR001", "PR005"}
    region = results[0]["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] == 2 and region["endColumn"] > region["startColumn"]
    assert all(x["level"] == "error" for x in results)


def test_github_annotations(run_lint, tmp_path):
    f = write_jsonl(tmp_path / "m.jsonl", ROWS)
    r = run_lint(str(f), "--format", "github")
    lines = r.stdout.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"::error file={f},line=2,col=")
    assert ",title=PR001 obligation::PR001 Давление долгом" in lines[0]


def test_junit(run_lint, tmp_path):
    f = write_jsonl(tmp_path / "m.jsonl", ROWS)
    r = run_lint(str(f), "--format", "junit")
    root = ET.fromstring(r.stdout.split("\n", 1)[1])
    assert root.tag == "testsuites" and root.get("tests") == "2" and root.get("failures") == "1"
    failing = [c for c in root.iter("testcase") if c.find("failure") is not None]
    assert [c.get("name") for c in failing] == ["b"]


def test_junit_reports_input_errors(run_lint, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{oops\n", encoding="utf-8")
    r = run_lint(str(bad), "--format", "junit")
    assert r.exit_code == 2
    root = ET.fromstring(r.stdout.split("\n", 1)[1])
    assert root.get("errors") == "1"
