"""The result of judging one reply: per-skill scores with the quote that earned them."""

from __future__ import annotations

from typing import Any, Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["SKILLS", "SKILL_LABELS", "MOMENT_SKILLS", "Criterion", "Evaluation", "session_skill"]

SKILL_LABELS: dict[str, str] = {
    "acknowledges": "Признаёт возражение",
    "clarifies": "Задаёт уточняющий вопрос",
    "ties_to_value": "Возвращает к задаче и ценности",
    "next_step": "Фиксирует следующий шаг",
    "no_pressure": "Без давления",
    "respects_refusal": "Уважает отказ",
    "brief": "Кратко",
}
SKILLS: tuple[str, ...] = tuple(SKILL_LABELS)
MOMENT_SKILLS: frozenset[str] = frozenset({"clarifies", "ties_to_value", "next_step"})
"""Skills a session needs at the right moment, not in every reply: a session scores its best reply on
them (asking in the first turn and fixing a step in the last is right). The others are averaged."""


def session_skill(skill: str, scores: list[int] | list[float]) -> float:
    """A session's score on `skill` from its replies' scores (see `MOMENT_SKILLS`)."""
    if skill in MOMENT_SKILLS:
        return float(max(scores))
    return sum(scores) / len(scores)


class Criterion(NamedTuple):
    """One skill's score (0–100) and the quote from the reply that earned it ("" when none)."""

    score: int
    evidence: str


class Evaluation(BaseModel):
    """How one reply did; `criteria` maps every skill in `SKILLS` to a `Criterion`."""

    model_config = ConfigDict(extra="forbid")

    score: int = Field(ge=0, le=100)
    criteria: dict[str, Criterion]
    feedback: str
    suggestion: str
    objection_kind: str = "other"
    source: Literal["rubric", "llm"] = "rubric"
    diagnostics: list[str] = Field(default_factory=list)
    """Guardrail findings on the reply, as "RULE: message" lines."""
    notice: str | None = None
    """Set when the LLM judge failed and the rubric answered instead."""

    def to_contract(self, id_: Any) -> dict[str, Any]:
        """The shape of contract 4 (`coach roleplay evaluate --format json`)."""
        return {
            "id": id_,
            "score": self.score,
            "criteria": {name: {"score": c.score, "evidence": c.evidence} for name, c in self.criteria.items()},
            "feedback": self.feedback,
            "suggestion": self.suggestion,
        }
