"""Expansion of lemma specs (``@lemma[:grammemes]``) into all their word forms.

pymorphy3 lists a lemma's lexeme; we expand every spec once, and the compiled
rule set caches the result on disk (see :mod:`guardrails.ruleset`), so an
ordinary `coach lint` run never loads the dictionaries.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

__all__ = ["expand", "morph_versions"]

_VERBAL_ADJUNCTS = frozenset({"PRTF", "PRTS", "GRND"})


@lru_cache(maxsize=1)
def _analyzer() -> Any:
    import pymorphy3  # deferred: ~0.15 s to load the dictionaries

    return pymorphy3.MorphAnalyzer()


def morph_versions() -> str:
    """The installed versions of pymorphy3 and its dictionaries, read from their
    dist-info folder names (importlib.metadata costs ~20 ms at start-up)."""
    import importlib.util

    spec = importlib.util.find_spec("pymorphy3")
    if spec is None or spec.origin is None:
        return "pymorphy3=missing"
    site = Path(spec.origin).parent.parent
    found = sorted(p.name for p in site.glob("pymorphy3*.dist-info"))
    return ";".join(found) or "pymorphy3=unknown"


def expand(spec: str) -> frozenset[str]:
    """All forms of ``@lemma`` or ``@lemma:g1,g2`` (lower case, ``ё`` folded)."""
    body = spec[1:] if spec.startswith("@") else spec
    lemma, _, grams_s = body.partition(":")
    lemma = lemma.replace("ё", "е")
    grams = {g for g in grams_s.split(",") if g}
    morph = _analyzer()
    forms: set[str] = set()
    parses = [p for p in morph.parse(lemma) if p.normal_form.replace("ё", "е") == lemma]
    if not parses:
        raise ValueError(f"pymorphy3 does not know the lemma {lemma!r} (in {spec!r})")
    # A lemma can have several paradigms (навязать: навяжут / навязают): take them all.
    seen_paradigms: set[object] = set()
    for p in parses:
        para = p.methods_stack[0][2] if p.methods_stack and len(p.methods_stack[0]) > 2 else id(p)
        if para in seen_paradigms:
            continue
        seen_paradigms.add(para)
        for form in p.lexeme:
            if grams and not grams <= set(form.tag.grammemes):
                continue
            if not grams and form.tag.POS in _VERBAL_ADJUNCTS and p.tag.POS in ("INFN", "VERB"):
                continue  # a verb's participles and gerunds only when asked for (":PRTF", ":GRND")
            forms.add(form.word.replace("ё", "е"))
    if not forms:
        raise ValueError(f"no forms of {lemma!r} carry grammemes {sorted(grams)} (in {spec!r})")
    return frozenset(forms)
