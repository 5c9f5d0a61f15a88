"""JSONL messages (contract 1): one ``{"id", "text", "context"}`` object a line."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator, Sequence
from typing import Any, BinaryIO

from guardrails.sources.decoding import decode_line, split_lines
from guardrails.sources.model import InputProblem, Message

try:  # orjson parses a corpus line about twice as fast
    from orjson import loads as _loads
except ImportError:  # pragma: no cover - orjson is a dependency
    _loads = json.loads

# The standard library's messages (json/decoder.py and its C scanner), in Russian.
_JSON_ERRORS = {
    "Expecting value": "ожидается значение",
    "Expecting ',' delimiter": "ожидается запятая",
    "Expecting ':' delimiter": "ожидается двоеточие",
    "Expecting property name enclosed in double quotes": "ожидается имя ключа в двойных кавычках",
    "Unterminated string starting at": "строка не закрыта кавычкой",
    "Invalid control character at": "управляющий символ внутри строки (экранируйте его: \\n, \\t)",
    "Invalid \\escape": "недопустимая escape-последовательность",
    "Invalid \\uXXXX escape": "недопустимая escape-последовательность \\uXXXX",
    "Extra data": "лишние символы после JSON-объекта",
    "Illegal trailing comma before end of object": "лишняя запятая перед }",
    "Illegal trailing comma before end of array": "лишняя запятая перед ]",
}
_TYPE_NAMES = {bool: "логическим значением", int: "числом", float: "числом", list: "списком", dict: "объектом"}


_TEXT_VALUE_RE = re.compile(r'"text"\s*:\s*"')
# A key written with escapes that may decode to "text" ("t\\u0065xt"): only such a key
# can hide the top-level text from a plain search for `"text"`.
_ESCAPED_KEY_RE = re.compile(r'"[0-9a-fA-Ftux\\]*\\u[0-9a-fA-Ftux\\]*"')
_SURROGATE_ESC_RE = re.compile(r"(\\+)u([dD][89a-fA-F][0-9a-fA-F]{2})")


class _NotJson(ValueError):
    """A value Python's json accepts but JSON does not (NaN, Infinity, 1e400)."""


def read_jsonl(text: str, path: str, *, line_offset: int = 0) -> Iterator[Message | InputProblem]:
    """Lines are split on \\n (and \\r\\n, \\r) only: U+2028 and friends are valid inside JSON strings."""
    for lineno, raw in enumerate(split_lines(text), start=1 + line_offset):
        yield from parse_line(raw, path, lineno)


def read_jsonl_file(fh: BinaryIO, path: str) -> Iterator[Message | InputProblem]:
    """Stream a JSONL file line by line: memory does not grow with the file.
    A line that is not UTF-8 is read as cp1251 (or as UTF-8 with the bad bytes
    replaced, when it mostly is UTF-8) and reported; a line of binary junk is
    reported and skipped."""
    warned = False
    for lineno, data in enumerate(fh, start=1):
        if lineno == 1 and data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
        try:
            raw = data.decode("utf-8")
        except UnicodeDecodeError:
            raw, problem = decode_line(data, path, lineno, warn_cp1251=not warned)
            if problem is not None:
                warned = warned or "cp1251" in problem.message
                yield problem
        if "\x00" in raw:
            yield InputProblem(path, "строка содержит нулевые байты (двоичные данные) — пропущена", lineno)
            continue
        yield from parse_line(raw.rstrip("\r\n"), path, lineno)


def _finite_float(s: str) -> float:
    value = float(s)
    if math.isinf(value):
        raise _NotJson(f"число {s} слишком велико")
    return value


def _reject_constant(s: str) -> Any:
    raise _NotJson(f"{s} не допускается в JSON — укажите число")


def _load(raw: str) -> tuple[Any, str | None, bool]:
    """(object, None, repaired) or (None, why the line is not JSON in Russian, False).
    `repaired`: lone surrogates were replaced by U+FFFD."""
    try:
        return _loads(raw), None, False
    except ValueError:
        pass
    # orjson said no; the standard library names the problem and its column.
    # What it accepts and orjson refuses: lone surrogates (repaired here, as they
    # cannot be written out), integers beyond 64 bits; NaN, Infinity and 1e400 are refused.
    fixed = _replace_lone_surrogates(raw) if "\\u" in raw else raw
    try:
        obj = json.loads(fixed, parse_float=_finite_float, parse_constant=_reject_constant)
    except _NotJson as exc:
        return None, f"некорректный JSON: {exc}", False
    except json.JSONDecodeError as exc:
        what = _JSON_ERRORS.get(exc.msg, exc.msg)
        return None, f"некорректный JSON: {what} (столбец {exc.colno})", False
    except RecursionError:
        return None, "некорректный JSON: слишком глубокая вложенность скобок", False
    return obj, None, fixed != raw


def _replace_lone_surrogates(raw: str) -> str:
    """Replace each \\uD800–\\uDFFF escape that is not half of a pair by \\uFFFD
    (same length, so columns stay right): such a string cannot be written out."""
    lone: list[int] = []
    high_end = -1  # where the last unpaired high-surrogate escape ends
    high_start = -1
    for m in _SURROGATE_ESC_RE.finditer(raw):
        if len(m.group(1)) % 2 == 0:
            continue  # an escaped backslash followed by the letters "ud800"
        start = m.end(1) - 1
        is_high = int(m.group(2), 16) < 0xDC00
        if high_end >= 0 and not (not is_high and start == high_end):
            lone.append(high_start)
        if is_high:
            high_start, high_end = start, m.end()
        else:
            if start != high_end:
                lone.append(start)
            high_start = high_end = -1
    if high_end >= 0:
        lone.append(high_start)
    out = list(raw)
    for start in lone:
        out[start:start + 6] = "\\ufffd"
    return "".join(out)


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    return _TYPE_NAMES.get(type(value), type(value).__name__)


