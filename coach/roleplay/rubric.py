"""The default evaluator: scores a reply on named skills from its analysis.

Each skill gets 0–100 and the sentence that earned it. The total is a
weighted mean, then capped: a reply that presses (own pressure cues or any
error-level pressure diagnostic from the guardrails), argues, belittles or
gives up cannot score well however polite the rest of it is.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field

from coach import paths
from coach.errors import InputError
from coach.roleplay.analysis import ReplyAnalysis, analyse
from coach.roleplay.evaluation import SKILL_LABELS, SKILLS, Criterion, Evaluation
from coach.roleplay.lexicon import lexicon
from coach.roleplay.morph import tokenize

__all__ = ["EvalContext", "evaluate_reply", "score_analysis", "objection_kind", "WEIGHTS", "CAPS"]

WEIGHTS: dict[str, int] = {
    "acknowledges": 15,
    "clarifies": 25,
    "ties_to_value": 15,
    "next_step": 20,
    "no_pressure": 15,
    "respects_refusal": 5,
    "brief": 5,
}
CAPS: dict[str, int] = {
    "pressure": 30,          # any pressure cue or error-level pressure diagnostic
    "pressure_warning": 60,  # a warning-level pressure diagnostic
    "arguing": 40,           # argues or belittles the doubt
    "dismissive": 35,        # gives up or answers with indifference
    "passive": 35,           # neither a question nor a next step: the talk goes nowhere
    "answered": 70,          # after the reveal: answers the real reason with value, but fixes no step
    "discount": 40,          # gives a discount before finding out what the doubt is
}
COACHING_PATH = paths.PROMPTS_DIR / "roleplay" / "coaching.yaml"


class EvalContext(BaseModel):
    """What the evaluator may know about the moment (all optional)."""

    model_config = ConfigDict(extra="forbid")

    stage: Literal["surface", "revealed"] = "surface"
    """`surface` before the customer has named the real reason, `revealed` after."""
    refused: bool = False
    """The customer has firmly said no to the offer."""
    previous_replies: list[str] = Field(default_factory=list)
    """The trainee's earlier replies in this session (to catch repeating a refused offer)."""
    value_hooks: list[str] = Field(default_factory=list)
    """Words of this customer's real task; mentioning them ties the reply to value."""
    model_replies: dict[str, str] = Field(default_factory=dict)
    """Scenario-specific better replies by stage, overriding the generic ones."""


