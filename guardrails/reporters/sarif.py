"""`--format sarif`: SARIF 2.1.0 for GitHub code scanning and other viewers."""

from __future__ import annotations

import json
from collections import Counter
from typing import TextIO

from guardrails.config import LintConfig
from guardrails.reporters._safe import artifact_uri, no_surrogates
from guardrails.rules import ALL_RULES
from guardrails.runner import FileDiagnostic, Summary
from guardrails.sources import InputProblem, Message

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_STDIN = "<stdin>"
_FINGERPRINT = "path/messageId/rule/occurrence"


def _artifact(path: str) -> dict[str, object]:
    """artifactLocation of a path; standard input gets a plain name and a description."""
    if path == _STDIN:
        return {"uri": "stdin", "description": {"text": "стандартный ввод"}}
    return {"uri": artifact_uri(path)}


def _region(fd: FileDiagnostic) -> dict[str, int]:
    """1-based, end column exclusive; on one line the end is never before the start."""
    end_column = fd.end_column if fd.end_line > fd.line else max(fd.end_column, fd.column)
    return {"startLine": fd.line, "startColumn": fd.column, "endLine": fd.end_line, "endColumn": end_column}


class SarifReporter:
    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.results: list[dict[str, object]] = []
        self.notifications: list[dict[str, object]] = []
        self.occurrences: Counter[tuple[str, str, str]] = Counter()

    def message(self, msg: Message, diagnostics: list[FileDiagnostic]) -> None:
        for fd in diagnostics:
            d = fd.diagnostic
            self.results.append({
                "ruleId": d.rule,
                "level": _LEVEL[d.severity.value],
                "message": {"text": d.message + (f" Лучше: {d.fix}" if d.fix else "")},
                "locations": [{
                    "physicalLocation": {"artifactLocation": _artifact(fd.path), "region": _region(fd)},
                    "logicalLocations": [{"name": fd.id, "kind": "message"}],
                }],
                "partialFingerprints": {_FINGERPRINT: self._fingerprint(fd)},
            })

    def _fingerprint(self, fd: FileDiagnostic) -> str:
        """path, message id, rule and the rule's occurrence in that message: unique in a run and,
        unlike a line number, unchanged when lines are added above the message."""
        key = (fd.path, fd.id, fd.diagnostic.rule)
        self.occurrences[key] += 1
        return json.dumps([*key, self.occurrences[key]], ensure_ascii=False)

    def problem(self, problem: InputProblem) -> None:
        loc: dict[str, object] = {"artifactLocation": _artifact(problem.path)}
        if problem.line:
            loc["region"] = {"startLine": problem.line}
        self.notifications.append({"level": "error", "message": {"text": problem.message},
                                   "locations": [{"physicalLocation": loc}]})

    def finish(self, summary: Summary, config: LintConfig) -> None:
        rules = [{
            "id": r.code,
            "name": r.name,
            "shortDescription": {"text": r.message.split(". ")[0]},
            "fullDescription": {"text": r.why},
            "help": {"text": f"{r.message}\n\nПочему: {r.why}" + (f"\n\nЛучше: {r.fix}" if r.fix else "")},
            "defaultConfiguration": {"level": _LEVEL[r.severity.value]},
            "properties": {"tags": [r.group]},
        } for r in ALL_RULES]
        doc = {
            "$schema": _SCHEMA,
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {"name": "coach", "informationUri": "https://github.com/upsell-coach/upsell-coach",
                                    "version": "0.1.0", "rules": rules}},
                "invocations": [{"executionSuccessful": not summary.problems,
                                 "toolExecutionNotifications": self.notifications}],
                "columnKind": "unicodeCodePoints",  # columns count characters, not UTF-16 units
                "results": self.results,
            }],
        }
        self.out.write(no_surrogates(json.dumps(doc, ensure_ascii=False, indent=2)))
        self.out.write("\n")
