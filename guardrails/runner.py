"""Linting many messages from many sources, streaming results to a reporter.

Memory stays flat with the corpus size: messages are read, linted and handed
to the reporter one at a time.
"""

from __future__ import annotations

import bisect
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from guardrails.config import LintConfig, is_excluded
from guardrails.diagnostic import Diagnostic, Severity
from guardrails.engine import Linter
from guardrails.rules import BY_CODE
from guardrails.sources import InputProblem, Message, iter_messages

__all__ = ["FileDiagnostic", "Summary", "Reporter", "run_lint", "exit_code"]

_STDIN = "<stdin>"


@dataclass(slots=True)
class FileDiagnostic:
    path: str
    id: str
    line: int
    column: int
    end_line: int
    end_column: int
    diagnostic: Diagnostic
    source_line: str = ""
    """The message-text line the diagnostic starts on (for the text reporter)."""
    line_column: int = 0
    """0-based start column of the span within `source_line`."""

    def to_dict(self) -> dict[str, object]:
        d = self.diagnostic
        out: dict[str, object] = {
            "path": self.path, "id": self.id, "line": self.line, "column": self.column,
            "end_line": self.end_line, "end_column": self.end_column, "rule": d.rule, "name": d.name,
            "severity": d.severity.value, "message": d.message,
        }
        if d.fix:
            out["fix"] = d.fix
        return out


@dataclass
class Summary:
    files: int = 0
    messages: int = 0
    rejected: int = 0
    by_severity: Counter[str] = field(default_factory=Counter)
    by_rule: Counter[str] = field(default_factory=Counter)
    suppressed: int = 0
    problems: list[InputProblem] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {
            "files": self.files,
            "messages": self.messages,
            "rejected_messages": self.rejected,
            "errors": self.by_severity.get("error", 0),
            "warnings": self.by_severity.get("warning", 0),
            "infos": self.by_severity.get("info", 0),
            "suppressed": self.suppressed,
            "by_rule": dict(sorted(self.by_rule.items())),
            "input_errors": [{"path": p.path, "line": p.line, "message": p.message} for p in self.problems],
        }


class Reporter(Protocol):
    def message(self, msg: Message, diagnostics: list[FileDiagnostic]) -> None: ...
    def problem(self, problem: InputProblem) -> None: ...
    def finish(self, summary: Summary, config: LintConfig) -> None: ...


