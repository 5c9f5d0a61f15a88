"""Configuration from pyproject.toml [tool.coach.lint] and .coach.toml [lint]."""

from __future__ import annotations

import json

from lint_helpers import write_jsonl

TV = {"name": "Телевизор", "price": 100000}


def _ceiling_row(price: int) -> dict:
    return {"id": f"p{price}", "text": "К телевизору рекомендую саундбар — звук станет объёмнее.",
            "context": {"stage": "decided", "base": TV, "offers": [{"name": "Саундбар", "price": price}]}}


def test_price_ceiling_defaults(run_lint, tmp_path):
    f = write_jsonl(tmp_path / "m.jsonl", [_ceiling_row(30000), _ceiling_row(35000), _ceiling_row(45000)])
    doc = json.loads(run_lint(str(f), "--format", "json").output)
    assert [(d["id"], d["severity"]) for d in doc["diagnostics"]] == [("p35000", "warning"), ("p45000", "error")]


def test_pyproject_config(run_lint, tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        "[tool.coach.lint]\nignore = ['TN']\nprice-warning = 0.2\nprice-error = 0.5\nfail-on = 'warning'\n"
        "[tool.coach.lint.severity]\nPR001 = 'warning'\n",
        encoding="utf-8",
    )
    f = write_jsonl(tmp_path / "m.jsonl", [
        _ceiling_row(45000),
        {"id": "caps", "text": "СКИДКА для вас"},
        {"id": "push", "text": "Вам обязательно нужно взять чехол."},
    ])
    r = run_lint(str(f), "--format", "json")
    got = [(d["id"], d["rule"], d["severity"]) for d in json.loads(r.output)["diagnostics"]]
    assert got == [("p45000", "CX002", "warning"), ("push", "PR001", "warning")]
    assert r.exit_code == 1  # fail-on = warning


def test_dot_coach_toml_and_explicit_config(run_lint, tmp_path):
    (tmp_path / ".coach.toml").write_text("[lint]\nselect = ['UR']\n", encoding="utf-8")
    f = write_jsonl(tmp_path / "m.jsonl", [{"id": "x", "text": "Вам обязательно нужно взять чехол. Успейте!"}])
    doc = json.loads(run_lint(str(f), "--format", "json").output)
    assert {d["rule"] for d in doc["diagnostics"]} == {"UR001"}
    other = tmp_path / "other.toml"
    other.write_text("[lint]\nselect = ['PR']\n", encoding="utf-8")
    doc = json.loads(run_lint(str(f), "--format", "json", "--config", str(other)).output)
    assert {d["rule"] for d in doc["diagnostics"]} == {"PR001"}
    r = run_lint(str(f), "--config", str(tmp_path / "absent.toml"))
    assert r.exit_code == 2 and "absent.toml" in r.stderr


def test_cli_flags_override_config(run_lint, tmp_path):
    (tmp_path / ".coach.toml").write_text("[lint]\nmax-offers = 1\n", encoding="utf-8")
    row = {"id": "two", "text": "К дивану рекомендую подушки и плед — станет уютнее.",
           "context": {"stage": "decided", "base": {"name": "Диван", "price": 300000},
                       "offers": [{"name": "Подушки", "price": 8000}, {"name": "Плед", "price": 9000}]}}
    f = write_jsonl(tmp_path / "m.jsonl", [row])
    doc = json.loads(run_lint(str(f), "--format", "json").output)
    assert [d["rule"] for d in doc["diagnostics"]] == ["CX007"]
    assert run_lint(str(f), "--ignore", "CX007").exit_code == 0
