"""YAML script libraries (contract 3), with the file position of every text line."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from functools import lru_cache, partial
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from guardrails.context import MessageContext
from guardrails.sources.errors import describe_error, describe_validation_error
from guardrails.sources.model import InputProblem, Message, Suppression
from guardrails.sources.suppressions import parse_suppression
from guardrails.sources.yamlpos import YamlProblem, iter_nodes, load_yaml, node_line, scalar_line_starts
from guardrails.templates import check_placeholders

ScriptKind = Literal["upsell", "cross-sell", "objection", "follow-up", "closing"]


class Script(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1)
    kind: ScriptKind
    stage: Literal["choosing", "decided", "checkout", "after_purchase"] | None = None
    channel: Literal["chat", "email", "call"] | None = None
    objection: str | None = None
    context: MessageContext | None = None
    text: str


class ScriptLibrary(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: Literal[1]
    catalog: str | None = None
    scripts: list[Script]


class _LibraryHead(BaseModel):
    """The library without its scripts, which are validated one by one."""

    model_config = ConfigDict(extra="forbid")

    version: Literal[1]
    catalog: str | None = None
    scripts: list[Any]


def read_library(text: str, path: str) -> Iterator[Message | InputProblem]:
    try:
        doc = load_yaml(text)
    except YamlProblem as exc:
        yield InputProblem(path, f"ошибка YAML: {exc.message}", exc.line)
        return
    for line, what in doc.warnings:
        yield InputProblem(path, what, line)
    root, data = doc.node, doc.data
    if not isinstance(data, dict):
        yield InputProblem(path, "ожидается библиотека скриптов: version: 1 и список scripts", 1)
        return
    try:
        head = _LibraryHead.model_validate(data)
    except ValidationError as exc:
        # Report every problem of the head; go on with the scripts when they are a list.
        for err in exc.errors():
            yield InputProblem(path, describe_error(err), node_line(root, err["loc"]))
        if not isinstance(data.get("scripts"), list):
            return
        catalog = data.get("catalog") if isinstance(data.get("catalog"), str) else None
        scripts = data["scripts"]
    else:
        catalog, scripts = head.catalog, head.scripts
    matrix = None
    if catalog:
        from guardrails.sources.catalog import CatalogError, load_matrix

        try:
            matrix = load_matrix(Path(path).parent / catalog)
        except CatalogError as exc:
            yield InputProblem(path, f"catalog: {exc}", node_line(root, ("catalog",)))
        else:
            for problem in matrix.problems:
                yield problem
    seen_ids: dict[str, int] = {}
    comments = _Comments(root, text)
    for i, raw in enumerate(scripts):
        yield from _read_script(raw, i, root, text, path, matrix, seen_ids, comments)


def _read_script(raw: Any, index: int, root: Any, source: str, path: str, matrix: Any,
                 seen_ids: dict[str, int], comments: _Comments) -> Iterator[Message | InputProblem]:
    """One script: its problems, each on its own line, and its message whenever
    its text is usable: an invalid field costs only the checks that need it."""
    item = _script_node(root, index)
    item_line = item.start_mark.line + 1 if item is not None else None
    try:
        script = Script.model_validate(raw)
    except ValidationError as exc:
        errors = exc.errors()
        yield InputProblem(path, describe_validation_error(exc, prefix=f"scripts.{index}"),
                           node_line(root, ("scripts", index, *errors[0]["loc"])))
        script = _salvage(raw, {e["loc"][0] for e in errors if e["loc"]})
        if script is None:
            return
        script_id = script.id or f"{path}:{item_line or 1}"
    else:
        script_id = script.id
    if script.id:
        if script.id in seen_ids:
            yield InputProblem(path, f"scripts.{index}.id: id «{script.id}» уже есть у скрипта в строке {seen_ids[script.id]}",
                               node_line(root, ("scripts", index, "id")))
        else:
            seen_ids[script.id] = item_line or 0
    if not script.text.strip():
        yield InputProblem(path, f"scripts.{index}.text: пустой текст скрипта", node_line(root, ("scripts", index, "text")))
        return
    msg = _message(script, script_id, index, root, source, path, comments)
    if matrix is not None and script.context is not None:
        problem = _apply_matrix(msg, raw, matrix)
        if problem is not None:
            yield InputProblem(path, f"scripts.{index}.{problem}", node_line(root, ("scripts", index, "context")))
    yield msg


def _salvage(raw: Any, bad: set[Any]) -> Script | None:
    """What is left of an invalid script: its text, and the fields that are
    valid on their own (a bad `kind` does not stop the text from being checked)."""
    if not isinstance(raw, dict) or "text" in bad or not isinstance(raw.get("text"), str):
        return None
    fields: dict[str, Any] = {"id": "", "kind": "closing", "text": raw["text"]}
    if "id" not in bad and isinstance(raw.get("id"), str):
        fields["id"] = raw["id"]
    if "stage" not in bad:
        fields["stage"] = raw.get("stage")
    if "context" not in bad and raw.get("context") is not None:
        fields["context"] = MessageContext.model_validate(raw["context"])
    return Script.model_construct(**fields)


def _apply_matrix(msg: Message, raw: Any, matrix: Any) -> str | None:
    """Complete the script's context from the offer matrix, and report offers
    that are not a pair of the matrix for the base (CX010).  A context the
    catalog's values make invalid is returned as a problem (the script is still
    linted without them)."""
    from guardrails.sources.catalog import enrich, matrix_diagnostics

    ctx_raw = msg.context.model_dump(exclude_none=True) if msg.context is not None else {}
    given_offers = (raw.get("context") or {}).get("offers") if isinstance(raw, dict) else None
    if given_offers is not None:
        ctx_raw["offers"] = given_offers  # only the fields the script set: the catalog fills the rest
    ctx, _ = enrich(ctx_raw, matrix)
    try:
        msg.context = MessageContext.model_validate(ctx)
    except ValidationError as exc:
        return describe_validation_error(exc, prefix="context") + " (после дополнения из каталога)"
    msg.extra_diagnostics.extend(matrix_diagnostics(msg.context, matrix, len(msg.text)))
    msg.catalog_checked = True
    return None


def _message(script: Script, script_id: str, index: int, root: Any, source: str, path: str,
             comments: _Comments) -> Message:
    item = _script_node(root, index)
    key, text_node = _text_node(item)
    # mapped back to the file only when a diagnostic asks (see Message.line_starts_fn)
    positions = partial(_positions, text_node, key, source, script.text) if text_node is not None else None
    context = script.context
    if script.stage is not None and (context is None or context.stage is None):
        base = context.model_dump(exclude_none=True) if context is not None else {}
        base["stage"] = script.stage
        context = MessageContext.model_validate(base)
    if text_node is not None:  # a block scalar's text starts on the line after its indicator
        first_line = text_node.start_mark.line + (2 if text_node.style in ("|", ">") else 1)
    else:
        first_line = item.start_mark.line + 1 if item is not None else 1
    msg = Message(path=path, id=script_id, text=script.text, context=context, line=first_line,
                  line_starts_fn=positions)
    if item is not None:
        nxt = _script_node(root, index + 1)
        msg.suppressions = _suppressions(comments, item.start_mark.line, nxt.start_mark.line if nxt is not None else None)
    if "{{" in script.text or "{%" in script.text or "{#" in script.text:
        masked, names, diags = check_placeholders(script.text)
        msg.original_text = msg.text
        msg.text = masked
        msg.placeholder_names = names
        msg.extra_diagnostics.extend(diags)
    return msg


def _text_node(item: Any) -> tuple[Any, Any]:
    """(key, value) of the item's `text`; the last one when it is given twice, as YAML keeps the last."""
    if not isinstance(item, yaml.MappingNode):
        return None, None
    pairs = [(k, v) for k, v in item.value if k.value == "text"]
    return pairs[-1] if pairs else (None, None)


