"""One role-play: the customer, the evaluator and the history, turn by turn.

    session = RolePlaySession(get_scenario("dorogo-laptop"), "Айгерим", store=Store(path))
    print(session.opening())
    result = session.reply("Понимаю. Что для вас важнее всего в ноутбуке?")
    result.customer_text, result.evaluation.score, result.trust, result.mood, result.outcome
    session.report().to_markdown()

Every line is written to the store the moment it is said (the customer's
opening included), so a crash mid-session loses nothing.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from coach.errors import InputError
from coach.roleplay.analysis import analyse
from coach.roleplay.customer import OfflineCustomer, mood_of
from coach.roleplay.evaluation import Evaluation
from coach.roleplay.report import SessionReport, Turn
from coach.roleplay.rubric import EvalContext, score_analysis
from coach.roleplay.scenario import Difficulty, Outcome, Scenario

if TYPE_CHECKING:
    from coach.settings import Settings
    from coach.store import Store

__all__ = ["RolePlaySession", "TurnResult", "STOP_WORDS"]

STOP_WORDS = frozenset({"/стоп", "/stop", "/выход"})


@dataclass(frozen=True, slots=True)
class TurnResult:
    customer_text: str
    evaluation: Evaluation
    trust: float
    patience: float
    mood: str
    outcome: Outcome | None
    notice: str | None = None
    """Set when an LLM failed this turn and the offline customer or rubric answered."""


class RolePlaySession:
    def __init__(self, scenario: Scenario, trainee: str, difficulty: Difficulty | None = "normal", *,
                 store: Store | None = None, settings: Settings | None = None,
                 provider: Literal["offline", "openai"] = "offline", judge: Literal["rubric", "llm"] = "rubric",
                 seed: int | None = None) -> None:
        trainee = trainee.strip()
        if not trainee:
            raise InputError("укажите имя стажёра", field="--trainee")
        self.scenario = scenario
        self.trainee = trainee
        self.difficulty: Difficulty = difficulty or scenario.difficulty
        self.provider = provider
        self.judge_kind = judge
        self.settings = settings
        self.store = store
        if seed is None:
            seed = random.randrange(2**32)  # a replayed scenario sounds different; pass `seed` to reproduce
        self.customer = OfflineCustomer(scenario, self.difficulty, seed=seed)
        self._voice = None
        self._judge = None
        if provider == "openai" or judge == "llm":
            if settings is None:
                from coach.settings import load_settings

                settings = self.settings = load_settings()
            from coach.llm import get_chat_model

            chat = get_chat_model(settings)
            if provider == "openai":
                from coach.roleplay.llm_customer import LLMCustomerVoice

                self._voice = LLMCustomerVoice(scenario, chat)
            if judge == "llm":
                from coach.roleplay.judge import LLMJudge

                self._judge = LLMJudge(chat)
        self.turns: list[Turn] = []
        self.notices: list[str] = []
        self._session_id: int | None = None
        analyse("Понимаю.")  # load dictionaries, lexicon and guardrails now, not in the first turn

    # -- public API ------------------------------------------------------------------
    @property
    def finished(self) -> bool:
        return self.customer.state.outcome is not None

    @property
    def outcome(self) -> Outcome | None:
        return self.customer.state.outcome

    @property
    def session_id(self) -> int | None:
        return self._session_id

    @property
    def provider_label(self) -> str:
        if self.provider == "openai" and self.settings is not None:
            return f"openai:{self.settings.model}"
        return "offline"

    def opening(self) -> str:
        """The customer's first line (said once; later calls repeat it)."""
        if self.turns:
            return self.turns[0].text
        text = self.customer.opening()
        if self._voice is not None:
            text, notice = self._voice.opening(text)
            self._notice(notice)
        if self.store is not None:
            self._session_id = self.store.start_session(self.trainee, self.scenario.name, self.difficulty,
                                                        self.provider_label, self.scenario.title)
        self._record(Turn(role="customer", text=text, trust=self.customer.state.trust,
                          patience=self.customer.state.patience, mood=self.mood))
        return text

    @property
    def mood(self) -> str:
        s = self.customer.state
        return mood_of(s.trust, s.patience, s.outcome)

    def reply(self, text: str) -> TurnResult:
        """The trainee says `text`: evaluate it, let the customer answer, record both."""
        text = text.strip()
        if not text:
            raise InputError("пустая реплика")
        if self.finished:
            raise InputError("ролевая игра уже закончилась")
        if not self.turns:
            self.opening()
        state = self.customer.state
        ctx = EvalContext(stage=state.stage, refused=state.refused, previous_replies=list(state.trainee_replies),
                          value_hooks=self.scenario.persona.value_hooks,
                          model_replies=dict(self.scenario.model_replies))
        a = analyse(text)
        evaluation = score_analysis(self.scenario.objection, a, ctx)
        notice = None
        if self._judge is not None:
            evaluation, notice = self._judge.evaluate(self._last_customer_line(), text, evaluation, self.scenario)
            self._notice(notice)
        self._record(Turn(role="trainee", text=text, evaluation=evaluation))

        move = self.customer.respond(a, evaluation)
        customer_text = move.text
        if self._voice is not None:
            customer_text, voice_notice = self._voice.say(move, self.customer.state, self.turns)
            self._notice(voice_notice)
            notice = notice or voice_notice
        s = self.customer.state
        self._record(Turn(role="customer", text=customer_text, trust=s.trust, patience=s.patience, mood=self.mood))
        if self.finished:
            self._finish()
        return TurnResult(customer_text=customer_text, evaluation=evaluation, trust=round(s.trust, 1),
                          patience=round(s.patience, 1), mood=self.mood, outcome=s.outcome, notice=notice)

    def stop(self) -> None:
        """End early (the trainee typed /стоп or closed the room): the session is kept, outcome unset."""
        if self.store is not None and self._session_id is not None:
            self.store.finish_session(self._session_id, self.outcome, self.report().score)

    def report(self) -> SessionReport:
        return SessionReport.build(self.scenario, self.trainee, self.difficulty, self.provider_label, self.turns,
                                   self.outcome, self.notices, session_id=self._session_id,
                                   revealed=self.customer.state.revealed)

    # -- internals ----------------------------------------------------------------------
    def _last_customer_line(self) -> str:
        for turn in reversed(self.turns):
            if turn.role == "customer":
                return turn.text
        return self.scenario.objection

    def _notice(self, notice: str | None) -> None:
        if notice and notice not in self.notices:
            self.notices.append(notice)

    def _record(self, turn: Turn) -> None:
        self.turns.append(turn)
        if self.store is None or self._session_id is None:
            return
        ev = turn.evaluation
        self.store.add_turn(self._session_id, turn.role, turn.text, trust=turn.trust, patience=turn.patience,
                            mood=turn.mood, score=ev.score if ev else None, feedback=ev.feedback if ev else None,
                            suggestion=ev.suggestion if ev else None,
                            criteria={k: (c.score, c.evidence) for k, c in ev.criteria.items()} if ev else None)

    def _finish(self) -> None:
        if self.store is not None and self._session_id is not None:
            self.store.finish_session(self._session_id, self.outcome, self.report().score)
