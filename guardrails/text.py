"""Text normalisation and tokenisation shared by every rule.

Rules match on a normalised copy of the message (lower case, ``ё`` → ``е``)
that keeps every character at its original offset, so spans found in the copy
are spans in the original text.

Words are found with ``str.split`` and ``str.strip`` (C-level calls) rather
than a ``\\w+`` regex, which is several times slower on Cyrillic text; a
sentence end becomes a ``|`` item.  Character spans are recovered only when a
rule matched, by finding each word after the previous one.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from itertools import accumulate
from operator import itemgetter

__all__ = ["normalize", "reveal", "is_plain", "Token", "Analysed", "analyse", "NUMBER_WORDS"]

_ENDERS = "|.!?…"  # "|" too: in `joined` it marks a sentence end, so no word may contain it
# Characters stripped from both ends of a word (not "|": it marks a sentence end).
_STRIP = (
    ",;:\"'()[]{}<>«»„“”‘’‚‹›—–―‐‑‒-·•*/\\#$%&+=@^_`~°§©®™€₽₸$£¥№"
    "\u00a0\u2009\u202f\u200b\ufeff"
)
# Punctuation that may join two words without a space: "кронштейн—защитит", "чехол/стекло".
_BREAKS = "—–,/;:«»\"()"
_STRIP_CLASS = "[" + "".join("\\" + c if c in "\\]^-[" else c for c in _STRIP) + "]"
_EDGE_RE = re.compile(f" {_STRIP_CLASS}|{_STRIP_CLASS} ")
_SPACE_RE = re.compile(" ")
_BAR_RE = re.compile(r"\|")
_LONG_TEXT = 5_000
"""From this many characters of `joined` on, word positions are looked up, not counted."""
# Arrows, technical and geometric signs, dingbats, enclosed characters and emoji: never part of a word.
_SYMBOL_BMP = "\u2190-\u21ff\u2300-\u23ff\u2460-\u24ff\u25a0-\u27bf\u2900-\u297f\u2b00-\u2bff"
_SYMBOL_RE = re.compile(f"[{_SYMBOL_BMP}\U0001f000-\U0001faff]")
NUMBER_WORDS = frozenset(
    "один одна одно два две три четыре пять шесть семь восемь девять десять "
    "пара пару пары несколько считанные считанных единицы "
    "двух трех четырех пяти шести семи восьми девяти десяти двум трем четырем двумя тремя четырьмя пятью".split()
)


def normalize(text: str) -> str:
    """Lower-case and fold ``ё`` without changing any offset; a Latin look-alike
    inside a Cyrillic word («Bсе берут» with a Latin B) becomes the Cyrillic letter."""
    low = text.lower()
    if len(low) != len(text):  # a few characters (e.g. 'İ') grow when lowered
        low = "".join(c.lower()[0] for c in text)
    for c in _LOOK_ALIKES:  # `in` per letter, in a plain loop: several times cheaper than a regex
        if c in low:
            if _mixes_alphabets(low):
                low = _MIXED_WORD_RE.sub(_fold_homoglyphs, low)
            break
    return low.replace("ё", "е")


# Latin letters that look like Cyrillic ones (lower case, and the lower case of look-alike capitals: B → в).
_LOOK_ALIKES = "abcehkmoptxy"
_HOMOGLYPHS = str.maketrans(_LOOK_ALIKES, "авсенкмортху")
_LATIN_RE = re.compile(r"[a-z]+")
_MIXED_WORD_RE = re.compile(r"\w*(?:[а-яё][a-z]|[a-z][а-яё])\w*")


def _mixes_alphabets(low: str) -> bool:
    """Whether a run of Latin letters touches a Cyrillic one (a search per Latin run:
    a two-sided regex over the whole text costs several times more)."""
    end = len(low)
    for m in _LATIN_RE.finditer(low):
        a, b = m.span()
        if (a and "а" <= low[a - 1] <= "я") or (b < end and "а" <= low[b] <= "я") \
                or low[a - 1:a] == "ё" or low[b:b + 1] == "ё":
            return True
    return False


def _fold_homoglyphs(m: re.Match[str]) -> str:
    word = m.group()
    folded = word.translate(_HOMOGLYPHS)
    return folded if not re.search(r"[a-z]", folded) else word  # only a word that then reads as Cyrillic


# Characters that hide a word from the rules without showing: zero-width spaces and joiners, the soft
# hyphen, bidi controls, control characters str.split does not take for a space, variation selectors
# and tag characters, and combining marks (a stress mark «успе́йте», a keycap).  They are rare, so
# this is one C-level search per message.
_HIDDEN_BMP = (
    "\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\u00ad\u034f\u061c\u0300-\u036f"
    "\u0483-\u0489\u115f\u1160\u17b4\u17b5\u180b-\u180f\u1ab0-\u1aff\u1dc0-\u1dff"
    "\u200b-\u200f\u202a-\u202e\u2060-\u206f\u20d0-\u20ff\ufe00-\ufe0f\ufe20-\ufe2f\ufeff"
)
_HIDDEN_RE = re.compile(f"[{_HIDDEN_BMP}\U000e0000-\U000e007f\U000e0100-\U000e01ef]")


# Everything `reveal` and the tokeniser's pictograph step look for, and any character outside the
# Basic Multilingual Plane: one search tells that a message (nearly every one) needs neither.
_UNUSUAL_RE = re.compile(f"[{_HIDDEN_BMP}{_SYMBOL_BMP}\U00010000-\U0010ffff]")  # 2.3 µs, not 2 × 2.5


def is_plain(text: str) -> bool:
    """Whether `text` holds no hidden character and no pictograph."""
    return _UNUSUAL_RE.search(text) is None


def reveal(text: str) -> tuple[str, list[int]] | None:
    """The text without hidden characters (see `_HIDDEN_RE`), and for each of its
    offsets (and its end) the offset in `text`; None when nothing is hidden.

    A combining mark that composes with the letter before it («е» + diaeresis →
    «ё») is composed; any other is dropped, like the invisible characters."""
    if _HIDDEN_RE.search(text) is None:
        return None
    out: list[str] = []
    back: list[int] = []
    for i, ch in enumerate(text):
        if not _HIDDEN_RE.match(ch):
            out.append(ch)
            back.append(i)
        elif out and unicodedata.combining(ch):
            composed = unicodedata.normalize("NFC", out[-1] + ch)
            if len(composed) == 1:
                out[-1] = composed
    back.append(len(text))
    return "".join(out), back


class Token(tuple):  # type: ignore[type-arg]
    """(text, start, end, sentence): a word, its character span, its sentence
    number.  A plain tuple subclass with C-level field access, so building the
    tokens of a message costs no Python call per word (a NamedTuple's does)."""

    __slots__ = ()
    text: str = property(itemgetter(0))  # type: ignore[assignment]
    start: int = property(itemgetter(1))  # type: ignore[assignment]
    end: int = property(itemgetter(2))  # type: ignore[assignment]
    sentence: int = property(itemgetter(3))  # type: ignore[assignment]

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
    "двух": 2, "трех": 3, "четырех": 4, "пяти": 5, "шести": 6, "семи": 7, "восьми": 8, "девяти": 9, "десяти": 10,
    "двум": 2, "трем": 3, "четырем": 4, "двумя": 2, "тремя": 3, "четырьмя": 4, "пятью": 5,
}


