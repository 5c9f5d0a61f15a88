"""Role-play scenarios: data files under ``examples/scenarios/`` (format in docs/roleplay.md)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from coach import paths
from coach.errors import InputError

__all__ = ["Difficulty", "Outcome", "OUTCOME_LABELS", "Persona", "Product", "Scenario", "Success",
           "load_scenario_file", "load_scenarios", "get_scenario", "SCENARIOS_DIR"]

SCENARIOS_DIR = paths.EXAMPLES_DIR / "scenarios"
Difficulty = Literal["easy", "normal", "hard"]
Outcome = Literal["deal", "next_step", "no_deal", "walked_out"]
OUTCOME_LABELS: dict[str, str] = {
    "deal": "сделка",
    "next_step": "договорились о следующем шаге",
    "no_deal": "без сделки",
    "walked_out": "клиент ушёл",
}


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Product(_Model):
    """What is being sold and what the trainee offers on top of it."""

    name: str
    price: float | None = Field(default=None, ge=0)
    currency: str = "KZT"
    offer: str | None = None
    """The upsell / cross-sell or deal under discussion, if it differs from the product."""


class Persona(_Model):
    """The customer the simulator plays."""

    name: str
    role: str
    temperament: Literal["calm", "friendly", "sceptical", "impatient", "busy"] = "calm"
    budget: float | None = Field(default=None, ge=0)
    hidden_reason: str
    """The real reason behind the surface objection; a good clarifying question brings it out."""
    reveal: list[str] = Field(min_length=1)
    """What the customer says when the real reason comes out (one is picked)."""
    value_hooks: list[str] = Field(default_factory=list)
    """Words of the real task: a reply that mentions them ties back to what matters to this customer."""
    details: list[str] = Field(default_factory=list)
    """Extra facts the customer gives to further clarifying questions."""


class Success(_Model):
    outcomes: list[Literal["deal", "next_step"]] = Field(min_length=1)
    description: str


class Scenario(_Model):
    version: Literal[1] = 1
    name: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    """Used with `--scenario`."""
    title: str
    objection: str
    """The surface objection, e.g. "Дорого."; decides which generic coaching applies."""
    product: Product
    context: str
    """The situation, for the trainee (and the LLM customer)."""
    persona: Persona
    opening: list[str] = Field(min_length=1)
    """The customer's first line (one is picked)."""
    objections: list[str] = Field(default_factory=list)
    """Follow-up objections the customer raises after the real reason is out, in order."""
    difficulty: Difficulty = "normal"
    success: Success
    model_replies: dict[Literal["surface", "revealed", "refused"], str] = Field(default_factory=dict)
    """Better replies for this scenario, shown as suggestions."""
    lines: dict[str, list[str]] = Field(default_factory=dict)
    """Overrides of the customer's phrase bank for this scenario (e.g. `deal`, `next_step`)."""
    source: str | None = Field(default=None, exclude=True)

    @field_validator("lines")
    @classmethod
    def _known_lines(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        from coach.roleplay.phrases import CATEGORIES

        unknown = sorted(set(value) - set(CATEGORIES))
        if unknown:
            raise ValueError(f"неизвестные категории реплик: {', '.join(unknown)}")
        return value

    @model_validator(mode="after")
    def _non_empty_lines(self) -> Scenario:
        for key, options in self.lines.items():
            if not options:
                raise ValueError(f"lines.{key}: нужен хотя бы один вариант")
        return self


def load_scenario_file(path: Path) -> Scenario:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"не удалось прочитать: {exc.strerror}", path=path) from None
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(f"ошибка YAML: {getattr(exc, 'problem', None) or exc}", path=path,
                         line=mark.line + 1 if mark else None) from None
    if not isinstance(raw, dict):
        raise InputError("сценарий должен быть YAML-словарём", path=path, line=1)
    try:
        scenario = Scenario.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(p) for p in first["loc"])
        raise InputError(first["msg"], path=path, line=_line_of(text, first["loc"]), field=loc) from None
    return scenario.model_copy(update={"source": str(path)})


def _line_of(text: str, loc: tuple[object, ...]) -> int | None:
    """Best-effort line of the first key of `loc` in the YAML source."""
    for part in loc:
        if isinstance(part, str):
            for number, line in enumerate(text.splitlines(), 1):
                if line.lstrip().startswith(part + ":"):
                    return number
    return None


@lru_cache(maxsize=8)
def _load_dir(directory: str) -> tuple[Scenario, ...]:
    root = Path(directory)
    if not root.is_dir():
        raise InputError("папка сценариев не найдена", path=root)
    scenarios = [load_scenario_file(p) for p in sorted(root.glob("*.y*ml"))]
    seen: dict[str, str] = {}
    for s in scenarios:
        if s.name in seen:
            raise InputError(f"сценарий «{s.name}» уже задан в {seen[s.name]}", path=s.source, field="name")
        seen[s.name] = s.source or ""
    return tuple(scenarios)


def load_scenarios(directory: str | Path | None = None) -> list[Scenario]:
    """Every scenario in `directory` (default: the shipped examples), sorted by file name."""
    return list(_load_dir(str(Path(directory) if directory else SCENARIOS_DIR)))


def get_scenario(name: str, directory: str | Path | None = None) -> Scenario:
    """A scenario by `name` (or by the path of a scenario file)."""
    candidate = Path(name)
    if candidate.suffix in (".yaml", ".yml") and candidate.is_file():
        return load_scenario_file(candidate)
    scenarios = load_scenarios(directory)
    for s in scenarios:
        if s.name == name:
            return s
    names = ", ".join(s.name for s in scenarios)
    raise InputError(f"сценарий «{name}» не найден; есть: {names}", field="--scenario")
