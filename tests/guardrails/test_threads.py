"""`guardrails.lint` is documented as thread-safe: the shared pieces must be."""

from __future__ import annotations

import sys
import threading
from concurrent.futures import ThreadPoolExecutor

import guardrails
from guardrails.items import _Stemmer

WORDS = [f"{root}{ending}" for root in ("пледик", "чехольчик", "кронштейн", "наушник", "гарантийн", "подставк",
                                        "зарядн", "сумочк", "ковр", "плёнк")
         for ending in ("а", "ами", "ов", "ом", "ую", "ыми", "ах", "е", "ой", "ям")] * 20


def test_the_stemmer_gives_each_thread_its_own_word() -> None:
    """A snowballstemmer object keeps state between calls: shared by threads it
    mixed their words up (IndexError, or a wrong stem cached for good)."""
    expected = {w: _Stemmer()(w) for w in WORDS}
    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible
    try:
        for _ in range(3):
            stem = _Stemmer()  # a fresh cache each round: every call stems
            stem._cache = _NoCache()  # type: ignore[assignment]
            barrier = threading.Barrier(8)

            def work(k: int, stem: _Stemmer = stem, barrier: threading.Barrier = barrier) -> list[tuple[str, str]]:
                barrier.wait()
                return [(w, stem(w)) for w in WORDS[k::8]]

            with ThreadPoolExecutor(8) as pool:
                results = [pair for part in pool.map(work, range(8)) for pair in part]
            assert all(expected[w] == s for w, s in results)
    finally:
        sys.setswitchinterval(old)


class _NoCache(dict):  # type: ignore[type-arg]
    """A cache that never keeps anything, so the stemmer itself runs on every call."""

    def __setitem__(self, key: str, value: str) -> None:
        pass


def test_lint_from_many_threads_matches_lint_from_one() -> None:
    ctx = {"stage": "decided", "base": {"name": "Телевизор", "price": 280000},
           "offers": [{"name": "Кронштейн", "price": 9000}]}
    texts = [f"К телевизору рекомендую кронштейн, {w} — стоит 9 000 ₸." for w in WORDS[:200]]
    texts += ["Вам обязательно нужно взять кронштейн, все берут!", "Успейте, осталось 3 штуки!"] * 20
    expected = [[(d.rule, d.start, d.end) for d in guardrails.lint(t, ctx)] for t in texts]
    with ThreadPoolExecutor(8) as pool:
        got = list(pool.map(lambda t: [(d.rule, d.start, d.end) for d in guardrails.lint(t, ctx)], texts))
    assert got == expected
