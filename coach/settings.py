"""One settings object for the whole app.

Precedence (lowest first): defaults < ``~/.config/coach/config.toml`` <
``[tool.coach]`` in the project's ``pyproject.toml`` or ``.coach.toml`` <
environment ``COACH_*`` < CLI flags (passed to :func:`load_settings` as overrides).

The API key is a ``SecretStr``: it is never printed, logged, stored or written
to transcripts and reports.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import AliasChoices, Field, SecretStr, ValidationError
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from coach import paths
from guardrails.config import ConfigFileError, read_toml
from coach.errors import ConfigError


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="COACH_", extra="forbid", validate_default=True)

    provider: Literal["offline", "openai"] = "offline"
    """Which provider drafts messages and plays the customer; `offline` needs nothing."""
    model: str = "gpt-4o-mini"
    """Model name sent to the OpenAI-compatible endpoint."""
    base_url: str | None = None
    """Base URL of an OpenAI-compatible endpoint (e.g. http://localhost:11434/v1)."""
    api_key: SecretStr | None = Field(default=None, validation_alias=AliasChoices("COACH_API_KEY", "OPENAI_API_KEY", "api_key"))
    """Taken from COACH_API_KEY or OPENAI_API_KEY; never stored."""
    timeout: float = Field(default=30.0, gt=0)
    """Seconds to wait for one LLM answer."""
    max_retries: int = Field(default=1, ge=0, le=10)
    """Retries on connection errors, 429 and 5xx before falling back to offline."""
    temperature: float = Field(default=0.4, ge=0, le=2)
    db: Path = Field(default_factory=paths.default_db_path)
    """SQLite database for role-play history and saved drafts (env COACH_DB, flag --db)."""
    concurrency: int = Field(default=4, ge=1, le=64)
    """Parallel requests in `coach draft --batch`."""
    trainee: str | None = None
    theme: Literal["dark", "light"] = "dark"

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings, env_settings, _TomlFiles(settings_cls))


class _TomlFiles(PydanticBaseSettingsSource):
    """User config, then the project's `[tool.coach]` (project wins)."""

    def get_field_value(self, field: Any, field_name: str) -> tuple[Any, str, bool]:  # pragma: no cover - unused
        return None, field_name, False

    def __call__(self) -> dict[str, Any]:
        merged: dict[str, Any] = {}
        for path, table in _config_tables():
            for key, value in table.items():
                if key == "lint":
                    continue  # read by the linter itself
                if key in ("api_key", "api-key"):
                    raise ConfigError(f"{path}: не храните ключ API в файле — задайте COACH_API_KEY или OPENAI_API_KEY")
                merged[key.replace("-", "_")] = value
        return merged


def _config_tables() -> list[tuple[Path, dict[str, Any]]]:
    found: list[tuple[Path, dict[str, Any]]] = []
    user = paths.config_file()
    if user.is_file():
        found.append((user, _read_toml(user)))
    project = find_project_config(Path.cwd())
    if project is not None:
        data = _read_toml(project)
        table = data.get("tool", {}).get("coach", {}) if project.name == "pyproject.toml" else data
        found.append((project, table))
    return found


def find_project_config(start: Path) -> Path | None:
    """The nearest `.coach.toml`, or `pyproject.toml` with a `[tool.coach]` table."""
    for directory in (start, *start.parents):
        candidate = directory / ".coach.toml"
        if candidate.is_file():
            return candidate
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file():
            try:
                if "coach" in _read_toml(pyproject).get("tool", {}):
                    return pyproject
            except ConfigError:
                return pyproject
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return read_toml(path)
    except ConfigFileError as exc:
        raise ConfigError(str(exc)) from None


def load_settings(**overrides: Any) -> Settings:
    """Build settings; `overrides` are CLI flags (None values are ignored)."""
    clean = {k: v for k, v in overrides.items() if v is not None}
    try:
        return Settings(**clean)
    except ValidationError as exc:
        from guardrails.sources.errors import describe_validation_error

        raise ConfigError(f"настройка {describe_validation_error(exc)}") from None


def describe(settings: Settings) -> dict[str, Any]:
    """Settings safe to show or store: the key is reported only as set / not set."""
    data = settings.model_dump(mode="json", exclude={"api_key"})
    data["api_key"] = "задан" if settings.api_key else "не задан"
    return data


__all__ = ["Settings", "load_settings", "describe", "find_project_config"]
