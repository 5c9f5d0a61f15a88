"""Reported speech: phrases a training note, a review or a call-script analysis
quotes («Фразы «все берут» мы не используем»).  They are not the message's own
claim: the rules drop findings inside such quotes, and the learned model judges
the note without them."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from guardrails.diagnostic import Diagnostic
    from guardrails.text import Analysed

__all__ = ["drop_reported_speech", "without_reported_speech"]

# A phrase quoted in a training note or a review is reported speech, not the message's own claim.
_QUOTE_RE = re.compile(r"«[^»]*»|“[^”]*”|„[^“”]*[“”]|\"[^\"]*\"")
# "Менеджер: «…»" in a call script is the seller's own line, not reported speech.
_SELLER_LINE_RE = re.compile(r"(?:менеджер|продавец|оператор|консультант|мастер)\w*\s*:\s*$")
_REPORTED_RE = re.compile(
    r"(?:клиент|менеджер|продавец|покупатель|оператор)\w*\s*:|сказал|написал|говорит|цитат|пример|разбор|отзыв|"
    r"так\s+(?:не\s+)?(?:говорить|писать|делать)|нельзя|памятк|фраз[аиуы]|считается\s+давлением|не\s+говорим|"
    r"вместо\s+(?:неё|нее|этого)\s+говорим|запрещ|под\s+запретом|стоп-слов|не\s+пиши|звучит\s+как|манипуляц|"
    r"скрипт|заменил"
)


def _reported_quotes(text: str, norm: str) -> list[tuple[int, int]]:
    """Spans of the phrases `text` quotes as reported speech; none unless the
    text reads like a training note or review."""
    if not ("«" in text or '"' in text or "“" in text or "„" in text) or not _REPORTED_RE.search(norm):
        return []
    return [m.span() for m in _QUOTE_RE.finditer(text) if not _SELLER_LINE_RE.search(norm, 0, m.start())]


def drop_reported_speech(out: list[Diagnostic], text: str, analysed: Analysed) -> list[Diagnostic]:
    """Pressure quoted in a training note or review («Менеджер сказал: „все берут“…»)
    is reported speech; a seller's own scripted line ("Менеджер: «…»") is not."""
    quotes = _reported_quotes(text, analysed.norm)
    if not quotes:
        return out
    return [d for d in out if not (d.rule[:2] in ("PR", "UR", "TN", "CM")
                                   and any(a <= d.start and d.end <= b for a, b in quotes))]


def without_reported_speech(text: str, norm: str) -> str | None:
    """`text` with the quoted phrases of a training note or review blanked out
    (see :func:`drop_reported_speech`), or None when it quotes nothing of the kind.
    The learned model judges the note's own words, not the phrases it warns against."""
    quotes = _reported_quotes(text, norm)
    if not quotes:
        return None
    out = text
    for a, b in quotes:
        out = out[:a] + " " * (b - a) + out[b:]
    return out
