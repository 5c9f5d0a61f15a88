"""`--format github`: workflow commands that annotate the pull request diff."""

from __future__ import annotations

from typing import TextIO

from guardrails.config import LintConfig
from guardrails.reporters._safe import visible
from guardrails.runner import FileDiagnostic, Summary
from guardrails.sources import InputProblem, Message

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _data(s: str) -> str:
    """Escaped as workflow commands require; other control characters are shown, never passed raw
    (an escape sequence in a message must not drive the log viewer)."""
    s = visible(s)
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(s: str) -> str:
    return _data(s).replace(":", "%3A").replace(",", "%2C")


class GithubReporter:
    def __init__(self, out: TextIO) -> None:
        self.out = out

    def message(self, msg: Message, diagnostics: list[FileDiagnostic]) -> None:
        for fd in diagnostics:
            d = fd.diagnostic
            props = (
                f"file={_prop(fd.path)},line={fd.line},col={fd.column},"
                f"endLine={fd.end_line},endColumn={fd.end_column},title={_prop(f'{d.rule} {d.name}')}"
            )
            self.out.write(f"::{_LEVEL[d.severity.value]} {props}::{_data(f'{d.rule} {d.message}')}\n")

    def problem(self, problem: InputProblem) -> None:
        line = f",line={problem.line}" if problem.line else ""
        self.out.write(f"::error file={_prop(problem.path)}{line},title=ошибка ввода::{_data(problem.message)}\n")

    def finish(self, summary: Summary, config: LintConfig) -> None:
        pass
