"""Where Upsell Coach keeps its files (platformdirs), and where its bundled data lives."""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP_NAME = "coach"
PROJECT_ROOT = Path(__file__).resolve().parent.parent
PROMPTS_DIR = PROJECT_ROOT / "prompts"
EXAMPLES_DIR = PROJECT_ROOT / "examples"


def config_file() -> Path:
    """`~/.config/coach/config.toml` on Linux."""
    return Path(platformdirs.user_config_dir(APP_NAME)) / "config.toml"


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME))


def default_db_path() -> Path:
    return data_dir() / "coach.sqlite3"
