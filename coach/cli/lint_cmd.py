"""`coach lint` and `coach rules` (DESIGN.md, contract 2).

Only click and guardrails are imported here, so `coach lint` starts fast.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO

import click

from guardrails.reporters import FORMATS

if TYPE_CHECKING:
    from guardrails.config import LintConfig
    from guardrails.sources import InputProblem

_EXIT_HELP = "Exit codes: 0 clean (below --fail-on), 1 violations, 2 usage or input error."


def _codes(flag: str, value: tuple[str, ...]) -> tuple[str, ...]:
    """Codes of a repeatable, comma-separated flag; an empty list is a usage error, not "everything"."""
    out: list[str] = []
    for v in value:
        out.extend(c.strip().upper() for c in v.split(",") if c.strip())
    if value and not out:
        _fail(f"{flag}: пустой список кодов; укажите коды или префиксы правил, например {flag} PR,UR001")
    return tuple(out)


def _fail(message: str) -> NoReturn:
    from guardrails.reporters._safe import one_line

    click.echo(f"coach lint: {one_line(message)}", err=True)
    sys.exit(2)


@click.command(epilog=_EXIT_HELP)
@click.argument("paths", nargs=-1, metavar="[PATH]...")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True, help="Output format.")
@click.option("--select", multiple=True, metavar="CODES", help="Only these rules (codes or prefixes, comma-separated).")
@click.option("--ignore", multiple=True, metavar="CODES", help="Skip these rules (codes or prefixes).")
@click.option("--extend-select", multiple=True, metavar="CODES", help="Add rules to the configured selection.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default=None,
              help="Lowest severity that makes the exit code 1 [default: error].")
@click.option("--config", "config_path", type=click.Path(path_type=Path), default=None,
              help="Config file (.coach.toml or pyproject.toml); default: the nearest one.")
@click.option("--exclude", multiple=True, metavar="GLOB",
              help="Skip files matching this glob when walking directories (a bare name matches anywhere).")
@click.option("--catalog", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Catalog YAML whose offer matrix every message's offers must fit (CX010); "
                   "a script library's own catalog: takes precedence.")
@click.option("--output", "-o", type=click.Path(path_type=Path), default=None,
              help="Write the report to a file instead of stdout (replaced only once the report is complete).")
@click.option("--no-fixes", is_flag=True, help="Do not show suggested wording in text output.")
@click.option("--color/--no-color", default=None, help="Colour text output [default: when stdout is a terminal].")
def lint(paths: tuple[str, ...], fmt: str, select: tuple[str, ...], ignore: tuple[str, ...],
         extend_select: tuple[str, ...], fail_on: str | None, config_path: Path | None, exclude: tuple[str, ...],
         catalog: Path | None, output: Path | None, no_fixes: bool, color: bool | None) -> None:
    """Check messages and script libraries against the guardrails.

    PATH may be a .jsonl file (one {"id", "text", "context"} per line), a YAML
    script library, a .txt/.md file (each paragraph is a message), a directory
    (walked), or - for standard input.  Default: the current directory.
    """
    from guardrails.engine import Linter
    from guardrails.reporters import make_reporter
    from guardrails.runner import exit_code, run_lint

    config = _config(config_path, select, ignore, extend_select, fail_on, exclude, catalog)
    targets = paths or (".",)
    if output is not None:
        _check_output(output, targets)
    stdin_text, stdin_problems = _read_stdin() if "-" in targets else (None, [])
    if "-" in targets and stdin_text is None:
        targets = tuple(t for t in targets if t != "-")  # its problem is reported; nothing to read
    sink = _Sink.open(output)
    try:
        use_color = color if color is not None else (output is None and sys.stdout.isatty())
        reporter = make_reporter(fmt, sink, color=use_color, show_fixes=not no_fixes)  # type: ignore[arg-type]
        summary = run_lint(targets, Linter(config), _StderrProblems(reporter), stdin_text=stdin_text,
                           problems=stdin_problems)
        sink.commit()
    except _OutputError as exc:
        sink.abort()
        if exc.broken_pipe:  # `coach lint | head`: the reader has all it wanted
            sys.exit(2)
        _fail(str(exc))
    except BaseException:
        sink.abort()
        raise
    sys.exit(exit_code(summary, config))


def _config(config_path: Path | None, select: tuple[str, ...], ignore: tuple[str, ...],
            extend_select: tuple[str, ...], fail_on: str | None, exclude: tuple[str, ...],
            catalog: Path | None) -> LintConfig:
    """The config file's settings with the command line's flags over them; any mistake exits 2."""
    from guardrails.config import ConfigFileError, anchor_pattern, load_config
    from guardrails.diagnostic import Severity

    if config_path is not None and config_path.is_dir():
        _fail(f"{config_path}: это каталог, а не файл настроек")
    try:
        config = load_config(config_path) if config_path else load_config()
    except ConfigFileError as exc:
        _fail(str(exc))
    cli_codes = [(flag, _codes(flag, value)) for flag, value in
                 (("--select", select), ("--ignore", ignore), ("--extend-select", extend_select))]
    overrides = _code_overrides(config, *(codes for _, codes in cli_codes))
    if fail_on:
        overrides["fail_on"] = Severity(fail_on)
    if exclude:
        patterns = tuple(anchor_pattern(p, Path.cwd()) for p in exclude if p.strip())
        overrides["exclude"] = config.exclude + patterns
    if catalog is not None:
        overrides["catalog"] = str(catalog)
    for flag, codes in cli_codes:
        _check_codes(flag, codes)
    return config.with_overrides(**overrides)


def _code_overrides(config: LintConfig, select: tuple[str, ...], ignore: tuple[str, ...],
                    extend_select: tuple[str, ...]) -> dict[str, object]:
    """The command line's rule selection over the config's.  An explicit --select wins: it
    replaces the config's select, extend-select and ignore (the command line's --ignore and
    --extend-select still apply); without it, --ignore and --extend-select add to the config's."""
    if select:
        return {"select": select, "ignore": ignore, "extend_select": extend_select}
    overrides: dict[str, object] = {}
    if ignore:
        overrides["ignore"] = config.ignore + ignore
    if extend_select:
        overrides["extend_select"] = config.extend_select + extend_select
    return overrides


