"""Jinja placeholders inside script texts (contract 3).

The linter keeps every placeholder's position, does not match rules inside it
(it is masked with spaces of the same length), and reports unknown or
malformed placeholders.  jinja2 is imported only for texts that contain one.
"""

from __future__ import annotations

import re
from typing import Any

from guardrails.diagnostic import Diagnostic

__all__ = ["KNOWN_PLACEHOLDERS", "check_placeholders", "jinja_error_in_russian"]

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
_RAW_RE = re.compile(r"\{%-?\s*raw\s*-?%\}.*?\{%-?\s*endraw\s*-?%\}", re.S)
_END_TAG_RE = re.compile(r"Encountered unknown tag 'end\w+'")


_TOKENS = {"end of print statement": "}}", "end of statement block": "%}", "end of template": "конец шаблона",
           "name": "имя", "end of comment": "#}"}
_JINJA_ERRORS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"Unexpected end of template\..*The innermost block that needs to be closed is '(\w+)'", re.S),
     "блок {{% {0} %}} не закрыт"),
    (re.compile(r"Encountered unknown tag '(end\w+)'.*innermost block that needs to be closed is '(\w+)'", re.S),
     "тег {{% {0} %}} не к месту: сначала закройте {{% {1} %}}"),
    (re.compile(r"Encountered unknown tag '(end\w+)'"), "закрывающий тег {{% {0} %}} без открывающего"),
    (re.compile(r"Encountered unknown tag '(\w+)'"), "неизвестный тег «{0}»"),
    (re.compile(r"Expected an expression, got '([^']*)'"), "пустая подстановка: перед «{0}» нет выражения"),
    (re.compile(r"expected token '([^']*)', got 'name'"), "ожидалось «{0}», а стоит ещё одно слово (пропущена точка?)"),
    (re.compile(r"expected token '([^']*)', got '([^']*)'"), "ожидалось «{0}», а стоит «{1}»"),
    (re.compile(r"unexpected end of template", re.I), "шаблон оборвался: подстановка не закрыта"),
    (re.compile(r"unexpected '(end of (?:print statement|statement block))'"), "выражение не закончено перед «{0}»"),
    (re.compile(r"unexpected '([^']*)'"), "лишний символ «{0}»"),
    (re.compile(r"tag name expected"), "в {{% … %}} нет имени тега"),
    (re.compile(r"expected name or number"), "после точки ожидается имя поля"),
]


def jinja_error_in_russian(message: str) -> str:
    """Jinja's syntax error, in the Russian the rest of the diagnostics use (no trailing period)."""
    for rx, text in _JINJA_ERRORS:
        m = rx.search(message)
        if m is not None:
            return text.format(*(_TOKENS.get(g, g) for g in m.groups()))
    return "синтаксическая ошибка в шаблоне"


def check_placeholders(text: str) -> tuple[str, frozenset[str], list[Diagnostic]]:
    """Return (text with placeholders masked, names used, TPL diagnostics)."""
    from guardrails.rules import BY_CODE

    diags: list[Diagnostic] = []
    names: set[str] = set()
    chars = list(text)
    raw = [(m.start(), m.end()) for m in _RAW_RE.finditer(text)]
    for m in _BLOCK_RE.finditer(text):
        for k in range(m.start(), m.end()):
            if chars[k] != "\n":
                chars[k] = " "
        inner = m.group()[2:-2]
        if raw and any(a <= m.start() < b for a, b in raw):
            continue  # {% raw %}…{% endraw %}: printed as it is, not a placeholder
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

        env = Environment()
        try:
            env.parse(text)
        except TemplateSyntaxError as exc:
            culprit = _broken_block(env, text)
            if culprit is not None:  # the error is inside one placeholder: only it is reported
                rule = BY_CODE["TPL002"]
                m, why = culprit
                diags.append(Diagnostic(rule.code, rule.name, rule.severity, rule.message.replace("{error}", why),
                                        m.start(), m.end(), rule.fix))
                return masked, frozenset(names), diags
            line_start = 0
            for _ in range((exc.lineno or 1) - 1):
                line_start = text.find("\n", line_start) + 1
            error = (line_start, jinja_error_in_russian(exc.message or ""))
    if error is not None:
        rule = BY_CODE["TPL002"]
        start = error[0]
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        diags.append(Diagnostic(rule.code, rule.name, rule.severity, rule.message.replace("{error}", error[1]), start, end, rule.fix))
        masked = masked[:start] + " " * (end - start) + masked[end:]
    return masked, frozenset(names), diags


def _broken_block(env: Any, text: str) -> tuple[re.Match[str], str] | None:
    """The first placeholder that Jinja rejects on its own, and why (in Russian).  A
    block tag alone is not broken when the only complaint is its missing end tag, nor
    is an end tag alone: those errors belong to the template's structure, not to one block."""
    from jinja2 import TemplateSyntaxError

    for m in _BLOCK_RE.finditer(text):
        try:
            env.parse(m.group())
        except TemplateSyntaxError as exc:
            message = exc.message or ""
            if message.startswith("Unexpected end of template") or _END_TAG_RE.search(message):
                continue
            return m, jinja_error_in_russian(message)
    return None
