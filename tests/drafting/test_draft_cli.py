"""`coach draft` / `coach offers` end to end through click (contract 5), batch with resume."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fake_openai import FakeOpenAIServer, Reply

from coach.cli import cli
from coach.paths import EXAMPLES_DIR

CONTEXTS = sorted((EXAMPLES_DIR / "contexts").glob("*.yaml"))
SEGMENT = EXAMPLES_DIR / "contexts" / "segment.jsonl"
GOOD = "Айгерим, к смартфону рекомендую защитное стекло — защитит экран от царапин. Стоит 2 500 ₸. Добавить в заказ?"


@pytest.fixture(autouse=True)
def _isolated_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for var in ("COACH_PROVIDER", "COACH_BASE_URL", "COACH_MODEL", "COACH_API_KEY", "OPENAI_API_KEY"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("COACH_DB", str(tmp_path / "coach.sqlite3"))


def run(*args: str) -> Any:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.mark.parametrize("path", CONTEXTS, ids=lambda p: p.name)
def test_draft_json_contract_for_every_example(path: Path) -> None:
    result = run("draft", "--context", str(path), "--format", "json", "--n", "2")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"drafts", "rejected"}
    assert len(data["drafts"]) == 2 and data["rejected"] == []
    for d in data["drafts"]:
        assert set(d) == {"text", "offers", "provenance", "diagnostics"}
        assert d["provenance"] == "offline"
        assert all(x["severity"] != "error" for x in d["diagnostics"])


def test_draft_text_with_explain() -> None:
    result = run("draft", "--context", str(EXAMPLES_DIR / "contexts" / "phone-decided-chat.yaml"), "--explain")
    assert result.exit_code == 0
    out = result.stdout
    assert "Выбрано:" in out and "Пропущено:" in out and "нет в наличии" in out
    assert "клиент купил это 25.10.2026" in out
    assert "── Черновик 1 · offline" in out


def test_offers_command() -> None:
    path = EXAMPLES_DIR / "contexts" / "coffee-checkout-call.yaml"
    text = run("offers", "--context", str(path))
    assert text.exit_code == 0 and "выше предела 35%" in text.stdout
    data = json.loads(run("offers", "--context", str(path), "--format", "json").stdout)
    assert data["chosen"][0]["id"] == "latte-l" and data["chosen"][0]["passed"] is True
    assert {c["id"] for c in data["skipped"]} == {"croissant", "syrup"}


def test_catalog_flag_checks_the_context_against_it(tmp_path: Path) -> None:
    ctx = tmp_path / "ctx.yaml"
    ctx.write_text("customer: {name: Анна}\nstage: decided\ncart:\n  - latte-m\n", encoding="utf-8")
    ok = run("draft", "--context", str(ctx), "--catalog", str(EXAMPLES_DIR / "catalogs" / "food.yaml"))
    assert ok.exit_code == 0 and "К латте 300 мл" in ok.stdout
    bad = run("draft", "--context", str(ctx), "--catalog", str(EXAMPLES_DIR / "catalogs" / "diy.yaml"))
    assert bad.exit_code == 2 and f"{ctx}:4: cart[0].item: в каталоге нет товара 'latte-m'" in bad.stderr


def test_bad_context_is_one_line_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("customer: {name: Анна}\nstage: decided\nchannel: telegram\n", encoding="utf-8")
    result = run("draft", "--context", str(bad))
    assert result.exit_code == 2
    assert result.stderr.strip().count("\n") == 0
    assert f"{bad}:3: channel:" in result.stderr and "Traceback" not in result.output


@pytest.mark.parametrize("path", CONTEXTS, ids=lambda p: p.name)
def test_offline_sequence_templates_pass_the_guardrails_for_every_example(path: Path) -> None:
    """The seeds' honest follow-up templates («Многие, кто выбрал X, потом добавили Y…») must not be
    discarded by any rule, the learned model (ML001) included."""
    data = json.loads(run("draft", "--context", str(path), "--sequence", "--format", "json").stdout)
    for touch in data["touches"]:
        assert touch["rejected"] == [], (touch["kind"], [r["reason"] for r in touch["rejected"]])


def test_sequence_plan_and_refusal() -> None:
    path = str(EXAMPLES_DIR / "contexts" / "phone-after-purchase-call.yaml")
    data = json.loads(run("draft", "--context", path, "--sequence", "--format", "json").stdout)
    assert [t["day"] for t in data["touches"]] == [0, 7, 14, 30]
    assert [t["kind"] for t in data["touches"]] == ["thanks", "related", "case", "personal"]
    assert data["touches"][0]["date"] == "2026-11-17"
    assert all(t["drafts"] for t in data["touches"])
    assert data["touches"][0]["drafts"][0]["offers"] == []
    refused = run("draft", "--context", path, "--sequence", "--touch-days", "0,1,2,3,4,5,6")
    assert refused.exit_code == 2 and "давление" in refused.stderr


def test_openai_provider_against_scripted_server(fake_openai: FakeOpenAIServer) -> None:
    fake_openai.script(Reply(GOOD))
    path = str(EXAMPLES_DIR / "contexts" / "phone-decided-chat.yaml")
    result = run("draft", "--context", path, "--provider", "openai", "--base-url", fake_openai.base_url,
                 "--model", "local-model", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["drafts"][0]["provenance"] == "openai:local-model"
    assert fake_openai.requests[0]["model"] == "local-model"


def test_openai_provider_failure_is_told(fake_openai: FakeOpenAIServer) -> None:
    fake_openai.script(Reply(status=500))
    path = str(EXAMPLES_DIR / "contexts" / "phone-decided-chat.yaml")
    result = run("draft", "--context", path, "--provider", "openai", "--base-url", fake_openai.base_url)
    assert result.exit_code == 0
    assert "Модель недоступна: ошибка на сервере модели (500)" in result.stderr
    assert "offline-fallback" in result.stdout


def test_stream_flag_prints_the_text(fake_openai: FakeOpenAIServer) -> None:
    fake_openai.script(Reply(GOOD))
    path = str(EXAMPLES_DIR / "contexts" / "phone-decided-chat.yaml")
    result = run("draft", "--context", path, "--provider", "openai", "--base-url", fake_openai.base_url, "--stream")
    assert result.exit_code == 0 and result.stdout.strip() == GOOD


def test_save_to_database(tmp_path: Path) -> None:
    from coach.store import Store

    db = tmp_path / "drafts.sqlite3"
    path = str(EXAMPLES_DIR / "contexts" / "serum-decided-chat.yaml")
    assert run("draft", "--context", path, "--save", "--db", str(db)).exit_code == 0
    with Store(db) as store:
        rows = store.drafts()
    assert len(rows) == 1 and rows[0].provenance == "offline" and "Алия" in rows[0].context_summary


def _ids(path: Path) -> list[str]:
    return [json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines()]


def test_batch_and_resume(tmp_path: Path) -> None:
    src = tmp_path / "segment.jsonl"
    lines = SEGMENT.read_text(encoding="utf-8").splitlines()
    # relative catalogs resolve against the input file's folder
    src.write_text("\n".join(line.replace("../catalogs/", str(EXAMPLES_DIR / "catalogs") + "/") for line in lines)
                   + "\n", encoding="utf-8")
    out = tmp_path / "drafts.jsonl"
    first = run("draft", "--batch", str(src), "--out", str(out))
    assert first.exit_code == 0, first.output
    assert f"Готово: {len(lines)} из {len(lines)}" in first.stderr
    ids = _ids(out)
    assert sorted(ids) == sorted(json.loads(line)["id"] for line in lines)
    record = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert set(record) == {"id", "drafts", "rejected", "notices"} and record["drafts"]
    # simulate an interruption: the last two records are gone and a torn line is left behind
    kept = out.read_text(encoding="utf-8").splitlines()[:-2]
    out.write_text("\n".join(kept) + "\n" + '{"id": "torn", "dra', encoding="utf-8")
    second = run("draft", "--batch", str(src), "--out", str(out))
    assert second.exit_code == 0
    assert f"пропущено как уже готовые: {len(lines) - 2}" in second.stderr
    assert sorted(_ids(out)) == sorted(ids)  # nothing redone, nothing lost, torn line cut


def test_batch_bad_lines_are_reported_and_others_done(tmp_path: Path) -> None:
    catalog = EXAMPLES_DIR / "catalogs" / "electronics.yaml"
    good = {"id": "a", "catalog": str(catalog), "customer": {"name": "Анна"}, "stage": "decided", "cart": ["phone-x15"]}
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join([json.dumps(good, ensure_ascii=False), "{not json",
                              json.dumps({**good, "id": "b", "channel": "fax"}),
                              json.dumps({**good, "id": "a"}),
                              json.dumps({k: v for k, v in good.items() if k != "id"}),
                              json.dumps({**good, "id": "d", "cart": ["phone-x15", "tablet"]}),
                              json.dumps({**good, "id": "c"})]) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = run("draft", "--batch", str(src), "--out", str(out))
    assert result.exit_code == 2
    assert _ids(out) == ["a", "c"]
    err = result.stderr
    assert f"{src}:2: некорректный JSON" in err
    assert f"{src}:3: channel:" in err
    assert f"{src}:4: id: id 'a' уже встречался выше" in err
    assert f"{src}:5: id:" in err
    assert f"{src}:6: cart[1].item: в каталоге нет товара 'tablet'" in err


def test_batch_with_llm_concurrency(fake_openai: FakeOpenAIServer, tmp_path: Path) -> None:
    fake_openai.default = Reply(GOOD, delay=0.2)
    catalog = EXAMPLES_DIR / "catalogs" / "electronics.yaml"
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps({"id": f"c{i}", "catalog": str(catalog), "customer": {"name": "Айгерим"},
                                         "stage": "decided", "cart": ["phone-x15"]}, ensure_ascii=False)
                             for i in range(8)) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    import time

    started = time.perf_counter()
    result = run("draft", "--batch", str(src), "--out", str(out), "--provider", "openai", "--base-url",
                 fake_openai.base_url, "--concurrency", "4")
    elapsed = time.perf_counter() - started
    assert result.exit_code == 0, result.output
    assert sorted(_ids(out)) == [f"c{i}" for i in range(8)]
    assert len(fake_openai.requests) == 8
    assert elapsed < 8 * 0.2  # requests overlapped
    provenances = {d["provenance"] for line in out.read_text().splitlines() for d in json.loads(line)["drafts"]}
    assert provenances == {"openai:gpt-4o-mini"}
