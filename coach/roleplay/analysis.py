"""What a trainee's reply does: one analysis shared by the rubric and the offline customer.

The analysis is computed once per reply (tokens, cue matches, questions,
guardrail diagnostics); the evaluator turns it into per-skill scores and the
simulated customer turns it into trust and patience moves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from coach.roleplay.lexicon import Match, lexicon
from coach.roleplay.morph import Token, tokenize

__all__ = ["Sentence", "ReplyAnalysis", "analyse", "PRESSURE_RULE_GROUPS"]

# Guardrail rule groups that mean pressure on the customer (the rest need a sales context).
PRESSURE_RULE_GROUPS = ("PR", "UR", "TN", "CM")

_SENTENCE = re.compile(r"[^.!?…]+(?:[.!?…]+|$)")
_CAPS = re.compile(r"\b[А-ЯЁA-Z]{4,}\b")


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str

    @property
    def is_question(self) -> bool:
        return "?" in self.text

    @property
    def is_exclamation(self) -> bool:
        return "!" in self.text


@dataclass(frozen=True, slots=True)
class GuardrailHit:
    rule: str
    severity: str
    message: str
    start: int
    end: int


@dataclass(slots=True)
class ReplyAnalysis:
    text: str
    tokens: list[Token]
    sentences: list[Sentence]
    matches: dict[str, list[Match]]
    guardrails: list[GuardrailHit] = field(default_factory=list)
    imperative_pressure: list[Match] = field(default_factory=list)
    clarifying_questions: list[Sentence] = field(default_factory=list)
    open_questions: list[Sentence] = field(default_factory=list)
    closed_questions: list[Sentence] = field(default_factory=list)
    closing_questions: list[Sentence] = field(default_factory=list)
    rhetorical_questions: list[Sentence] = field(default_factory=list)
    caps_words: list[tuple[int, int]] = field(default_factory=list)

    @property
    def words(self) -> int:
        return len(self.tokens)

    def has(self, signal: str) -> bool:
        return bool(self.matches.get(signal))

    def first(self, signal: str) -> Match | None:
        found = self.matches.get(signal)
        return found[0] if found else None

    def sentence_at(self, offset: int) -> Sentence:
        for s in self.sentences:
            if s.start <= offset < s.end:
                return s
        return self.sentences[-1] if self.sentences else Sentence(0, len(self.text), self.text)

    def quote(self, offset: int) -> str:
        """The sentence around `offset`, as the evidence shown to the trainee."""
        return self.sentence_at(offset).text.strip()

    # Summary flags the rubric and the customer both use.
    @property
    def pressure_errors(self) -> list[GuardrailHit]:
        return [g for g in self.guardrails if g.severity == "error"]

    @property
    def pressure_warnings(self) -> list[GuardrailHit]:
        return [g for g in self.guardrails if g.severity == "warning"]

    @property
    def pressured(self) -> bool:
        return bool(self.matches.get("pressure") or self.imperative_pressure or self.pressure_errors
                     or self.rhetorical_questions or self.caps_words)

    @property
    def argued(self) -> bool:
        return bool(self.matches.get("arguing") or self.matches.get("minimizing"))

    @property
    def dismissed(self) -> bool:
        return bool(self.matches.get("dismissive"))

    @property
    def asked_clarifying(self) -> bool:
        return bool(self.clarifying_questions or self.open_questions or self.closed_questions
                    or self.matches.get("clarify_request"))

    @property
    def proposed_next_step(self) -> bool:
        return bool(self.matches.get("next_action") or self.closing_questions)

    @property
    def concrete_next_step(self) -> bool:
        return self.proposed_next_step and bool(self.matches.get("time_anchor"))


_SIGNALS = ("acknowledge", "acknowledge_weak", "clarify_request", "rhetorical", "value_strong", "value_weak",
            "next_action", "time_anchor", "pressure", "softener", "minimizing", "arguing", "dismissive",
            "respect", "push_after_refusal", "discount")


def _in(span_start: int, sentence: Sentence) -> bool:
    return sentence.start <= span_start < sentence.end


def analyse(text: str) -> ReplyAnalysis:
    """Analyse one reply (cached: the session and the evaluator share the result)."""
    return _analyse(text.strip())


@lru_cache(maxsize=2048)
def _analyse(text: str) -> ReplyAnalysis:
    lex = lexicon()
    tokens = tokenize(text)
    sentences = [Sentence(m.start(), m.end(), m.group(0)) for m in _SENTENCE.finditer(text) if m.group(0).strip()]
    matches = {name: lex.find(name, tokens) for name in _SIGNALS}
    a = ReplyAnalysis(text=text, tokens=tokens, sentences=sentences, matches=matches)

    # Imperatives of buying/deciding ("берите", "решайтесь") press unless softened ("если удобно, возьмите").
    softened = {s.start for s in sentences for m in matches["softener"] if _in(m.start, s)}
    for i, tok in enumerate(tokens):
        if tok.imperative and lex.has_lemma("pressure_imperative", tok):
            if i > 0 and tokens[i - 1].form == "не":
                continue
            sentence = a.sentence_at(tok.start)
            if sentence.start in softened:
                continue
            if tok.imperative == 1 and (sentence.is_question or _has_subject_before(tokens, i, sentence)
                                        or not (sentence.is_exclamation or _starts(sentence, tok))):
                continue  # "за что платите?", "а решите до пятницы" are not commands; "Купите сейчас!" is
            a.imperative_pressure.append(Match("pressure_imperative", tok.form, tok.start, tok.end))

    interrogatives = lex.find("interrogative", tokens)
    focus = lex.find("customer_focus", tokens)
    needs = lex.find("need_word", tokens)
    closing = lex.find("closing_question", tokens)
    for s in sentences:
        if not s.is_question:
            if any(_in(m.start, s) for m in matches["rhetorical"]):
                a.rhetorical_questions.append(s)  # "О чём тут думать, всё же ясно." presses without a "?"
            continue
        if any(_in(m.start, s) for m in matches["rhetorical"]) or any(_in(m.start, s) for m in matches["pressure"]):
            a.rhetorical_questions.append(s)
            continue
        has_wh = any(_in(m.start, s) for m in interrogatives)
        has_focus = any(_in(m.start, s) for m in focus)
        has_need = any(_in(m.start, s) for m in needs)
        has_step = any(_in(m.start, s) for m in matches["next_action"]) or any(_in(m.start, s) for m in closing)
        if has_wh and (has_focus or has_need):
            a.clarifying_questions.append(s)
        elif has_wh:
            a.open_questions.append(s)
        elif has_step:
            a.closing_questions.append(s)
        elif has_need or has_focus:
            a.closed_questions.append(s)  # "Сравнивали с другими?" — closed, but about the customer
        else:
            a.closing_questions.append(s)
    a.caps_words = [(m.start(), m.end()) for m in _CAPS.finditer(text)]
    a.guardrails = _guardrail_hits(text)
    return a


_SUBJECTS = frozenset({"вы", "если", "когда", "что", "как", "чем", "раз", "где", "пока"})


def _starts(sentence: Sentence, tok: Token) -> bool:
    return not sentence.text[: tok.start - sentence.start].strip(" \t\n,—-–«\"")


def _has_subject_before(tokens: list[Token], i: int, sentence: Sentence) -> bool:
    return any(t.form in _SUBJECTS for t in tokens[:i] if t.start >= sentence.start)


def _guardrail_hits(text: str) -> list[GuardrailHit]:
    """The shared guardrails' pressure findings (PR, UR, TN, CM) for the reply."""
    import guardrails

    hits: list[GuardrailHit] = []
    for d in guardrails.lint(text):
        if d.rule.startswith(PRESSURE_RULE_GROUPS) and d.severity.value in ("error", "warning"):
            hits.append(GuardrailHit(d.rule, d.severity.value, d.message, d.start, d.end))
    return hits

