"""Tokens with lemmas: the morphology the rubric and the simulated customer match on.

pymorphy3 costs ~0.1 s to load and ~0.25 ms per uncached word, so the analyser
is loaded once on first use and every word form goes through an LRU cache: a
trainee's reply of 20 words costs microseconds once its words have been seen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

__all__ = ["Token", "tokenize", "word_info"]

_WORD = re.compile(r"[\w]+(?:-[\w]+)*")
_SENTENCE_END = re.compile(r"[.!?…]")


@dataclass(frozen=True, slots=True)
class Token:
    """One word of a reply: its lower-cased form, every lemma it may have, and its span."""

    form: str
    lemmas: frozenset[str]
    imperative: int
    """0: not an imperative; 1: may be one ("платите" is also indicative); 2: only an imperative."""
    start: int
    end: int
    sentence: int = 0
    """Index of the sentence the word is in: cues never match across sentences."""


@lru_cache(maxsize=1)
def _analyzer() -> Any:
    import pymorphy3  # loaded lazily: most CLI commands never need it

    return pymorphy3.MorphAnalyzer()


def _norm(word: str) -> str:
    return word.lower().replace("ё", "е")


@lru_cache(maxsize=100_000)
def word_info(form: str) -> tuple[frozenset[str], int]:
    """All normal forms of `form` (plus the form itself) and its imperative level (see `Token`)."""
    form = _norm(form)
    if not re.search(r"[а-я]", form):
        return frozenset({form}), 0
    parses = _analyzer().parse(form)
    lemmas = {form}
    imperative = other_verb = False
    for p in parses[:4]:
        lemmas.add(_norm(p.normal_form))
        if "impr" in p.tag:
            imperative = True
        elif "VERB" in p.tag:
            other_verb = True
    level = (1 if other_verb else 2) if imperative else 0
    return frozenset(lemmas), level


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    sentence = 0
    last_end = 0
    for m in _WORD.finditer(text):
        if _SENTENCE_END.search(text, last_end, m.start()):
            sentence += 1
        lemmas, imperative = word_info(m.group(0).lower())
        tokens.append(Token(_norm(m.group(0)), lemmas, imperative, m.start(), m.end(), sentence))
        last_end = m.end()
    return tokens

