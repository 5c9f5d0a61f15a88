"""Text normalisation and tokenisation shared by every rule.

Rules match on a normalised copy of the message (lower case, ``ё`` → ``е``)
that keeps every character at its original offset, so spans found in the copy
are spans in the original text.
"""

from __future__ import annotations

import bisect
import re
from typing import NamedTuple

__all__ = ["normalize", "Token", "Analysed", "analyse", "TOKEN_RE", "NUMBER_WORDS"]

TOKEN_RE = re.compile(r"\w+(?:-\w+)*")
# A sentence ends at . ! ? … (possibly repeated) followed by space/end, or at a blank line.
_SENTENCE_END_RE = re.compile(r"[.!?…]+(?=\s|$)|\n\s*\n")
# Words and sentence ends in one pass; a sentence end is any item starting with one of _ENDS.
_SCAN_RE = re.compile(r"\w+(?:-\w+)*|[.!?…]+(?=\s|$)|\n\s*\n")
_ENDS = frozenset(".!?…\n")
NUMBER_WORDS = frozenset(
    "один одна одно два две три четыре пять шесть семь восемь девять десять "
    "пара пару пары несколько считанные считанных единицы".split()
)


def normalize(text: str) -> str:
    """Lower-case and fold ``ё`` without changing any offset."""
    low = text.lower()
    if len(low) != len(text):  # a few characters (e.g. 'İ') grow when lowered
        low = "".join(c.lower()[0] for c in text)
    return low.replace("ё", "е")


class Token(NamedTuple):
    text: str
    start: int
    end: int
    sentence: int

    @property
    def is_number(self) -> bool:
        return self.text.isdigit() or self.text in NUMBER_WORDS

    def number_value(self) -> int | None:
        if self.text.isdigit():
            return int(self.text)
        return _NUMBER_VALUES.get(self.text)


_NUMBER_VALUES = {
    "один": 1, "одна": 1, "одно": 1, "два": 2, "две": 2, "три": 3, "четыре": 4, "пять": 5,
    "шесть": 6, "семь": 7, "восемь": 8, "девять": 9, "десять": 10, "пара": 2, "пару": 2, "пары": 2,
}


class Analysed:
    """A message prepared for matching: original, normalised copy, lazy tokens.

    Rules match on `joined` (built with C-speed `findall`); the `tokens`
    with their character offsets are built only when something matched or a
    context rule needs them.
    """

    __slots__ = ("text", "norm", "_tokens", "_words", "_ends", "_joined", "_jstarts", "_spans")

    def __init__(self, text: str) -> None:
        self.text = text
        self.norm = normalize(text)
        self._tokens: list[Token] | None = None
        self._words: frozenset[str] | None = None
        self._ends: list[int] | None = None
        self._joined: str | None = None
        self._jstarts: list[int] | None = None
        self._spans: list[tuple[int, int]] | None = None

    @property
    def sentence_ends(self) -> list[int]:
        if self._ends is None:
            self._ends = [m.end() for m in _SENTENCE_END_RE.finditer(self.norm)]
        return self._ends

    def _scan(self) -> None:
        """One C-speed pass: the word list (with "|" at sentence ends), from which
        both `words` and `joined` are made."""
        items = _SCAN_RE.findall(self.norm)
        words = [w if w[0] not in _ENDS else "|" for w in items]
        self._joined = (" " + " ".join(words)) if words else ""
        self._words = frozenset(words)

    @property
    def joined(self) -> str:
        """The words of the message as " tok tok | tok tok": one space between
        words, "|" between sentences.  Rules run as regexes over this string."""
        if self._joined is None:
            self._scan()
        return self._joined  # type: ignore[return-value]

    def token_span(self, start: int, end: int) -> tuple[int, int]:
        """(first, last) index into `tokens` of a match [start, end) in `joined`."""
        if self._jstarts is None:
            starts = []
            j = self.joined
            pos = j.find(" ")
            while pos >= 0:
                if j[pos + 1] != "|":
                    starts.append(pos)
                pos = j.find(" ", pos + 1)
            self._jstarts = starts
        st = self._jstarts
        return bisect.bisect_right(st, start) - 1, bisect.bisect_right(st, end - 1) - 1

    @property
    def spans(self) -> list[tuple[int, int]]:
        """Character spans of the tokens (cheaper than `tokens`)."""
        if self._spans is None:
            self._spans = [m.span() for m in TOKEN_RE.finditer(self.norm)] if self._tokens is None else [
                (t.start, t.end) for t in self._tokens]
        return self._spans

    @property
    def tokens(self) -> list[Token]:
        if self._tokens is None:
            norm = self.norm
            ends = self.sentence_ends
            if ends:
                self._tokens = [
                    Token(m.group(), m.start(), m.end(), bisect.bisect_right(ends, m.start()))
                    for m in TOKEN_RE.finditer(norm)
                ]
            else:
                self._tokens = [Token(m.group(), m.start(), m.end(), 0) for m in TOKEN_RE.finditer(norm)]
        return self._tokens

    @property
    def words(self) -> frozenset[str]:
        """Every word of the message (and "|" if it has several sentences)."""
        if self._words is None:
            self._scan()
        return self._words  # type: ignore[return-value]


def analyse(text: str) -> Analysed:
    return Analysed(text)
