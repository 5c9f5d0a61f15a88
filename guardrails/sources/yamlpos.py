"""Loading YAML with readable Russian errors, and mapping a loaded scalar back
to its characters in the source (folded, plain multi-line, quoted with escapes,
block scalars with an indentation indicator).

The map replays what PyYAML's scanner does to the characters between the
node's start and end marks; it is used only when the replay gives exactly the
loaded value, so a case it gets wrong falls back to the scalar's first line.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter
from typing import Any

import yaml

from guardrails.sources.decoding import fix_surrogates

__all__ = ["YamlProblem", "YamlDocument", "iter_nodes", "load_yaml", "node_line", "scalar_line_starts"]


class YamlProblem(Exception):
    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass
class YamlDocument:
    node: Any
    data: Any
    warnings: list[tuple[int, str]] = field(default_factory=list)
    """(line, message): duplicate keys, repaired characters."""


class _Repairing:
    """Repairs lone surrogates ("\\uD800") in scalars and remembers where."""

    repaired: list[int]

    def construct_scalar(self, node: Any) -> Any:
        value = super().construct_scalar(node)  # type: ignore[misc]
        if isinstance(value, str):
            value, lone = fix_surrogates(value)
            if lone:
                self.repaired.append(node.start_mark.line + 1)
        return value


class _Loader(_Repairing, yaml.SafeLoader):
    """PyYAML's pure-Python SafeLoader: slow, but it raises RecursionError on any nesting."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.repaired = []


_CLoader: Any = None
if getattr(yaml, "__with_libyaml__", False):
    class _CLoader(_Repairing, yaml.CSafeLoader):  # type: ignore[no-redef]
        """libyaml's SafeLoader: 12x faster on a large library (marks count characters too),
        but its composer recurses in C: deep flow nesting would crash the process."""

        def __init__(self, stream: str) -> None:
            super().__init__(stream)
            self.repaired = []
            self.line = 0

_SAFE_C_DEPTH = 100
_BRACKETS_RE = re.compile(r"[\[\]{}]")


def _flow_depth_at_most(text: str, limit: int) -> bool:
    """Whether brackets never nest deeper than `limit` (counting brackets inside quotes too:
    an overestimate only sends the text to the pure-Python loader)."""
    if text.count("[") + text.count("{") <= limit:
        return True
    depth = 0
    for m in _BRACKETS_RE.finditer(text):
        depth += 1 if m.group() in "[{" else -1
        if depth > limit:
            return False
    return True


# PyYAML's common problems, in Russian (matched by their start).
_YAML_PROBLEMS = (
    ("found character '\\t' that cannot start any token", "табуляция там, где YAML ждёт отступ или значение — используйте пробелы"),
    ("found a tab character", "табуляция в отступе — используйте пробелы"),
    ("found character", "символ, с которого не может начинаться значение (возьмите значение в кавычки)"),
    ("but found another document", "в файле несколько документов (---): библиотека должна быть одним документом"),
    ("expected a single document", "в файле несколько документов (---): библиотека должна быть одним документом"),
    ("mapping values are not allowed here", "двоеточие здесь недопустимо (значение с «: » возьмите в кавычки)"),
    ("could not find expected ':'", "не найдено двоеточие после ключа"),
    ("found unexpected end of stream", "файл оборвался: не закрыта кавычка или скобка"),
    ("did not find expected key", "ожидается ключ (проверьте отступы)"),
    ("did not find expected '-' indicator", "ожидается элемент списка «-» (проверьте отступы)"),
    ("did not find expected node content", "ожидается значение"),
    ("did not find expected comment or line break", "после значения ожидается конец строки или комментарий"),
    ("expected ',' or ']'", "ожидается «,» или «]»"),
    ("expected ',' or '}'", "ожидается «,» или «}»"),
    ("expected a comment or a line break", "после значения ожидается конец строки или комментарий"),
    ("expected <block end>", "нарушены отступы: ожидается конец блока"),
    ("expected <document start>", "ожидается начало документа"),
    ("found undefined alias", "ссылка * на неизвестный якорь &"),
    ("found duplicate anchor", "якорь & объявлен повторно"),
    ("found unknown escape character", "неизвестная escape-последовательность в строке в двойных кавычках"),
    ("expected escape sequence", "некорректная escape-последовательность \\x, \\u или \\U"),
    ("expected alphabetic or numeric character", "после & или * ожидается имя якоря"),
    ("expected chomping or indentation indicators", "после | или > ожидается +, - или цифра отступа"),
    ("expected indentation indicator in the range 1-9", "цифра отступа после | или > должна быть от 1 до 9"),
    ("found unexpected ':'", "неожиданное двоеточие (значение с «:» возьмите в кавычки)"),
    ("could not determine a constructor for the tag", "неизвестный тег YAML (!…)"),
    ("found unhashable key", "ключ не может быть списком или словарём"),
    ("unacceptable character", "недопустимый управляющий символ"),
)


