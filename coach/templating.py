"""The one Jinja2 environment every prompt and message template renders through.

A ``SandboxedEnvironment`` with ``StrictUndefined``: templates are data, a
missing variable is an error (never an empty string), and customer data passed
as variables cannot reach Python internals. Templates live in ``prompts/``
(``paths.PROMPTS_DIR``), e.g. ``draft/system.j2``, ``offline/chat.j2``,
``roleplay/…``.
"""

from __future__ import annotations

import functools
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from jinja2 import FileSystemLoader, StrictUndefined, TemplateError, TemplateNotFound, TemplateSyntaxError
from jinja2.sandbox import SandboxedEnvironment

from coach import paths
from coach.errors import ConfigError

__all__ = ["get_env", "render", "render_string", "format_money", "CURRENCY_SIGNS"]

CURRENCY_SIGNS = {"KZT": "₸", "RUB": "₽", "USD": "$", "EUR": "€", "UZS": "сум", "BYN": "Br", "KGS": "сом"}
THIN = "\u202f"   # narrow no-break space: thousands separator in Russian typography
NBSP = "\u00a0"   # between the amount and the currency sign


def format_money(amount: float | int | Decimal | None, currency: str | None = "KZT") -> str:
    """``3500, "KZT"`` → ``3 500 ₸`` (narrow no-break spaces); kopecks only when present."""
    if amount is None:
        return ""
    value = Decimal(str(amount)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    whole, cents = divmod(abs(value), 1)
    digits = f"{int(whole):,}".replace(",", THIN)
    if cents:
        digits += "," + f"{int(cents * 100):02d}"
    if value < 0:
        digits = "−" + digits
    sign = CURRENCY_SIGNS.get((currency or "").upper(), currency or "")
    return f"{digits}{NBSP}{sign}" if sign else digits


def _plural(n: int | float, one: str, few: str, many: str) -> str:
    """Russian plural form: 1 день, 2 дня, 5 дней."""
    n = abs(int(n))
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


@functools.lru_cache(maxsize=8)
def get_env(root: str | None = None) -> SandboxedEnvironment:
    """The sandboxed environment for templates under `root` (default ``prompts/``)."""
    env = SandboxedEnvironment(
        loader=FileSystemLoader(root or str(paths.PROMPTS_DIR)),
        undefined=StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        auto_reload=False,
    )
    env.filters["money"] = format_money
    env.filters["plural"] = _plural
    env.filters["lcfirst"] = _lower_first
    env.filters["ucfirst"] = _upper_first
    return env


def render(name: str, /, **variables: Any) -> str:
    """Render ``prompts/<name>``; a missing template or variable is a `ConfigError`."""
    env = get_env()
    try:
        return env.get_template(name).render(**variables)
    except TemplateNotFound:
        raise ConfigError(f"шаблон {Path(paths.PROMPTS_DIR, name)} не найден") from None
    except TemplateSyntaxError as exc:
        raise ConfigError(f"{exc.filename or name}:{exc.lineno}: ошибка в шаблоне: {exc.message}") from None
    except TemplateError as exc:
        raise ConfigError(f"prompts/{name}: {exc.message or type(exc).__name__}") from None


def render_string(source: str, /, **variables: Any) -> str:
    """Render a template given as text through the same sandbox."""
    env = get_env()
    try:
        return env.from_string(source).render(**variables)
    except TemplateSyntaxError as exc:
        raise ConfigError(f"строка {exc.lineno}: ошибка в шаблоне: {exc.message}") from None
    except TemplateError as exc:
        raise ConfigError(f"ошибка в шаблоне: {exc.message or type(exc).__name__}") from None
