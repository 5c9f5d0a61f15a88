"""Click's usage errors as one Russian line.

Click prints "Usage: …", a hint and "Error: Invalid value for '--format': …" in
English.  The project's rule for a user's mistake is one Russian line, exit 2:
`coach lint: --format: недопустимое значение «xml»; допустимые: text, json, …`.
Option names, values and choices are kept as typed; `--help` is left alone.
"""

from __future__ import annotations

import re
from typing import IO, Any

import click

__all__ = ["RussianUsageError", "russian_usage_error", "describe"]

_Q = r"""(?:'(?P<q1>[^']*)'|"(?P<q2>[^"]*)")"""
"""A value as click quotes it ({value!r}): in single quotes, or in double ones when it holds a quote."""

# Click's English texts (8.x) -> Russian; «{v}» is the quoted value, numbered groups are kept.
_MESSAGES: tuple[tuple[str, str], ...] = (
    (rf"{_Q} is not one of .*", "недопустимое значение «{v}»"),
    (rf"{_Q} is not a valid integer( range)?\.", "«{v}» — не целое число"),
    (rf"{_Q} is not a valid float( range)?\.", "«{v}» — не число"),
    (rf"{_Q} is not a valid boolean\.", "«{v}» — не логическое значение (true/false)"),
    (rf"{_Q} is not a valid UUID\.", "«{v}» — не UUID"),
    (r"(.*) is not in the range (.*)\.", r"\1 вне допустимого диапазона \2"),
    (rf"(?:File|Directory|Path) {_Q} does not exist\.", "«{v}» не существует"),
    (rf"(?:File|Directory|Path) {_Q} is a directory\.", "«{v}» — каталог, а нужен файл"),
    (rf"(?:File|Directory|Path) {_Q} is a file\.", "«{v}» — файл, а нужен каталог"),
    (rf"(?:File|Directory|Path) {_Q} is not readable\.", "«{v}»: нет доступа на чтение"),
    (rf"(?:File|Directory|Path) {_Q} is not writable\.", "«{v}»: нет доступа на запись"),
    (rf"(?:File|Directory|Path) {_Q} is not executable\.", "«{v}»: нет доступа на выполнение"),
    (rf"Option {_Q} requires an argument\.", "{v}: нужно значение"),
    (rf"Option {_Q} requires (\d+) arguments\.", "{v}: нужно значений: {n}"),
    (rf"Option {_Q} does not take a value\.", "{v}: параметр не принимает значения"),
    (rf"Argument {_Q} takes (\d+) values\.", "{v}: нужно значений: {n}"),
    (r"Got unexpected extra arguments? \((.*)\)", r"лишние аргументы: \1"),
    (rf"No such command {_Q}\.", "нет такой команды: {v}"),
    (r"Missing command\.", "не указана команда"),
    (r"Value must be an iterable\.", "ожидается список значений"),
    (rf"{_Q} is not .*\.", "недопустимое значение «{v}»"),  # a Choice of one value; keep last
)


def _translate(text: str) -> str | None:
    """One of click's English messages in Russian, or None when it is not known."""
    for pattern, russian in _MESSAGES:
        m = re.fullmatch(pattern, text.strip(), re.S)
        if m is None:
            continue
        groups = m.groupdict()
        value = groups.get("q1") if groups.get("q1") is not None else groups.get("q2")
        numbers = [g for g in m.groups() if g is not None and g.isdigit()]
        out = russian.replace("{v}", value or "").replace("{n}", numbers[-1] if numbers else "")
        return m.expand(out) if "\\" in out else out
    return None


def _cyrillic(text: str) -> bool:
    return re.search("[а-яёА-ЯЁ]", text) is not None


def _param_name(param: click.Parameter | None, hint: Any = None) -> str:
    """How the user names the parameter: its longest flag (--format), or an argument's metavar."""
    if isinstance(hint, str) and hint:
        return hint.strip("'\"")
    if isinstance(hint, (list, tuple)) and hint:
        return "/".join(str(h).strip("'\"") for h in hint)
    if isinstance(param, click.Option) and param.opts:
        return max(param.opts, key=len)
    if param is not None:
        return (param.metavar or param.human_readable_name or param.name or "").strip("[].")
    return ""


def _choices(param: click.Parameter | None) -> str:
    choices = getattr(getattr(param, "type", None), "choices", None)
    return f"; допустимые: {', '.join(str(c) for c in choices)}" if choices else ""


def _bad_parameter(exc: click.BadParameter) -> str:
    name = _param_name(exc.param, exc.param_hint)
    if isinstance(exc, click.MissingParameter):
        kind = "аргумент" if isinstance(exc.param, click.Argument) else "параметр"
        return f"не указан обязательный {kind} {name}{_choices(exc.param)}".rstrip()
    text = exc.message if _cyrillic(exc.message) else _translate(exc.message) or f"недопустимое значение ({exc.message})"
    choices = _choices(exc.param) if "допустимые" not in text else ""
    return f"{name}: {text}{choices}" if name else f"{text}{choices}"


def _no_such_option(exc: click.NoSuchOption) -> str:
    text = f"нет такого параметра: {exc.option_name}"
    if exc.possibilities:
        text += f" (может быть, {', '.join(sorted(exc.possibilities))}?)"
    return text


def describe(exc: click.UsageError) -> str:
    """The error itself, in Russian, without the command's name."""
    if isinstance(exc, click.BadParameter):
        return _bad_parameter(exc)
    if isinstance(exc, click.NoSuchOption):
        return _no_such_option(exc)
    if _cyrillic(exc.message):
        return exc.message  # our own UsageErrors are written in Russian
    return _translate(exc.message) or f"неверный вызов: {exc.message}"


def _command(ctx: click.Context | None) -> str:
    """The command the error is about.  Click attaches a parse error of a subcommand's options
    (`coach lint --format` with no value) to the group's context: the subcommand is named there."""
    if ctx is None:
        return "coach"
    sub = ctx.invoked_subcommand
    return f"{ctx.command_path} {sub}" if sub else ctx.command_path


def russian_usage_error(exc: click.UsageError) -> str:
    """`coach lint: <the error>. Справка: coach lint --help` — one line."""
    from guardrails.reporters._safe import one_line

    command = _command(exc.ctx)
    text = describe(exc).rstrip(".")
    return one_line(f"{command}: {text}. Справка: {command} --help")


class RussianUsageError(click.UsageError):
    """A click usage error that shows itself as one Russian line (exit code 2, as click's)."""

    def __init__(self, original: click.UsageError) -> None:
        super().__init__(original.message, original.ctx)
        self.original = original
        self.exit_code = original.exit_code

    def format_message(self) -> str:
        return russian_usage_error(self.original)

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(self.format_message(), err=file is None, file=file)
