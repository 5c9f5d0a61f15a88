"""A word prefilter: one pass over a message's words tells which rule words
occur in it, so a pattern's regex runs only when every required slot of the
pattern has one of its words there.

Each distinct word slot gets one bit, and each word of a message is looked up
once in a table word -> bits (the slots and lexicons the word belongs to, as a
whole word or by a ``stem*`` prefix).  The table fills as words are met, so a
corpus pays the per-word work once per distinct word, and a message costs one
C-level ``map`` over its words, a ``set`` and a few integer operations.

The words are exactly the tokens the regexes run over (:mod:`guardrails.text`),
and a slot matches a token only by equality or by a prefix, so a pattern whose
regex matches always passes the prefilter.  Keys are stored *flattened*
(every character that can separate words a space, see :func:`flatten`), and a
token is flattened the same way before lookup: "кое-как" finds the key of the
form "кое-как" whatever separator the rule wrote.
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Callable, Iterable
from functools import reduce
from operator import or_
from typing import TYPE_CHECKING, Any

from guardrails.patterns import COMMON_WORDS, Pattern
from guardrails.text import _BREAKS, _ENDERS, _STRIP

if TYPE_CHECKING:
    from guardrails.ruleset import Lexicon

__all__ = ["flatten", "Prefilter", "TOKEN_TABLE_LIMIT"]

TOKEN_TABLE_LIMIT = 200_000
"""Distinct words remembered by the word table; past it, a new word is looked
up each time it occurs, so memory stays bounded whatever the corpus."""

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
        """What :meth:`from_data` needs, as JSON-able data: the rule set caches it
        on disk, so a cold `coach lint` does not redo the work per word form.
        Words map to one of the few distinct bit sets ("classes"), stored once
        as bit indexes: loading builds about 2,000 integers, not 17,000."""
        classes: dict[int, int] = {}

        def class_of(bits: int) -> int:
            return classes.setdefault(bits, len(classes))

        forms = {word: class_of(bits) for word, bits in self._forms.items()}
        prefixes = {word: class_of(bits) for word, bits in self._prefixes.items()}
        return {
            "classes": [_indexes(bits) for bits in classes],
            "forms": forms,
            "prefixes": prefixes,
            "always": [list(k) for k in self.always],
            "patterns": [[list(k), _indexes(mask), [b.bit_length() - 1 for b in bits]] for k, mask, bits in self._patterns],
            "lexicon_bits": {name: bit.bit_length() - 1 for name, bit in self.lexicon_bits.items()},
        }

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Prefilter:
        self = cls.__new__(cls)
        self._bit_of = {}
        self._keys = {}
        bits_of = list(map(_from_indexes, data["classes"]))
        self._forms = dict(zip(data["forms"], map(bits_of.__getitem__, data["forms"].values())))
        self._prefixes = dict(zip(data["prefixes"], map(bits_of.__getitem__, data["prefixes"].values())))
        self.always = [(k[0], k[1]) for k in data["always"]]
        self._patterns = [((k[0], k[1]), _from_indexes(mask), [1 << i for i in bits]) for k, mask, bits in data["patterns"]]
        self.lexicon_bits = {name: 1 << i for name, i in data["lexicon_bits"].items()}
        self._setup()
        return self

    def _finish(self) -> None:
        """The word keys built by :meth:`_bit` as two tables: whole words and prefixes."""
        forms: dict[str, int] = {}
        prefixes: dict[str, int] = {}
        for key, bits in self._keys.items():
            if key.endswith(" "):  # " form ": a whole word
                forms[key[1:-1]] = forms.get(key[1:-1], 0) | bits
            else:  # " prefix"
                prefixes[key[1:]] = prefixes.get(key[1:], 0) | bits
        self._forms = forms
        self._prefixes = prefixes
        self._setup()

    def _setup(self) -> None:
        self._lock = threading.Lock()
        self._classes: list[int] = [0]
        """Word classes: id -> the bits its words carry (id 0: no bits)."""
        self._class_of: dict[int, int] = {0: 0}
        self._table = _WordTable(self._forms, self._prefixes, self._class_id)
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

    def _class_id(self, bits: int) -> int:
        """The id of the word class with these bits, made on first sight."""
        with self._lock:
            cid = self._class_of.get(bits)
            if cid is None:
                by_anchor, anchor_mask, anchored = self._anchors
                anchored.append(_anchored(bits & anchor_mask, by_anchor))
                cid = self._class_of[bits] = len(self._classes)
                self._classes.append(bits)  # after `anchored`: a scan that sees the id sees its patterns
            return cid

    def _set_anchors(self, frequency: Callable[[int], int]) -> None:
        """Anchor each pattern at its least frequent slot (ties: the static order)."""
        by_anchor: dict[int, list[tuple[tuple[int, int], int]]] = {}
        for key, mask, slot_bits in self._patterns:
            anchor = min(slot_bits, key=frequency)  # min keeps the first of equals
            by_anchor.setdefault(anchor, []).append((key, mask))
        anchor_mask = 0
        for bit in by_anchor:
            anchor_mask |= bit
        with self._lock:
            anchored = [_anchored(bits & anchor_mask, by_anchor) for bits in self._classes]
            self._anchors = (by_anchor, anchor_mask, anchored)  # one assignment: a scan sees old or new

    def _retune(self) -> None:
        counts: Counter[int] = Counter()
        for cid, n in self._seen.items():
            value = self._classes[cid]
            while value:
                low = value & -value
                value ^= low
                counts[low] += n
        self._set_anchors(counts.__getitem__)

    def scan(self, norm: str) -> tuple[int, dict[int, list[int]]]:
        """The bits of every slot or lexicon with a word in `norm`, and the
        patterns that may match: compiled rule index -> sorted pattern indexes,
        where an `unless` pattern ``u`` of the rule is given as ``-1 - u``."""
        from guardrails.text import Analysed

        return self.scan_words(Analysed(norm).items)

    def scan_words(self, words: list[str]) -> tuple[int, dict[int, list[int]]]:
        """:meth:`scan` of a message's words (:attr:`guardrails.text.Analysed.items`).

        Each word maps to a word class (the words with the same bits); a
        class knows the patterns anchored at its bits, so a message's work is
        one lookup per word and one mask test per pattern anchored there."""
        ids = set(map(self._table.__getitem__, words))
        classes = self._classes
        bits = reduce(or_, map(classes.__getitem__, ids), 0)
        self._scans += 1
        if self._samples <= self.RETUNE_AFTER and not self._scans % self.SAMPLE_EVERY:
            self._seen.update(ids)
            self._samples += 1
            if self._samples == self.RETUNE_AFTER:
                self._retune()
        anchored = self._anchors[2]
        found = [key for cid in ids for key, mask in anchored[cid] if bits & mask == mask]
        if self.always:
            found += self.always
        if not found:
            return bits, {}
        out: dict[int, list[int]] = {}
        for ri, pi in sorted(set(found)):  # two words of one slot both anchor its patterns
            out.setdefault(ri, []).append(pi)
        # An `unless` pattern matters only where its rule may match: a rule with
        # only `unless` candidates (sorted first, negative) is dropped.
        return bits, {ri: pis for ri, pis in out.items() if pis[-1] >= 0}


def _anchored(anchors: int, by_anchor: dict[int, list[tuple[tuple[int, int], int]]]) -> tuple[tuple[tuple[int, int], int], ...]:
    """The (pattern key, mask) pairs anchored at any bit of `anchors`."""
    out: list[tuple[tuple[int, int], int]] = []
    while anchors:
        low = anchors & -anchors
        anchors ^= low
        out += by_anchor[low]
    return tuple(out)


class _WordTable(dict[str, int]):
    """word -> the id of its word class (see :meth:`Prefilter.scan_words`),
    filled on first sight (``__missing__``), so the lookup of a known word is
    a C-level dict access."""

    def __init__(self, forms: dict[str, int], prefixes: dict[str, int], class_id: Callable[[int], int]) -> None:
        super().__init__({"|": 0})
        self._forms = forms
        self._prefixes = prefixes
        self._lengths = sorted({len(p) for p in prefixes})
        self._class_id = class_id

    def __missing__(self, word: str) -> int:
        flat = word if _SEPARATOR_SET.isdisjoint(word) else flatten(word)[1:-1]
        bits = self._forms.get(flat, 0)
        get = self._prefixes.get
        for n in self._lengths:
            if n > len(flat):
                break
            bits |= get(flat[:n], 0)
        cid = self._class_id(bits) if bits else 0
        if len(self) < TOKEN_TABLE_LIMIT:
            self[word] = cid
        return cid


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
