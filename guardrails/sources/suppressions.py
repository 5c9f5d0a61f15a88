"""Inline suppressions: ``coach: ignore[PR001,UR001] причина``.

In YAML script libraries they are ``#`` comments inside a script's item or on
the line just above it; in ``.txt``/``.md`` files, ``<!-- coach: ignore[…] … -->``
or a ``# coach: ignore[…] …`` line just above or inside a paragraph.
"""

from __future__ import annotations

import re

from guardrails.sources.model import Suppression

SUPPRESSION_RE = re.compile(
    r"coach:\s*(?:ignore|noqa)(?:\[(?P<codes>[^\]]*)\])?:?\s*(?P<reason>.*?)\s*(?:-->)?\s*$", re.IGNORECASE
)
_CODE_RE = re.compile(r"^[A-Z]{2,3}\d{0,3}$")


def parse_suppression(comment: str, line: int, column: int = 1) -> Suppression | None:
    m = SUPPRESSION_RE.search(comment)
    if m is None:
        return None
    raw = m.group("codes") or ""
    codes = tuple(c.strip().upper() for c in raw.split(",") if c.strip())
    codes = tuple(c for c in codes if _CODE_RE.match(c))
    return Suppression(codes, m.group("reason").strip(), line, column)
