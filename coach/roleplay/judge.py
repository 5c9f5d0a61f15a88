"""The optional LLM judge: the same seven skills, as structured output.

The judge's per-skill scores replace the rubric's, but two things stay with
the rubric: the total is the same weighted mean with the same caps (any
pressure diagnostic still caps it), and evidence must be a real quote from
the reply (an invented quote is dropped). When the endpoint fails, the rubric
answers and the user is told.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

from coach.errors import ProviderError
from coach.roleplay.analysis import ReplyAnalysis, analyse
from coach.roleplay.evaluation import SKILLS, Criterion, Evaluation
from coach.roleplay.llm_customer import as_data
from coach.roleplay.rubric import CAPS, WEIGHTS, EvalContext, score_analysis
from coach.templating import render

if TYPE_CHECKING:
    from coach.llm import ChatModel
    from coach.roleplay.scenario import Scenario

__all__ = ["LLMJudge", "JudgeVerdict"]


class JudgeCriterion(BaseModel):
    model_config = ConfigDict(extra="forbid")
    score: int = Field(ge=0, le=100)
    evidence: str


class JudgeCriteria(BaseModel):
    model_config = ConfigDict(extra="forbid")
    acknowledges: JudgeCriterion
    clarifies: JudgeCriterion
    ties_to_value: JudgeCriterion
    next_step: JudgeCriterion
    no_pressure: JudgeCriterion
    respects_refusal: JudgeCriterion
    brief: JudgeCriterion


class JudgeVerdict(BaseModel):
    """What the model must return (JSON schema sent as the response format)."""

    model_config = ConfigDict(extra="forbid")
    criteria: JudgeCriteria
    feedback: str = Field(min_length=1)
    suggestion: str = Field(min_length=1)


class LLMJudge:
    def __init__(self, chat: ChatModel) -> None:
        self.chat = chat
        self.system_prompt = render("roleplay/judge-system.j2")

    def evaluate(self, objection: str, reply: str, rubric: Evaluation | None = None,
                 scenario: Scenario | None = None, ctx: EvalContext | None = None) -> tuple[Evaluation, str | None]:
        """(evaluation, notice): the judge's verdict, or the rubric's with a notice when the model failed."""
        a = analyse(reply)
        if rubric is None:
            rubric = score_analysis(objection, a, ctx or EvalContext())
        user = render("roleplay/judge-user.j2", objection=as_data(objection), reply=as_data(reply),
                      context=as_data(scenario.context) if scenario is not None else "")
        try:
            verdict = self.chat.structured([("system", self.system_prompt), ("user", user)], JudgeVerdict)
        except ProviderError as exc:
            notice = f"LLM-судья недоступен ({exc.reason}); оценку поставила рубрика"
            return rubric.model_copy(update={"notice": notice}), notice
        return self._merge(verdict, reply, rubric, a), None

    def _merge(self, verdict: JudgeVerdict, reply: str, rubric: Evaluation, a: ReplyAnalysis) -> Evaluation:
        folded = " ".join(reply.split()).lower()
        criteria: dict[str, Criterion] = {}
        for skill in SKILLS:
            judged: JudgeCriterion = getattr(verdict.criteria, skill)
            quote = " ".join(judged.evidence.strip().strip("«»\"").split())
            criteria[skill] = Criterion(judged.score, quote if quote and quote.lower() in folded else "")
        # Pressure found by the guardrails or the lexicon caps the judge too.
        if a.pressured or a.pressure_errors:
            criteria["no_pressure"] = Criterion(min(criteria["no_pressure"].score, rubric.criteria["no_pressure"].score),
                                                criteria["no_pressure"].evidence or rubric.criteria["no_pressure"].evidence)
        total = sum(WEIGHTS[s] * criteria[s].score for s in SKILLS) / sum(WEIGHTS.values())
        if a.pressured or a.pressure_errors:
            total = min(total, CAPS["pressure"])
        elif a.pressure_warnings:
            total = min(total, CAPS["pressure_warning"])
        return Evaluation(score=int(round(total)), criteria=criteria, feedback=verdict.feedback.strip(),
                          suggestion=verdict.suggestion.strip(), objection_kind=rubric.objection_kind, source="llm",
                          diagnostics=rubric.diagnostics)