def _positions(node: Any, key: Any, source: str, text: str) -> list[tuple[int, int, int]]:
    """Exact positions when the scalar's source can be replayed, else each line's start."""
    if isinstance(node, yaml.ScalarNode):
        exact = scalar_line_starts(node, key, source, text)
        if exact:
            return exact
    return _line_starts(node, source, text)


def _script_node(root: Any, index: int) -> Any:
    if not isinstance(root, yaml.MappingNode):
        return None
    scripts = next((v for k, v in root.value if k.value == "scripts"), None)
    if isinstance(scripts, yaml.SequenceNode) and index < len(scripts.value):
        return scripts.value[index]
    return None


@lru_cache(maxsize=4)
def _source_lines(source: str) -> list[str]:
    """The file's lines, split once per file, not once per script."""
    return source.splitlines()


def _line_starts(node: Any, source: str, text: str) -> list[tuple[int, int, int]]:
    """(text offset, file line, file column), 1-based, for each line of a scalar's value."""
    start_line = node.start_mark.line  # 0-based
    lines = _source_lines(source)
    if node.style in ("|", ">"):
        out = []
        offset = 0
        file_line = start_line + 1  # content starts on the line after the indicator
        indent = None
        for text_line in text.split("\n"):
            while file_line < len(lines) and not lines[file_line].strip() and text_line:
                file_line += 1
            if file_line >= len(lines):
                break
            raw = lines[file_line]
            if indent is None and raw.strip():
                indent = len(raw) - len(raw.lstrip(" "))
            out.append((offset, file_line + 1, (indent or 0) + 1))
            offset += len(text_line) + 1
            file_line += 1
        return out or [(0, start_line + 2, 1)]
    quote = 1 if node.style in ("'", '"') else 0
    return [(0, start_line + 1, node.start_mark.column + 1 + quote)]