def describe_yaml_problem(problem: str) -> str:
    for prefix, russian in _YAML_PROBLEMS:
        if problem.startswith(prefix) or prefix in problem:
            return russian
    return problem


def load_yaml(text: str, *, fast: bool = True) -> YamlDocument:
    """Compose and construct one document; YamlProblem (in Russian, with a line) when it cannot.

    libyaml does the work when it is safe to; a document it rejects is read again by
    the pure-Python loader, whose messages the Russian descriptions are written for."""
    if fast and _CLoader is not None and _flow_depth_at_most(text, _SAFE_C_DEPTH):
        try:
            return _load(text, _CLoader(text))
        except YamlProblem:
            pass
    return _load(text, _Loader(text))


def _load(text: str, loader: Any) -> YamlDocument:
    try:
        node = loader.get_single_node()
        duplicates = _duplicate_keys(node)  # before construction merges the `<<` keys into the mapping
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = describe_yaml_problem(exc.problem or exc.context or "")
        raise YamlProblem(what, mark.line + 1 if mark is not None else None) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(describe_yaml_problem(str(exc).splitlines()[0]), None) from None
    except RecursionError:
        raise YamlProblem("слишком глубокая вложенность скобок или отступов", loader.line + 1) from None
    except (ValueError, OverflowError) as exc:  # e.g. a date 2026-02-30
        raise YamlProblem(f"значение не читается: {_value_error(exc)}", loader.line + 1) from None
    finally:
        loader.dispose()
    doc = YamlDocument(node, data)
    doc.warnings.extend(duplicates)
    doc.warnings.extend((line, "одиночный суррогат (\\uD800–\\uDFFF без пары) — не символ Unicode; "
                               "заменён на «\ufffd»") for line in loader.repaired)
    return doc


def _value_error(exc: Exception) -> str:
    text = str(exc)
    if "out of range" in text:
        return "несуществующая дата"
    return text


_MERGE_TAG = "tag:yaml.org,2002:merge"


def _duplicate_keys(root: Any) -> list[tuple[int, str]]:
    """A key given twice in one mapping: YAML keeps the last value silently.
    Runs on the composed nodes: a key that overrides one brought by `<<: *anchor`
    is normal YAML, and the constructor would have merged those keys in.
    Each node is visited once (:func:`iter_nodes`)."""
    out = [dup for node in iter_nodes(root) if isinstance(node, yaml.MappingNode) for dup in _mapping_duplicates(node)]
    out.sort()
    return out


