"""The `coach` command line.

Subcommands live in their own modules and are imported only when invoked, so
`coach lint` does not pay for the drafting, role-play or TUI imports.
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
import sys
from typing import Any, NoReturn

import click

from coach import __version__

# name -> (module, attribute, one-line help shown in `coach --help`)
_COMMANDS: dict[str, tuple[str, str, str]] = {
    "lint": ("coach.cli.lint_cmd", "lint", "Check messages and script libraries against the guardrails."),
    "rules": ("coach.cli.lint_cmd", "rules", "List the guardrail rules or explain one."),
    "draft": ("coach.cli.draft_cmd", "draft", "Draft upsell / cross-sell messages for a customer context."),
    "offers": ("coach.cli.draft_cmd", "offers", "Show which offers fit a customer context and why."),
    "roleplay": ("coach.cli.roleplay_cmd", "roleplay", "Objection role-play: run a session or evaluate replies."),
    "report": ("coach.cli.report_cmd", "report", "Trainees' sessions and per-skill progress."),
}
# Commands other layers add (the TUI registers `coach tui`), found through this entry point group.
PLUGIN_GROUP = "coach.commands"


class LazyGroup(click.Group):
    """A click group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name in _COMMANDS if _available(name)] + sorted(_plugins())

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        spec = _COMMANDS.get(cmd_name)
        if spec is None:
            ep = _plugins().get(cmd_name)
            return ep.load() if ep is not None else None
        module_name, attr, _ = spec
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name == module_name:
                return None
            raise
        return getattr(module, attr)

    def make_context(self, info_name: str | None, args: list[str], parent: click.Context | None = None,
                     **extra: Any) -> click.Context:
        """`coach --bogus`: a usage error of the group itself, in Russian (see `invoke`)."""
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.UsageError as exc:
            raise _russian(exc) from None

    def invoke(self, ctx: click.Context) -> Any:
        """Ctrl-C: click (standalone mode) would turn KeyboardInterrupt into an English
        "Aborted!" and exit 1; catch it first: «Прервано.», exit 130 like a shell.
        A usage error (bad option value, unknown option, missing argument) becomes one
        Russian line, exit 2, instead of click's English "Usage: … Error: …"."""
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            _interrupted()
        except click.UsageError as exc:
            if exc.ctx is None:  # a subcommand's option parse error: click attaches no context
                exc.ctx = ctx
            raise _russian(exc) from None

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, help_) for name, (_, _, help_) in _COMMANDS.items() if _available(name)]
        for name, ep in sorted(_plugins().items()):
            rows.append((name, ep.load().get_short_help_str(limit=formatter.width or 80)))
        with formatter.section("Commands"):
            formatter.write_dl(rows)


def _russian(exc: click.UsageError) -> click.UsageError:
    """`exc` as a RussianUsageError; `coach` alone (help shown instead of an error) stays as it is."""
    from coach.cli._usage import RussianUsageError

    if isinstance(exc, RussianUsageError) or type(exc).__name__ == "NoArgsIsHelpError":
        return exc
    return RussianUsageError(exc)


@functools.lru_cache(maxsize=1)
def _plugins() -> dict[str, Any]:
    """Entry points of PLUGIN_GROUP by command name (read only when a command is not built in)."""
    from importlib.metadata import entry_points

    return {ep.name: ep for ep in entry_points(group=PLUGIN_GROUP) if ep.name not in _COMMANDS}


def _available(name: str) -> bool:
    module_name = _COMMANDS[name][0]
    return importlib.util.find_spec(module_name) is not None


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="coach")
def cli() -> None:
    """Upsell Coach: guardrails, drafting and objection role-play for sales teams."""


def _interrupted() -> NoReturn:
    """One Russian line and the conventional exit code of SIGINT (128 + 2)."""
    try:
        newline = "\n" if sys.stderr is not None and sys.stderr.isatty() else ""  # after the terminal's ^C
        click.echo(f"{newline}Прервано.", err=True)
    except (OSError, ValueError):
        pass
    raise click.exceptions.Exit(130)


def main() -> None:
    """Console-script entry point."""
    try:
        cli.main(prog_name="coach")
    except KeyboardInterrupt:  # outside a command (while parsing arguments)
        click.echo("Прервано.", err=True)
        sys.exit(130)
