"""`--format junit`: one test case per message, a failure per diagnostic."""

from __future__ import annotations

from typing import TextIO
from xml.etree import ElementTree as ET

from guardrails.config import LintConfig
from guardrails.diagnostic import Severity
from guardrails.reporters._safe import xml_safe as _x
from guardrails.runner import FileDiagnostic, Summary
from guardrails.sources import InputProblem, Message


class JunitReporter:
    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.suites: dict[str, ET.Element] = {}

    def _suite(self, path: str) -> ET.Element:
        if path not in self.suites:
            self.suites[path] = ET.Element("testsuite", name=_x(path))
        return self.suites[path]

    def message(self, msg: Message, diagnostics: list[FileDiagnostic]) -> None:
        case = ET.SubElement(self._suite(msg.path), "testcase", name=_x(msg.id), classname=_x(msg.path))
        for fd in diagnostics:
            d = fd.diagnostic
            tag = "failure" if d.severity is Severity.ERROR else "system-out"
            el = ET.SubElement(case, tag)
            if tag == "failure":
                el.set("message", _x(f"{d.rule} {d.message}"))
                el.set("type", d.rule)
            el.text = _x(f"{fd.path}:{fd.line}:{fd.column}: {d.rule} [{d.severity.value}] {d.message}")

    def problem(self, problem: InputProblem) -> None:
        case = ET.SubElement(self._suite(problem.path), "testcase", name=_x(f"{problem.path}:{problem.line or 0}"),
                             classname=_x(problem.path))
        el = ET.SubElement(case, "error", message=_x(problem.message), type="input-error")
        el.text = _x(str(problem))

    def finish(self, summary: Summary, config: LintConfig) -> None:
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