def parse_line(raw: str, path: str, lineno: int) -> Iterator[Message | InputProblem]:
    """The message of one line, or the problem that stops it; a problem and the
    message when the line was readable only after a repair the user must know of."""
    if not raw.strip():
        return
    obj, error, repaired = _load(raw)
    if error is not None:
        yield InputProblem(path, error, lineno)
        return
    if not isinstance(obj, dict):
        yield InputProblem(path, f"ожидается JSON-объект с полем text, а не {_json_kind(obj)}", lineno)
        return
    if repaired:
        yield InputProblem(path, "одиночный суррогат (\\uD800–\\uDFFF без пары) — не символ Unicode; "
                                 "заменён на «\ufffd», сообщение проверено", lineno)
    if "text" not in obj:
        yield InputProblem(path, "нет поля text (строка с сообщением)", lineno)
        return
    msg_text = obj["text"]
    if not isinstance(msg_text, str):
        yield InputProblem(path, f"поле text должно быть строкой, а не {_type_name(msg_text)}", lineno)
        return
    context, problem = _context(obj.get("context"), path, lineno)
    if problem is not None:
        yield problem
        return
    msg_id = obj.get("id")
    if msg_id is not None and (isinstance(msg_id, bool) or not isinstance(msg_id, (str, int, float))):
        yield InputProblem(path, f"поле id должно быть строкой или числом, а не {_type_name(msg_id)} "
                                 "(сообщение проверено под именем файл:строка)", lineno)
        msg_id = None
    yield Message(
        path=path,
        id=str(msg_id) if msg_id is not None else f"{path}:{lineno}",
        text=msg_text,
        context=context,
        line=lineno,
        column=1,
        offset_map=_JsonOffsets(raw, msg_text),
    )


def _json_kind(obj: Any) -> str:
    if isinstance(obj, list):
        return "массив"
    if isinstance(obj, str):
        return "строка"
    return "null" if obj is None else "число" if not isinstance(obj, bool) else "true/false"


def _context(ctx_raw: Any, path: str, lineno: int) -> tuple[Any, InputProblem | None]:
    if ctx_raw is None:
        return None, None
    if not isinstance(ctx_raw, dict):
        return None, InputProblem(path, "context: ожидается объект", lineno)
    from pydantic import ValidationError

    from guardrails.context import MessageContext
    from guardrails.sources.errors import describe_validation_error

    try:
        return MessageContext.model_validate(ctx_raw), None
    except ValidationError as exc:
        return None, InputProblem(path, describe_validation_error(exc, prefix="context"), lineno)


def _top_level_text(raw: str) -> int | None:
    """Index just after the opening quote of the top-level "text" value (the
    last one, as JSON parsers keep the last duplicate), or None.  A small
    scanner: a "text" key inside a nested object or inside a string does not count.
    A line with one `"text"` (almost every line) needs no scan: a quote inside a
    string is escaped, so that one is the key.  A key written with escapes
    ("t\\u0065xt") is compared decoded."""
    if raw.count('"text"') == 1 and _ESCAPED_KEY_RE.search(raw) is None:
        m = _TEXT_VALUE_RE.search(raw)
        return m.end() if m is not None else None
    found = None
    depth = 0
    i, n = 0, len(raw)
    while i < n:
        ch = raw[i]
        if ch == '"':
            j = i + 1
            while j < n and raw[j] != '"':
                j += 2 if raw[j] == "\\" else 1
            k = j + 1
            if depth == 1 and _is_text_key(raw[i + 1:j]):
                while k < n and raw[k] in " \t":
                    k += 1
                if k < n and raw[k] == ":":
                    k += 1
                    while k < n and raw[k] in " \t":
                        k += 1
                    if k < n and raw[k] == '"':
                        found = k + 1
            i = j + 1
            continue
        if ch in "{[":
            depth += 1
        elif ch in "}]":
            depth -= 1
        i += 1
    return found


def _is_text_key(key: str) -> bool:
    """Whether a raw JSON string (without its quotes) decodes to "text"."""
    if "\\" not in key:
        return key == "text"
    if len(key) > 24:  # "text" with every character escaped is 24 characters
        return False
    try:
        return json.loads(f'"{key}"') == "text"
    except ValueError:
        return False


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
        start = _top_level_text(self.raw)
        if start is None:
            return []
        if self.raw.startswith(self.text, start) and self.raw[start + len(self.text):start + len(self.text) + 1] == '"':
            return range(start, start + len(self.text) + 1)  # no escapes: a plain shift
        out: list[int] = []
        i = start
        raw = self.raw
        while i < len(raw) and raw[i] != '"' and len(out) <= len(self.text):
            out.append(i)
            if raw[i] != "\\":
                i += 1
            elif raw[i + 1:i + 2] != "u":
                i += 2
            elif _is_pair(raw, i):  # \uD83D\uDE00 is one character of the text
                i += 12
            else:
                i += 6
        out.append(i)
        return out


def _is_pair(raw: str, i: int) -> bool:
    """A high-surrogate escape at `i` followed by a low-surrogate escape."""
    try:
        hi = int(raw[i + 2:i + 6], 16)
        lo = int(raw[i + 8:i + 12], 16) if raw[i + 6:i + 8] == "\\u" else -1
    except ValueError:
        return False
    return 0xD800 <= hi < 0xDC00 and 0xDC00 <= lo < 0xE000
