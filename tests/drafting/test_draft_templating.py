"""The one sandboxed Jinja environment and money formatting."""

from __future__ import annotations

import pytest

from coach.errors import ConfigError
from coach.templating import format_money, get_env, render, render_string


def test_strict_undefined_is_an_error() -> None:
    with pytest.raises(ConfigError, match="undefined"):
        render_string("Привет, {{ nme }}!", name="Анна")


def test_sandbox_blocks_python_internals() -> None:
    with pytest.raises(ConfigError):
        render_string("{{ x.__class__.__mro__ }}", x="")


def test_environment_is_shared_and_sandboxed() -> None:
    from jinja2.sandbox import SandboxedEnvironment

    assert get_env() is get_env()
    assert isinstance(get_env(), SandboxedEnvironment)


def test_missing_template_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="не найден"):
        render("offline/nope.j2")


@pytest.mark.parametrize(("amount", "currency", "text"), [
    (3500, "KZT", "3\u202f500\u00a0₸"),
    (150000, "RUB", "150\u202f000\u00a0₽"),
    (999, "KZT", "999\u00a0₸"),
    (1234567.5, "USD", "1\u202f234\u202f567,50\u00a0$"),
    (700, None, "700"),
])
def test_money(amount: float, currency: str | None, text: str) -> None:
    assert format_money(amount, currency) == text


def test_filters_available_in_templates() -> None:
    assert render_string("{{ 5 | plural('день', 'дня', 'дней') }} {{ 2500 | money('KZT') }}") == "дней 2\u202f500\u00a0₸"
