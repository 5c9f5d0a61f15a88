"""Expansion of lemma specs (``@lemma[:grammemes]``) into all their word forms.

pymorphy3 lists a lemma's lexeme; we expand every spec once, and the compiled
rule set caches the result on disk (see :mod:`guardrails.ruleset`), so an
ordinary `coach lint` run never loads the dictionaries.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

__all__ = ["expand", "morph_versions"]


@lru_cache(maxsize=1)
def _analyzer() -> Any:
    import pymorphy3  # deferred: ~0.15 s to load the dictionaries

    return pymorphy3.MorphAnalyzer()


def morph_versions() -> str:
    from importlib.metadata import PackageNotFoundError, version

    out = []
    for dist in ("pymorphy3", "pymorphy3-dicts-ru"):
        try:
            out.append(f"{dist}={version(dist)}")
        except PackageNotFoundError:
            out.append(f"{dist}=missing")
    return ";".join(out)


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
            forms.add(form.word.replace("ё", "е"))
    if not forms:
        raise ValueError(f"no forms of {lemma!r} carry grammemes {sorted(grams)} (in {spec!r})")
    return frozenset(forms)
