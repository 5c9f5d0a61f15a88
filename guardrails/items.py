"""Matching product names in text: Snowball stems with a cache, fleeting vowels.

"пледа", "пледов" and "Плед" are the same item; so are "чехла" and "Чехол".
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache

__all__ = ["stem", "stems_match", "matches_any", "name_stems", "head_re", "same_item"]

class _Stemmer:
    """Snowball stems with a cache: product names are matched by stem, so
    "пледа", "пледов" and "Плед" are the same item.

    A snowballstemmer object keeps its working state between calls, so two
    threads stemming at once corrupt each other's word: each thread gets its
    own.  The cache is shared (a dict lookup or store is atomic); a cached word
    costs no stemmer at all, which is nearly every word after the first messages."""

    def __init__(self) -> None:
        self._cache: dict[str, str] = {}
        self._local = threading.local()

    def __call__(self, word: str) -> str:
        s = self._cache.get(word)
        if s is None:
            impl = getattr(self._local, "impl", None)
            if impl is None:
                import snowballstemmer

                impl = self._local.impl = snowballstemmer.stemmer("russian")
            s = impl.stemWord(word)
            if len(self._cache) < 200_000:
                self._cache[word] = s
        return s


stem = _Stemmer()
_WORD_RE = re.compile(r"\w+")
_STOP = frozenset("для с и в на к по из от до без под над при про за о об".split())


_VOWELS_RU = frozenset("аеиоуыэюяь")


def _fleeting(stem: str) -> str:
    """The stem without a fleeting vowel: "чехол" -> "чехл" (чехла), "ремен" -> "ремн" (ремня)."""
    if len(stem) >= 4 and stem[-2] in "оеь" and stem[-1] not in _VOWELS_RU and stem[-3] not in _VOWELS_RU:
        return stem[:-2] + stem[-1]
    return stem


def stems_match(a: str, b: str) -> bool:
    """Equal stems, up to a fleeting vowel; or one a prefix of the other, since
    Snowball stems a bare noun more deeply ("штатив" -> "штат", "штатива" -> "штатив")."""
    if a == b or _fleeting(a) == b or a == _fleeting(b):
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return len(short) >= 4 and long_.startswith(short)


@lru_cache(maxsize=65_536)
def matches_any(word_stem: str, names: frozenset[str]) -> bool:
    """Whether `word_stem` matches one of the stems `names` (:func:`stems_match`).
    Cached: a corpus repeats both its words and its item names, and the context
    rules ask this of every word of a message."""
    return word_stem in names or any(stems_match(word_stem, n) for n in names)


@lru_cache(maxsize=4096)
def head_re(stem: str) -> re.Pattern[str]:
    """Words that start with `stem` or its fleeting-vowel form (a Snowball stem
    is a prefix of its word forms)."""
    alts = sorted({re.escape(stem), re.escape(_fleeting(stem))}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(alts) + r")\w*")


@lru_cache(maxsize=4096)
def name_stems(name: str) -> list[str]:
    words = _WORD_RE.findall(name.lower().replace("ё", "е"))
    return [stem(w) for w in words if w not in _STOP and not w.isdigit()]




def same_item(a: str, b: str) -> bool:
    """True when the shorter name's words all occur (by stem) in the longer one."""
    sa, sb = name_stems(a), name_stems(b)
    if not sa or not sb:
        return a.strip().lower() == b.strip().lower()
    short, long_ = (sa, sb) if len(sa) <= len(sb) else (sb, sa)
    return all(any(stems_match(x, y) for y in long_) for x in short)
