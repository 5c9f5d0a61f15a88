"""Offline role-play end to end: every shipped scenario reaches an outcome."""

from __future__ import annotations

import pytest
from roleplay_helpers import SCRIPTS, script_lines

from coach.errors import InputError
from coach.roleplay import RolePlaySession, get_scenario, load_scenarios
from coach.roleplay.customer import DIFFICULTY

SCENARIOS = [s.name for s in load_scenarios()]
PRESSURE = script_lines(SCRIPTS / "pressure.txt")


def play(session: RolePlaySession, lines: list[str]) -> list:
    session.opening()
    results = []
    for line in lines:
        results.append(session.reply(line))
        if session.finished:
            break
    return results


@pytest.mark.parametrize("difficulty", ["easy", "normal", "hard"])
@pytest.mark.parametrize("name", SCENARIOS)
def test_good_script_reaches_agreement(name: str, difficulty: str) -> None:
    scenario = get_scenario(name)
    session = RolePlaySession(scenario, "Айгерим", difficulty)
    results = play(session, script_lines(SCRIPTS / f"{name}-good.txt"))
    assert session.finished
    assert session.outcome in scenario.success.outcomes
    assert results[-1].outcome == session.outcome
    assert results[0].customer_text in {session.customer.phrases.fill(r) for r in scenario.persona.reveal}
    assert session.report().success


@pytest.mark.parametrize("name", SCENARIOS)
def test_pressure_ends_in_a_walk_out(name: str) -> None:
    session = RolePlaySession(get_scenario(name), "Борис", "normal")
    results = play(session, PRESSURE)
    assert session.outcome == "walked_out"
    assert results[0].trust < DIFFICULTY["normal"].trust
    assert results[-1].mood == "ушёл"
    assert all(r.evaluation.score <= 30 for r in results)


def test_walk_out_line_comes_from_the_seed() -> None:
    seen = set()
    for seed in range(12):
        session = RolePlaySession(get_scenario("dorogo-laptop"), "Борис", seed=seed)
        seen.add(play(session, PRESSURE)[-1].customer_text)
    assert "Не буду больше с вами работать. Вы давите." in seen


def test_hidden_reason_needs_a_clarifying_question() -> None:
    session = RolePlaySession(get_scenario("dorogo-laptop"), "Вера", "normal")
    session.opening()
    first = session.reply("Понимаю вас.")
    assert not session.customer.state.revealed
    assert first.outcome is None
    early = session.reply("Давайте оформим прямо сейчас покупку, я подготовлю документы.")
    assert not session.customer.state.revealed
    assert early.customer_text  # the customer slows the trainee down
    session.reply("Подскажите, для каких задач вам нужен ноутбук?")
    assert session.customer.state.revealed


def test_stalling_runs_out_of_patience() -> None:
    session = RolePlaySession(get_scenario("ne-seychas-crm"), "Гоша", "hard")
    session.opening()
    fillers = ["Понятно.", "Ясно.", "Ну да.", "Угу.", "Так.", "Хм.", "Ага.", "Ок.", "Ладно.", "Бывает.", "Ну."]
    for line in fillers:
        result = session.reply(line)
        if session.finished:
            break
    assert session.outcome == "no_deal"
    assert result.patience == 0 or session.customer.state.turns >= DIFFICULTY["hard"].max_turns


def test_premature_steps_lead_to_a_refusal_and_respect_ends_politely() -> None:
    session = RolePlaySession(get_scenario("uzhe-est-crm"), "Дана", "normal")
    session.opening()
    for line in ("Давайте я вам всё покажу завтра в 10 утра.", "Могу прислать презентацию сегодня вечером.",
                 "Давайте созвонимся в пятницу и обсудим."):
        session.reply(line)
    assert session.customer.state.refused
    assert not session.finished
    result = session.reply("Хорошо, не буду настаивать — решать вам. Если передумаете, напишите.")
    assert session.outcome == "no_deal"
    assert result.evaluation.criteria["respects_refusal"].score == 100


def test_same_seed_same_conversation() -> None:
    def transcript(seed: int) -> list[str]:
        session = RolePlaySession(get_scenario("podumayu-course"), "Ева", seed=seed)
        play(session, script_lines(SCRIPTS / "podumayu-course-good.txt"))
        return [t.text for t in session.turns]

    assert transcript(7) == transcript(7)


def test_report_has_transcript_scores_outcome_and_advice() -> None:
    import json

    session = RolePlaySession(get_scenario("direktor-warehouse"), "Жанна")
    play(session, script_lines(SCRIPTS / "direktor-warehouse-good.txt"))
    report = session.report()
    data = json.loads(report.to_json())
    assert data["outcome"] == "next_step" and data["success"] is True
    assert set(data["skills"]) == {"acknowledges", "clarifies", "ties_to_value", "next_step", "no_pressure",
                                   "respects_refusal", "brief"}
    assert [t["role"] for t in data["transcript"]][:2] == ["customer", "trainee"]
    assert data["advice"]
    # asked once at the start, fixed the step once at the end: both count in full
    assert data["skills"]["clarifies"] == 100 and data["skills"]["next_step"] == 100
    md = report.to_markdown()
    assert "## Стенограмма" in md and "**Клиент:**" in md and "| Фиксирует следующий шаг |" in md
    assert "договорились о следующем шаге" in md


def test_finished_session_refuses_more_replies() -> None:
    session = RolePlaySession(get_scenario("dorogo-laptop"), "Борис")
    play(session, PRESSURE)
    with pytest.raises(InputError):
        session.reply("Извините!")
    with pytest.raises(InputError):
        RolePlaySession(get_scenario("dorogo-laptop"), "  ")