def _read_stdin() -> tuple[str | None, list[InputProblem]]:
    """Standard input as text, with its problems (BOM, cp1251, binary) as InputProblems, so they
    count like a file's: "ошибка ввода:" on stderr, in the report, and exit code 2."""
    from guardrails.sources import InputProblem
    from guardrails.sources.decoding import decode

    try:
        data = sys.stdin.buffer.read()
    except (AttributeError, OSError, ValueError):  # closed (<&-), a directory, or no stdin at all
        return None, [InputProblem("<stdin>", "стандартный ввод недоступен")]
    if not data.strip():
        return "", []
    return decode(data, "<stdin>")


def _check_output(output: Path, targets: tuple[str, ...]) -> None:
    """Refuse an -o that would destroy or pollute an input: the report must never overwrite the
    text it is about, nor land where a directory walk would lint it as messages."""
    from guardrails.sources import SUFFIXES

    if output.is_dir():
        _fail(f"-o {output}: это каталог; укажите файл для отчёта")
    out = output.resolve()
    for t in targets:
        if t == "-":
            continue
        target = Path(t).resolve()
        same = out == target or (out.exists() and target.exists() and os.path.samefile(out, target))
        if same:
            _fail(f"-o {output}: это проверяемый файл {t} — отчёт затёр бы его; укажите другой файл")
        if target.is_dir() and out.is_relative_to(target) and out.suffix.lower() in SUFFIXES:
            _fail(f"-o {output}: отчёт попал бы в проверяемый каталог {t} и читался бы как сообщения; "
                  "укажите файл вне его или с другим расширением")


