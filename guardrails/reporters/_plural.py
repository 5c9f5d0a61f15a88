"""Russian plural agreement for counts in summaries."""

from __future__ import annotations


def plural(n: int, one: str, few: str, many: str) -> str:
    """plural(3, "ошибка", "ошибки", "ошибок") -> "3 ошибки"."""
    n10, n100 = n % 10, n % 100
    if n10 == 1 and n100 != 11:
        word = one
    elif 2 <= n10 <= 4 and not 12 <= n100 <= 14:
        word = few
    else:
        word = many
    return f"{n} {word}"
