"""Output formats of `coach lint`: text, json, sarif, github, junit."""

from __future__ import annotations

from typing import TextIO

from guardrails.runner import Reporter

FORMATS = ("text", "json", "sarif", "github", "junit")


def make_reporter(fmt: str, out: TextIO, *, color: bool = False, show_fixes: bool = True) -> Reporter:
    if fmt == "text":
        from guardrails.reporters.text import TextReporter

        return TextReporter(out, color=color, show_fixes=show_fixes)
    if fmt == "json":
        from guardrails.reporters.json_ import JsonReporter

        return JsonReporter(out)
    if fmt == "sarif":
        from guardrails.reporters.sarif import SarifReporter

        return SarifReporter(out)
    if fmt == "github":
        from guardrails.reporters.github import GithubReporter

        return GithubReporter(out)
    if fmt == "junit":
        from guardrails.reporters.junit import JunitReporter

        return JunitReporter(out)
    raise ValueError(f"unknown format {fmt!r}")


__all__ = ["FORMATS", "make_reporter"]
