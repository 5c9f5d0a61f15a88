"""Character offsets (what the linter reports) to TextArea rows and columns.

The linter speaks in offsets into the whole message; TextArea draws one line at
a time, so a span that crosses a newline becomes one piece per line.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Iterable, Protocol

__all__ = ["LineSpan", "Spanned", "line_starts", "to_line_spans", "location"]


class Spanned(Protocol):
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class LineSpan:
    """Columns `start`..`end` (end exclusive) of line `row`, drawn with `severity`."""

    row: int
    start: int
    end: int
    severity: str


def line_starts(text: str) -> list[int]:
    """Offset of the first character of every line (lines split on "\\n" only, as TextArea does)."""
    starts = [0]
    find = text.find
    pos = find("\n")
    while pos != -1:
        starts.append(pos + 1)
        pos = find("\n", pos + 1)
    return starts


def location(starts: list[int], offset: int) -> tuple[int, int]:
    """(row, column) of a character offset."""
    row = bisect_right(starts, offset) - 1
    return row, offset - starts[row]


def to_line_spans(text: str, items: Iterable[tuple[int, int, str]]) -> list[LineSpan]:
    """Split (start, end, severity) offset spans into per-line column spans.

    Empty spans are widened to one character so that a problem at a point (for
    example "no benefit named" reported at the end) is still visible.
    """
    starts = line_starts(text)
    size = len(text)
    out: list[LineSpan] = []
    for start, end, severity in items:
        start = max(0, min(start, size))
        end = max(start, min(end, size))
        if end == start:
            if size == 0:
                continue
            if start == size:
                start -= 1
            end = start + 1
        row, col = location(starts, start)
        end_row, end_col = location(starts, end)
        while row < end_row:
            line_end = starts[row + 1] - 1 - starts[row]  # column of the newline
            if line_end > col:
                out.append(LineSpan(row, col, line_end, severity))
            row += 1
            col = 0
        if end_col > col:
            out.append(LineSpan(row, col, end_col, severity))
    return out
