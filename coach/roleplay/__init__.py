"""Objection role-play: scenarios, a simulated customer, per-skill scoring, reports.

    >>> from coach.roleplay import get_scenario, RolePlaySession, evaluate_reply
    >>> session = RolePlaySession(get_scenario("dorogo-laptop"), "Айгерим")
    >>> session.opening()                      # the customer's first line
    >>> result = session.reply("Понимаю. Что для вас важнее в ноутбуке?")
    >>> result.customer_text, result.evaluation.score, result.mood, result.outcome
    >>> evaluate_reply("Дорого.", "Да это копейки!").score
"""

from __future__ import annotations

from coach.roleplay.evaluation import SKILL_LABELS, SKILLS, Criterion, Evaluation
from coach.roleplay.report import SessionReport, Turn
from coach.roleplay.rubric import EvalContext, evaluate_reply
from coach.roleplay.scenario import (
    OUTCOME_LABELS,
    Difficulty,
    Outcome,
    Persona,
    Product,
    Scenario,
    Success,
    get_scenario,
    load_scenarios,
)
from coach.roleplay.session import STOP_WORDS, RolePlaySession, TurnResult

__all__ = [
    "OUTCOME_LABELS", "SKILLS", "SKILL_LABELS", "STOP_WORDS", "Criterion", "Difficulty", "EvalContext", "Evaluation",
    "Outcome", "Persona", "Product", "RolePlaySession", "Scenario", "SessionReport", "Success", "Turn", "TurnResult",
    "evaluate_reply", "get_scenario", "load_scenarios",
]
