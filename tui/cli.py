"""`coach tui`: open the terminal app.

Registered as a plugin command (entry point group ``coach.commands``), so the
`coach` layer never imports the TUI.  Textual and the app are imported inside
the command, so listing the commands stays cheap.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from coach.errors import CoachError


@click.command("tui")
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="SQLite database for history and saved drafts (env COACH_DB).")
@click.option("--theme", type=click.Choice(["dark", "light"]), default=None, help="Colour theme.")
@click.option("--provider", type=click.Choice(["offline", "openai"]), default=None,
              help="Who writes drafts and plays the customer (default: offline).")
@click.option("--model", default=None, help="Model name for the openai provider.")
@click.option("--base-url", default=None, help="OpenAI-compatible endpoint for the openai provider.")
@click.option("--trainee", default=None, help="Trainee name prefilled in the role-play room.")
@click.option("--seed", type=int, default=None, help="Seed of the simulated customer's phrasing (reproducible sessions).")
def tui(db: Path | None, theme: str | None, provider: str | None, model: str | None,
        base_url: str | None, trainee: str | None, seed: int | None) -> None:
    """Open the terminal app: drafting workspace, role-play room, script library."""
    from coach.settings import load_settings

    try:
        settings = load_settings(db=db, theme=theme, provider=provider, model=model,
                                 base_url=base_url, trainee=trainee)
    except CoachError as exc:
        click.echo(f"coach tui: {exc}", err=True)
        sys.exit(exc.exit_code)
    from tui.app import CoachApp  # lazy: keeps `coach --help` free of Textual

    CoachApp(settings, seed=seed).run()
