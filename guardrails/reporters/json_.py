"""`--format json`: one object (DESIGN.md contract 2)."""

from __future__ import annotations

import json
from typing import TextIO

from guardrails.config import LintConfig
from guardrails.runner import FileDiagnostic, Summary
from guardrails.sources import InputProblem, Message


class JsonReporter:
    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.items: list[dict[str, object]] = []

    def message(self, msg: Message, diagnostics: list[FileDiagnostic]) -> None:
        self.items.extend(fd.to_dict() for fd in diagnostics)

    def problem(self, problem: InputProblem) -> None:
        pass

    def finish(self, summary: Summary, config: LintConfig) -> None:
        doc = {"version": 1, "summary": summary.to_dict(), "diagnostics": self.items}
        json.dump(doc, self.out, ensure_ascii=False, indent=2)
        self.out.write("\n")
