"""Helpers for the linter's CLI tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result


@pytest.fixture
def run_lint(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Callable[..., Result]:
    """Run `coach lint ARGS` in-process from an empty directory (no stray config)."""
    from coach.cli import cli

    monkeypatch.chdir(tmp_path)

    def run(*args: str, input: str | bytes | None = None) -> Result:
        return CliRunner().invoke(cli, ["lint", *args], input=input, catch_exceptions=False)

    return run
