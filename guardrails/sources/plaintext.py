"""Plain ``.txt`` / ``.md`` files: each paragraph (blank-line separated) is one message.

Markdown headings, fenced code blocks and front matter are not messages.
Suppression comments (``<!-- coach: ignore[…] причина -->`` or a line
``# coach: ignore[…] причина``) apply to the paragraph they precede or sit in.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from guardrails.sources.model import InputProblem, Message, Suppression
from guardrails.sources.suppressions import SUPPRESSION_RE, parse_suppression

_COMMENT_LINE_RE = re.compile(r"^\s*(?:<!--.*-->|#\s*coach:.*)\s*$")


def read_plaintext(text: str, path: str, *, markdown: bool) -> Iterator[Message | InputProblem]:
    lines = text.split("\n")
    pending: list[Suppression] = []
    para: list[tuple[int, str]] = []
    in_fence = False

    def flush() -> Message | None:
        nonlocal para, pending
        if not para:
            return None
        first_line = para[0][0]
        body = "\n".join(t for _, t in para)
        msg = Message(path=path, id=f"{path}:{first_line}", text=body, line=first_line,
                      line_starts=_starts(para))
        msg.suppressions = pending
        pending = []
        para = []
        return msg

    start = 0
    if markdown and lines and lines[0].strip() == "---":
        for k in range(1, len(lines)):
            if lines[k].strip() == "---":
                start = k + 1
                break
    for n in range(start, len(lines)):
        raw = lines[n].rstrip("\r")
        lineno = n + 1
        stripped = raw.strip()
        if markdown and stripped.startswith("```"):
            in_fence = not in_fence
            if (m := flush()) is not None:
                yield m
            continue
        if in_fence:
            continue
        if _COMMENT_LINE_RE.match(raw):
            if SUPPRESSION_RE.search(raw):
                sup = parse_suppression(raw, lineno, raw.find("coach:") + 1)
                if sup is not None:
                    pending.append(sup)
            continue
        if not stripped or (markdown and stripped.startswith("#")):
            if (m := flush()) is not None:
                yield m
            continue
        para.append((lineno, raw))
    if (m := flush()) is not None:
        yield m


def _starts(para: list[tuple[int, str]]) -> list[tuple[int, int, int]]:
    out = []
    offset = 0
    for lineno, raw in para:
        out.append((offset, lineno, 1))
        offset += len(raw) + 1
    return out
