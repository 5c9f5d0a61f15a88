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

A slot may be preceded by ``~N`` (up to N other words may stand before it) and
followed by ``?`` (optional).  A match never crosses a sentence boundary.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from guardrails.text import Token

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

    def accepts(self, token: Token) -> bool:
        word = token.text
        if self.any or word in self.forms:
            return True
        if self.number and token.is_number:
            return True
        return any(word.startswith(p) for p in self.prefixes)


@dataclass(frozen=True, slots=True)
class Pattern:
    source: str
    slots: tuple[Slot, ...]

    def anchors(self) -> tuple[frozenset[str], tuple[str, ...]] | None:
        """The forms and prefixes of the most selective required slot, or None
        when every required slot accepts any word or any number."""
        best: Slot | None = None
        for slot in self.slots:
            if slot.optional or slot.any or slot.number:
                continue
            size = len(slot.forms) + 50 * len(slot.prefixes)
            if best is None or size < len(best.forms) + 50 * len(best.prefixes):
                best = slot
        if best is None:
            return None
        return best.forms, best.prefixes

    def finditer(self, tokens: Sequence[Token]) -> Iterable[tuple[int, int]]:
        """Yield (first, last) token indexes of non-overlapping matches."""
        n = len(tokens)
        i = 0
        while i < n:
            end = self._match_at(tokens, 0, i, tokens[i].sentence, first=True)
            if end is not None:
                yield i, end
                i = end + 1
            else:
                i += 1

    def _match_at(self, tokens: Sequence[Token], s: int, i: int, sentence: int, first: bool = False) -> int | None:
        """Match slots[s:] starting at token i; return the index of the last token matched."""
        slots = self.slots
        if s == len(slots):
            return i - 1
        slot = slots[s]
        gap = 0 if first else slot.gap_before
        n = len(tokens)
        for j in range(i, min(i + gap, n - 1) + 1):
            tok = tokens[j]
            if tok.sentence != sentence:
                break
            if slot.accepts(tok):
                end = self._match_at(tokens, s + 1, j + 1, sentence)
                if end is not None:
                    return end
        if slot.optional:
            return self._match_at(tokens, s + 1, i, sentence, first)
        return None


Expander = Callable[[str], frozenset[str]]


def compile_pattern(spec: PatternSpec, expand: Expander) -> Pattern:
    slots = []
    for s in spec.slots:
        forms: set[str] = set()
        prefixes: list[str] = []
        any_ = number = False
        for alt in s.alternatives:
            if alt == "<any>":
                any_ = True
            elif alt == "<num>":
                number = True
            elif alt.startswith("@"):
                forms |= expand(alt)
            elif alt.endswith("*"):
                prefixes.append(alt[:-1].replace("ё", "е"))
            else:
                forms.add(alt.replace("ё", "е"))
        slots.append(Slot(frozenset(forms), tuple(prefixes), any_, number, s.optional, s.gap_before))
    return Pattern(spec.source, tuple(slots))
