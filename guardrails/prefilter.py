"""A literal prefilter: one Aho-Corasick pass over a message tells which rule
words occur in it, so a pattern's regex runs (and the message is tokenised)
only when every required slot of the pattern has one of its words there.

The pass runs over a *flattened* copy of the normalised text in which every
character that can separate two words for the tokeniser (whitespace, the
punctuation it breaks on or strips, sentence ends) is a space.  Keys are
flattened the same way and framed by spaces (a prefix key only by a leading
one).  Every token the exact tokeniser (:mod:`guardrails.text`) produces
therefore appears framed by spaces in the flattened text, so the prefilter
never drops a pattern the exact matcher would match; it may pass a few that
the exact matcher then rejects.

Most messages in a corpus are clean and hold no complete set of a pattern's
words, so for them the message is never tokenised: the pass, a set of the
hit values and a few integer operations decide.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from functools import reduce
from operator import itemgetter, or_
from typing import TYPE_CHECKING, Any

import ahocorasick

from guardrails.patterns import COMMON_WORDS, Pattern
from guardrails.text import _BREAKS, _ENDERS, _STRIP

if TYPE_CHECKING:
    from guardrails.ruleset import Lexicon

__all__ = ["flatten", "Prefilter"]

# Every character that may stand between two tokens (or at a token's edge).
_SEPARATORS = "".join(sorted(set(_STRIP + _BREAKS + _ENDERS + "|")))
# Every character for which str.isspace() is true, i.e. what str.split() splits on
# (a test checks the list against the running Python).
_WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
_ASCII_SEPARATORS = "".join(c for c in _SEPARATORS + _WHITESPACE if ord(c) < 128)
_OTHER_SEPARATORS = tuple(c for c in _SEPARATORS + _WHITESPACE if ord(c) >= 128)
_SEPARATOR_SET = frozenset(_SEPARATORS + _WHITESPACE)
_OTHER_SEPARATORS_RE = re.compile("[" + "".join(re.escape(c) for c in _OTHER_SEPARATORS) + "]")
_ASCII_TABLE = bytes.maketrans(_ASCII_SEPARATORS.encode(), b" " * len(_ASCII_SEPARATORS))


def flatten(norm: str) -> str:
    """`norm` with every word separator replaced by a space, framed by spaces.

    ASCII separators go in one ``bytes.translate`` call, the non-ASCII ones
    (dashes, quotes, NBSP…) in one regex pass.  Offsets are kept (one
    character for one), though only which words occur is asked of it."""
    flat = norm.encode("utf-8", "surrogatepass").translate(_ASCII_TABLE).decode("utf-8", "surrogatepass")
    if not flat.isascii():
        flat = _OTHER_SEPARATORS_RE.sub(" ", flat)
    return f" {flat} "


class Prefilter:
    """Which patterns may match, and which lexicons may occur, in a message.

    Each distinct word slot gets one bit; a key (a word, or a stem for a
    ``stem*`` alternative) carries the bits of the slots that accept it.  A
    pattern may match when the message's bits cover its mask.

    A pattern is looked at only when its *anchor*, one of its slots, has a
    word in the message; the fewer messages an anchor occurs in, the less
    work.  Anchors start as the slots with the fewest and least common words,
    and after the first messages are re-chosen from how often each slot
    actually occurred (the corpus at hand is the best judge of which words
    are rare in it).  Anchors only decide the order of work: the result for a
    message is the same whichever slot anchors a pattern.
    """

    SAMPLE_EVERY = 16
    RETUNE_AFTER = 256  # samples, i.e. 4,096 messages

    def __init__(self, patterns: Iterable[tuple[tuple[int, int], Pattern]], lexicons: dict[str, Lexicon]) -> None:
        self._bit_of: dict[tuple[frozenset[str], tuple[str, ...]], int] = {}
        self._keys: dict[str, int] = {}
        self.always: list[tuple[int, int]] = []
        """Patterns with no word slot (only numbers or any word): always run."""
        self._patterns: list[tuple[tuple[int, int], int, list[int]]] = []  # key, mask, slot bits by static rarity
        for key, pattern in patterns:
            slots = [s for s in pattern.slots if not (s.optional or s.any or s.number or s.end)]
            if not slots:
                self.always.append(key)
                continue
            # Slots of only the commonest little words ("и", "в", "на") would add a hit
            # for almost every message; the regex checks them (when the pattern has other slots).
            slots = [s for s in slots if not (s.forms <= _UNTRACKED and not s.prefixes)] or slots
            ranked = sorted(((s.forms, s.prefixes) for s in slots), key=_rarity)
            slot_bits = [self._bit(*fp) for fp in ranked]
            mask = 0
            for bit in slot_bits:
                mask |= bit
            self._patterns.append((key, mask, slot_bits))
        self.lexicon_bits = {name: self._bit(lex.forms, lex.prefixes) for name, lex in lexicons.items()}
        self._finish()

    def to_data(self) -> dict[str, object]:
        """What :meth:`from_data` needs, as JSON-able data (bits as bit indexes):
        the rule set caches it on disk, so a cold `coach lint` does not redo the
        work per word form."""
        return {
            "keys": {word: _indexes(bits) for word, bits in self._keys.items()},
            "always": [list(k) for k in self.always],
            "patterns": [[list(k), _indexes(mask), [b.bit_length() - 1 for b in bits]] for k, mask, bits in self._patterns],
            "lexicon_bits": {name: bit.bit_length() - 1 for name, bit in self.lexicon_bits.items()},
        }

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Prefilter:
        self = cls.__new__(cls)
        self._bit_of = {}
        self._keys = {word: _from_indexes(ix) for word, ix in data["keys"].items()}
        self.always = [(k[0], k[1]) for k in data["always"]]
        self._patterns = [((k[0], k[1]), _from_indexes(mask), [1 << i for i in bits]) for k, mask, bits in data["patterns"]]
        self.lexicon_bits = {name: 1 << i for name, i in data["lexicon_bits"].items()}
        self._finish()
        return self

    def _finish(self) -> None:
        auto = ahocorasick.Automaton()
        for word, bits in self._keys.items():
            auto.add_word(word, bits)
        if len(auto):
            auto.make_automaton()
            self._iter = auto.iter
        else:  # pragma: no cover - a rule set without word slots
            self._iter = lambda text: iter(())
        self._automaton = auto
        self._seen: Counter[int] = Counter()
        self._scans = 0
        self._samples = 0
        self._set_anchors(lambda bit: 0)

    def _bit(self, forms: frozenset[str], prefixes: tuple[str, ...]) -> int:
        bit = self._bit_of.get((forms, prefixes))
        if bit is None:
            bit = self._bit_of[(forms, prefixes)] = 1 << len(self._bit_of)
            keys = self._keys
            get = keys.get
            if _SEPARATOR_SET.isdisjoint("".join(forms)):  # the usual case: plain words
                for f in forms:
                    k = f" {f} "
                    keys[k] = get(k, 0) | bit
            else:
                for f in forms:
                    k = flatten(f)
                    if k.isspace():
                        continue  # a separator can never be a word ("—"): the slot cannot match through it
                    keys[k] = get(k, 0) | bit
            for p in prefixes:
                k = f" {p}" if _SEPARATOR_SET.isdisjoint(p) else flatten(p)[:-1]
                if k.isspace():
                    continue
                keys[k] = keys.get(k, 0) | bit
        return bit

    def _set_anchors(self, frequency: Callable[[int], int]) -> None:
        """Anchor each pattern at its least frequent slot (ties: the static order)."""
        by_anchor: dict[int, list[tuple[tuple[int, int], int]]] = {}
        for key, mask, slot_bits in self._patterns:
            anchor = min(slot_bits, key=frequency)  # min keeps the first of equals
            by_anchor.setdefault(anchor, []).append((key, mask))
        anchor_mask = 0
        for bit in by_anchor:
            anchor_mask |= bit
        self._anchors = (by_anchor, anchor_mask)  # one assignment: a scan in another thread sees old or new

    def _retune(self) -> None:
        counts: Counter[int] = Counter()
        for value, n in self._seen.items():
            while value:
                low = value & -value
                value ^= low
                counts[low] += n
        self._set_anchors(counts.__getitem__)

    def scan(self, norm: str) -> tuple[int, dict[int, list[int]]]:
        """The bits of every slot or lexicon with a word in `norm`, and the
        patterns that may match: compiled rule index -> sorted pattern indexes,
        where an `unless` pattern ``u`` of the rule is given as ``-1 - u``."""
        return self.scan_flat(flatten(norm))

    def scan_flat(self, flat: str) -> tuple[int, dict[int, list[int]]]:
        """:meth:`scan` of an already flattened text."""
        values = set(map(_value, self._iter(flat)))
        bits = reduce(or_, values, 0)
        self._scans += 1
        if self._samples <= self.RETUNE_AFTER and not self._scans % self.SAMPLE_EVERY:
            self._seen.update(values)
            self._samples += 1
            if self._samples == self.RETUNE_AFTER:
                self._retune()
        by_anchor, anchor_mask = self._anchors
        anchors = bits & anchor_mask
        if not anchors and not self.always:
            return bits, {}
        found = list(self.always)
        while anchors:
            low = anchors & -anchors
            anchors ^= low
            for key, mask in by_anchor[low]:
                if bits & mask == mask:
                    found.append(key)
        if not found:
            return bits, {}
        out: dict[int, list[int]] = {}
        for ri, pi in sorted(found):
            out.setdefault(ri, []).append(pi)
        # An `unless` pattern matters only where its rule may match: a rule with
        # only `unless` candidates (sorted first, negative) is dropped.
        return bits, {ri: pis for ri, pis in out.items() if pis[-1] >= 0}


_value = itemgetter(1)


def _indexes(bits: int) -> list[int]:
    out = []
    while bits:
        low = bits & -bits
        out.append(low.bit_length() - 1)
        bits ^= low
    return out


def _from_indexes(indexes: list[int]) -> int:
    bits = 0
    for i in indexes:
        bits |= 1 << i
    return bits


# Slots made only of these words are left to the regex when the pattern has other slots.
_UNTRACKED = frozenset("и в во с со по при или на от к ко для до о об за из у а".split())


def _rarity(fp: tuple[frozenset[str], tuple[str, ...]]) -> int:
    forms, prefixes = fp
    return len(forms) + 50 * len(prefixes) + 10_000 * len(forms & COMMON_WORDS)
