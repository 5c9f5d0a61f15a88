"""Just enough Russian morphology to put product names into a sentence.

``inflect("Защитное стекло для Nova X15", "accs")`` → ``"защитное стекло для Nova X15"``,
``inflect("Сыворотка с гиалуроновой кислотой", "datv")`` → ``"сыворотке с гиалуроновой кислотой"``.
Only the leading adjective(s) and the head noun change; everything after the
head noun (brands, sizes, "для …") is kept. When in doubt the name is returned
unchanged (lower-cased first letter), which reads as a name rather than as a mistake.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

__all__ = ["inflect", "lower_first"]

_CYRILLIC = re.compile(r"^[А-Яа-яЁё-]+$")
_PROPER = {"Name", "Surn", "Patr", "Geox", "Orgn", "Trad"}
_ADJ = {"ADJF", "PRTF"}


@lru_cache(maxsize=1)
def _morph() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=4096)
def lower_first(text: str) -> str:
    """Lower-case the first letter unless the first word looks like an acronym or a name."""
    first = text.split(" ", 1)[0]
    if len(first) >= 2 and first[0].isupper() and first[1:].islower() and _CYRILLIC.match(first):
        parses = _morph().parse(first.lower())
        if parses and all(any(g in p.tag for g in _PROPER) for p in parses if p.score > 0.05):
            return text
        return text[0].lower() + text[1:]
    return text


@lru_cache(maxsize=4096)
def inflect(name: str, case: str) -> str:
    """`name` with its leading noun phrase put into `case` (pymorphy3 grammeme: nomn, gent, datv, accs, ablt, loct)."""
    words = name.split(" ")
    if case == "nomn":
        return lower_first(name)
    morph = _morph()
    adjectives: list[tuple[int, list[Any]]] = []
    head: tuple[int, Any] | None = None
    for i, word in enumerate(words):
        if not _CYRILLIC.match(word):
            break
        parses = [p for p in morph.parse(word) if "nomn" in p.tag]
        adj = [p for p in parses if p.tag.POS in _ADJ]
        noun = [p for p in parses if p.tag.POS == "NOUN"]
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if adj and _CYRILLIC.match(nxt) and not (noun and not adj):
            adjectives.append((i, adj))
            continue
        if noun:
            head = (i, noun[0])
        break
    if head is None:
        return lower_first(name)
    index, noun = head
    new_noun = noun.inflect({case})
    if new_noun is None:
        return lower_first(name)
    out = list(words)
    out[index] = _same_case(words[index], new_noun.word)
    for i, parses in adjectives:
        parse = _agreeing(parses, noun)
        grammemes = {case}
        if case == "accs" and (noun.tag.gender == "masc" or noun.tag.number == "plur"):
            grammemes.add(noun.tag.animacy or "inan")
        new = parse.inflect(grammemes) if parse is not None else None
        if new is None:
            return lower_first(name)
        out[i] = _same_case(words[i], new.word)
    return lower_first(" ".join(out))


def _agreeing(parses: list[Any], noun: Any) -> Any:
    for p in parses:
        if noun.tag.number == "plur":
            if p.tag.number == "plur":
                return p
        elif p.tag.gender == noun.tag.gender and p.tag.number == "sing":
            return p
    return parses[0] if parses else None


def _same_case(original: str, new: str) -> str:
    if original[:1].isupper():
        return new[:1].upper() + new[1:]
    return new
