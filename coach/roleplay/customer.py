"""The offline simulated customer: a state machine with trust and patience.

Each trainee reply is read through its analysis (the same one the rubric
scores) and moves the state:

* a clarifying question while the real reason is hidden reveals it;
* acknowledging, tying back to the customer's task (the persona's value hooks
  count double) and asking good questions build trust;
* proposing a next step ends the talk in agreement once the reason is out and
  trust is high enough (a deal when the scenario allows one and trust is
  higher still); proposed too early it only costs patience;
* pressure, arguing and repeating a refused offer cost trust; enough of them
  and the customer walks out ("Не буду больше с вами работать. Вы давите.");
* every turn costs patience; at zero the talk ends without a deal.

Difficulty sets how fast trust and patience move (`DIFFICULTY`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from coach.roleplay.analysis import ReplyAnalysis
from coach.roleplay.evaluation import Evaluation
from coach.roleplay.phrases import PhrasePicker
from coach.roleplay.rubric import hook_hits as _hook_hits
from coach.roleplay.rubric import repeats_previous
from coach.roleplay.scenario import Difficulty, Outcome, Scenario

__all__ = ["DIFFICULTY", "DifficultyParams", "CustomerMove", "CustomerState", "OfflineCustomer", "mood_of"]


@dataclass(frozen=True, slots=True)
class DifficultyParams:
    trust: float          # starting trust, 0–100
    patience: float       # starting patience, 0–100
    gain: float           # multiplier on trust gains
    loss: float           # multiplier on trust and patience losses
    decay: float          # patience spent per turn
    agree: float          # trust needed to agree on a next step
    deal: float           # trust needed for a deal
    offences: int         # pressure / arguing / pushing moves before the customer walks out
    max_turns: int


DIFFICULTY: dict[str, DifficultyParams] = {
    "easy": DifficultyParams(trust=45, patience=100, gain=1.4, loss=0.7, decay=7, agree=50, deal=65, offences=3,
                             max_turns=14),
    "normal": DifficultyParams(trust=35, patience=90, gain=1.0, loss=1.0, decay=10, agree=55, deal=72, offences=2,
                               max_turns=12),
    "hard": DifficultyParams(trust=25, patience=80, gain=0.8, loss=1.3, decay=13, agree=60, deal=80, offences=2,
                             max_turns=10),
}
_TEMPERAMENT_DECAY = {"impatient": 4, "busy": 3, "calm": 0, "friendly": -2, "sceptical": 0}
_TEMPERAMENT_GAIN = {"sceptical": 0.85, "friendly": 1.15}


def mood_of(trust: float, patience: float, outcome: str | None) -> str:
    """One Russian word (or two) for the customer's mood, shown in the UI."""
    if outcome == "deal":
        return "доволен"
    if outcome == "next_step":
        return "договорились"
    if outcome == "walked_out":
        return "ушёл"
    if outcome == "no_deal":
        return "отказался"
    if patience < 25:
        return "теряет терпение"
    if trust >= 70:
        return "расположен"
    if trust >= 50:
        return "заинтересован"
    if trust >= 22:
        return "сомневается"
    if trust >= 12:
        return "раздражён"
    return "злится"


@dataclass(slots=True)
class CustomerState:
    trust: float
    patience: float
    revealed: bool = False
    refused: bool = False
    offences: int = 0
    turns: int = 0
    early_steps: int = 0
    follow_up_index: int = 0
    outcome: Outcome | None = None
    trainee_replies: list[str] = field(default_factory=list)

    @property
    def stage(self) -> str:
        return "revealed" if self.revealed else "surface"


@dataclass(frozen=True, slots=True)
class CustomerMove:
    """What the customer does this turn: the phrase category and the line (offline wording)."""

    kind: str
    text: str
    outcome: Outcome | None


