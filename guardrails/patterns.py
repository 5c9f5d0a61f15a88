"""A small token-pattern language for morphology-aware rules (after LanguageTool).

A pattern is a sequence of slots separated by spaces::

    вам|тебе ~1 обязательно|непременно ~2 @нужный:ADJS|надо|необходимо

Slot alternatives (``|``-separated):

``word``          this exact word form (lower case, ``ё`` written as ``е``)
``@lemma``        every form of the lemma (expanded once with pymorphy3)
``@lemma:g1,g2``  the forms whose grammemes include all of g1, g2 (OpenCorpora tags)
``stem*``         any word starting with ``stem``
``<num>``         a number: digits or a number word ("три", "пару")
``<any>``         any word
``<end>``         the end of the sentence (a zero-width slot, last in a pattern)

A slot may be preceded by ``~N`` (up to N other words may stand before it) and
followed by ``?`` (optional).  When an optional slot is absent, the room its
``~N`` gave passes on to the next slot.  A match never crosses a sentence boundary.
"""

from __future__ import annotations

import re

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from guardrails.text import NUMBER_WORDS, Token

__all__ = ["SlotSpec", "PatternSpec", "parse_pattern", "Slot", "Pattern", "compile_pattern"]


@dataclass(frozen=True, slots=True)
class SlotSpec:
    alternatives: tuple[str, ...]
    optional: bool = False
    gap_before: int = 0


@dataclass(frozen=True, slots=True)
class PatternSpec:
    source: str
    slots: tuple[SlotSpec, ...]

    def lemma_specs(self) -> set[str]:
        return {alt for slot in self.slots for alt in slot.alternatives if alt.startswith("@")}


@lru_cache(maxsize=4096)  # the rule set parses each pattern twice: for the cache key, then to compile
def parse_pattern(source: str) -> PatternSpec:
    slots: list[SlotSpec] = []
    gap = 0
    for part in source.split():
        if part.startswith("~"):
            gap = int(part[1:])
            continue
        optional = part.endswith("?")
        if optional:
            part = part[:-1]
        alts = tuple(a for a in part.split("|") if a)
        if not alts:
            raise ValueError(f"empty slot in pattern {source!r}")
        slots.append(SlotSpec(alts, optional, gap))
        gap = 0
    if not slots:
        raise ValueError(f"empty pattern {source!r}")
    if all(s.optional for s in slots):
        raise ValueError(f"pattern {source!r} has no required slot")
    return PatternSpec(source, tuple(slots))


@dataclass(frozen=True, slots=True)
class Slot:
    forms: frozenset[str]
    prefixes: tuple[str, ...]
    any: bool
    number: bool
    optional: bool
    gap_before: int
    end: bool = False

    def accepts(self, token: Token) -> bool:
        word = token.text
        if self.any or word in self.forms:
            return True
        if self.number and token.is_number:
            return True
        return bool(self.prefixes) and word.startswith(self.prefixes)

    def regex(self) -> str:
        """One whole token, in a sentence written as " tok tok tok"."""
        if self.any:
            return _WORD
        alts = []
        if self.forms:
            alts.append(trie_pattern(sorted(self.forms)) + r"(?!\S)")
        if self.prefixes:
            alts.append("(?:" + "|".join(re.escape(p) for p in sorted(self.prefixes)) + r")\S*")
        if self.number:
            alts.append(r"(?:\d+|" + "|".join(sorted(NUMBER_WORDS)) + r")(?!\S)")
        return "(?:" + "|".join(alts) + ")"


_WORD = r"[^\s|]+"  # one token; "|" marks a sentence boundary and is never a word


class Pattern:
    __slots__ = ("source", "slots", "_rx", "required")

    def __init__(self, source: str, slots: tuple[Slot, ...]) -> None:
        self.source = source
        self.slots = slots
        self._rx: re.Pattern[str] | None = None
        # word sets of the required slots that accept only listed words
        self.required = tuple(
            s.forms for s in slots if not (s.optional or s.any or s.number or s.prefixes or s.end)
        )

    def possible(self, words: frozenset[str] | set[str]) -> bool:
        """False when some required slot has none of its words in the message:
        a cheap set test that spares the regex most candidates."""
        for forms in self.required:
            if forms.isdisjoint(words):
                return False
        return True

    @property
    def rx(self) -> re.Pattern[str]:
        """Compiled on first use: a cold run compiles only the patterns its messages touch."""
        if self._rx is None:
            self._rx = re.compile(self.regex())
        return self._rx

    def regex(self) -> str:
        """The pattern as a regex over a message written as " tok tok | tok" (see
        :attr:`guardrails.text.Analysed.joined`); gaps never cross a "|"."""
        parts = []
        carry = 0  # the gaps of optional slots just before: if they are absent, their room stays
        for k, slot in enumerate(self.slots):
            if slot.end:
                parts.append(r"(?= \||$)")
                continue
            room = slot.gap_before + carry
            gap = rf"(?: {_WORD}){{0,{room}}}?" if k and room else ""
            piece = f"{gap} {slot.regex()}"
            parts.append(f"(?:{piece})?" if slot.optional else piece)
            carry = room if slot.optional else 0
        return "".join(parts)


def trie_pattern(words: list[str]) -> str:
    """A regex alternation of `words` built as a trie, so the engine does not
    try every alternative at every position."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        end = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        if len(branches) == 1 and not end:
            return branches[0]
        body = "(?:" + "|".join(branches) + ")"
        return body + "?" if end else body

    return build(trie)


# Very frequent words: poor anchors for the prefilter, and short words that are not shouting.
COMMON_WORDS = frozenset(
    """не ни вы вам вас ты тебе тебя я мы нам нас он она они их них его ее это этот эта эти то так и а но или
    в во на с со к ко у за до от по о об из для без при про под над же ли бы уже еще только все всё весь всего
    как что чего кто там тут здесь сейчас сегодня завтра потом когда если чтобы даже очень просто да нет
    каждый любой один одна одни может можно надо нужно есть был была было были будет будете будешь быть""".split()
)

Expander = Callable[[str], frozenset[str]]


def compile_pattern(spec: PatternSpec, expand: Expander,
                    cache: dict[tuple[str, ...], tuple[frozenset[str], tuple[str, ...], bool, bool, bool]] | None = None,
                    ) -> Pattern:
    """`cache` (alternatives -> compiled slot parts) spares re-expanding the word
    lists many patterns share (all forms of the purchase verbs, say)."""
    slots = []
    for s in spec.slots:
        if cache is not None:
            hit = cache.get(s.alternatives)
            if hit is not None:
                f, p, a, n, e = hit
                slots.append(Slot(f, p, a, n, s.optional, s.gap_before, e))
                continue
        forms: set[str] = set()
        prefixes: list[str] = []
        any_ = number = end = False
        for alt in s.alternatives:
            if alt == "<end>":
                end = True
            elif alt == "<any>":
                any_ = True
            elif alt == "<num>":
                number = True
            elif alt.startswith("@"):
                forms |= expand(alt)
            elif alt.endswith("*"):
                prefixes.append(alt[:-1].replace("ё", "е"))
            else:
                forms.add(alt.replace("ё", "е"))
        parts = (frozenset(forms), tuple(prefixes), any_, number, end)
        if cache is not None:
            cache[s.alternatives] = parts
        slots.append(Slot(parts[0], parts[1], any_, number, s.optional, s.gap_before, end))
    return Pattern(spec.source, tuple(slots))
