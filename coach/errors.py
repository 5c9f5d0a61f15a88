"""Errors a user can cause, each printed as one line (no traceback), exit code 2.

    CoachError
     ├── InputError        a file or value the user gave is malformed (names file and line)
     ├── ConfigError       settings or config files are invalid
     └── ProviderError     an LLM endpoint failed (the caller usually falls back to offline)
"""

from __future__ import annotations

from pathlib import Path


class CoachError(Exception):
    """Base class: `str(err)` is the one line shown to the user."""

    exit_code = 2


class InputError(CoachError):
    def __init__(self, message: str, path: str | Path | None = None, line: int | None = None,
                 field: str | None = None) -> None:
        self.path = str(path) if path is not None else None
        self.line = line
        self.field = field
        self.detail = message
        where = ""
        if self.path:
            where = self.path + (f":{line}" if line else "") + ": "
        if field:
            message = f"{field}: {message}"
        super().__init__(where + message)


class ConfigError(CoachError):
    pass


class ProviderError(CoachError):
    """An LLM provider failed; `reason` is a short Russian explanation for the user."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)
