"""Plain ``.txt`` / ``.md`` files: each paragraph (blank-line separated) is one message.

Markdown headings (ATX ``# …`` and setext: a line underlined by ``===`` or
``---``), thematic breaks, fenced and indented code blocks and front matter
are not messages.  A setext underline makes only the line just above it a
heading: CommonMark would take the whole paragraph, but lines above it are far
more often a message missing its blank line, and a linter must not lose them.
Suppression comments (``<!-- coach: ignore[…] причина -->`` or a line
``# coach: ignore[…] причина``) apply to the paragraph they precede or sit in.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from guardrails.sources.decoding import split_lines
from guardrails.sources.model import DanglingSuppression, InputProblem, Message, Suppression
from guardrails.sources.suppressions import SUPPRESSION_RE, parse_suppression

_COMMENT_LINE_RE = re.compile(r"^\s*(?:<!--.*-->|#\s*coach:.*)\s*$")
# CommonMark: a heading needs a space after its #s («#скидка» is a hashtag, i.e. text).
_HEADING_RE = re.compile(r"^ {0,3}#{1,6}(?:[ \t]|$)")
_FENCE_RE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_INDENTED_CODE_RE = re.compile(r"^(?: {4}|\t)")
_FRONT_MATTER_KEY_RE = re.compile(r"^(?:#|[\"']?[A-Za-z_][\w.-]*[\"']?[ \t]*:(?:[ \t]|$))")
_SETEXT_UNDERLINE_RE = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")
_THEMATIC_BREAK_RE = re.compile(r"^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$")
# A list item, a block quote or an HTML block: a line after it is its lazy
# continuation, and a setext underline cannot follow one (CommonMark).
_NOT_PARAGRAPH_RE = re.compile(r"^ {0,3}(?:>|[-+*](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)|<[A-Za-z/!?])")


def read_plaintext(text: str, path: str, *, markdown: bool) -> Iterator[Message | InputProblem]:
    """Paragraphs as messages.  Each is held back until the next one (or the
    end) is known, so a suppression after the last paragraph can still be
    reported as unused (SUP001) instead of vanishing."""
    last: Message | None = None
    pending: list[Suppression] = []
    for item in _paragraphs(split_lines(text, lone_cr=True), path, markdown, pending):
        if last is not None:
            yield last
        last = item
    if last is not None:
        last.suppressions.extend(DanglingSuppression(s.codes, s.reason, s.line, s.column) for s in pending)
        yield last


def _paragraphs(lines: list[str], path: str, markdown: bool, pending: list[Suppression]) -> Iterator[Message]:
    """The messages of a file; `pending` is left holding the suppressions that precede no paragraph."""
    para: list[tuple[int, str]] = []
    fence: str | None = None  # the opening ``` or ~~~ of the code block we are in
    in_comment = False

    def flush() -> Message | None:
        nonlocal para
        if not para:
            return None
        first_line = para[0][0]
        body = "\n".join(t for _, t in para)
        msg = Message(path=path, id=f"{path}:{first_line}", text=body, line=first_line,
                      line_starts=_starts(para))
        msg.suppressions = list(pending)
        pending.clear()
        para = []
        return msg

    start = _front_matter_end(lines) if markdown else 0
    for n in range(start, len(lines)):
        raw = lines[n]
        lineno = n + 1
        stripped = raw.strip()
        if markdown and (fence is not None or _FENCE_RE.match(raw)):
            fence = _fence(raw, fence)
            if (m := flush()) is not None:
                yield m
            continue
        if markdown and (in_comment or stripped.startswith("<!--") and "-->" not in stripped):
            in_comment = "-->" not in stripped or (not in_comment and stripped.endswith("<!--"))
            _collect_suppression(raw, lineno, pending)
            if (m := flush()) is not None:
                yield m
            continue
        if _COMMENT_LINE_RE.match(raw):
            _collect_suppression(raw, lineno, pending)
            continue
        if markdown and _is_setext_underline(raw, lineno, para):
            para.pop()  # the heading
            if (m := flush()) is not None:
                yield m
            continue
        if markdown and _THEMATIC_BREAK_RE.match(raw):
            if (m := flush()) is not None:
                yield m
            continue
        if not stripped or (markdown and _HEADING_RE.match(raw)):
            if (m := flush()) is not None:
                yield m
            continue
        if markdown and not para and _INDENTED_CODE_RE.match(raw):
            continue  # an indented code block (it cannot interrupt a paragraph)
        para.append((lineno, raw))
    if (m := flush()) is not None:
        yield m


def _is_setext_underline(raw: str, lineno: int, para: list[tuple[int, str]]) -> bool:
    """`===` or `---` right under a line of a plain paragraph (not under a
    list item, a block quote or HTML, where `---` is a thematic break)."""
    return (bool(para) and para[-1][0] == lineno - 1 and _SETEXT_UNDERLINE_RE.match(raw) is not None
            and not any(_NOT_PARAGRAPH_RE.match(text) for _, text in para))


def _fence(raw: str, fence: str | None) -> str | None:
    """The fence we are in after this line: opened, kept, or closed by the same
    character at least as long (CommonMark)."""
    m = _FENCE_RE.match(raw)
    if fence is None:
        return m.group(1) if m else None
    if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence) and not raw.strip()[len(m.group(1)):].strip():
        return None
    return fence


def _collect_suppression(raw: str, lineno: int, pending: list[Suppression]) -> None:
    if SUPPRESSION_RE.search(raw):
        sup = parse_suppression(raw, lineno, raw.find("coach:") + 1)
        if sup is not None:
            pending.append(sup)


def _front_matter_end(lines: list[str]) -> int:
    """The line after a YAML front matter block (--- … --- or ... at the very
    top), or 0.  Its first line must be a `key:` (or a comment): a file that
    opens with a thematic break keeps its paragraphs."""
    if not lines or lines[0].rstrip() != "---":
        return 0
    for k in range(1, len(lines)):
        if lines[k].rstrip() in ("---", "..."):
            first = next((t for t in lines[1:k] if t.strip()), "")
            return k + 1 if not first or _FRONT_MATTER_KEY_RE.match(first) else 0
    return 0


def _starts(para: list[tuple[int, str]]) -> list[tuple[int, int, int]]:
    out = []
    offset = 0
    for lineno, raw in para:
        out.append((offset, lineno, 1))
        offset += len(raw) + 1
    return out
