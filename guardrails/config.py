"""Linter configuration: ``[tool.coach.lint]`` in ``pyproject.toml`` or ``[lint]`` in ``.coach.toml``.

Example::

    [tool.coach.lint]
    select = ["PR", "UR", "CX"]      # codes or group prefixes; default: all
    ignore = ["TN003"]
    fail-on = "error"                # or "warning"
    price-warning = 0.30             # add-on share of the base price
    price-error = 0.40
    max-offers = 3
    exclude = ["drafts/old/**"]
    [tool.coach.lint.severity]
    CX001 = "warning"
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from guardrails.diagnostic import Severity

__all__ = ["LintConfig", "ConfigFileError", "load_config", "find_config_file", "read_toml"]


class ConfigFileError(Exception):
    """A config file is malformed; the message names the file."""


@dataclass(frozen=True)
class LintConfig:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    fail_on: Severity = Severity.ERROR
    price_warning: float = 0.30
    price_error: float = 0.40
    max_offers: int = 3
    severity: dict[str, Severity] = field(default_factory=dict)
    exclude: tuple[str, ...] = ()
    catalog: str | None = None
    """An offer matrix (catalog YAML) to check every message's offers against (CX010)."""
    source: str | None = None

    def enabled(self, code: str) -> bool:
        """ruff-like: the most specific matching selector wins; ignore beats select at equal length."""
        def best(prefixes: tuple[str, ...]) -> int:
            return max((len(p) for p in prefixes if code.startswith(p)), default=-1)

        sel = best(self.select + self.extend_select) if (self.select or self.extend_select) else 0
        ign = best(self.ignore)
        if self.select and sel < 0:
            return False
        return not (ign >= 0 and ign >= sel)

    def with_overrides(self, **kw: Any) -> LintConfig:
        clean = {k: v for k, v in kw.items() if v is not None}
        return replace(self, **clean)


_KEYS = {
    "select", "ignore", "extend-select", "fail-on", "price-warning", "price-error", "max-offers", "severity", "exclude",
    "catalog",
}


def find_config_file(start: Path) -> Path | None:
    start = start.resolve()
    for directory in (start, *start.parents):
        dot = directory / ".coach.toml"
        if dot.is_file():
            return dot
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file():
            try:
                data = read_toml(pyproject)
            except ConfigFileError:
                return pyproject
            if "lint" in data.get("tool", {}).get("coach", {}):
                return pyproject
    return None


def read_toml(path: Path) -> dict[str, Any]:
    """A TOML file as a dict; a malformed or unreadable file raises ConfigFileError naming it."""
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigFileError(f"{path}: ошибка TOML: {exc}") from None
    except OSError as exc:
        raise ConfigFileError(f"{path}: не удалось прочитать файл ({exc.strerror})") from None


def _codes(path: Path, key: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigFileError(f"{path}: {key}: ожидается список кодов правил")
    return tuple(v.strip().upper() for v in value if v.strip())


def load_config(path: Path | None = None, *, start: Path | None = None) -> LintConfig:
    """Read the config at `path`, or the nearest one above `start` (default: cwd)."""
    if path is None:
        path = find_config_file(start or Path.cwd())
        if path is None:
            return LintConfig()
    data = read_toml(path)
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("coach", {}).get("lint", {})
    else:
        table = data.get("lint", {})
    unknown = set(table) - _KEYS
    if unknown:
        raise ConfigFileError(f"{path}: неизвестные ключи в настройках линтера: {', '.join(sorted(unknown))}")
    kw: dict[str, Any] = {"source": str(path)}
    for key in ("select", "ignore", "extend-select", "exclude"):
        if key in table:
            vals = _codes(path, key, table[key]) if key != "exclude" else tuple(table[key])
            kw[key.replace("-", "_")] = vals
    if "fail-on" in table:
        kw["fail_on"] = _severity(path, "fail-on", table["fail-on"])
    for key in ("price-warning", "price-error"):
        if key in table:
            v = table[key]
            if not isinstance(v, (int, float)) or not 0 < v < 10:
                raise ConfigFileError(f"{path}: {key}: ожидается доля, например 0.3")
            kw[key.replace("-", "_")] = float(v)
    if "max-offers" in table:
        v = table["max-offers"]
        if not isinstance(v, int) or v < 1:
            raise ConfigFileError(f"{path}: max-offers: ожидается целое число ≥ 1")
        kw["max_offers"] = v
    if "catalog" in table:
        v = table["catalog"]
        if not isinstance(v, str) or not v.strip():
            raise ConfigFileError(f"{path}: catalog: ожидается путь к каталогу (YAML)")
        kw["catalog"] = str(path.parent / v)  # relative to the config file, like a library's catalog:
    if "severity" in table:
        sev = table["severity"]
        if not isinstance(sev, dict):
            raise ConfigFileError(f"{path}: severity: ожидается таблица КОД = \"error|warning|info\"")
        kw["severity"] = {k.upper(): _severity(path, f"severity.{k}", v) for k, v in sev.items()}
    cfg = LintConfig(**kw)
    if cfg.price_warning > cfg.price_error:
        raise ConfigFileError(f"{path}: price-warning ({cfg.price_warning}) больше price-error ({cfg.price_error})")
    return cfg


def _severity(path: Path, key: str, value: Any) -> Severity:
    try:
        return Severity(str(value).lower())
    except ValueError:
        raise ConfigFileError(f"{path}: {key}: ожидается error, warning или info, а не {value!r}") from None
