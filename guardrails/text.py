"""Text normalisation and tokenisation shared by every rule.

Rules match on a normalised copy of the message (lower case, ``ё`` → ``е``)
that keeps every character at its original offset, so spans found in the copy
are spans in the original text.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

__all__ = ["normalize", "Token", "Analysed", "analyse", "TOKEN_RE"]

TOKEN_RE = re.compile(r"\w+(?:-\w+)*")
# A sentence ends at . ! ? … (possibly repeated) followed by space/end, or at a blank line.
_SENTENCE_END_RE = re.compile(r"[.!?…]+(?=\s|$)|\n\s*\n")
_NUMBER_WORDS = frozenset(
    "один одна одно два две три четыре пять шесть семь восемь девять десять "
    "пара пару пары несколько считанные считанных единицы".split()
)


def normalize(text: str) -> str:
    """Lower-case and fold ``ё`` without changing any offset."""
    low = text.lower()
    if len(low) != len(text):  # a few characters (e.g. 'İ') grow when lowered
        low = "".join(c.lower()[0] for c in text)
    return low.replace("ё", "е")


@dataclass(slots=True, frozen=True)
class Token:
    text: str
    start: int
    end: int
    sentence: int

    @property
    def is_number(self) -> bool:
        return self.text.isdigit() or self.text in _NUMBER_WORDS

    def number_value(self) -> int | None:
        if self.text.isdigit():
            return int(self.text)
        return _NUMBER_VALUES.get(self.text)


_NUMBER_VALUES = {
    "один": 1, "одна": 1, "одно": 1, "два": 2, "две": 2, "три": 3, "четыре": 4, "пять": 5,
    "шесть": 6, "семь": 7, "восемь": 8, "девять": 9, "десять": 10, "пара": 2, "пару": 2, "пары": 2,
}


class Analysed:
    """A message prepared for matching: original, normalised copy, lazy tokens."""

    __slots__ = ("text", "norm", "_tokens", "_words")

    def __init__(self, text: str) -> None:
        self.text = text
        self.norm = normalize(text)
        self._tokens: list[Token] | None = None
        self._words: frozenset[str] | None = None

    @property
    def tokens(self) -> list[Token]:
        if self._tokens is None:
            norm = self.norm
            ends = [m.end() for m in _SENTENCE_END_RE.finditer(norm)]
            self._tokens = [
                Token(m.group(), m.start(), m.end(), bisect.bisect_right(ends, m.start()))
                for m in TOKEN_RE.finditer(norm)
            ]
        return self._tokens

    @property
    def words(self) -> frozenset[str]:
        if self._words is None:
            self._words = frozenset(t.text for t in self.tokens)
        return self._words


def analyse(text: str) -> Analysed:
    return Analysed(text)
