"""Turning pydantic validation errors into one readable Russian line."""

from __future__ import annotations

import errno
import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pydantic import ValidationError

_TYPES = {
    "extra_forbidden": "неизвестный ключ",
    "missing": "обязательное поле отсутствует",
    "literal_error": "недопустимое значение",
    "string_type": "ожидается строка",
    "string_too_short": "пустая строка",
    "int_type": "ожидается целое число",
    "int_parsing": "ожидается целое число",
    "int_from_float": "ожидается целое число, а не дробное",
    "float_type": "ожидается число",
    "float_parsing": "ожидается число",
    "finite_number": "ожидается конечное число",
    "bool_type": "ожидается true или false",
    "bool_parsing": "ожидается true или false",
    "date_type": "ожидается дата ГГГГ-ММ-ДД",
    "date_from_datetime_parsing": "ожидается дата ГГГГ-ММ-ДД",
    "date_from_datetime_inexact": "ожидается дата без времени",
    "date_parsing": "ожидается дата ГГГГ-ММ-ДД",
    "list_type": "ожидается список",
    "dict_type": "ожидается объект",
    "model_type": "ожидается объект",
    "model_attributes_type": "ожидается объект",
    "too_short": "слишком мало элементов",
    "too_long": "слишком много элементов",
    "value_error": "недопустимое значение",
    "enum": "недопустимое значение",
}
_CYRILLIC_RE = re.compile("[а-яё]", re.IGNORECASE)
_BOUNDS = {
    "greater_than": ("gt", "больше"),
    "greater_than_equal": ("ge", "не меньше"),
    "less_than": ("lt", "меньше"),
    "less_than_equal": ("le", "не больше"),
}


def describe_validation_error(exc: ValidationError, *, prefix: str = "") -> str:
    """The first error, and how many more there are."""
    errors = exc.errors()
    more = len(errors) - 1
    tail = f" (и ещё ошибок: {more})" if more else ""
    return describe_error(errors[0], prefix=prefix) + tail


def describe_error(err: Any, *, prefix: str = "") -> str:
    """One pydantic error (an item of `ValidationError.errors()`) as `where: what`, in Russian."""
    loc = ".".join(str(p) for p in err["loc"])
    if prefix:
        loc = f"{prefix}.{loc}" if loc else prefix
    kind = err["type"]
    what = _TYPES.get(kind, err["msg"])
    ctx = err.get("ctx") or {}
    if _CYRILLIC_RE.search(err["msg"]):  # a custom error of our models, already in Russian
        what = err["msg"]
    elif kind.startswith("date") and "range" in str(ctx.get("error", "")):
        what = "несуществующая дата (ожидается ГГГГ-ММ-ДД)"
    elif kind in ("literal_error", "enum"):
        expected = str(ctx.get("expected", "")).replace(" or ", ", ")
        what = f"недопустимое значение {err.get('input')!r}" + (f", ожидается одно из: {expected}" if expected else "")
    elif kind in _BOUNDS and _BOUNDS[kind][0] in ctx:
        key, words = _BOUNDS[kind]
        what = f"значение должно быть {words} {ctx[key]}"
    elif kind == "value_error" and ctx.get("error"):
        what = f"недопустимое значение: {ctx['error']}"
    elif kind not in _TYPES:
        what = _generic(kind, err["msg"])
    return f"{loc}: {what}" if loc else what


def _generic(kind: str, msg: str) -> str:
    """An error type not listed: say what is expected from its name, rather than English."""
    for stem, russian in (("string", "ожидается строка"), ("int", "ожидается целое число"),
                          ("float", "ожидается число"), ("bool", "ожидается true или false"),
                          ("date", "ожидается дата ГГГГ-ММ-ДД"), ("list", "ожидается список"),
                          ("dict", "ожидается объект"), ("url", "ожидается адрес URL")):
        if kind.startswith(stem):
            return russian
    return f"недопустимое значение ({msg})"


_OS_ERRORS = {
    errno.ENOENT: "файл не найден",
    errno.EACCES: "нет доступа",
    errno.EPERM: "нет доступа",
    errno.EISDIR: "это каталог",
    errno.ENOTDIR: "часть пути — не каталог",
    errno.ELOOP: "слишком много символических ссылок (петля)",
    errno.ENAMETOOLONG: "слишком длинное имя",
    errno.EIO: "ошибка ввода-вывода",
}


def describe_os_error(exc: OSError) -> str:
    """An OSError in Russian: «нет доступа» rather than "Permission denied"."""
    return _OS_ERRORS.get(exc.errno or 0, exc.strerror or str(exc))