class _SourceLines:
    """The lines of one message's text, found once: each finding's source line is looked up, not
    searched for, and findings on one line share one string (a long line is not copied per finding)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0]
        i = text.find("\n")
        while i >= 0:
            self.starts.append(i + 1)
            i = text.find("\n", i + 1)
        self.lines: dict[int, str] = {}

    def at(self, offset: int) -> tuple[str, int]:
        """(the line holding character `offset`, the offset's column in it)."""
        index = bisect.bisect_right(self.starts, offset) - 1
        start = self.starts[max(index, 0)]
        line = self.lines.get(index)
        if line is None:
            end = self.text.find("\n", start)
            line = self.lines[index] = self.text[start: end if end >= 0 else len(self.text)]
        return line, offset - start


def _locate(msg: Message, d: Diagnostic, lines: _SourceLines | None = None) -> FileDiagnostic:
    line, col = msg.position(d.start)
    end_line, end_col = msg.position(max(d.end, d.start))
    if lines is None:
        lines = _SourceLines(msg.original_text or msg.text)
    src, line_column = lines.at(d.start)
    return FileDiagnostic(msg.path, msg.id, line, col, end_line, end_col, d, src, line_column)


def _suppression_diag(msg: Message, code: str, text: str, line: int, column: int) -> FileDiagnostic:
    rule = BY_CODE[code]
    d = Diagnostic(rule.code, rule.name, rule.severity, text, 0, 0, rule.fix)
    return FileDiagnostic(msg.path, msg.id, line, column, line, column, d)


def _apply_severity(config: LintConfig, diags: list[Diagnostic]) -> None:
    """Overrides reach every diagnostic, also those the sources made (TPL, SUP, CX010)."""
    if not config.severity:
        return
    for d in diags:
        override = config.severity_for(d.rule)
        if override is not None:
            d.severity = override


def _rule_state(config: LintConfig, code: str) -> str:
    """'unknown' (no rule has this code or prefix), 'disabled' (none of its rules is selected) or 'enabled'."""
    codes = [c for c in BY_CODE if c.startswith(code)]
    if not codes:
        return "unknown"
    return "enabled" if any(config.enabled(c) for c in codes) else "disabled"


def _suppression_diags(msg: Message, cfg: LintConfig, used: dict[int, set[str]]) -> list[FileDiagnostic]:
    """SUP002 for a suppression without codes or reason or naming an unknown code; SUP001 for the
    codes that are selected yet suppressed nothing.  A code whose rules are switched off
    (`--ignore`, `--select`) is not stale: the suppression is needed again when they are back on."""
    out: list[FileDiagnostic] = []
    for s in msg.suppressions:
        if not s.codes or not s.reason:
            if cfg.enabled("SUP002"):
                out.append(_suppression_diag(msg, "SUP002", BY_CODE["SUP002"].message, s.line, s.column))
            continue
        unknown = [c for c in s.codes if _rule_state(cfg, c) == "unknown"]
        if unknown and cfg.enabled("SUP002"):
            text = (f"Подавление называет неизвестный код правила: {', '.join(unknown)}. "
                    "Исправьте код (список: coach rules) или удалите его из подавления.")
            out.append(_suppression_diag(msg, "SUP002", text, s.line, s.column))
        dangling = not s.covers(s.codes[0])  # follows no message at all: stale whatever is selected
        stale = [c for c in s.codes if c not in used.get(id(s), ())
                 and (_rule_state(cfg, c) == "enabled" or (dangling and c not in unknown))]
        if stale and cfg.enabled("SUP001"):
            text = BY_CODE["SUP001"].message.replace("{codes}", ", ".join(stale))
            out.append(_suppression_diag(msg, "SUP001", text, s.line, s.column))
    return out


def lint_message(linter: Linter, msg: Message) -> tuple[list[FileDiagnostic], int]:
    """Diagnostics of one message after suppressions; also the number suppressed."""
    diags = linter.lint(msg.text, msg.context, placeholder_names=msg.placeholder_names)
    cfg = linter.config
    for extra in msg.extra_diagnostics:
        if cfg.enabled(extra.rule):
            diags.append(extra)
    diags.sort(key=lambda d: (d.start, d.rule))
    suppressed = 0
    used: dict[int, set[str]] = {}
    out: list[FileDiagnostic] = []
    lines = _SourceLines(msg.original_text or msg.text) if diags else None
    for d in diags:
        sup = next((s for s in msg.suppressions if s.codes and s.covers(d.rule)), None)
        if sup is not None:
            sup.used = True
            used.setdefault(id(sup), set()).update(c for c in sup.codes if d.rule.startswith(c))
            suppressed += 1
            continue
        out.append(_locate(msg, d, lines))
    out.extend(_suppression_diags(msg, cfg, used))
    _apply_severity(cfg, [fd.diagnostic for fd in out])
    return out, suppressed


def _load_catalog(path: str) -> tuple[object | None, InputProblem | None]:
    from guardrails.sources.catalog import CatalogError, load_matrix

    try:
        return load_matrix(Path(path)), None
    except CatalogError as exc:
        text = str(exc)
        m = re.match(rf"{re.escape(path)}(?::(\d+))?: (.*)$", text, re.S)
        if m:
            return None, InputProblem(path, m.group(2), int(m.group(1)) if m.group(1) else None)
        return None, InputProblem(path, text)


class _Inputs:
    """Every message and problem of every path, each file read once.

    Files met while walking a directory are skipped when they match `exclude` (see
    guardrails.config.anchor_pattern); a path named on the command line is always read.  A file
    met again (named twice, by another spelling, or also found by a walk) is not read again.
    `read` holds the paths, as reported, of the files that were read."""

    def __init__(self, stdin_text: str | None, exclude: tuple[str, ...]) -> None:
        self.stdin_text = stdin_text
        self.exclude = exclude
        self.seen: set[str] = set()
        self.read: set[str] = set()

    def _first_time(self, path: Path | str) -> bool:
        key = os.path.realpath(path)
        if key in self.seen:
            return False
        self.seen.add(key)
        return True

    def _skip(self, root: Path, counter: list[int]) -> Callable[[Path], bool]:
        """`iter_messages`'s skip for a walk of `root`: excluded, or a file already read."""
        def skip(p: Path) -> bool:
            if self.exclude and is_excluded(p, root, self.exclude):
                return True
            if os.path.isdir(p):
                return False
            if not self._first_time(p):
                counter[0] += 1
                return True
            self.read.add(str(p))
            return False

        return skip

    def __call__(self, paths: Iterable[str]) -> Iterator[Message | InputProblem]:
        bare = tuple(p for p in self.exclude if "/" not in p)
        targets = list(paths)
        stdin_count, stdin_done = targets.count("-"), False
        for raw in targets:
            if raw == "-":
                if not stdin_done:  # every "-" goes to the sources together (they report repeats)
                    stdin_done = True
                    yield from iter_messages(["-"] * stdin_count, stdin_text=self.stdin_text, exclude=bare)
                continue
            yield from self._path(raw, bare)

    def _path(self, raw: str, bare: tuple[str, ...]) -> Iterator[Message | InputProblem]:
        if not os.path.isdir(raw):
            if os.path.exists(raw):
                if not self._first_time(raw):
                    return
                self.read.add(raw)
            yield from iter_messages([raw], exclude=bare)
            return
        repeated = [0]
        for item in iter_messages([raw], exclude=bare, skip=self._skip(Path(raw), repeated)):
            if repeated[0] and isinstance(item, InputProblem) and item.path == raw and item.line is None:
                continue  # "no files in the directory": they were all read already
            yield item


def run_lint(paths: Iterable[str], linter: Linter, reporter: Reporter, *, stdin_text: str | None = None,
             problems: Iterable[InputProblem] = ()) -> Summary:
    """Lint every path, streaming to `reporter`.  `problems` are input problems found before
    (reading standard input): they are reported, and counted, like any other.

    `summary.files` counts the files whose messages were read (also those found empty or bad),
    standard input as one; neither the catalog nor a missing path is a linted file."""
    summary = Summary()
    files: set[str] = set()
    inputs = _Inputs(stdin_text, linter.config.exclude)

    def report(problem: InputProblem, *, counts: bool = True) -> None:
        if counts and (problem.path in inputs.read or (problem.path == _STDIN and stdin_text is not None)):
            files.add(problem.path)
        summary.problems.append(problem)
        reporter.problem(problem)

    for problem in problems:
        report(problem)
    matrix = _catalog(linter.config, lambda problem: report(problem, counts=False))
    for item in inputs(paths):
        if isinstance(item, InputProblem):
            report(item)
            continue
        files.add(item.path)
        summary.messages += 1
        if matrix is not None and not item.catalog_checked and hasattr(item.context, "offers"):
            from guardrails.sources.catalog import matrix_diagnostics

            item.extra_diagnostics.extend(matrix_diagnostics(item.context, matrix, len(item.text)))
        try:
            diags, suppressed = lint_message(linter, item)
        except ValueError as exc:  # pydantic's ValidationError: a context given as a dict by a custom source
            from guardrails.sources.errors import describe_validation_error

            report(InputProblem(item.path, describe_validation_error(exc, prefix="context"), item.line))
            continue
        _count(summary, diags, suppressed)
        reporter.message(item, diags)
    summary.files = len(files)
    reporter.finish(summary, linter.config)
    return summary


def _catalog(config: LintConfig, report: Callable[[InputProblem], None]) -> object | None:
    """The `--catalog` offer matrix, or None; its problems go to `report`."""
    if not config.catalog:
        return None
    matrix, problem = _load_catalog(config.catalog)
    if problem is not None:
        report(problem)
    for problem in getattr(matrix, "problems", ()):  # values dropped from the catalog, each with its line
        report(problem)
    return matrix


def _count(summary: Summary, diags: list[FileDiagnostic], suppressed: int) -> None:
    summary.suppressed += suppressed
    if any(fd.diagnostic.severity is Severity.ERROR for fd in diags):
        summary.rejected += 1
    for fd in diags:
        summary.by_severity[fd.diagnostic.severity.value] += 1
        summary.by_rule[fd.diagnostic.rule] += 1


def exit_code(summary: Summary, config: LintConfig) -> int:
    if summary.problems:
        return 2
    worst = [Severity(s) for s, n in summary.by_severity.items() if n]
    return 1 if any(s >= config.fail_on for s in worst) else 0
