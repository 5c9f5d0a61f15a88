"""Human output, like ruff's full format: the line with the span marked."""

from __future__ import annotations

import bisect
from typing import TextIO

from guardrails.config import LintConfig
from guardrails.reporters._plural import plural
from guardrails.reporters._safe import TAB_SIZE, char_cells, one_line, visible
from guardrails.runner import FileDiagnostic, Summary
from guardrails.sources import InputProblem, Message

_COLORS = {"error": "\033[1;31m", "warning": "\033[1;33m", "info": "\033[1;36m"}
_RESET = "\033[0m"
_BOLD = "\033[1m"
_DIM = "\033[2m"
_MAX_CELLS = 100
"""Source lines wider than this (in terminal cells) are shown as a window around the span."""
_CONTEXT_CELLS = 30
"""Cells of context kept before the span in such a window."""


class TextReporter:
    def __init__(self, out: TextIO, *, color: bool = False, show_fixes: bool = True) -> None:
        self.out = out
        self.color = color
        self.show_fixes = show_fixes

    def _c(self, code: str, text: str) -> str:
        return f"{code}{text}{_RESET}" if self.color else text

    def message(self, msg: Message, diagnostics: list[FileDiagnostic]) -> None:
        w = self.out.write
        lines: dict[str, LineCells] = {}  # findings on one line share its cells (a long line is measured once)
        for fd in diagnostics:
            d = fd.diagnostic
            sev = d.severity.value
            head = one_line(f"{fd.path}:{fd.line}:{fd.column}: ")
            w(self._c(_BOLD, head) + self._c(_COLORS[sev], f"{d.rule} [{d.severity.label_ru}]") + f" {one_line(d.message)}\n")
            if msg.id and not msg.id.startswith(fd.path):
                w(self._c(_DIM, f"  сообщение: {one_line(msg.id)}") + "\n")
            if fd.source_line:
                gutter = str(fd.line)
                pad = " " * len(gutter)
                cells = lines.get(fd.source_line)
                if cells is None:
                    cells = lines[fd.source_line] = LineCells(fd.source_line)
                shown, before, width = source_window(fd.source_line, fd.line_column, d.end - d.start, cells)
                w(f"{pad} |\n{gutter} | {shown}\n")
                w(f"{pad} | {' ' * before}{self._c(_COLORS[sev], '^' * width)}\n")
            if self.show_fixes and d.fix:
                w(self._c(_DIM, f"  = лучше: {one_line(d.fix)}") + "\n")
            w("\n")

    def problem(self, problem: InputProblem) -> None:
        pass  # input problems go to stderr (see coach.cli.lint_cmd)

    def finish(self, summary: Summary, config: LintConfig) -> None:
        errors = summary.by_severity.get("error", 0)
        warnings = summary.by_severity.get("warning", 0)
        checked = f"проверено {plural(summary.messages, 'сообщение', 'сообщения', 'сообщений')} в {plural(summary.files, 'файле', 'файлах', 'файлах')}"
        if errors or warnings:
            parts = [plural(errors, "ошибка", "ошибки", "ошибок"), plural(warnings, "предупреждение", "предупреждения", "предупреждений")]
            line = f"Найдено: {', '.join(parts)}; отклонено сообщений: {summary.rejected}; {checked}."
        else:
            line = f"Нарушений нет: {checked}."
        if summary.suppressed:
            line += f" Подавлено: {summary.suppressed}."
        if summary.problems:
            line += f" Ошибок ввода: {len(summary.problems)} (см. выше)."
        self.out.write(line + "\n")


class LineCells:
    """One source line as printed: each character as (what to print, terminal cells), tabs expanded
    to the next tab stop and control characters shown as escapes, with the running cell count, so
    that the caret line can follow.  Built once per line: a window of it costs O(window + log n)."""

    __slots__ = ("pieces", "prefix")

    def __init__(self, line: str) -> None:
        self.pieces: list[str] = []
        self.prefix = [0]
        col = 0
        for ch in line:
            if ch == "\t":
                n = TAB_SIZE - col % TAB_SIZE
                shown = " " * n
            else:
                shown = visible(ch)
                n = sum(char_cells(c) for c in shown)
            self.pieces.append(shown)
            col += n
            self.prefix.append(col)

    def __len__(self) -> int:
        return len(self.pieces)

    def width(self, lo: int, hi: int) -> int:
        """Cells of characters [lo, hi)."""
        return self.prefix[hi] - self.prefix[lo]


def source_window(line: str, start: int, length: int, cells: LineCells | None = None) -> tuple[str, int, int]:
    """(the line as shown, cells before the caret, caret width) for a span of `length` characters
    at character `start`.  A line wider than _MAX_CELLS is cut to a window around the span, with
    an ellipsis where it was cut (like ruff).  `cells`: `LineCells(line)`, when already built."""
    if cells is None:
        cells = LineCells(line)
    n = len(cells)
    start = min(max(start, 0), n)
    end = min(start + max(length, 1), n)
    lo, hi = 0, n
    if cells.width(0, n) > _MAX_CELLS:
        lo, hi = _window(cells, start)
    head = "…" if lo > 0 else ""
    tail = "…" if hi < n else ""
    shown = head + "".join(cells.pieces[lo:hi]) + tail
    before = len(head) + cells.width(lo, start)
    width = cells.width(start, max(start, min(end, hi)))
    return shown, before, max(1, width)


def _window(cells: LineCells, start: int) -> tuple[int, int]:
    """Character range [lo, hi) of at most _MAX_CELLS cells that shows `start` with some context:
    up to _CONTEXT_CELLS before it, as much as fits after, then (near the end) more before."""
    prefix = cells.prefix
    lo = bisect.bisect_left(prefix, prefix[start] - _CONTEXT_CELLS, 0, start + 1)
    hi = bisect.bisect_right(prefix, prefix[lo] + _MAX_CELLS, lo) - 1
    lo = bisect.bisect_left(prefix, prefix[hi] - _MAX_CELLS, 0, lo + 1)
    return lo, hi
