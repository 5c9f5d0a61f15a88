"""`coach roleplay evaluate|run|scenarios` and `coach report` through click."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from roleplay_helpers import SCRIPTS

from coach.cli import cli


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def write_jsonl(path: Path, rows: list[object]) -> Path:
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in rows) + "\n",
                    encoding="utf-8")
    return path


def test_evaluate_json_contract(runner: CliRunner, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "r.jsonl", [
        {"id": "a", "objection": "Дорого.", "reply": "Понимаю. Что для вас важнее — цена или срок службы?",
         "label": "good"},
        {"id": 7, "objection": "Я подумаю.", "reply": "Что тут думать? Берите!"},
    ])
    result = runner.invoke(cli, ["roleplay", "evaluate", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [d["id"] for d in data] == ["a", 7]
    for item in data:
        assert set(item) == {"id", "score", "criteria", "feedback", "suggestion"}
        assert 0 <= item["score"] <= 100
        assert set(item["criteria"]) == {"acknowledges", "clarifies", "ties_to_value", "next_step", "no_pressure",
                                         "respects_refusal", "brief"}
        for criterion in item["criteria"].values():
            assert set(criterion) == {"score", "evidence"}
    assert data[0]["score"] > data[1]["score"]


def test_evaluate_bad_lines_exit_2_and_the_rest_is_evaluated(runner: CliRunner, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "r.jsonl", [
        {"id": "ok1", "objection": "Дорого.", "reply": "Понимаю. С чем сравниваете?"},
        "{not json",
        {"id": "x", "objection": "Дорого."},
        "[1, 2]",
        {"id": "ok2", "objection": "Не сейчас.", "reply": "Хорошо. Когда удобно вернуться к вопросу?"},
    ])
    result = runner.invoke(cli, ["roleplay", "evaluate", str(path), "--format", "json"])
    assert result.exit_code == 2
    assert [d["id"] for d in json.loads(result.stdout)] == ["ok1", "ok2"]
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 3
    assert errors[0].startswith(f"{path}:2: ") and "JSON" in errors[0]
    assert errors[1].startswith(f"{path}:3: ") and "reply" in errors[1]
    assert errors[2].startswith(f"{path}:4: ")
    assert "Traceback" not in result.output


def test_evaluate_text_format_and_missing_file(runner: CliRunner, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "r.jsonl", [{"id": "a", "objection": "Дорого.", "reply": "Да это копейки!"}])
    result = runner.invoke(cli, ["roleplay", "evaluate", str(path)])
    assert result.exit_code == 0
    assert "Без давления" in result.stdout and "Лучше:" in result.stdout
    missing = runner.invoke(cli, ["roleplay", "evaluate", str(tmp_path / "nope.jsonl")])
    assert missing.exit_code == 2 and "nope.jsonl" in missing.stderr


def test_scenarios_lists_the_shipped_ones(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["roleplay", "scenarios"])
    assert result.exit_code == 0
    assert "dorogo-laptop" in result.stdout and "uzhe-est-crm" in result.stdout


def run_script(runner: CliRunner, tmp_path: Path, script: Path, trainee: str, scenario: str = "dorogo-laptop"):
    return runner.invoke(cli, ["roleplay", "run", "--scenario", scenario, "--trainee", trainee, "--script",
                               str(script), "--db", str(tmp_path / "h.sqlite3"), "--report-dir", str(tmp_path / "rep")])


def test_scripted_good_run_writes_reports_and_history(runner: CliRunner, tmp_path: Path) -> None:
    result = run_script(runner, tmp_path, SCRIPTS / "dorogo-laptop-good.txt", "Айгерим")
    assert result.exit_code == 0, result.output
    assert "Итог: сделка" in result.stdout
    md = next((tmp_path / "rep").glob("*.md"))
    js = next((tmp_path / "rep").glob("*.json"))
    assert str(md) in result.stdout and str(js) in result.stdout
    report = json.loads(js.read_text(encoding="utf-8"))
    assert report["outcome"] == "deal" and report["trainee"] == "Айгерим"
    assert "## Навыки" in md.read_text(encoding="utf-8")

    pressure = run_script(runner, tmp_path, SCRIPTS / "pressure.txt", "Борис")
    assert pressure.exit_code == 0
    assert "Итог: клиент ушёл" in pressure.stdout
    from coach.roleplay.phrases import phrase_bank

    last_customer = [line for line in pressure.stdout.splitlines() if line.startswith("Клиент: ")][-1]
    assert last_customer.removeprefix("Клиент: ") in phrase_bank().phrases["walked_out"]

    group = runner.invoke(cli, ["report", "--db", str(tmp_path / "h.sqlite3")])
    assert group.exit_code == 0
    assert "Айгерим" in group.stdout and "Борис" in group.stdout

    one = runner.invoke(cli, ["report", "--trainee", "Айгерим", "--db", str(tmp_path / "h.sqlite3")])
    assert one.exit_code == 0 and "dorogo-laptop" in one.stdout and "Задаёт уточняющий вопрос" in one.stdout

    csv_path = tmp_path / "out.csv"
    exported = runner.invoke(cli, ["report", "--csv", str(csv_path), "--db", str(tmp_path / "h.sqlite3")])
    assert exported.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(csv_path.read_text(encoding="utf-8"))))
    assert {r["trainee"] for r in rows} == {"Айгерим", "Борис"}
    assert {r["outcome"] for r in rows} == {"deal", "walked_out"}
    assert len({r["skill"] for r in rows}) == 7


def test_interactive_run_stops_on_the_stop_word(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["roleplay", "run", "--scenario", "ne-seychas-crm", "--trainee", "Вика",
                                 "--db", str(tmp_path / "h.sqlite3"), "--report-dir", str(tmp_path)],
                           input="Хорошо. Подскажите, что сейчас мешает — сроки или загрузка команды?\n/стоп\n")
    assert result.exit_code == 0, result.output
    assert "Клиент:" in result.stdout and "Итог: не завершена" in result.stdout
    data = json.loads(next(tmp_path.glob("*.json")).read_text(encoding="utf-8"))
    assert len(data["transcript"]) == 3 and data["outcome"] is None


def test_interactive_run_ends_on_eof(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["roleplay", "run", "--scenario", "ne-seychas-crm", "--trainee", "Вика",
                                 "--db", str(tmp_path / "h.sqlite3"), "--report-dir", str(tmp_path)], input="")
    assert result.exit_code == 0
    assert "Итог: не завершена" in result.stdout


def test_run_input_errors_exit_2(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COACH_TRAINEE", raising=False)
    db = str(tmp_path / "h.sqlite3")
    no_trainee = runner.invoke(cli, ["roleplay", "run", "--scenario", "dorogo-laptop", "--db", db])
    assert no_trainee.exit_code == 2 and "--trainee" in no_trainee.stderr
    unknown = runner.invoke(cli, ["roleplay", "run", "--scenario", "nope", "--trainee", "Я", "--db", db])
    assert unknown.exit_code == 2 and "nope" in unknown.stderr
    empty = tmp_path / "empty.txt"
    empty.write_text("# nothing\n", encoding="utf-8")
    no_lines = runner.invoke(cli, ["roleplay", "run", "--scenario", "dorogo-laptop", "--trainee", "Я",
                                   "--script", str(empty), "--db", db])
    assert no_lines.exit_code == 2 and "empty.txt" in no_lines.stderr
    no_history = runner.invoke(cli, ["report", "--db", str(tmp_path / "none.sqlite3")])
    assert no_history.exit_code == 0 and "Сессий пока нет" in no_history.stdout
    assert not (tmp_path / "none.sqlite3").exists()
    unknown_trainee = runner.invoke(cli, ["report", "--trainee", "Никто", "--db", str(tmp_path / "none.sqlite3")])
    assert unknown_trainee.exit_code == 2 and "Никто" in unknown_trainee.stderr
