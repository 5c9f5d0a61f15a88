"""Linting many messages from many sources, streaming results to a reporter.

Memory stays flat with the corpus size: messages are read, linted and handed
to the reporter one at a time.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from guardrails.config import LintConfig, is_excluded
from guardrails.diagnostic import Diagnostic, Severity
from guardrails.engine import Linter
from guardrails.rules import BY_CODE
from guardrails.sources import InputProblem, Message, iter_messages

__all__ = ["FileDiagnostic", "Summary", "Reporter", "run_lint", "exit_code"]


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


def _locate(msg: Message, d: Diagnostic) -> FileDiagnostic:
    line, col = msg.position(d.start)
    end_line, end_col = msg.position(max(d.end, d.start))
    text = msg.original_text or msg.text
    ls = text.rfind("\n", 0, d.start) + 1
    le = text.find("\n", d.start)
    src = text[ls: le if le >= 0 else len(text)]
    return FileDiagnostic(msg.path, msg.id, line, col, end_line, end_col, d, src, d.start - ls)


def _suppression_diag(msg: Message, code: str, text: str, line: int, column: int) -> FileDiagnostic:
    rule = BY_CODE[code]
    d = Diagnostic(rule.code, rule.name, rule.severity, text, 0, 0, rule.fix)
    return FileDiagnostic(msg.path, msg.id, line, column, line, column, d)


def _severity_override(config: LintConfig, code: str) -> Severity | None:
    """`[lint.severity]`: the most specific matching code or prefix wins."""
    best = max((k for k in config.severity if code.startswith(k)), key=len, default=None)
    return config.severity[best] if best is not None else None


def _apply_severity(config: LintConfig, diags: list[Diagnostic]) -> None:
    """Overrides reach every diagnostic, also those the sources made (TPL, SUP, CX010)."""
    if not config.severity:
        return
    for d in diags:
        override = _severity_override(config, d.rule)
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
    for d in diags:
        sup = next((s for s in msg.suppressions if s.codes and s.covers(d.rule)), None)
        if sup is not None:
            sup.used = True
            used.setdefault(id(sup), set()).update(c for c in sup.codes if d.rule.startswith(c))
            suppressed += 1
            continue
        out.append(_locate(msg, d))
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


def _items(paths: Iterable[str], stdin_text: str | None, exclude: tuple[str, ...]) -> Iterator[Message | InputProblem]:
    """Every message and problem of every path.  Files met while walking a directory are
    skipped when they match `exclude` (see guardrails.config.anchor_pattern); a path named
    on the command line is always read."""
    bare = tuple(p for p in exclude if "/" not in p)
    targets = list(paths)
    stdin_count, stdin_done = targets.count("-"), False
    for raw in targets:
        if raw == "-":
            if stdin_done:
                continue  # every "-" went to the sources together, with the first (they report repeats)
            stdin_done = True
        group = ["-"] * stdin_count if raw == "-" else [raw]
        root = Path(raw)
        skip = (lambda p, root=root: is_excluded(p, root, exclude)) if exclude and raw != "-" else None
        yield from iter_messages(group, stdin_text=stdin_text, exclude=bare, skip=skip)


def run_lint(paths: Iterable[str], linter: Linter, reporter: Reporter, *, stdin_text: str | None = None,
             problems: Iterable[InputProblem] = ()) -> Summary:
    """Lint every path, streaming to `reporter`.  `problems` are input problems found before
    (reading standard input): they are reported, and counted, like any other."""
    summary = Summary()
    files: set[str] = set()

    def report(problem: InputProblem) -> None:
        files.add(problem.path)
        summary.problems.append(problem)
        reporter.problem(problem)

    for problem in problems:
        report(problem)
    matrix = None
    if linter.config.catalog:
        matrix, problem = _load_catalog(linter.config.catalog)
        if problem is not None:
            report(problem)
        for problem in getattr(matrix, "problems", ()):  # values dropped from the catalog, each with its line
            report(problem)
    for item in _items(paths, stdin_text, linter.config.exclude):
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
        summary.suppressed += suppressed
        if any(fd.diagnostic.severity is Severity.ERROR for fd in diags):
            summary.rejected += 1
        for fd in diags:
            summary.by_severity[fd.diagnostic.severity.value] += 1
            summary.by_rule[fd.diagnostic.rule] += 1
        reporter.message(item, diags)
    summary.files = len(files)
    reporter.finish(summary, linter.config)
    return summary


def exit_code(summary: Summary, config: LintConfig) -> int:
    if summary.problems:
        return 2
    worst = [Severity(s) for s, n in summary.by_severity.items() if n]
    return 1 if any(s >= config.fail_on for s in worst) else 0
