"""`coach lint --catalog` (and `catalog = …` in the config): every message's
offers are checked against the catalog's offer matrix (CX010), not only those of
script libraries that name their own catalog."""

from __future__ import annotations

import json

from lint_helpers import REPO, write_jsonl

CATALOG = REPO / "examples" / "catalogs" / "b2b-software.yaml"
BASE = {"name": "Тариф «Базовый» на год", "price": 120000}


def _row(msg_id: str, offer: str, price: int) -> dict:
    return {"id": msg_id, "text": f"К тарифу рекомендую {offer.lower()} — сэкономит время на рутине.",
            "context": {"stage": "decided", "base": BASE, "offers": [{"name": offer, "price": price}]}}


ROWS = [
    _row("paired", "Модуль импорта из Excel", 24000),        # base plan-base -> import-excel
    _row("by-category", "Приоритетная поддержка на год", 20000),  # base_category plans -> priority-support
    _row("outside", "Кофеварка", 9000),                       # not in the catalog at all
]


def _cx010(output: str) -> list[str]:
    return [d["id"] for d in json.loads(output)["diagnostics"] if d["rule"] == "CX010"]


def test_offers_outside_the_matrix_are_reported(run_lint, tmp_path):
    f = write_jsonl(tmp_path / "m.jsonl", ROWS)
    r = run_lint(str(f), "--catalog", str(CATALOG), "--format", "json")
    assert _cx010(r.output) == ["outside"]
    assert r.exit_code == 0  # CX010 is a warning


def test_without_a_catalog_nothing_is_checked(run_lint, tmp_path):
    f = write_jsonl(tmp_path / "m.jsonl", ROWS)
    assert _cx010(run_lint(str(f), "--format", "json").output) == []


def test_catalog_from_config_is_relative_to_the_config_file(run_lint, tmp_path):
    (tmp_path / "cfg").mkdir()
    (tmp_path / "cfg" / "catalog.yaml").write_text(CATALOG.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / ".coach.toml").write_text('[lint]\ncatalog = "cfg/catalog.yaml"\n', encoding="utf-8")
    f = write_jsonl(tmp_path / "m.jsonl", ROWS)
    assert _cx010(run_lint(str(f), "--format", "json").output) == ["outside"]


def test_missing_catalog_is_one_input_error_and_the_messages_are_still_linted(run_lint, tmp_path):
    f = write_jsonl(tmp_path / "m.jsonl", [*ROWS, {"id": "p", "text": "Вам обязательно нужно взять чехол."}])
    r = run_lint(str(f), "--catalog", str(tmp_path / "nope.yaml"), "--format", "json")
    assert r.exit_code == 2
    doc = json.loads(r.stdout)
    assert [d["id"] for d in doc["diagnostics"] if d["rule"] == "PR001"] == ["p"]
    errors = [line for line in r.stderr.splitlines() if line]
    assert errors == [f"ошибка ввода: {tmp_path / 'nope.yaml'}: каталог не найден"]


def test_bad_catalog_names_its_line(run_lint, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("products:\n  - {id: a, name: [\n", encoding="utf-8")
    f = write_jsonl(tmp_path / "m.jsonl", ROWS)
    r = run_lint(str(f), "--catalog", str(bad))
    assert r.exit_code == 2
    assert f"{bad}:" in r.stderr and "YAML" in r.stderr and "Traceback" not in r.stderr


def test_a_librarys_own_catalog_wins(run_lint, tmp_path):
    """A script library that names its catalog is checked against that one only:
    given the same products with no pairs at all, --catalog would flag every offer."""
    import yaml

    lib = REPO / "examples" / "scripts" / "clean.yaml"
    own = yaml.safe_load((REPO / "examples" / "catalogs" / "electronics.yaml").read_text(encoding="utf-8"))
    unpaired = tmp_path / "no-pairs.yaml"
    unpaired.write_text(yaml.safe_dump({"products": own["products"], "offers": []}, allow_unicode=True), encoding="utf-8")
    data = json.loads(run_lint(str(lib), "--format", "json").output)
    assert data["summary"]["messages"] > 5 and _cx010(run_lint(str(lib), "--format", "json").output) == []
    jsonl = write_jsonl(tmp_path / "m.jsonl", [
        {"id": "x", "text": "К ноутбуку рекомендую сумку — защитит в дороге.",
         "context": {"stage": "decided", "base": {"name": p["name"], "price": 1000}, "offers": [{"name": q["name"], "price": 100}]}}
        for p, q in [(own["products"][0], own["products"][1])]
    ])
    assert _cx010(run_lint(str(jsonl), "--catalog", str(unpaired), "--format", "json").output) == ["x"]  # the copy bites
    r = run_lint(str(lib), "--catalog", str(unpaired), "--format", "json")
    assert r.exit_code == 0, r.output
    assert _cx010(r.stdout) == []


def test_a_bad_value_in_the_catalog_is_an_input_error_and_the_rest_still_checks(run_lint, tmp_path):
    """A product with a price of the wrong type is dropped and reported with its line (exit 2);
    the other products and pairs still check every message."""
    text = CATALOG.read_text(encoding="utf-8")
    bad = tmp_path / "catalog.yaml"
    lines = text.splitlines()
    i = next(k for k, line in enumerate(lines) if "price:" in line)
    lines[i] = lines[i].replace("price:", "price: дорого, old_price:", 1)
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    f = write_jsonl(tmp_path / "m.jsonl", ROWS)
    r = run_lint(str(f), "--catalog", str(bad), "--format", "json")
    assert r.exit_code == 2
    errors = [e for e in json.loads(r.stdout)["summary"]["input_errors"] if e["path"] == str(bad)]
    assert len(errors) == 1 and errors[0]["line"] == i + 1
    assert "outside" in _cx010(r.stdout)
