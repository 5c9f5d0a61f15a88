"""Making untrusted strings safe to print: no input may crash or hijack the output.

Message texts, ids and paths come from users' files.  They may hold lone
surrogates (which no UTF-8 stream can encode), control characters (terminal
escapes, a carriage return that hides the line before it, characters XML 1.0
forbids) and bidi overrides.  Reporters pass every such string through one of
these helpers.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

__all__ = ["no_surrogates", "one_line", "visible", "xml_safe", "display_cells", "artifact_uri", "TAB_SIZE"]

TAB_SIZE = 4
_SURROGATES = re.compile("[\ud800-\udfff]")
# C0 (but tab and newline), DEL, C1, and the bidi controls that reorder what a terminal shows.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_CONTROLS_AND_BREAKS = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
# XML 1.0 allows only #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF];
# C1 and DEL are allowed but discouraged, and invisible in a CI report, so they are shown too.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def no_surrogates(s: str) -> str:
    """`s` with lone surrogates replaced by U+FFFD, so that it encodes as UTF-8."""
    return _SURROGATES.sub("\ufffd", s) if _SURROGATES.search(s) else s


def _escape(m: re.Match[str]) -> str:
    ch = m.group()
    if ch in _NAMED:
        return _NAMED[ch]
    if "\ud800" <= ch <= "\udfff":
        return "\ufffd"
    return f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}"


def visible(s: str) -> str:
    """Control characters shown as escapes (``\\x1b``), lone surrogates as U+FFFD; tabs and newlines kept."""
    s = no_surrogates(s)
    return _CONTROLS.sub(_escape, s) if _CONTROLS.search(s) else s


def one_line(s: str) -> str:
    """Like `visible`, but tabs and line breaks are shown as escapes too (ids, paths, messages)."""
    s = no_surrogates(s)
    return _CONTROLS_AND_BREAKS.sub(_escape, s) if _CONTROLS_AND_BREAKS.search(s) else s


def xml_safe(s: str) -> str:
    """Characters XML 1.0 forbids shown as escapes, so the document stays well-formed."""
    return _XML_FORBIDDEN.sub(_escape, s) if _XML_FORBIDDEN.search(s) else s


def char_cells(ch: str) -> int:
    """Terminal cells one (already visible) character takes: 0 for combining and format marks, 2 for wide."""
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def display_cells(s: str) -> int:
    return sum(char_cells(ch) for ch in s)


def artifact_uri(path: str) -> str:
    """A path as a URI reference (SARIF ``artifactLocation.uri``): percent-encoded, ``/``-separated.

    File names that are not valid UTF-8 reach Python as surrogate escapes; they
    are encoded back to their original bytes.
    """
    posix = path.replace("\\", "/")
    try:
        raw = posix.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        raw = no_surrogates(posix).encode("utf-8")
    if posix.startswith("/"):
        return "file://" + quote(raw, safe="/")
    return quote(raw, safe="/")  # ':' is encoded too: "a:b/c" must not read as a scheme
