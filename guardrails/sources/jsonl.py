"""JSONL messages (contract 1): one ``{"id", "text", "context"}`` object a line."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from typing import BinaryIO

from guardrails.sources.model import InputProblem, Message

try:  # orjson parses a corpus line about twice as fast
    from orjson import loads as _loads
except ImportError:  # pragma: no cover - orjson is a dependency
    _loads = json.loads

_TEXT_VALUE_RE = re.compile(r'"text"\s*:\s*"')


def read_jsonl(text: str, path: str, *, line_offset: int = 0) -> Iterator[Message | InputProblem]:
    for lineno, raw in enumerate(text.splitlines(), start=1 + line_offset):
        item = parse_line(raw, path, lineno)
        if item is not None:
            yield item


def read_jsonl_file(fh: BinaryIO, path: str) -> Iterator[Message | InputProblem]:
    """Stream a JSONL file line by line: memory does not grow with the file.
    A line that is not UTF-8 is read as cp1251 and reported once."""
    warned = False
    for lineno, data in enumerate(fh, start=1):
        if lineno == 1 and data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
        try:
            raw = data.decode("utf-8")
        except UnicodeDecodeError:
            raw = data.decode("cp1251", errors="replace")
            if not warned:
                warned = True
                yield InputProblem(path, "файл не в UTF-8 (похоже на cp1251); перекодируйте: "
                                         "iconv -f cp1251 -t utf-8 (содержимое проверено как cp1251)", lineno)
        item = parse_line(raw.rstrip("\r\n"), path, lineno)
        if item is not None:
            yield item


def parse_line(raw: str, path: str, lineno: int) -> Message | InputProblem | None:
    if not raw.strip():
        return None
    try:
        obj = _loads(raw)
    except ValueError:
        try:  # the standard library's message names the column
            json.loads(raw)
        except json.JSONDecodeError as exc:
            return InputProblem(path, f"некорректный JSON: {exc.msg} (столбец {exc.colno})", lineno)
        obj = json.loads(raw)
    if not isinstance(obj, dict):
        return InputProblem(path, "ожидается JSON-объект с полем text", lineno)
    msg_text = obj.get("text")
    if not isinstance(msg_text, str):
        return InputProblem(path, "нет поля text (строка с сообщением)", lineno)
    ctx_raw = obj.get("context")
    context = None
    if ctx_raw is not None:
        if not isinstance(ctx_raw, dict):
            return InputProblem(path, "context: ожидается объект", lineno)
        from pydantic import ValidationError

        from guardrails.context import MessageContext
        from guardrails.sources.errors import describe_validation_error

        try:
            context = MessageContext.model_validate(ctx_raw)
        except ValidationError as exc:
            return InputProblem(path, describe_validation_error(exc, prefix="context"), lineno)
    msg_id = obj.get("id")
    return Message(
        path=path,
        id=str(msg_id) if msg_id is not None else f"{path}:{lineno}",
        text=msg_text,
        context=context,
        line=lineno,
        column=1,
        offset_map=_JsonOffsets(raw, msg_text),
    )


class _JsonOffsets:
    """Maps an offset in the decoded text to a column offset in the raw JSON line."""

    __slots__ = ("raw", "text", "_map")

    def __init__(self, raw: str, text: str) -> None:
        self.raw = raw
        self.text = text
        self._map: Sequence[int] | None = None

    def __call__(self, offset: int) -> int:
        if self._map is None:
            self._map = self._build()
        if not self._map:
            return 0
        return self._map[min(offset, len(self._map) - 1)]

    def _build(self) -> Sequence[int]:
        m = _TEXT_VALUE_RE.search(self.raw)
        if m is None:
            return []
        start = m.end()
        if self.raw.startswith(self.text, start):  # no escapes: a plain shift
            return range(start, start + len(self.text) + 1)  # type: ignore[return-value]
        out: list[int] = []
        i = m.end()
        raw = self.raw
        while i < len(raw) and raw[i] != '"' and len(out) <= len(self.text):
            out.append(i)
            if raw[i] == "\\":
                i += 6 if raw[i + 1:i + 2] == "u" else 2
            else:
                i += 1
        out.append(i)
        return out
