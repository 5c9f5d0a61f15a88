"""The cue lexicon (``lexicon.yaml``): compiled once, matched against a reply's tokens.

A cue is a short word pattern; every word matches any of its inflections
through the lemmas in :mod:`coach.roleplay.morph`.  Matching is indexed by the
first word's lemmas, so a reply is checked against the few cues that can start
at each token rather than against the whole lexicon.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field

from coach.roleplay.morph import Token, word_info

__all__ = ["Lexicon", "Match", "SignalSpec", "lexicon"]

LEXICON_PATH = Path(__file__).with_name("lexicon.yaml")
_GAP = 3


class _Examples(BaseModel):
    model_config = ConfigDict(extra="forbid")
    match: list[str] = Field(default_factory=list)
    no_match: list[str] = Field(default_factory=list)


class SignalSpec(BaseModel):
    """One named signal: cues (word patterns) or, for imperative checks, plain lemmas."""

    model_config = ConfigDict(extra="forbid")
    description: str
    cues: list[str] = Field(default_factory=list)
    lemmas: list[str] = Field(default_factory=list)
    examples: _Examples = Field(default_factory=_Examples)


class ObjectionKindSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")
    label: str
    cues: list[str]


class LexiconFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: int
    signals: dict[str, SignalSpec]
    objection_kinds: dict[str, ObjectionKindSpec]


@dataclass(frozen=True, slots=True)
class Match:
    signal: str
    cue: str
    start: int  # character offsets into the reply
    end: int


# A compiled cue element: ("word", lemmas) | ("prefix", stem) | ("exact", form) | ("any",) | ("gap",)
_Element = tuple


def _compile_word(word: str) -> _Element:
    if word == "*":
        return ("any",)
    if word == "...":
        return ("gap",)
    if word.startswith("="):
        return ("exact", word[1:].lower().replace("ё", "е"))
    if word.endswith("~"):
        return ("prefix", word[:-1].lower().replace("ё", "е"))
    lemmas, _ = word_info(word)
    return ("word", lemmas)


def _element_matches(element: _Element, token: Token) -> bool:
    kind = element[0]
    if kind == "word":
        return not element[1].isdisjoint(token.lemmas)
    if kind == "exact":
        return token.form == element[1]
    if kind == "prefix":
        stem = element[1]
        return token.form.startswith(stem) or any(lemma.startswith(stem) for lemma in token.lemmas)
    return True  # "any"


def _match_from(elements: tuple[_Element, ...], tokens: list[Token], i: int, e: int,
                sentence: int | None = None) -> int | None:
    """Index of the last matched token when `elements[e:]` matches from token `i`, else None.

    A match stays within one sentence (`sentence`: the sentence of its first token)."""
    last = i - 1
    while e < len(elements):
        element = elements[e]
        if element[0] == "gap":
            for skip in range(_GAP + 1):
                end = _match_from(elements, tokens, i + skip, e + 1, sentence)
                if end is not None:
                    return end
            return None
        if i >= len(tokens) or not _element_matches(element, tokens[i]):
            return None
        if sentence is None:
            sentence = tokens[i].sentence
        elif tokens[i].sentence != sentence:
            return None
        last = i
        i += 1
        e += 1
    return last


class _CompiledSignal:
    def __init__(self, name: str, cues: list[str]) -> None:
        self.name = name
        self.by_lemma: dict[str, list[tuple[str, tuple[_Element, ...]]]] = defaultdict(list)
        self.by_form: dict[str, list[tuple[str, tuple[_Element, ...]]]] = defaultdict(list)
        self.scan: list[tuple[str, tuple[_Element, ...]]] = []
        for cue in cues:
            words = cue.replace(",", " ").split()
            elements = tuple(_compile_word(w) for w in words)
            head = elements[0]
            if head[0] == "word":
                for lemma in head[1]:
                    self.by_lemma[lemma].append((cue, elements))
            elif head[0] == "exact":
                self.by_form[head[1]].append((cue, elements))
            else:
                self.scan.append((cue, elements))

    def find(self, tokens: list[Token]) -> list[Match]:
        found: list[Match] = []
        for i, token in enumerate(tokens):
            seen: set[str] = set()
            candidates = list(self.by_form.get(token.form, ()))
            for lemma in token.lemmas:
                candidates.extend(self.by_lemma.get(lemma, ()))
            candidates.extend(self.scan)
            for cue, elements in candidates:
                if cue in seen:
                    continue
                seen.add(cue)
                end = _match_from(elements, tokens, i, 0)
                if end is not None and end >= i:
                    found.append(Match(self.name, cue, token.start, tokens[end].end))
        return found


class Lexicon:
    """All signals and objection kinds, compiled."""

    def __init__(self, data: LexiconFile) -> None:
        self.data = data
        self.signals = {name: _CompiledSignal(name, spec.cues) for name, spec in data.signals.items() if spec.cues}
        self.lemma_sets = {name: frozenset(spec.lemmas) for name, spec in data.signals.items() if spec.lemmas}
        self.kinds = {name: _CompiledSignal(name, spec.cues) for name, spec in data.objection_kinds.items()}

    def find(self, signal: str, tokens: list[Token]) -> list[Match]:
        return self.signals[signal].find(tokens)

    def has_lemma(self, signal: str, token: Token) -> bool:
        return not self.lemma_sets[signal].isdisjoint(token.lemmas)

    def objection_kind(self, tokens: list[Token]) -> str:
        """The objection's kind ("price", "timing", ...) or "other"; the earliest cue wins."""
        best: tuple[int, str] | None = None
        for name, compiled in self.kinds.items():
            for m in compiled.find(tokens):
                if best is None or m.start < best[0]:
                    best = (m.start, name)
        return best[1] if best else "other"

    def kind_label(self, kind: str) -> str:
        spec = self.data.objection_kinds.get(kind)
        return spec.label if spec else "возражение"


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    with LEXICON_PATH.open(encoding="utf-8") as fh:
        raw = yaml.safe_load(fh)
    return Lexicon(LexiconFile.model_validate(raw))