# The line breaks of str.splitlines(), so that offsets match _source_lines.
_SPLITLINES_RE = re.compile("\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_HEADER_END_RE = re.compile("[\r\n\x85\u2028\u2029]")


@lru_cache(maxsize=4)
def _source_line_offsets(source: str) -> list[int]:
    """Where each line of _source_lines(source) starts in `source`."""
    return [0] + [m.end() for m in _SPLITLINES_RE.finditer(source)]


class _Comments:
    """Where a library's comments are.  A `#` inside a scalar (a line of a
    block scalar, a quoted string, a plain value) is text the customer would
    read, not a comment.  The scalars are looked at once per file, and only
    when a line with `coach:` asks."""

    def __init__(self, root: Any, source: str) -> None:
        self.root = root
        self.source = source
        self.lines = _source_lines(source)
        self.any_directive = "coach:" in source
        self._starts: list[int] | None = None
        self._ends: list[int] = []

    def comment_column(self, n: int) -> int:
        """0-based column of the comment on line `n` (0-based), or -1."""
        line = self.lines[n]
        hash_pos = line.find("#")
        while hash_pos >= 0 and self._in_scalar(n, hash_pos):
            hash_pos = line.find("#", hash_pos + 1)
        return hash_pos

    def is_comment_line(self, n: int) -> bool:
        line = self.lines[n]
        return line.lstrip().startswith("#") and self.comment_column(n) == len(line) - len(line.lstrip())

    def _in_scalar(self, n: int, column: int) -> bool:
        if self._starts is None:
            self._build()
        index = _source_line_offsets(self.source)[n] + column
        i = bisect.bisect_right(self._starts, index) - 1  # type: ignore[arg-type]
        return i >= 0 and index < self._ends[i]

    def _build(self) -> None:
        """The spans of the scalars holding a `#`, each node once (aliases share nodes)."""
        scalars = (_scalar_span(node, self.source) for node in iter_nodes(self.root) if isinstance(node, yaml.ScalarNode))
        spans = sorted(span for span in scalars if self.source.find("#", *span) >= 0)
        self._starts = [a for a, _ in spans]
        self._ends = [b for _, b in spans]


def _scalar_span(node: Any, source: str) -> tuple[int, int]:
    """The source indexes of a scalar's text; a block scalar's starts on the
    line after its `|`/`>` header, which may end with a real comment."""
    start, end = node.start_mark.index, node.end_mark.index
    if node.style in ("|", ">"):
        m = _HEADER_END_RE.search(source, start, end)
        start = m.end() if m is not None else end
    return start, end


def _suppressions(comments: _Comments, start: int, next_start: int | None) -> list[Suppression]:
    """Suppression comments for the script item starting at line `start` (0-based):
    the comment block just above it, and its own lines up to the comment block
    that introduces the next item.  A line of a scalar that looks like a comment is text."""
    if not comments.any_directive:
        return []
    lines = comments.lines
    end = len(lines) if next_start is None else next_start
    lo = start
    while lo > 0 and comments.is_comment_line(lo - 1):
        lo -= 1
    hi = end
    if next_start is not None:
        while hi > start + 1 and comments.is_comment_line(hi - 1):
            hi -= 1
    out = []
    for n in range(lo, min(hi, len(lines))):
        line = lines[n]
        if "coach:" not in line:
            continue
        hash_pos = comments.comment_column(n)
        if hash_pos < 0 or "coach:" not in line[hash_pos:]:
            continue
        sup = parse_suppression(line[hash_pos:], n + 1, hash_pos + 1)
        if sup is not None:
            out.append(sup)
    return out