class OfflineCustomer:
    """Plays `scenario`'s persona; `respond()` advances the state and returns the customer's move."""

    def __init__(self, scenario: Scenario, difficulty: Difficulty | None = None, *, seed: int = 0) -> None:
        self.scenario = scenario
        self.difficulty: Difficulty = difficulty or scenario.difficulty
        base = DIFFICULTY[self.difficulty]
        temperament = scenario.persona.temperament
        self.params = DifficultyParams(
            trust=base.trust, patience=base.patience, gain=base.gain * _TEMPERAMENT_GAIN.get(temperament, 1.0),
            loss=base.loss, decay=base.decay + _TEMPERAMENT_DECAY.get(temperament, 0), agree=base.agree,
            deal=base.deal, offences=base.offences, max_turns=base.max_turns)
        self.state = CustomerState(trust=self.params.trust, patience=self.params.patience)
        objection = scenario.objection.strip()
        self.phrases = PhrasePicker(scenario.lines, {
            "product": scenario.product.name,
            "objection": objection,
            "objection_lc": objection[:1].lower() + objection[1:],
        }, seed)

    def opening(self) -> str:
        return self.phrases.pick("opening", self.scenario.opening)

    def respond(self, a: ReplyAnalysis, evaluation: Evaluation) -> CustomerMove:
        s, p = self.state, self.params
        if s.outcome is not None:
            raise RuntimeError("the role-play has already ended")
        s.turns += 1
        s.patience -= p.decay
        repeated = repeats_previous(a.text, s.trainee_replies) is not None
        s.trainee_replies.append(a.text)
        move = self._move(a, evaluation, repeated)
        s.trust = max(0.0, min(100.0, s.trust))
        s.patience = max(0.0, min(100.0, s.patience))
        if move.outcome is None and (s.patience <= 0 or s.turns >= p.max_turns):
            move = CustomerMove("no_deal", self.phrases.pick("no_deal"), "no_deal")
        s.outcome = move.outcome
        return move

    # -- the transitions -----------------------------------------------------------
    def _offence(self, trust_loss: float, patience_loss: float) -> bool:
        """Register pressure / arguing / pushing; True when the customer walks out."""
        s, p = self.state, self.params
        s.offences += 1
        s.trust -= trust_loss * p.loss
        s.patience -= patience_loss * p.loss
        return s.offences >= p.offences or s.trust <= 8

    def _say(self, kind: str, options: list[str] | None = None, outcome: Outcome | None = None) -> CustomerMove:
        return CustomerMove(kind, self.phrases.pick(kind, options), outcome)

    def _move(self, a: ReplyAnalysis, ev: Evaluation, repeated: bool) -> CustomerMove:
        s, p = self.state, self.params
        pushes = a.has("push_after_refusal") or (s.refused and repeated)
        if a.pressured or (s.refused and pushes):
            if self._offence(22, 15):
                return self._say("walked_out", outcome="walked_out")
            return self._say("pressure_warning")
        if a.argued:
            if self._offence(16, 12):
                return self._say("walked_out", outcome="walked_out")
            return self._say("argued")
        if s.refused:
            # After a firm "no", a calm reply that leaves the door open ends the talk politely.
            return self._say("after_refusal_respected", outcome="no_deal")
        if a.dismissed:
            s.trust -= 10 * p.loss
            s.patience -= 30 * p.loss
            return self._say("dismissed")
        if repeated:
            s.trust -= 6 * p.loss
            s.patience -= 15 * p.loss
            if a.proposed_next_step and not s.revealed:
                s.early_steps += 1
                if s.early_steps >= 3 and s.trust < p.agree:
                    s.refused = True
                    return self._say("refuse")
            return self._say("repeated")

        gain = 0.0
        acknowledged = ev.criteria["acknowledges"].score
        gain += 6 if acknowledged >= 80 else 3 if acknowledged >= 50 else 0
        value = ev.criteria["ties_to_value"].score
        hooks = _hook_hits(a, self.scenario.persona.value_hooks)
        clarified = ev.criteria["clarifies"].score >= 60

        if not s.revealed:
            if clarified:
                s.revealed = True
                s.trust += (gain + 12) * p.gain
                return self._say("reveal", self.scenario.persona.reveal)
            if a.proposed_next_step:
                s.early_steps += 1
                s.patience -= 8 * p.loss
                s.trust += gain * p.gain
                if s.early_steps >= 3 and s.trust < p.agree:
                    s.refused = True
                    return self._say("refuse")
                return self._say("next_step_too_early")
            if value >= 40:
                s.trust += (gain + 3) * p.gain
                return self._say("value_before_reveal")
            s.trust += gain * p.gain
            s.patience -= 5 * p.loss
            return self._say("acknowledged_only" if gain else "neutral")

        # The real reason is out: value and a next step close the talk.
        if value >= 40:
            gain += 8
        gain += 8 * min(len(hooks), 2)
        if a.proposed_next_step:
            s.trust += gain * p.gain
            if s.trust >= p.agree:
                if "deal" in self.scenario.success.outcomes and s.trust >= p.deal:
                    return self._say("deal", outcome="deal")
                if "next_step" in self.scenario.success.outcomes:
                    return self._say("next_step", outcome="next_step")
                return self._say("deal", outcome="deal")
            s.patience -= 5 * p.loss
            return self._say("next_step_not_yet")
        if clarified:
            gain += 4
        s.trust += gain * p.gain
        if gain >= 8 and s.follow_up_index < len(self.scenario.objections):
            line = self.scenario.objections[s.follow_up_index]
            s.follow_up_index += 1
            return CustomerMove("follow_up", self.phrases.fill(line), None)
        if clarified and self.scenario.persona.details:
            return self._say("detail", self.scenario.persona.details)
        if value >= 40 or hooks:
            return self._say("value_after_reveal")
        if s.patience < 35:
            return self._say("impatient")
        return self._say("follow_up_fallback")
