"""Load YAML (and JSON lines) into pydantic models with errors that name file, line and field.

PyYAML's composer keeps a start mark on every node; a pydantic error's ``loc``
is walked down that node tree to the line of the offending value (or of the
mapping that lacks a required key).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from coach.errors import InputError

__all__ = ["YamlDoc", "read_yaml", "validate_doc", "validate_json_line", "describe_error", "loc_str"]

M = TypeVar("M", bound=BaseModel)


class YamlDoc:
    """Parsed YAML data plus its node tree, to find the line of any location."""

    def __init__(self, path: Path, data: Any, root: yaml.Node | None) -> None:
        self.path = path
        self.data = data
        self.root = root

    def line_of(self, loc: Sequence[str | int]) -> int | None:
        node = self.root
        if node is None:
            return None
        line = node.start_mark.line + 1
        for key in loc:
            child = _child(node, key)
            if child is None:
                break
            node = child
            line = node.start_mark.line + 1
        return line

    def error(self, loc: Sequence[str | int], message: str) -> InputError:
        return InputError(message, self.path, self.line_of(loc), loc_str(loc) or None)


def _child(node: yaml.Node, key: str | int) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == str(key):
                return v
        return None
    if isinstance(node, yaml.SequenceNode) and isinstance(key, int) and 0 <= key < len(node.value):
        return node.value[key]
    return None


def read_yaml(path: str | Path) -> YamlDoc:
    """Read and parse one YAML file; syntax errors become `InputError` with the line."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError("файл не найден", path) from None
    except IsADirectoryError:
        raise InputError("ожидался файл, а это каталог", path) from None
    except UnicodeDecodeError:
        raise InputError("файл не в кодировке UTF-8", path) from None
    except OSError as exc:
        raise InputError(f"не удалось прочитать файл: {exc.strerror}", path) from None
    loader = yaml.SafeLoader(text)
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        raise InputError(f"ошибка YAML: {exc.problem or exc.context}", path, line) from None
    except yaml.YAMLError as exc:
        raise InputError(f"ошибка YAML: {exc}", path) from None
    finally:
        loader.dispose()
    return YamlDoc(path, data, root)


def validate_doc(model: type[M], doc: YamlDoc, context: dict[str, Any] | None = None) -> M:
    """Validate the whole document as `model`; the first error names its line and field."""
    if not isinstance(doc.data, dict):
        raise InputError("ожидался YAML-словарь (ключ: значение) на верхнем уровне", doc.path, 1)
    try:
        return model.model_validate(doc.data, context=context)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = tuple(err["loc"])
        raise InputError(describe_error(err), doc.path, doc.line_of(loc), loc_str(loc) or None) from None


def validate_json_line(model: type[M], text: str, path: str | Path, line: int,
                       context: dict[str, Any] | None = None) -> M:
    """One JSON-lines record as `model`; errors name the file, the line and the field."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"некорректный JSON: {exc.msg} (столбец {exc.colno})", path, line) from None
    if not isinstance(data, dict):
        raise InputError("ожидался JSON-объект", path, line)
    try:
        return model.model_validate(data, context=context)
    except ValidationError as exc:
        err = exc.errors()[0]
        raise InputError(describe_error(err), path, line, loc_str(tuple(err["loc"])) or None) from None


def loc_str(loc: Sequence[str | int]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


_MESSAGES = {
    "missing": "обязательное поле отсутствует",
    "extra_forbidden": "неизвестное поле",
    "string_type": "ожидалась строка",
    "int_type": "ожидалось целое число",
    "int_parsing": "ожидалось целое число",
    "float_type": "ожидалось число",
    "float_parsing": "ожидалось число",
    "bool_type": "ожидалось true или false",
    "bool_parsing": "ожидалось true или false",
    "list_type": "ожидался список",
    "dict_type": "ожидался словарь (ключ: значение)",
    "model_type": "ожидался словарь (ключ: значение)",
    "date_type": "ожидалась дата ГГГГ-ММ-ДД",
    "date_parsing": "ожидалась дата ГГГГ-ММ-ДД",
    "date_from_datetime_parsing": "ожидалась дата ГГГГ-ММ-ДД",
    "string_too_short": "значение не может быть пустым",
    "too_short": "список не может быть пустым",
}


def describe_error(err: Any) -> str:
    """A Russian one-liner for one pydantic error dict."""
    kind = err["type"]
    ctx = err.get("ctx") or {}
    if kind == "literal_error":
        return f"недопустимое значение {err.get('input')!r}; допустимо: {ctx.get('expected', '')}"
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        sign = {"greater_than": ">", "greater_than_equal": "≥", "less_than": "<", "less_than_equal": "≤"}[kind]
        bound = next(iter(ctx.values()), "")
        return f"значение {err.get('input')!r} должно быть {sign} {bound}"
    if kind == "string_pattern_mismatch":
        return f"недопустимое значение {err.get('input')!r}: ожидался идентификатор из латинских букв, цифр, «-» и «_»"
    if kind == "value_error":
        return str(ctx.get("error", err["msg"]))
    if kind in _MESSAGES:
        return _MESSAGES[kind]
    return err["msg"]
