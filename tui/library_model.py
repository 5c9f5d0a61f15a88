"""Linting a folder of scripts for the library screen, and one script file
for its editor — through the same sources, config and runner as `coach lint`,
so the screen and CI never disagree."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import guardrails
from guardrails.config import ConfigFileError, LintConfig, load_config
from guardrails.engine import Linter
from guardrails.runner import lint_message
from guardrails.sources import InputProblem, Message, iter_messages, read_text

__all__ = ["Finding", "LibraryReport", "lint_library", "lint_file_text", "INPUT_RULE"]

INPUT_RULE = "ФАЙЛ"
"""Shown in the rule column for a file that could not be read as asked (exit code 2 in `coach lint`)."""


@dataclass(frozen=True)
class Finding:
    path: Path
    line: int | None
    column: int | None
    message_id: str
    rule: str
    severity: str
    message: str
    fix: str | None = None


@dataclass
class LibraryReport:
    root: Path
    files: int = 0
    messages: int = 0
    rejected: int = 0
    findings: list[Finding] = field(default_factory=list)

    @property
    def has_errors(self) -> bool:
        return any(f.severity == "error" for f in self.findings)

    def summary_ru(self) -> str:
        if self.files == 0 and not self.findings:
            return f"В {self.root} нет скриптов (.yaml, .yml, .jsonl, .txt, .md)."
        errors = sum(1 for f in self.findings if f.severity == "error")
        warnings = sum(1 for f in self.findings if f.severity == "warning")
        infos = sum(1 for f in self.findings if f.severity == "info")
        head = f"Файлов: {self.files}, сообщений: {self.messages}"
        if not self.findings:
            return head + ". Замечаний нет — библиотека чистая."
        return (f"{head}; отклонено сообщений: {self.rejected}. "
                f"Ошибок: {errors}, предупреждений: {warnings}, заметок: {infos}.")


def _config(start: Path) -> tuple[LintConfig, InputProblem | None]:
    try:
        return load_config(start=start), None
    except ConfigFileError as exc:
        return LintConfig(), InputProblem(str(start), f"настройки линтера не прочитаны: {exc}")


def lint_library(root: Path) -> LibraryReport:
    """Lint every script under `root` (a folder or one file); never raises on bad input."""
    root = root.expanduser()
    report = LibraryReport(root=root)
    config, problem = _config(root if root.is_dir() else root.parent)
    items: list[Message | InputProblem] = [problem] if problem else []
    linter = Linter(config)
    files: set[str] = set()
    for item in [*items, *iter_messages([str(root)], exclude=config.exclude)]:
        files.add(item.path)
        if isinstance(item, InputProblem):
            report.findings.append(Finding(Path(item.path), item.line, None, "", INPUT_RULE, "error", item.message))
            continue
        report.messages += 1
        try:
            diagnostics, _ = lint_message(linter, item)
        except ValueError as exc:  # a context the sources accepted but the linter's model did not
            report.findings.append(Finding(Path(item.path), item.line, None, item.id, INPUT_RULE, "error", str(exc)))
            continue
        if any(fd.diagnostic.is_error for fd in diagnostics):
            report.rejected += 1
        for fd in diagnostics:
            d = fd.diagnostic
            report.findings.append(Finding(Path(fd.path), fd.line, fd.column, fd.id, d.rule, d.severity.value,
                                           d.message, d.fix))
    report.files = len(files - {str(root)}) if root.is_dir() else len(files)
    return report


def lint_file_text(text: str, path: Path) -> list[guardrails.Diagnostic]:
    """Diagnostics of a script file's (unsaved) text, with offsets into that text.

    Used by the script editor on every change: the file is parsed from the
    editor's text exactly as `coach lint` would read it from disk.
    """
    config, problem = _config(path.parent)
    linter = Linter(config)
    starts = _line_offsets(text)
    out: list[guardrails.Diagnostic] = []
    items: list[Message | InputProblem] = [problem] if problem else []
    for item in [*items, *read_text(text, str(path), kind=path.suffix.lower() or None)]:
        if isinstance(item, InputProblem):
            start, end = _line_span(text, starts, item.line)
            out.append(guardrails.Diagnostic(INPUT_RULE, "input", guardrails.Severity.ERROR, item.message, start, end))
            continue
        try:
            diagnostics, _ = lint_message(linter, item)
        except ValueError as exc:
            start, end = _line_span(text, starts, item.line)
            out.append(guardrails.Diagnostic(INPUT_RULE, "input", guardrails.Severity.ERROR, str(exc), start, end))
            continue
        for fd in diagnostics:
            d = fd.diagnostic
            start = _offset(starts, fd.line, fd.column, len(text))
            end = _offset(starts, fd.end_line, fd.end_column, len(text))
            out.append(guardrails.Diagnostic(d.rule, d.name, d.severity, d.message, start, max(end, start), d.fix,
                                             dict(d.extra)))
    return out


def _line_offsets(text: str) -> list[int]:
    starts = [0]
    for i, ch in enumerate(text):
        if ch == "\n":
            starts.append(i + 1)
    return starts


def _offset(starts: list[int], line: int, column: int, size: int) -> int:
    """1-based (line, column) -> character offset, clamped to the text."""
    if line < 1:
        return 0
    if line > len(starts):
        return size
    return min(starts[line - 1] + max(column - 1, 0), size)


def _line_span(text: str, starts: list[int], line: int | None) -> tuple[int, int]:
    if not line or line > len(starts):
        return 0, min(len(text), max(text.find("\n"), 1) if text else 0)
    start = starts[line - 1]
    end = text.find("\n", start)
    return start, (end if end != -1 else len(text))
