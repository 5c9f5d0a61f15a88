"""Linter configuration: ``[tool.coach.lint]`` in ``pyproject.toml`` or ``[lint]`` in ``.coach.toml``.

Example::

    [tool.coach.lint]
    select = ["PR", "UR", "CX"]      # codes or group prefixes; default: all
    ignore = ["TN003"]
    fail-on = "error"                # or "warning"
    price-warning = 0.30             # add-on share of the base price
    price-error = 0.40
    max-offers = 3
    exclude = ["drafts/old/**", "archive"]  # with a "/": relative to this file; a bare name: anywhere
    [tool.coach.lint.severity]
    CX001 = "warning"
"""

from __future__ import annotations

import fnmatch
import glob
import os
import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from guardrails.diagnostic import Severity

__all__ = [
    "LintConfig", "ConfigFileError", "load_config", "find_config_file", "read_toml", "os_error_ru", "anchor_pattern",
    "is_excluded",
]


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

    def __post_init__(self) -> None:
        """Codes are upper-cased like the command line's, so `select=("pr",)` means PR."""
        for name in ("select", "ignore", "extend_select"):
            object.__setattr__(self, name, _upper_codes(getattr(self, name)))
        object.__setattr__(self, "severity", {_upper_code(k): _as_severity(v) for k, v in self.severity.items()})
        object.__setattr__(self, "fail_on", _as_severity(self.fail_on))

    def severity_for(self, code: str) -> Severity | None:
        """The `severity` override for a rule code: the most specific matching code or prefix wins."""
        if not self.severity:
            return None
        best = max((k for k in self.severity if code.startswith(k)), key=len, default=None)
        return self.severity[best] if best is not None else None

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


def _upper_code(code: str) -> str:
    return code.strip().upper()


def _upper_codes(codes: tuple[str, ...] | list[str] | str) -> tuple[str, ...]:
    """Codes as given to LintConfig (a tuple, a list or one string), stripped and upper-cased."""
    if isinstance(codes, str):
        codes = (codes,)
    return tuple(c for c in (_upper_code(code) for code in codes) if c)


def _as_severity(value: Severity | str) -> Severity:
    return value if isinstance(value, Severity) else Severity(value.strip().lower())


_KEYS = {
    "select", "ignore", "extend-select", "fail-on", "price-warning", "price-error", "max-offers", "severity", "exclude",
    "catalog",
}

# tomllib's messages (Python 3.11), in Russian; an unknown one becomes a plain "синтаксическая ошибка".
_TOML_MESSAGES = (
    (r"Cannot overwrite a value", "значение уже задано"),
    (r"Cannot declare (.+) twice", r"таблица \1 объявлена дважды"),
    (r"Cannot (?:mutate immutable|redefine) namespace (.+)", r"нельзя переопределить \1"),
    (r"Duplicate inline table key (.+)", r"ключ \1 повторяется"),
    (r"Expected '=' after a key in a key/value pair", "после ключа ожидается «=»"),
    (r"Expected '\]' at the end of a table declaration", "заголовок таблицы не закрыт «]»"),
    (r"Expected '\]\]' at the end of an array declaration", "заголовок таблицы не закрыт «]]»"),
    (r"Expected newline or end of document after a statement", "после значения ожидается конец строки"),
    (r"Expected (.+)", r"ожидается \1"),
    (r"Invalid date or datetime", "неверная дата"),
    (r"Invalid hex value|Escaped character is not a Unicode scalar value", "неверная escape-последовательность"),
    (r"Invalid initial character for a key part", "неверный символ в начале ключа"),
    (r"Invalid statement", "неверная строка"),
    (r"Invalid value", "неверное значение — строки берутся в кавычки, списки в [ ]"),
    (r"Unclosed array", "список не закрыт «]»"),
    (r"Unclosed inline table", "таблица не закрыта «}»"),
    (r"Unescaped '\\' in a string", "обратная косая черта в строке не экранирована (пишите \\\\ или '…')"),
    (r"Unterminated string", "строка не закрыта кавычкой"),
    (r"(?:Found invalid|Illegal) character (.+)", r"недопустимый символ \1"),
)


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
            coach = data.get("tool", {}).get("coach", {}) if isinstance(data.get("tool"), dict) else {}
            if isinstance(coach, dict) and "lint" in coach:
                return pyproject
    return None


