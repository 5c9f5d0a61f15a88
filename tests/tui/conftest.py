"""Fixtures for the TUI tests: an app on the built-in examples with an isolated database."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.settings import Settings, load_settings


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    for key in ("COACH_PROVIDER", "COACH_THEME", "COACH_TRAINEE", "COACH_DB"):
        monkeypatch.delenv(key, raising=False)
    return load_settings(db=tmp_path / "coach.sqlite3", provider="offline", theme="dark")


@pytest.fixture
def make_app(settings: Settings):
    from tui.app import CoachApp

    def make(**overrides: object) -> CoachApp:
        current = settings.model_copy(update=overrides) if overrides else settings
        return CoachApp(current, seed=7)  # a fixed customer phrasing: reproducible runs and snapshots

    return make