class _OutputError(Exception):
    """Writing the report failed (full disk, closed pipe, …); the message is for the user."""

    def __init__(self, message: str, *, broken_pipe: bool = False) -> None:
        super().__init__(message)
        self.broken_pipe = broken_pipe


class _Sink:
    """Where the report goes: stdout, or a file written under a temporary name and renamed into
    place when complete, so a failed or interrupted run never leaves half a report (or an empty
    file) where the old one was.  Every write error becomes an _OutputError."""

    def __init__(self, stream: TextIO, name: str, final: Path | None = None, temp: Path | None = None) -> None:
        self.stream, self.name, self.final, self.temp = stream, name, final, temp

    @classmethod
    def open(cls, output: Path | None) -> _Sink:
        if output is None:
            if hasattr(sys.stdout, "reconfigure"):
                sys.stdout.reconfigure(errors="replace")  # a last resort: a terminal that is not UTF-8
            return cls(sys.stdout, "стандартный вывод")
        if output.exists() and not output.is_file():  # /dev/stdout, a FIFO: write in place
            return cls(cls._open(output, output), str(output))
        final = Path(os.path.realpath(output))
        if not final.parent.is_dir():
            _fail(f"-o {output}: каталог {output.parent} не существует")
        temp = final.with_name(f".{final.name}.{os.getpid()}.tmp")
        return cls(cls._open(temp, output), str(output), final, temp)

    @staticmethod
    def _open(path: Path, shown: Path) -> TextIO:
        from guardrails.config import os_error_ru

        try:
            return path.open("w", encoding="utf-8", errors="replace")
        except OSError as exc:
            _fail(f"-o {shown}: не удалось создать файл отчёта: {os_error_ru(exc)}")

    def _error(self, exc: OSError) -> _OutputError:
        from guardrails.config import os_error_ru

        if self.stream is sys.stdout:
            _silence_stdout()
        return _OutputError(f"не удалось записать отчёт ({self.name}): {os_error_ru(exc)}",
                            broken_pipe=isinstance(exc, BrokenPipeError))

    def write(self, text: str) -> int:
        try:
            return self.stream.write(text)
        except OSError as exc:
            raise self._error(exc) from None

    def commit(self) -> None:
        """Flush everything; a file is closed and renamed over the old report."""
        try:
            self.stream.flush()
            if self.stream is not sys.stdout:
                self.stream.close()
            if self.temp is not None and self.final is not None:
                if self.final.exists():
                    shutil.copymode(self.final, self.temp)
                os.replace(self.temp, self.final)
                self.temp = None
        except OSError as exc:
            raise self._error(exc) from None

    def abort(self) -> None:
        """Drop a half-written report file; the old one (if any) stays."""
        if self.stream is not sys.stdout:
            with contextlib.suppress(OSError):
                self.stream.close()
        if self.temp is not None:
            with contextlib.suppress(OSError):
                self.temp.unlink()