def os_error_ru(exc: OSError) -> str:
    """An OSError as a short Russian phrase (strerror is English)."""
    import errno

    return {
        errno.ENOENT: "файл не найден",
        errno.EACCES: "нет доступа",
        errno.EPERM: "нет доступа",
        errno.EISDIR: "это каталог, а не файл",
        errno.ENOTDIR: "часть пути — не каталог",
        errno.ENOSPC: "нет места на диске",
        errno.EROFS: "файловая система только для чтения",
        errno.ENAMETOOLONG: "слишком длинное имя файла",
        errno.ELOOP: "циклическая символическая ссылка",
        errno.EIO: "ошибка ввода-вывода",
        errno.EPIPE: "канал закрыт",
        errno.EDQUOT: "превышена дисковая квота",
    }.get(exc.errno or 0, f"системная ошибка {exc.errno}" if exc.errno else "системная ошибка")


def _toml_error(path: Path, exc: tomllib.TOMLDecodeError) -> ConfigFileError:
    """`path: ошибка TOML (строка N, столбец M): …` from tomllib's English message."""
    text = str(exc)
    m = re.search(r"\s*\(at line (\d+), column (\d+)\)$", text)
    if m:
        where = f" (строка {m.group(1)}, столбец {m.group(2)})"
        text = text[: m.start()]
    else:
        text = re.sub(r"\s*\(at end of document\)$", "", text)
        try:
            where = f" (строка {len(path.read_bytes().splitlines()) or 1}, конец файла)"
        except OSError:
            where = ""
    for pattern, russian in _TOML_MESSAGES:
        hit = re.fullmatch(pattern, text)
        if hit:
            return ConfigFileError(f"{path}: ошибка TOML{where}: {hit.expand(russian)}")
    return ConfigFileError(f"{path}: ошибка TOML{where}: синтаксическая ошибка")


def read_toml(path: Path) -> dict[str, Any]:
    """A TOML file as a dict; a malformed or unreadable file raises ConfigFileError naming it."""
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise _toml_error(path, exc) from None
    except UnicodeDecodeError:
        raise ConfigFileError(f"{path}: файл настроек не в кодировке UTF-8") from None
    except OSError as exc:
        raise ConfigFileError(f"{path}: не удалось прочитать файл настроек: {os_error_ru(exc)}") from None


def _known_code(code: str) -> bool:
    from guardrails.rules import ALL_RULES

    return any(r.code.startswith(code) for r in ALL_RULES)


