"""`coach lint` and `coach rules` (DESIGN.md, contract 2).

Only click and guardrails are imported here, so `coach lint` starts fast.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from guardrails.reporters import FORMATS

_EXIT_HELP = "Exit codes: 0 clean (below --fail-on), 1 violations, 2 usage or input error."


def _codes(value: tuple[str, ...]) -> tuple[str, ...]:
    out: list[str] = []
    for v in value:
        out.extend(c.strip().upper() for c in v.split(",") if c.strip())
    return tuple(out)


def _fail(message: str) -> None:
    click.echo(f"coach lint: {message}", err=True)
    sys.exit(2)


@click.command(epilog=_EXIT_HELP)
@click.argument("paths", nargs=-1, metavar="[PATH]...")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True, help="Output format.")
@click.option("--select", multiple=True, metavar="CODES", help="Only these rules (codes or prefixes, comma-separated).")
@click.option("--ignore", multiple=True, metavar="CODES", help="Skip these rules (codes or prefixes).")
@click.option("--extend-select", multiple=True, metavar="CODES", help="Add rules to the configured selection.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default=None,
              help="Lowest severity that makes the exit code 1 [default: error].")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Config file (.coach.toml or pyproject.toml); default: the nearest one.")
@click.option("--exclude", multiple=True, metavar="GLOB", help="Skip files matching this glob when walking directories.")
@click.option("--catalog", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Catalog YAML whose offer matrix every message's offers must fit (CX010); "
                   "a script library's own catalog: takes precedence.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True, path_type=Path), default=None,
              help="Write the report to a file instead of stdout.")
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
    from guardrails.config import ConfigFileError, load_config
    from guardrails.diagnostic import Severity
    from guardrails.engine import Linter
    from guardrails.reporters import make_reporter
    from guardrails.runner import exit_code, run_lint

    try:
        config = load_config(config_path) if config_path else load_config()
    except ConfigFileError as exc:
        _fail(str(exc))
    if config_path is not None and not config_path.exists():
        _fail(f"{config_path}: файл настроек не найден")
    overrides: dict[str, object] = {}
    if select:
        overrides["select"] = _codes(select)
    if ignore:
        overrides["ignore"] = config.ignore + _codes(ignore)
    if extend_select:
        overrides["extend_select"] = config.extend_select + _codes(extend_select)
    if fail_on:
        overrides["fail_on"] = Severity(fail_on)
    if exclude:
        overrides["exclude"] = config.exclude + exclude
    if catalog is not None:
        overrides["catalog"] = str(catalog)
    config = config.with_overrides(**overrides)
    _check_codes(config.select + config.ignore + config.extend_select)

    targets = paths or (".",)
    stdin_text = None
    if "-" in targets:
        data = sys.stdin.buffer.read()
        from guardrails.sources.decoding import decode

        stdin_text, problems = decode(data, "<stdin>") if data.strip() else ("", [])
        for p in problems:
            click.echo(str(p), err=True)

    out = output.open("w", encoding="utf-8") if output else sys.stdout
    use_color = color if color is not None else (output is None and sys.stdout.isatty())
    reporter = make_reporter(fmt, out, color=use_color, show_fixes=not no_fixes)
    problems_reporter = _StderrProblems(reporter)
    try:
        summary = run_lint(targets, Linter(config), problems_reporter, stdin_text=stdin_text)
    finally:
        if output:
            out.close()
    sys.exit(exit_code(summary, config))


class _StderrProblems:
    """Wraps a reporter: every input problem is also one line on stderr."""

    def __init__(self, inner: object) -> None:
        self.inner = inner

    def message(self, msg, diagnostics):  # type: ignore[no-untyped-def]
        self.inner.message(msg, diagnostics)  # type: ignore[attr-defined]

    def problem(self, problem):  # type: ignore[no-untyped-def]
        click.echo(f"ошибка ввода: {problem}", err=True)
        self.inner.problem(problem)  # type: ignore[attr-defined]

    def finish(self, summary, config):  # type: ignore[no-untyped-def]
        self.inner.finish(summary, config)  # type: ignore[attr-defined]


def _check_codes(codes: tuple[str, ...]) -> None:
    from guardrails.rules import ALL_RULES

    known = [r.code for r in ALL_RULES]
    for c in codes:
        if not any(k.startswith(c) for k in known):
            _fail(f"неизвестный код или префикс правила: {c} (список: coach rules)")


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
        click.echo(f"Что проверяет:\n  {r.message}\n")
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
    import re

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
