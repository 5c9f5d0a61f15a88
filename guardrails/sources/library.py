"""YAML script libraries (contract 3), with the file position of every text line."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from guardrails.context import MessageContext
from guardrails.sources.errors import describe_validation_error
from guardrails.sources.model import InputProblem, Message, Suppression
from guardrails.sources.suppressions import parse_suppression
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


def looks_like_library(text: str) -> bool:
    return any(line.startswith("scripts:") for line in text.splitlines())


def read_library(text: str, path: str) -> Iterator[Message | InputProblem]:
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        yield InputProblem(path, f"ошибка YAML: {problem}", line)
        return
    if not isinstance(data, dict):
        yield InputProblem(path, "ожидается библиотека скриптов: version: 1 и список scripts", 1)
        return
    try:
        lib = ScriptLibrary.model_validate(data)
    except ValidationError as exc:
        loc = exc.errors()[0]["loc"]
        yield InputProblem(path, describe_validation_error(exc), _node_line(root, loc))
        # Lint what can be read: every script that validates on its own.
        scripts = data.get("scripts") if isinstance(data.get("scripts"), list) else []
        for i, raw in enumerate(scripts):
            try:
                script = Script.model_validate(raw)
            except ValidationError:
                continue
            yield _message(script, i, root, text, path)
        return
    matrix = None
    if lib.catalog:
        from guardrails.sources.catalog import CatalogError, load_matrix

        try:
            matrix = load_matrix(Path(path).parent / lib.catalog)
        except CatalogError as exc:
            yield InputProblem(path, f"catalog: {exc}", _node_line(root, ("catalog",)))
    for i, script in enumerate(lib.scripts):
        msg = _message(script, i, root, text, path)
        if matrix is not None and script.context is not None:
            _apply_matrix(msg, script, matrix)
        yield msg


def _apply_matrix(msg: Message, script: Script, matrix: Any) -> None:
    """Complete the script's context from the offer matrix, and report offers
    that are not a pair of the matrix for the base (CX010)."""
    from guardrails.sources.catalog import enrich, matrix_diagnostics

    raw = msg.context.model_dump(exclude_none=True) if msg.context is not None else {}
    given_offers = (script.model_dump(exclude_unset=True).get("context") or {}).get("offers")
    if given_offers is not None:
        raw["offers"] = given_offers  # only the fields the script set: the catalog fills the rest
    ctx, _ = enrich(raw, matrix)
    msg.context = MessageContext.model_validate(ctx)
    msg.extra_diagnostics.extend(matrix_diagnostics(msg.context, matrix, len(msg.text)))
    msg.catalog_checked = True


def _node_line(root: Any, loc: tuple[Any, ...]) -> int | None:
    node = root
    line = node.start_mark.line + 1 if node is not None else None
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            nxt = next((v for k, v in node.value if k.value == key), None)
            if nxt is None:
                nxt = next((k for k, _ in node.value if k.value == key), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            nxt = node.value[key]
        else:
            nxt = None
        if nxt is None:
            break
        node = nxt
        line = node.start_mark.line + 1
    return line


def _message(script: Script, index: int, root: Any, source: str, path: str) -> Message:
    item = _script_node(root, index)
    text_node = next((v for k, v in item.value if k.value == "text"), None) if item is not None else None
    line_starts = _line_starts(text_node, source, script.text) if text_node is not None else None
    context = script.context
    if script.stage is not None and (context is None or context.stage is None):
        base = context.model_dump(exclude_none=True) if context is not None else {}
        base["stage"] = script.stage
        context = MessageContext.model_validate(base)
    first_line = line_starts[0][1] if line_starts else (item.start_mark.line + 1 if item is not None else 1)
    msg = Message(path=path, id=script.id, text=script.text, context=context, line=first_line,
                  line_starts=line_starts)
    if item is not None:
        nxt = _script_node(root, index + 1)
        msg.suppressions = _suppressions(source, item.start_mark.line, nxt.start_mark.line if nxt is not None else None)
    if "{{" in script.text or "{%" in script.text or "{#" in script.text:
        masked, names, diags = check_placeholders(script.text)
        msg.original_text = msg.text
        msg.text = masked
        msg.placeholder_names = names
        msg.extra_diagnostics.extend(diags)
    return msg


def _script_node(root: Any, index: int) -> Any:
    if not isinstance(root, yaml.MappingNode):
        return None
    scripts = next((v for k, v in root.value if k.value == "scripts"), None)
    if isinstance(scripts, yaml.SequenceNode) and index < len(scripts.value):
        return scripts.value[index]
    return None


def _line_starts(node: Any, source: str, text: str) -> list[tuple[int, int, int]]:
    """(text offset, file line, file column), 1-based, for each line of a scalar's value."""
    start_line = node.start_mark.line  # 0-based
    lines = source.splitlines()
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


def _suppressions(source: str, start: int, next_start: int | None) -> list[Suppression]:
    """Suppression comments for the script item starting at line `start` (0-based):
    the comment block just above it, and its own lines up to the comment block
    that introduces the next item."""
    lines = source.splitlines()
    end = len(lines) if next_start is None else next_start

    def is_comment(n: int) -> bool:
        return lines[n].lstrip().startswith("#")

    lo = start
    while lo > 0 and is_comment(lo - 1):
        lo -= 1
    hi = end
    if next_start is not None:
        while hi > start + 1 and is_comment(hi - 1):
            hi -= 1
    out = []
    for n in range(lo, min(hi, len(lines))):
        line = lines[n]
        hash_pos = line.find("#")
        if hash_pos < 0 or "coach:" not in line[hash_pos:]:
            continue
        sup = parse_suppression(line[hash_pos:], n + 1, hash_pos + 1)
        if sup is not None:
            out.append(sup)
    return out