def _codes(path: Path, key: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigFileError(f"{path}: {key}: ожидается список кодов правил, например [\"PR\", \"UR001\"]")
    codes = tuple(v.strip().upper() for v in value if v.strip())
    for code in codes:
        if not _known_code(code):
            raise ConfigFileError(f"{path}: {key}: неизвестный код или префикс правила: {code} (список: coach rules)")
    return codes


def _patterns(path: Path, value: Any) -> tuple[str, ...]:
    """`exclude`: one glob or a list of them; those with a `/` are anchored at the config's directory."""
    if isinstance(value, str):
        value = [value]  # one pattern, not its characters
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigFileError(f"{path}: exclude: ожидается список шаблонов путей, например [\"archive/**\"]")
    return tuple(anchor_pattern(v.strip(), path.parent) for v in value)


def anchor_pattern(pattern: str, base: Path) -> str:
    """Like gitignore and ruff: a bare name (`archive`, `*.bak`, `old/`) matches a file or directory of
    that name anywhere; a pattern with a `/` is relative to `base` (made absolute here)."""
    stripped = pattern.rstrip("/")
    if "/" not in stripped:
        return stripped or pattern
    if stripped.startswith("./"):
        stripped = stripped[2:]
    if Path(stripped).is_absolute():
        return stripped
    return f"{glob.escape(str(base.resolve()))}/{stripped.lstrip('/')}"


def is_excluded(path: Path, root: Path, patterns: tuple[str, ...]) -> bool:
    """Whether a file met while walking `root` matches one of `anchor_pattern`'s patterns."""
    try:
        parts = path.relative_to(root).parts
    except ValueError:
        parts = (path.name,)
    absolute = os.path.abspath(path)
    for pat in patterns:
        if "/" in pat and not os.path.isabs(pat):
            pat = anchor_pattern(pat, Path.cwd())  # made by hand, not by load_config: relative to cwd
        if "/" in pat:
            if fnmatch.fnmatchcase(absolute, pat) or fnmatch.fnmatchcase(absolute, pat.rstrip("*").rstrip("/") + "/*"):
                return True
        elif any(fnmatch.fnmatchcase(part, pat) for part in parts):
            return True
    return False


def _table(data: dict[str, Any], keys: tuple[str, ...], path: Path) -> dict[str, Any]:
    """The linter's table (`[tool.coach.lint]` or `[lint]`), or {} when absent; not a table: an error."""
    table: Any = data
    for i, key in enumerate(keys):
        table = table.get(key, {})
        if not isinstance(table, dict):
            name = ".".join(keys[: i + 1])
            raise ConfigFileError(f"{path}: {name}: ожидается таблица [{name}], а не значение")
    return table


def load_config(path: Path | None = None, *, start: Path | None = None) -> LintConfig:
    """Read the config at `path`, or the nearest one above `start` (default: cwd)."""
    if path is None:
        path = find_config_file(start or Path.cwd())
        if path is None:
            return LintConfig()
    data = read_toml(path)
    table = _table(data, ("tool", "coach", "lint") if path.name == "pyproject.toml" else ("lint",), path)
    unknown = set(table) - _KEYS
    if unknown:
        raise ConfigFileError(f"{path}: неизвестные ключи в настройках линтера: {', '.join(sorted(unknown))}")
    kw: dict[str, Any] = {"source": str(path)}
    for key in ("select", "ignore", "extend-select"):
        if key in table:
            kw[key.replace("-", "_")] = _codes(path, key, table[key])
    if "exclude" in table:
        kw["exclude"] = _patterns(path, table["exclude"])
    if "fail-on" in table:
        kw["fail_on"] = _severity(path, "fail-on", table["fail-on"])
    for key in ("price-warning", "price-error"):
        if key in table:
            v = table[key]
            if isinstance(v, bool) or not isinstance(v, (int, float)) or not 0 < v < 10:
                raise ConfigFileError(f"{path}: {key}: ожидается доля, например 0.3")
            kw[key.replace("-", "_")] = float(v)
    if "max-offers" in table:
        v = table["max-offers"]
        if isinstance(v, bool) or not isinstance(v, int) or v < 1:
            raise ConfigFileError(f"{path}: max-offers: ожидается целое число ≥ 1")
        kw["max_offers"] = v
    if "catalog" in table:
        v = table["catalog"]
        if not isinstance(v, str) or not v.strip():
            raise ConfigFileError(f"{path}: catalog: ожидается путь к каталогу (YAML)")
        kw["catalog"] = str(path.parent / v)  # relative to the config file, like a library's catalog:
    if "severity" in table:
        kw["severity"] = _severities(path, table["severity"])
    cfg = LintConfig(**kw)
    if cfg.price_warning > cfg.price_error:
        raise ConfigFileError(f"{path}: price-warning ({cfg.price_warning}) больше price-error ({cfg.price_error})")
    return cfg


def _severities(path: Path, value: Any) -> dict[str, Severity]:
    if not isinstance(value, dict):
        raise ConfigFileError(f"{path}: severity: ожидается таблица КОД = \"error|warning|info\"")
    out: dict[str, Severity] = {}
    for key, v in value.items():
        code = key.strip().upper()
        if not _known_code(code):
            raise ConfigFileError(f"{path}: severity.{key}: неизвестный код или префикс правила (список: coach rules)")
        out[code] = _severity(path, f"severity.{key}", v)
    return out


def _severity(path: Path, key: str, value: Any) -> Severity:
    if isinstance(value, str):
        try:
            return Severity(value.strip().lower())
        except ValueError:
            pass
    raise ConfigFileError(f"{path}: {key}: ожидается \"error\", \"warning\" или \"info\", а не {value!r}")
