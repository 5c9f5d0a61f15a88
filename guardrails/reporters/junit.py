"""`--format junit`: one test case per message.

A message with a finding at or above `--fail-on` fails: its test case holds one
<failure> (the schema allows one) whose message sums the findings up and whose
body lists every one of them, so the report agrees with the exit code.  A
message whose findings are all below `--fail-on` passes; they go to its
<system-out>.  An input problem is a test case with an <error>.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TextIO
from xml.etree import ElementTree as ET

from guardrails.config import LintConfig
from guardrails.diagnostic import Severity
from guardrails.reporters._plural import plural
from guardrails.reporters._safe import xml_safe as _x
from guardrails.runner import FileDiagnostic, Summary
from guardrails.sources import InputProblem, Message


@dataclass(slots=True)
class _Finding:
    rule: str
    severity: Severity
    message: str
    line: str
    """The finding as one line of the report: `path:line:column: RULE [severity] message`."""


def _finding(fd: FileDiagnostic) -> _Finding:
    d = fd.diagnostic
    return _Finding(d.rule, d.severity, d.message,
                    f"{fd.path}:{fd.line}:{fd.column}: {d.rule} [{d.severity.value}] {d.message}")


def _failure_message(failing: list[_Finding]) -> str:
    """One finding: its rule and message; several: how many, and their rules."""
    if len(failing) == 1:
        return f"{failing[0].rule} {failing[0].message}"
    rules = ", ".join(dict.fromkeys(f.rule for f in failing))
    return f"{plural(len(failing), 'нарушение', 'нарушения', 'нарушений')}: {rules}"


class JunitReporter:
    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.suites: dict[str, ET.Element] = {}
        self.pending: list[tuple[ET.Element, list[_Finding]]] = []
        """Test cases with findings: whether they fail is known only with the config, in finish()."""

    def _suite(self, path: str) -> ET.Element:
        if path not in self.suites:
            self.suites[path] = ET.Element("testsuite", name=_x(path))
        return self.suites[path]

    def message(self, msg: Message, diagnostics: list[FileDiagnostic]) -> None:
        case = ET.SubElement(self._suite(msg.path), "testcase", name=_x(msg.id), classname=_x(msg.path))
        if diagnostics:
            self.pending.append((case, [_finding(fd) for fd in diagnostics]))

    def problem(self, problem: InputProblem) -> None:
        case = ET.SubElement(self._suite(problem.path), "testcase", name=_x(f"{problem.path}:{problem.line or 0}"),
                             classname=_x(problem.path))
        el = ET.SubElement(case, "error", message=_x(problem.message), type="input-error")
        el.text = _x(str(problem))

    def _close(self, case: ET.Element, findings: list[_Finding], fail_on: Severity) -> None:
        body = _x("\n".join(f.line for f in findings))
        failing = [f for f in findings if f.severity >= fail_on]
        if not failing:
            ET.SubElement(case, "system-out").text = body
            return
        kind = ",".join(dict.fromkeys(f.rule for f in failing))
        el = ET.SubElement(case, "failure", message=_x(_failure_message(failing)), type=kind)
        el.text = body

    def finish(self, summary: Summary, config: LintConfig) -> None:
        for case, findings in self.pending:
            self._close(case, findings, config.fail_on)
        root = ET.Element("testsuites", name="coach lint")
        total = failures = errors = 0
        for suite in self.suites.values():
            cases = suite.findall("testcase")
            f = sum(1 for c in cases if c.find("failure") is not None)
            e = sum(1 for c in cases if c.find("error") is not None)
            suite.set("tests", str(len(cases)))
            suite.set("failures", str(f))
            suite.set("errors", str(e))
            total, failures, errors = total + len(cases), failures + f, errors + e
            root.append(suite)
        root.set("tests", str(total))
        root.set("failures", str(failures))
        root.set("errors", str(errors))
        ET.indent(root)
        self.out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        self.out.write(ET.tostring(root, encoding="unicode"))
        self.out.write("\n")
