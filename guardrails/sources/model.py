"""What sources yield: messages with their file positions, and input problems."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class Suppression:
    """``coach: ignore[PR001,UR] reason`` attached to one message."""

    codes: tuple[str, ...]
    reason: str
    line: int
    column: int = 1
    used: bool = False

    def covers(self, code: str) -> bool:
        return any(code.startswith(c) for c in self.codes)


@dataclass(slots=True)
class DanglingSuppression(Suppression):
    """A suppression that precedes no message (after a file's last paragraph):
    it covers nothing, so it is reported as unused (SUP001) like a stale one."""

    def covers(self, code: str) -> bool:
        return False


@dataclass(slots=True)
class Message:
    path: str
    id: str
    text: str
    context: Any = None
    """A contract-1 context: dict or MessageContext, or None."""
    line: int = 1
    column: int = 1
    line_starts: list[tuple[int, int, int]] | None = None
    """(text offset, file line, file column) where each text line starts; None: single line at line/column."""
    placeholder_names: frozenset[str] = frozenset()
    suppressions: list[Suppression] = field(default_factory=list)
    extra_diagnostics: list[Any] = field(default_factory=list)
    """Diagnostics found by the source itself (templates, suppressions)."""
    original_text: str | None = None
    """The text before placeholders were masked, for display."""
    offset_map: Any = None
    """Optional callable text offset -> column offset within the line (JSON escapes)."""
    line_starts_fn: Any = None
    """Computes `line_starts` when a diagnostic first asks for a position: mapping a
    YAML scalar back to its source costs more than linting it, and most scripts are clean."""
    catalog_checked: bool = False
    _starts: list[int] | None = None
    """Cache for :meth:`position`: the offsets of `line_starts`, or of the text's line breaks."""
    """The source already checked the offers against its own catalog (a script library's `catalog:`)."""

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) in the file of a character offset in `text`."""
        if self.line_starts is None and self.line_starts_fn is not None:
            self.line_starts, self.line_starts_fn = self.line_starts_fn(), None
        if self.line_starts:
            if self._starts is None:  # built once: a message with many findings asks many times
                self._starts = [s for s, _, _ in self.line_starts]
            idx = bisect.bisect_right(self._starts, offset) - 1
            start, line, col = self.line_starts[max(idx, 0)]
            return line, col + (offset - start)
        if self.offset_map is not None:
            return self.line, self.column + self.offset_map(offset)
        # plain multi-line text starting at (line, column): the line breaks are found once
        if self._starts is None:
            self._starts = [m.start() for m in _NEWLINE_RE.finditer(self.text)] if "\n" in self.text else []
        before = bisect.bisect_left(self._starts, offset)
        if before == 0:
            return self.line, self.column + offset
        return self.line + before, offset - self._starts[before - 1]


_NEWLINE_RE = re.compile("\n")


@dataclass(slots=True)
class InputProblem:
    """A file or line the linter could not read as asked: exit code 2."""

    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"
