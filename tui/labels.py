"""Russian labels for values the domain layer keeps as English keys.

Skill names come from `coach.roleplay.evaluation.SKILL_LABELS` (one source of
truth); the short forms here fit the narrow meters column."""

from __future__ import annotations

__all__ = ["SHORT_SKILL_LABELS", "DIFFICULTY_LABELS", "skill_ru", "skill_short_ru", "outcome_ru"]

DIFFICULTY_LABELS = {"easy": "Лёгкий клиент", "normal": "Обычный клиент", "hard": "Трудный клиент"}

SHORT_SKILL_LABELS: dict[str, str] = {
    "acknowledges": "Признание",
    "clarifies": "Уточнение",
    "ties_to_value": "Ценность",
    "next_step": "След. шаг",
    "no_pressure": "Без давления",
    "respects_refusal": "Уважение отказа",
    "brief": "Краткость",
}


def skill_ru(skill: str) -> str:
    from coach.roleplay.evaluation import SKILL_LABELS

    return SKILL_LABELS.get(skill, skill)


def skill_short_ru(skill: str) -> str:
    return SHORT_SKILL_LABELS.get(skill) or skill_ru(skill)


def outcome_ru(outcome: str | None) -> str:
    from coach.roleplay.scenario import OUTCOME_LABELS

    if not outcome:
        return "не завершена"
    return OUTCOME_LABELS.get(outcome, outcome)
