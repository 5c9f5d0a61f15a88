"""Russian labels for values the domain layer keeps as English keys.

Skill names come from `coach.roleplay.evaluation.SKILL_LABELS` (one source of
truth); the short forms here fit the narrow meters column."""

from __future__ import annotations

__all__ = ["SHORT_SKILL_LABELS", "skill_ru", "skill_short_ru", "mood_ru", "outcome_ru"]

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


def mood_ru(mood: object) -> str:
    """The customer's mood as a Russian word (the simulator may already give one)."""
    key = str(getattr(mood, "value", mood) or "")
    return _MOOD.get(key, key or "—")


def outcome_ru(outcome: object) -> str:
    key = str(getattr(outcome, "value", outcome) or "")
    return _OUTCOME.get(key, key or "—")


_MOOD: dict[str, str] = {}
_OUTCOME: dict[str, str] = {}
