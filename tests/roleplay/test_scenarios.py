"""Scenario files: the shipped six load, bad files fail with file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.errors import InputError
from coach.roleplay import get_scenario, load_scenarios
from coach.roleplay.rubric import objection_kind
from coach.roleplay.scenario import SCENARIOS_DIR


def test_six_shipped_scenarios_cover_the_six_objections() -> None:
    scenarios = load_scenarios()
    assert len(scenarios) >= 6
    kinds = {objection_kind(s.objection) for s in scenarios}
    assert kinds >= {"price", "timing", "think", "boss", "competitor", "have_already"}
    assert {s.difficulty for s in scenarios} == {"easy", "normal", "hard"}
    for s in scenarios:
        assert s.persona.hidden_reason and s.persona.reveal
        assert s.success.outcomes


def test_get_scenario_by_name_and_by_path() -> None:
    assert get_scenario("dorogo-laptop").objection == "Дорого."
    assert get_scenario(str(SCENARIOS_DIR / "ne-seychas-crm.yaml")).name == "ne-seychas-crm"
    with pytest.raises(InputError, match="не найден.*dorogo-laptop"):
        get_scenario("no-such-scenario")


def _write(tmp_path: Path, text: str) -> Path:
    directory = tmp_path / "sc"
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    return directory


def test_unknown_key_names_file_line_and_field(tmp_path: Path) -> None:
    text = (SCENARIOS_DIR / "dorogo-laptop.yaml").read_text(encoding="utf-8")
    text = text.replace("difficulty: normal", "difficulty: normal\nmood: grumpy")
    directory = _write(tmp_path, text)
    with pytest.raises(InputError) as err:
        load_scenarios(directory)
    message = str(err.value)
    assert "bad.yaml:" in message and "mood" in message
    line = next(i for i, row in enumerate(text.splitlines(), 1) if row.startswith("mood:"))
    assert f":{line}:" in message


def test_bad_difficulty_and_broken_yaml(tmp_path: Path) -> None:
    text = (SCENARIOS_DIR / "dorogo-laptop.yaml").read_text(encoding="utf-8").replace(
        "difficulty: normal", "difficulty: brutal")
    with pytest.raises(InputError, match="difficulty"):
        load_scenarios(_write(tmp_path, text))
    with pytest.raises(InputError, match=r"bad\.yaml:\d+: ошибка YAML"):
        load_scenarios(_write(tmp_path / "x", "name: [unclosed\n"))


def test_unknown_phrase_category_is_rejected(tmp_path: Path) -> None:
    text = (SCENARIOS_DIR / "dorogo-laptop.yaml").read_text(encoding="utf-8").replace(
        "lines:\n  deal:", "lines:\n  hooray: [\"ура\"]\n  deal:")
    with pytest.raises(InputError, match="hooray"):
        load_scenarios(_write(tmp_path, text))
