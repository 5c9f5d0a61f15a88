"""Jinja placeholders inside script texts (contract 3).

The linter keeps every placeholder's position, does not match rules inside it
(it is masked with spaces of the same length), and reports unknown or
malformed placeholders.  jinja2 is imported only for texts that contain one.
"""

from __future__ import annotations

import re

from guardrails.diagnostic import Diagnostic

__all__ = ["KNOWN_PLACEHOLDERS", "check_placeholders"]

# Dotted names a script may use; the drafting layer provides all of them.
KNOWN_PLACEHOLDERS = frozenset(
    """
    offer offer.name offer.price offer.benefit offer.risk offer.kind offer.category
    base base.name base.price customer customer.name customer.goal
    manager manager.name company company.name currency deadline stock channel
    """.split()
)
_BLOCK_RE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
_NAME_RE = re.compile(r"[A-Za-z_][A-Za-z_0-9]*(?:\.[A-Za-z_][A-Za-z_0-9]*)*")
_OPEN_RE = re.compile(r"\{\{|\{%|\{#")


def check_placeholders(text: str) -> tuple[str, frozenset[str], list[Diagnostic]]:
    """Return (text with placeholders masked, names used, TPL diagnostics)."""
    from guardrails.rules import BY_CODE

    diags: list[Diagnostic] = []
    names: set[str] = set()
    chars = list(text)
    for m in _BLOCK_RE.finditer(text):
        for k in range(m.start(), m.end()):
            if chars[k] != "\n":
                chars[k] = " "
        inner = m.group()[2:-2]
        if m.group().startswith("{{"):
            expr = inner.split("|")[0].strip()
            nm = _NAME_RE.fullmatch(expr)
            if nm is None:
                continue
            name = nm.group()
            names.add(name)
            if name not in KNOWN_PLACEHOLDERS and name.split(".")[0] not in {"loop"}:
                rule = BY_CODE["TPL001"]
                known = ", ".join(sorted(n for n in KNOWN_PLACEHOLDERS if "." in n))
                diags.append(Diagnostic(rule.code, rule.name, rule.severity,
                                        rule.message.replace("{name}", name).replace("{known}", known), m.start(), m.end(), rule.fix))
    masked = "".join(chars)
    # Anything still opening a placeholder was never closed, or jinja rejects the syntax.
    leftover = _OPEN_RE.search(masked)
    error = None
    if leftover is not None:
        error = (leftover.start(), "подстановка не закрыта")
    else:
        from jinja2 import Environment, TemplateSyntaxError

        try:
            Environment().parse(text)
        except TemplateSyntaxError as exc:
            line_start = 0
            for _ in range((exc.lineno or 1) - 1):
                line_start = text.find("\n", line_start) + 1
            error = (line_start, exc.message or "синтаксическая ошибка")
    if error is not None:
        rule = BY_CODE["TPL002"]
        start = error[0]
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        diags.append(Diagnostic(rule.code, rule.name, rule.severity, rule.message.replace("{error}", error[1]), start, end, rule.fix))
        masked = masked[:start] + " " * (end - start) + masked[end:]
    return masked, frozenset(names), diags
