"""Turning pydantic validation errors into one readable Russian line."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pydantic import ValidationError

_TYPES = {
    "extra_forbidden": "неизвестный ключ",
    "missing": "обязательное поле отсутствует",
    "literal_error": "недопустимое значение",
    "string_type": "ожидается строка",
    "int_parsing": "ожидается целое число",
    "float_parsing": "ожидается число",
    "bool_parsing": "ожидается true или false",
    "date_from_datetime_parsing": "ожидается дата ГГГГ-ММ-ДД",
    "date_parsing": "ожидается дата ГГГГ-ММ-ДД",
    "list_type": "ожидается список",
    "dict_type": "ожидается объект",
    "model_type": "ожидается объект",
}
_BOUNDS = {
    "greater_than": ("gt", "больше"),
    "greater_than_equal": ("ge", "не меньше"),
    "less_than": ("lt", "меньше"),
    "less_than_equal": ("le", "не больше"),
}


def describe_validation_error(exc: ValidationError, *, prefix: str = "") -> str:
    err = exc.errors()[0]
    loc = ".".join(str(p) for p in err["loc"])
    if prefix:
        loc = f"{prefix}.{loc}" if loc else prefix
    what = _TYPES.get(err["type"], err["msg"])
    ctx = err.get("ctx") or {}
    if err["type"] == "literal_error":
        expected = str(ctx.get("expected", "")).replace(" or ", ", ")
        what = f"недопустимое значение {err.get('input')!r}" + (f", ожидается одно из: {expected}" if expected else "")
    elif err["type"] in _BOUNDS and _BOUNDS[err["type"]][0] in ctx:
        key, words = _BOUNDS[err["type"]]
        what = f"значение должно быть {words} {ctx[key]}"
    more = len(exc.errors()) - 1
    tail = f" (и ещё ошибок: {more})" if more else ""
    return f"{loc}: {what}{tail}"
