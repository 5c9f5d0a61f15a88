"""The end-of-session report: transcript, per-skill scores, outcome and advice (Markdown and JSON)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from coach.roleplay.evaluation import SKILL_LABELS, SKILLS, Evaluation, session_skill
from coach.roleplay.scenario import OUTCOME_LABELS, Scenario

__all__ = ["Turn", "SessionReport"]


class Turn(BaseModel):
    """One line of the transcript."""

    model_config = ConfigDict(extra="forbid")
    role: Literal["customer", "trainee"]
    text: str
    evaluation: Evaluation | None = None
    trust: float | None = None
    patience: float | None = None
    mood: str | None = None


class SessionReport(BaseModel):
    model_config = ConfigDict(extra="forbid")

    scenario: str
    title: str
    trainee: str
    difficulty: str
    provider: str
    session_id: int | None = None
    created_at: str
    outcome: str | None
    outcome_label: str
    success: bool
    score: int | None
    """Mean score of the trainee's replies, 0–100."""
    skills: dict[str, int]
    """Each skill over the session: the best reply for the moment skills, else the mean (`session_skill`)."""
    advice: list[str]
    notices: list[str] = Field(default_factory=list)
    transcript: list[Turn]

    @classmethod
    def build(cls, scenario: Scenario, trainee: str, difficulty: str, provider: str, turns: list[Turn],
              outcome: str | None, notices: list[str], *, session_id: int | None = None,
              revealed: bool = False) -> SessionReport:
        evaluations = [t.evaluation for t in turns if t.evaluation is not None]
        skills: dict[str, int] = {}
        if evaluations:
            for skill in SKILLS:
                skills[skill] = round(session_skill(skill, [e.criteria[skill].score for e in evaluations]))
        score = round(sum(e.score for e in evaluations) / len(evaluations)) if evaluations else None
        return cls(
            scenario=scenario.name, title=scenario.title, trainee=trainee, difficulty=difficulty, provider=provider,
            session_id=session_id, created_at=dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            outcome=outcome,
            outcome_label=OUTCOME_LABELS.get(outcome, "не завершена") if outcome else "не завершена",
            success=outcome in scenario.success.outcomes if outcome else False,
            score=score, skills=skills, advice=_advice(scenario, turns, skills, outcome, revealed), notices=list(notices),
            transcript=list(turns),
        )

    def to_json(self) -> str:
        return json.dumps(self.model_dump(mode="json"), ensure_ascii=False, indent=2)

    def to_markdown(self) -> str:
        out: list[str] = [f"# Ролевая игра: {self.title}", ""]
        out.append(f"- Стажёр: {self.trainee}")
        out.append(f"- Сценарий: `{self.scenario}`, сложность: {_DIFFICULTY_RU.get(self.difficulty, self.difficulty)}")
        out.append(f"- Итог: **{self.outcome_label}**" + (" (цель сценария достигнута)" if self.success else ""))
        out.append(f"- Средняя оценка ответов: **{self.score if self.score is not None else '—'}** из 100")
        out.append(f"- Клиента играл: {self.provider}")
        for notice in self.notices:
            out.append(f"- Внимание: {notice}")
        if self.skills:
            out += ["", "## Навыки", "", "| Навык | Оценка |", "| --- | ---: |"]
            for skill, value in self.skills.items():
                out.append(f"| {SKILL_LABELS[skill]} | {value} |")
        if self.advice:
            out += ["", "## Советы", ""]
            out += [f"- {line}" for line in self.advice]
        out += ["", "## Стенограмма", ""]
        for turn in self.transcript:
            if turn.role == "customer":
                mood = f" _({turn.mood})_" if turn.mood else ""
                out.append(f"**Клиент:** {turn.text}{mood}")
            else:
                out.append(f"**Стажёр:** {turn.text}")
                ev = turn.evaluation
                if ev is not None:
                    marks = ", ".join(f"{SKILL_LABELS[k]} {c.score}" for k, c in ev.criteria.items())
                    out.append(f"> Оценка {ev.score}: {marks}.")
                    out.append(f"> {ev.feedback}")
                    out.append(f"> Лучше: «{ev.suggestion}»")
            out.append("")
        return "\n".join(out).rstrip() + "\n"


_DIFFICULTY_RU = {"easy": "лёгкая", "normal": "обычная", "hard": "сложная"}

_OUTCOME_ADVICE = {
    "walked_out": "Клиент ушёл из-за давления или спора. Уберите торопящие и обесценивающие фразы: "
                  "признайте сомнение и спросите, что за ним стоит.",
    "no_deal": "Разговор закончился без решения. Раньше выясните настоящую причину уточняющим вопросом "
               "и в конце зафиксируйте шаг со сроком.",
    None: "Игра не доведена до итога. Попробуйте дойти до договорённости о следующем шаге.",
}


def _advice(scenario: Scenario, turns: list[Turn], skills: dict[str, int], outcome: str | None,
            revealed: bool) -> list[str]:
    from coach.roleplay.rubric import coaching_tips

    advice: list[str] = []
    if outcome in _OUTCOME_ADVICE:
        advice.append(_OUTCOME_ADVICE[outcome])
    elif outcome in scenario.success.outcomes:
        advice.append(f"Цель сценария достигнута: {scenario.success.description}")
    tips = coaching_tips()
    for skill in sorted((s for s in skills if skills[s] < 70), key=lambda s: skills[s])[:3]:
        advice.append(f"{SKILL_LABELS[skill]} ({skills[skill]}): {tips[skill]}")
    trainee = [t for t in turns if t.evaluation is not None]
    if trainee:
        worst = min(trainee, key=lambda t: t.evaluation.score if t.evaluation else 100)
        if worst.evaluation is not None and worst.evaluation.score < 60:
            advice.append(f"Самый слабый ответ: «{worst.text}» ({worst.evaluation.score}). "
                          f"Можно было так: «{worst.evaluation.suggestion}»")
    if not revealed and trainee:
        advice.append(f"Настоящая причина клиента так и не прозвучала: {scenario.persona.hidden_reason}. "
                      "Её открывает уточняющий вопрос о его задаче.")
    return advice