class Analysed:
    """A message prepared for matching: original, normalised copy, lazy views.

    `joined` and `words` are what the rules need; `spans` and `tokens` (with
    character offsets and sentence numbers) are built only when a rule matched
    or a context rule needs them.
    """

    __slots__ = ("text", "norm", "_items", "_tokens", "_words", "_joined", "_spans", "_plain", "_marks", "_plain_text")

    def __init__(self, text: str, *, plain: bool = False) -> None:
        """`plain`: the caller has checked that `text` holds no pictograph
        (:func:`is_plain`), so tokenising need not look for one."""
        self.text = text
        self._plain_text = plain
        self.norm = normalize(text)
        self._items: list[str] = []
        self._tokens: list[Token] | None = None
        self._words: frozenset[str] | None = None
        self._joined: str | None = None
        self._spans: list[tuple[int, int]] | None = None
        self._plain: list[str] = []
        self._marks: tuple[list[int], list[int]] | None = None

    def _scan(self) -> None:
        """Words via str.split with punctuation stripped from their edges; a
        sentence end (. ! ? …) becomes a "|" item.  All C-level string calls:
        about 4x cheaper than a \\w+ regex over Cyrillic text."""
        flat = self.norm
        for ch in _BREAKS:
            if ch in flat:
                flat = flat.replace(ch, " ")
        for ch in _ENDERS:
            if ch in flat:
                flat = flat.replace(ch, " | ")
        if not self._plain_text and _SYMBOL_RE.search(flat) is not None:  # «Все берут😀»: a pictograph ends a word
            flat = _SYMBOL_RE.sub(" ", flat)
        items = flat.split()
        joined = " " + " ".join(items) + " "
        if _EDGE_RE.search(joined) is not None:  # a word with punctuation at an edge: strip it
            items = [w for w in [x.strip(_STRIP) for x in items] if w]
            joined = " " + " ".join(items) + " "
        self._joined = joined[:-1] if items else ""
        self._words = frozenset(items)
        self._items = items

    @property
    def joined(self) -> str:
        """The words of the message as " tok tok | tok tok": one space between
        words, "|" between sentences.  Rules run as regexes over this string."""
        if self._joined is None:
            self._scan()
        return self._joined  # type: ignore[return-value]

    @property
    def items(self) -> list[str]:
        """The words of `joined` as a list, "|" between sentences (do not modify)."""
        if self._words is None:
            self._scan()
        return self._items

    @property
    def words(self) -> frozenset[str]:
        """Every word of the message (and "|" if it has several sentences)."""
        if self._words is None:
            self._scan()
        return self._words  # type: ignore[return-value]

    def token_span(self, start: int, end: int) -> tuple[int, int]:
        """(first, last) word index of a match [start, end) in `joined`: every
        word and every "|" follows one space there, so two counts tell.  In a
        long text the counts come from the positions of every space and bar, found
        once: counting from the start for each of many matches is quadratic."""
        j = self.joined
        if len(j) < _LONG_TEXT:
            return (j.count(" ", 0, start + 1) - j.count("|", 0, start) - 1,
                    j.count(" ", 0, end) - j.count("|", 0, end) - 1)
        if self._marks is None:
            self._marks = ([m.start() for m in _SPACE_RE.finditer(j)], [m.start() for m in _BAR_RE.finditer(j)])
        spaces, bars = self._marks
        return (bisect_right(spaces, start) - bisect_left(bars, start) - 1,
                bisect_left(spaces, end) - bisect_left(bars, end) - 1)

    def char_span(self, first: int, last: int) -> tuple[int, int]:
        """Character span in the text from word `first` to word `last`."""
        spans = self._spans_upto(last)
        return spans[first][0], spans[last][1]

    def _spans_upto(self, last: int) -> list[tuple[int, int]]:
        """Spans of the words up to index `last` (findings are often early in a
        long message: the rest is found only if asked for).  Each word is found
        after the previous one, so the spans follow the same tokenisation."""
        spans = self._spans
        if spans is None:
            if self._words is None:
                self._scan()
            spans = self._spans = []
            self._plain = [w for w in self._items if w != "|"]
        if len(spans) <= last:
            norm = self.norm
            pos = spans[-1][1] if spans else 0
            spans += [(a := norm.find(w, pos), pos := a + len(w)) for w in self._plain[len(spans):last + 1]]
        return spans

    @property
    def spans(self) -> list[tuple[int, int]]:
        """Character spans of the words, in `joined` order."""
        if self._words is None:
            self._scan()
        return self._spans_upto(len(self._items))

    @property
    def tokens(self) -> list[Token]:
        """Words with their spans and sentence numbers."""
        if self._tokens is None:
            if self._words is None:
                self._scan()
            items = self._items
            sentences = accumulate((w == "|" for w in items), initial=0)  # bars before each item
            words = [(w, s) for w, s in zip(items, sentences) if w != "|"]
            self._tokens = list(map(Token, [(w, a, b, s) for (w, s), (a, b) in zip(words, self.spans)]))
        return self._tokens


def analyse(text: str) -> Analysed:
    return Analysed(text)
