"""`--format json`: one object (DESIGN.md contract 2), streamed.

Diagnostics are written as they come, so memory does not grow with the
corpus; the summary closes the object (JSON key order carries no meaning).
"""

from __future__ import annotations

import json
from typing import TextIO

from guardrails.config import LintConfig
from guardrails.reporters._safe import no_surrogates
from guardrails.runner import FileDiagnostic, Summary
from guardrails.sources import InputProblem, Message

_std_dumps = json.JSONEncoder(ensure_ascii=False).encode


def _safe_dumps(obj: object) -> str:
    """JSON text that encodes as UTF-8 whatever the input held (lone surrogates become U+FFFD)."""
    return no_surrogates(_std_dumps(obj))


try:  # orjson encodes a diagnostic about ten times faster; the output is the same JSON
    from orjson import JSONEncodeError as _OrjsonError
    from orjson import dumps as _orjson_dumps

    def _dumps(obj: dict[str, object]) -> str:
        try:
            return _orjson_dumps(obj).decode()
        except _OrjsonError:  # a lone surrogate in a text or id: orjson refuses it
            return _safe_dumps(obj)
except ImportError:  # pragma: no cover - orjson is a dependency
    _dumps = _safe_dumps


class JsonReporter:
    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.count = 0
        out.write('{"version": 1, "diagnostics": [')

    def message(self, msg: Message, diagnostics: list[FileDiagnostic]) -> None:
        if not diagnostics:
            return
        sep = "\n  " if self.count == 0 else ",\n  "
        self.out.write(sep + ",\n  ".join([_dumps(fd.to_dict()) for fd in diagnostics]))
        self.count += len(diagnostics)

    def problem(self, problem: InputProblem) -> None:
        pass

    def finish(self, summary: Summary, config: LintConfig) -> None:
        self.out.write(("\n" if self.count else "") + '],\n"summary": ')
        self.out.write(no_surrogates(json.dumps(summary.to_dict(), ensure_ascii=False, indent=2)))
        self.out.write("}\n")