def node_line(root: Any, loc: tuple[Any, ...]) -> int | None:
    """1-based line of the node at `loc` (mapping keys and sequence indexes) under
    `root`: the last value of a repeated key, as YAML keeps it; where the path
    stops early, the line of the deepest node it reached; None without a root."""
    if root is None:
        return None
    node = root
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            nxt = next((v for k, v in reversed(node.value) if k.value == key), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            nxt = node.value[key]
        else:
            nxt = None
        if nxt is None:
            break
        node = nxt
    return node.start_mark.line + 1


def iter_nodes(root: Any) -> Iterator[Any]:
    """Every node under `root` (mapping keys too), each once: aliases share nodes,
    and a "billion laughs" file would otherwise take exponential time."""
    stack = [root] if root is not None else []
    visited: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in visited:
            continue
        visited.add(id(node))
        yield node
        if isinstance(node, yaml.MappingNode):
            stack.extend(x for pair in node.value for x in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)


def _mapping_duplicates(node: Any) -> list[tuple[int, str]]:
    """The keys of one mapping given again (the merge key `<<` may repeat)."""
    out = []
    seen: dict[tuple[str, str], int] = {}
    for key, _ in node.value:
        if not isinstance(key, yaml.ScalarNode) or key.tag == _MERGE_TAG:
            continue
        line = key.start_mark.line + 1
        first = seen.get((key.tag, key.value))
        if first is not None:
            out.append((line, f"ключ «{key.value}» повторяется (первый — в строке {first}); "
                              "используется последнее значение"))
        seen[(key.tag, key.value)] = line
    return out


# --- positions -------------------------------------------------------------

_BREAK_RE = re.compile(r"\r\n|\r|\n")
_LINE_END_RE = re.compile(r"[\r\n]")
_HEADER_RE = re.compile(r"[|>]([+-]?)([1-9]?)([+-]?)")
_SURROGATE_RE = re.compile("[\ud800-\udfff]")
_FIRST = itemgetter(0)
_ESCAPES = {"0": "\0", "a": "\x07", "b": "\x08", "t": "\t", "\t": "\t", "n": "\n", "v": "\x0b", "f": "\x0c",
            "r": "\r", "e": "\x1b", " ": " ", '"': '"', "\\": "\\", "/": "/", "N": "\x85", "_": "\xa0",
            "L": "\u2028", "P": "\u2029"}
_CODE_LENGTHS = {"x": 2, "u": 4, "U": 8}
Chars = list[tuple[str, int]]
"""The loaded value, character by character, with the source index each came from."""


@lru_cache(maxsize=4)
def line_offsets(source: str) -> list[int]:
    """Where each line of `source` starts.  Cached: every script of a library asks
    about the same file (a str caches its hash, so the lookup costs nothing),
    and finding them again per script made a 5,000-script library quadratic."""
    return [0] + [m.end() for m in _BREAK_RE.finditer(source)]


def scalar_line_starts(node: Any, key: Any, source: str, value: str) -> list[tuple[int, int, int]] | None:
    """(text offset, file line, file column) at each place where the value stops
    following the source contiguously; None when the replay does not match."""
    try:
        chars = _block(node, key, source) if node.style in ("|", ">") else _flow(node, source)
    except (IndexError, ValueError):
        chars = None
    if chars is None:
        return None
    replay = "".join(map(_FIRST, chars))
    if _SURROGATE_RE.search(replay) is not None:
        chars = _join_surrogates(chars)
        replay = "".join(map(_FIRST, chars))
    if replay != value and not (node.style in ("|", ">") and replay.rstrip("\n") == value.rstrip("\n")):
        return None
    if not chars:
        return None
    starts = line_offsets(source)
    out: list[tuple[int, int, int]] = []
    prev_src = -2
    last = len(chars) - 1
    for offset in range(len(value)):
        src = chars[offset][1] if offset <= last else chars[last][1] + 1
        # a new entry where the source jumps, or right after a line break in it
        if src != prev_src + 1 or source[prev_src] in "\r\n":
            line = bisect.bisect_right(starts, src)
            out.append((offset, line, src - starts[line - 1] + 1))
        prev_src = src
    return out


def _join_surrogates(chars: Chars) -> Chars:
    if not any("\ud800" <= c <= "\udfff" for c, _ in chars):
        return chars
    out: Chars = []
    i = 0
    while i < len(chars):
        c, src = chars[i]
        if "\ud800" <= c < "\udc00" and i + 1 < len(chars) and "\udc00" <= chars[i + 1][0] <= "\udfff":
            out.append((fix_surrogates(c + chars[i + 1][0])[0], src))
            i += 2
            continue
        out.append(("\ufffd" if "\ud800" <= c <= "\udfff" else c, src))
        i += 1
    return out


def _skip_break(source: str, i: int) -> int:
    return i + 2 if source.startswith("\r\n", i) else i + 1


def _flow(node: Any, source: str) -> Chars | None:
    """Plain, single- and double-quoted scalars: escapes, '' and line folding."""
    style = node.style or ""
    quoted = 1 if style in ("'", '"') else 0
    i, stop = node.start_mark.index + quoted, node.end_mark.index - quoted
    out: Chars = []
    while i < stop:
        ch = source[i]
        if ch in " \t":
            j = i
            while j < stop and source[j] in " \t":
                j += 1
            if j < stop and source[j] in "\r\n":
                i = _fold(source, j, stop, out)
            else:
                out.extend((source[k], k) for k in range(i, j))
                i = j
        elif ch in "\r\n":
            i = _fold(source, i, stop, out)
        elif style == "'" and ch == "'":
            out.append(("'", i))
            i += 2
        elif style == '"' and ch == "\\":
            i = _escape(source, i, stop, out)
            if i < 0:
                return None
        else:
            out.append((ch, i))
            i += 1
    return out


def _fold(source: str, i: int, stop: int, out: Chars) -> int:
    """A line break inside a flow scalar: one space, or a \\n per empty line after it."""
    first = i
    i = _skip_break(source, i)
    breaks = _empty_lines(source, i, stop)
    i = breaks.pop()[1]
    if breaks:
        out.extend(breaks)
    else:
        out.append((" ", first))
    return i


def _empty_lines(source: str, i: int, stop: int) -> Chars:
    """A "\\n" for each empty line from `i`, then a sentinel ("", index of the next content)."""
    out: Chars = []
    while True:
        j = i
        while j < stop and source[j] in " \t":
            j += 1
        if j < stop and source[j] in "\r\n":
            out.append(("\n", j))
            i = _skip_break(source, j)
        else:
            out.append(("", j))
            return out


def _escape(source: str, i: int, stop: int, out: Chars) -> int:
    c = source[i + 1]
    if c in _ESCAPES:
        out.append((_ESCAPES[c], i))
        return i + 2
    if c in _CODE_LENGTHS:
        n = _CODE_LENGTHS[c]
        out.append((chr(int(source[i + 2:i + 2 + n], 16)), i))
        return i + 2 + n
    if c in "\r\n":  # an escaped line break joins the lines without a space
        breaks = _empty_lines(source, _skip_break(source, i + 1), stop)
        end = breaks.pop()[1]
        out.extend(breaks)
        return end
    return -1


def _block(node: Any, key: Any, source: str) -> Chars | None:
    """Literal | and folded > scalars, as PyYAML's scan_block_scalar reads them."""
    start = node.start_mark.index
    header = _HEADER_RE.match(source, start)  # not source[start:]: that copies the rest of the file per script
    if header is None:
        return None
    increment = int(header.group(2)) if header.group(2) else None
    folded = node.style == ">"
    nl = _BREAK_RE.search(source, start)
    if nl is None:
        return []
    pos, n = nl.end(), len(source)
    min_indent = max(key.start_mark.column + 1, 1) if key is not None else 1
    breaks: Chars = []
    if increment is None:
        col = max_indent = 0
        while pos < n and source[pos] in " \r\n":
            if source[pos] == " ":
                pos += 1
                col += 1
                max_indent = max(max_indent, col)
            else:
                breaks.append(("\n", pos))
                pos = _skip_break(source, pos)
                col = 0
        indent = max(min_indent, max_indent)
        if col > indent:  # cannot happen in valid YAML; be safe
            return None
        breaks, pos, col = _block_breaks(source, pos - col, indent, breaks)
    else:
        indent = min_indent + increment - 1
        breaks, pos, col = _block_breaks(source, pos, indent, [])
    out: Chars = []
    while col == indent and pos < n:
        out.extend(breaks)
        leading_non_space = source[pos] not in " \t"
        end = _LINE_END_RE.search(source, pos)  # not a loop per character: a library has thousands of scripts
        j = end.start() if end is not None else n
        out.extend(zip(source[pos:j], range(pos, j)))
        if j >= n:
            break
        breaks, pos, col = _block_breaks(source, _skip_break(source, j), indent, [])
        if col == indent and pos < n:
            if folded and leading_non_space and source[pos] not in " \t":
                if not breaks:
                    out.append((" ", j))
            else:
                out.append(("\n", j))
        else:
            break
    return out


def _block_breaks(source: str, pos: int, indent: int, breaks: Chars) -> tuple[Chars, int, int]:
    """Skip the indentation of the lines from `pos` (a line start); a "\\n" for each empty one."""
    n = len(source)
    col = 0
    while col < indent and pos < n and source[pos] == " ":
        pos += 1
        col += 1
    while pos < n and source[pos] in "\r\n":
        breaks.append(("\n", pos))
        pos = _skip_break(source, pos)
        col = 0
        while col < indent and pos < n and source[pos] == " ":
            pos += 1
            col += 1
    return breaks, pos, col
