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
    "greater_than_equal": "значение должно быть не меньше нуля",
}


def describe_validation_error(exc: ValidationError, *, prefix: str = "") -> str:
    err = exc.errors()[0]
    loc = ".".join(str(p) for p in err["loc"])
    if prefix:
        loc = f"{prefix}.{loc}" if loc else prefix
    what = _TYPES.get(err["type"], err["msg"])
    if err["type"] == "literal_error":
        what = f"недопустимое значение {err.get('input')!r} ({err['msg']})"
    more = len(exc.errors()) - 1
    tail = f" (и ещё ошибок: {more})" if more else ""
    return f"{loc}: {what}{tail}"