def _silence_stdout() -> None:
    """After a write error on stdout, point it at /dev/null: Python's own flush at exit would
    otherwise fail again and print a traceback-like message."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


class _StderrProblems:
    """Wraps a reporter: every input problem is also one line on stderr."""

    def __init__(self, inner: object) -> None:
        self.inner = inner

    def message(self, msg, diagnostics):  # type: ignore[no-untyped-def]
        self.inner.message(msg, diagnostics)  # type: ignore[attr-defined]

    def problem(self, problem):  # type: ignore[no-untyped-def]
        from guardrails.reporters._safe import one_line

        click.echo(f"ошибка ввода: {one_line(str(problem))}", err=True)
        self.inner.problem(problem)  # type: ignore[attr-defined]

    def finish(self, summary, config):  # type: ignore[no-untyped-def]
        self.inner.finish(summary, config)  # type: ignore[attr-defined]


def _check_codes(flag: str, codes: tuple[str, ...]) -> None:
    from guardrails.rules import ALL_RULES

    known = [r.code for r in ALL_RULES]
    for c in codes:
        if not any(k.startswith(c) for k in known):
            _fail(f"{flag}: неизвестный код или префикс правила: {c} (список: coach rules)")


@click.command(epilog="Example: coach rules PR001   coach rules UR   coach rules --format json")
@click.argument("code", required=False)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rules(code: str | None, fmt: str) -> None:
    """List the guardrail rules, or explain one (CODE) or a group (prefix)."""
    from guardrails.diagnostic import Severity
    from guardrails.rule import GROUPS
    from guardrails.rules import ALL_RULES

    selected = list(ALL_RULES)
    if code:
        code = code.upper()
        selected = [r for r in ALL_RULES if r.code == code] or [r for r in ALL_RULES if r.code.startswith(code)]
        if not selected:
            click.echo(f"coach rules: нет правила {code}; список: coach rules", err=True)
            sys.exit(2)
    if fmt == "json":
        click.echo(json.dumps([{
            "code": r.code, "name": r.name, "group": r.group, "severity": r.severity.value,
            "message": r.message, "why": r.why, "fix": r.fix, "backed_by": r.backed_by,
            "fail": [e.text for e in r.examples("fail")], "pass": [e.text for e in r.examples("pass")],
        } for r in selected], ensure_ascii=False, indent=2))
        return
    if code and len(selected) == 1:
        r = selected[0]
        click.echo(f"{r.code} ({r.name}) — {GROUPS[r.group][1]}, по умолчанию: {r.severity.label_ru}\n")
        shown = _filled(r.code, r.message)
        click.echo(f"Что проверяет{' (пример сообщения)' if shown != r.message else ''}:\n  {shown}\n")
        click.echo(f"Почему это плохо:\n  {r.why}\n")
        if r.fix:
            click.echo(f"Как лучше:\n  {r.fix}\n")
        if r.backed_by:
            fact = "facts.deadline" if r.backed_by == "deadline" else "facts.stock"
            click.echo(f"Допустимо, если контекст подтверждает: {fact}\n")
        click.echo("Нарушения:")
        for e in r.examples("fail"):
            click.echo(f"  ✗ {e.text}" + ("  [с контекстом]" if e.context else ""))
        click.echo("Без нарушений:")
        for e in r.examples("pass"):
            click.echo(f"  ✓ {e.text}" + ("  [с контекстом]" if e.context else ""))
        return
    order = list(GROUPS)
    selected.sort(key=lambda r: (order.index(r.group), r.code))
    group = None
    for r in selected:
        if r.group != group:
            group = r.group
            click.echo(f"\n{group} — {GROUPS[group][1]}")
        sev = {Severity.ERROR: "ошибка", Severity.WARNING: "предупр.", Severity.INFO: "заметка"}[r.severity]
        summary = re.sub(r"\{[a-z_]+\}", "…", r.message.split(". ")[0])
        click.echo(f"  {r.code:<7} {r.name:<30} {sev:<9} {summary}")
    click.echo("\nПодробнее: coach rules КОД")


# Examples for the placeholders of the context rules' messages (CX004…CX010); TPL and SUP bring their own.
_GENERIC_EXAMPLES = {"name": "Чехол", "n": "5", "limit": "3", "deadline": "30.11.2026"}
_SLOT = re.compile(r"(?<!\{)\{([a-z_]+)\}(?!\})")


def _filled(code: str, message: str) -> str:
    """A rule's message with its {slots} filled by examples, as a user would see it
    ("{{ … }}" of Jinja stays as it is)."""
    from guardrails.rules.meta import MESSAGE_EXAMPLES

    examples = {**_GENERIC_EXAMPLES, **MESSAGE_EXAMPLES.get(code, {})}
    return _SLOT.sub(lambda m: examples.get(m.group(1), "…"), message)