class _Coaching(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: int
    praise: dict[str, str]
    tips: dict[str, str]
    model_replies: dict[str, Any]


@lru_cache(maxsize=1)
def _coaching() -> _Coaching:
    with COACHING_PATH.open(encoding="utf-8") as fh:
        return _Coaching.model_validate(yaml.safe_load(fh))


def coaching_tips() -> dict[str, str]:
    """One tip per skill, in Russian (prompts/roleplay/coaching.yaml)."""
    return dict(_coaching().tips)


@lru_cache(maxsize=256)
def objection_kind(objection: str) -> str:
    """"Дорого." → "price"; see `objection_kinds` in lexicon.yaml."""
    return lexicon().objection_kind(tokenize(objection))


def evaluate_reply(objection: str, reply: str, *, context: EvalContext | Mapping[str, Any] | None = None) -> Evaluation:
    """Score `reply` to `objection` with the rubric (offline, deterministic)."""
    ctx = _context(context)
    if not reply.strip():
        raise InputError("пустой ответ: оценивать нечего", field="reply")
    return score_analysis(objection, analyse(reply), ctx)


def _context(context: EvalContext | Mapping[str, Any] | None) -> EvalContext:
    if context is None:
        return EvalContext()
    if isinstance(context, EvalContext):
        return context
    from pydantic import ValidationError

    try:
        return EvalContext.model_validate(dict(context))
    except ValidationError as exc:
        first = exc.errors()[0]
        raise InputError(first["msg"], field="context." + ".".join(str(p) for p in first["loc"])) from None


def _similar(a: str, b: str) -> float:
    """Jaccard similarity of the two replies' word forms."""
    ta = {t.form for t in tokenize(a)}
    tb = {t.form for t in tokenize(b)}
    if not ta or not tb:
        return 0.0
    return len(ta & tb) / len(ta | tb)


def repeats_previous(reply: str, previous: list[str]) -> str | None:
    """The earlier reply this one nearly repeats, if any."""
    for earlier in previous:
        if _similar(reply, earlier) >= 0.7:
            return earlier
    return None


def score_analysis(objection: str, a: ReplyAnalysis, ctx: EvalContext) -> Evaluation:
    kind = objection_kind(objection)
    criteria: dict[str, Criterion] = {}
    q = a.quote

    # acknowledges
    if a.argued:
        m = a.first("arguing") or a.first("minimizing")
        criteria["acknowledges"] = Criterion(0, q(m.start) if m else "")
    elif a.dismissed:
        criteria["acknowledges"] = Criterion(15, q(a.matches["dismissive"][0].start))
    elif a.has("acknowledge"):
        criteria["acknowledges"] = Criterion(100, q(a.matches["acknowledge"][0].start))
    elif a.has("respect"):
        criteria["acknowledges"] = Criterion(80, q(a.matches["respect"][0].start))
    elif a.has("acknowledge_weak"):
        criteria["acknowledges"] = Criterion(60, q(a.matches["acknowledge_weak"][0].start))
    else:
        criteria["acknowledges"] = Criterion(0, "")

    # clarifies
    if a.clarifying_questions:
        criteria["clarifies"] = Criterion(100, a.clarifying_questions[0].text.strip())
    elif a.has("clarify_request"):
        criteria["clarifies"] = Criterion(85, q(a.matches["clarify_request"][0].start))
    elif a.open_questions:
        criteria["clarifies"] = Criterion(70, a.open_questions[0].text.strip())
    elif a.closed_questions:
        criteria["clarifies"] = Criterion(60, a.closed_questions[0].text.strip())
    elif a.closing_questions:
        criteria["clarifies"] = Criterion(30, a.closing_questions[0].text.strip())
    else:
        criteria["clarifies"] = Criterion(0, "")

    # ties_to_value
    strong = {m.start for m in a.matches["value_strong"]}
    weak = {m.start for m in a.matches["value_weak"]} - strong
    hooks = hook_hits(a, ctx.value_hooks)
    value = min(100, 45 * len(strong) + 20 * len(weak) + 50 * len(hooks))
    if a.argued or a.pressured:
        value = min(value, 40)  # value claims used as a weapon do not count
    first_value = min((m for m in a.matches["value_strong"] + a.matches["value_weak"]), key=lambda m: m.start,
                      default=None)
    evidence = hooks[0] if hooks else (q(first_value.start) if first_value else "")
    criteria["ties_to_value"] = Criterion(value, evidence if value else "")

    # next_step
    if a.proposed_next_step and not a.dismissed:
        step = a.first("next_action")
        quote = q(step.start) if step else a.closing_questions[0].text.strip()
        score = 100 if a.concrete_next_step else 70
        if a.pressured:
            score = min(score, 30)
        criteria["next_step"] = Criterion(score, quote)
    else:
        criteria["next_step"] = Criterion(0, "")

    # no_pressure
    offences: list[tuple[int, int, str]] = []  # (penalty, offset, kind)
    for m in a.matches["pressure"]:
        offences.append((60, m.start, "pressure"))
    for m in a.imperative_pressure:
        offences.append((50, m.start, "pressure"))
    for s in a.rhetorical_questions:
        offences.append((50, s.start, "pressure"))
    for g in a.guardrails:
        offences.append((70 if g.severity == "error" else 35, g.start, "guardrail"))
    for m in a.matches["minimizing"]:
        offences.append((50, m.start, "arguing"))
    for m in a.matches["arguing"]:
        offences.append((40, m.start, "arguing"))
    for start, _ in a.caps_words:
        offences.append((30, start, "pressure"))
    exclamations = sum(1 for s in a.sentences if s.is_exclamation)
    if exclamations >= 2:
        offences.append((15 * (exclamations - 1), next(s.start for s in a.sentences if s.is_exclamation), "tone"))
    penalty = sum(p for p, _, _ in offences)
    worst = max(offences, default=None)
    criteria["no_pressure"] = Criterion(max(0, 100 - penalty), q(worst[1]) if worst else "")

    # respects_refusal
    repeated = repeats_previous(a.text, ctx.previous_replies) if ctx.refused else None
    if a.has("push_after_refusal"):
        criteria["respects_refusal"] = Criterion(10, q(a.matches["push_after_refusal"][0].start))
    elif repeated is not None:
        criteria["respects_refusal"] = Criterion(0, a.text)
    elif a.pressured or a.argued:
        criteria["respects_refusal"] = Criterion(30, criteria["no_pressure"].evidence)
    elif a.dismissed:
        criteria["respects_refusal"] = Criterion(40, q(a.matches["dismissive"][0].start))
    elif a.has("respect"):
        criteria["respects_refusal"] = Criterion(100, q(a.matches["respect"][0].start))
    else:
        criteria["respects_refusal"] = Criterion(100 if not ctx.refused else 70, "")

    # brief
    n = a.words
    questions = sum(1 for s in a.sentences if s.is_question)
    brief = 100 if n <= 40 else max(20, 100 - (n - 40) * 2)
    if questions > 2:
        brief = max(20, brief - 20 * (questions - 2))
    longest = max(a.sentences, key=lambda s: len(s.text), default=None)
    criteria["brief"] = Criterion(brief, "" if brief == 100 or longest is None else longest.text.strip())

    total = sum(WEIGHTS[s] * criteria[s].score for s in SKILLS) / sum(WEIGHTS.values())
    caps: list[str] = []
    if a.matches["pressure"] or a.imperative_pressure or a.rhetorical_questions or a.pressure_errors or a.caps_words:
        caps.append("pressure")
    elif a.pressure_warnings:
        caps.append("pressure_warning")
    if a.argued:
        caps.append("arguing")
    if a.dismissed:
        caps.append("dismissive")
    if a.has("discount") and not a.asked_clarifying:
        caps.append("discount")
    if not (a.asked_clarifying or a.proposed_next_step or a.has("respect")):
        # Once the real reason is out, answering it with value is a move forward, not a stall.
        answered = ctx.stage == "revealed" and criteria["ties_to_value"].score >= 70
        caps.append("answered" if answered else "passive")
    if ctx.refused and (repeated is not None or a.has("push_after_refusal")):
        caps.append("pressure")
    for cap in caps:
        total = min(total, CAPS[cap])
    score = int(round(total))

    feedback = _feedback(criteria, a, caps)
    suggestion = _suggestion(kind, ctx)
    diagnostics = [f"{g.rule}: {g.message}" for g in a.guardrails]
    return Evaluation(score=score, criteria=criteria, feedback=feedback, suggestion=suggestion,
                      objection_kind=kind, source="rubric", diagnostics=diagnostics)


@lru_cache(maxsize=1024)
def _hook_lemmas(hook: str) -> tuple[frozenset[str], ...]:
    return tuple(t.lemmas for t in tokenize(hook))


def hook_hits(a: ReplyAnalysis, hooks: list[str]) -> list[str]:
    """The persona's value hooks the reply mentions (every word of a hook, in any form)."""
    if not hooks:
        return []
    hits: list[str] = []
    for hook in hooks:
        hook_lemmas = _hook_lemmas(hook)
        if hook_lemmas and all(any(not hl.isdisjoint(t.lemmas) for t in a.tokens) for hl in hook_lemmas):
            hits.append(hook)
    return hits


_CAP_REASONS = {
    "pressure": "В ответе есть давление — оценка ограничена {cap} баллами.",
    "pressure_warning": "Есть признаки давления — оценка ограничена {cap} баллами.",
    "arguing": "Вы спорите с клиентом или обесцениваете его сомнение — оценка ограничена {cap} баллами.",
    "dismissive": "Ответ звучит как «делайте что хотите» — разговор брошен, оценка ограничена {cap} баллами.",
    "passive": "Ни вопроса, ни следующего шага — разговор никуда не движется, оценка ограничена {cap} баллами.",
    "answered": "Вы ответили на настоящую причину — теперь предложите следующий шаг со сроком.",
    "discount": "Скидка до того, как выяснили причину сомнения, — уступка, а не помощь; оценка ограничена {cap} баллами.",
}


def _feedback(criteria: dict[str, Criterion], a: ReplyAnalysis, caps: list[str]) -> str:
    coaching = _coaching()
    good = [coaching.praise[s] for s in SKILLS if criteria[s].score >= 70 and s not in ("brief", "respects_refusal",
                                                                                        "no_pressure")]
    if criteria["no_pressure"].score == 100 and good:
        good.append(coaching.praise["no_pressure"])
    parts: list[str] = []
    if good:
        parts.append("Хорошо: " + ", ".join(good) + ".")
    for cap in dict.fromkeys(caps):
        parts.append(_CAP_REASONS[cap].format(cap=CAPS[cap]))
    for g in a.guardrails[:2]:
        parts.append(f"{g.rule}: {g.message}")
    # The two weak skills that cost the most points.
    weak = sorted((s for s in SKILLS if criteria[s].score < 60), key=lambda s: -WEIGHTS[s] * (100 - criteria[s].score))
    for s in weak[:2]:
        parts.append(f"{SKILL_LABELS[s]}: {coaching.tips[s]}")
    if not parts:
        parts.append("Хороший ответ: признали, уточнили, вернули к задаче и зафиксировали шаг.")
    return " ".join(parts)


def _suggestion(kind: str, ctx: EvalContext) -> str:
    replies = _coaching().model_replies
    if ctx.refused:
        return ctx.model_replies.get("refused") or replies["refused"]
    if ctx.model_replies.get(ctx.stage):
        return ctx.model_replies[ctx.stage]
    by_kind = replies.get(kind) or replies["other"]
    return by_kind[ctx.stage]
