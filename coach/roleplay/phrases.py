"""The offline customer's phrase bank (``prompts/roleplay/customer-phrases.yaml``).

A `PhrasePicker` chooses among a category's variants with a seeded random
generator (scripted runs are reproducible) and never says the same line twice
in a row when it has another.
"""

from __future__ import annotations

import random
from functools import lru_cache

import yaml
from pydantic import BaseModel, ConfigDict

from coach import paths

__all__ = ["CATEGORIES", "PhraseBank", "PhrasePicker", "phrase_bank"]

PHRASES_PATH = paths.PROMPTS_DIR / "roleplay" / "customer-phrases.yaml"
CATEGORIES = (
    "reveal_fallback", "follow_up_fallback", "acknowledged_only", "neutral", "value_before_reveal",
    "value_after_reveal", "clarify_after_reveal", "next_step_too_early", "next_step_not_yet",
    "pressure_warning", "argued", "dismissed", "repeated", "impatient", "refuse", "after_refusal_respected",
    "walked_out", "next_step", "deal", "no_deal",
)


class PhraseBank(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: int
    phrases: dict[str, list[str]]


@lru_cache(maxsize=1)
def phrase_bank() -> PhraseBank:
    with PHRASES_PATH.open(encoding="utf-8") as fh:
        bank = PhraseBank.model_validate(yaml.safe_load(fh))
    missing = [c for c in CATEGORIES if not bank.phrases.get(c)]
    if missing:
        from coach.errors import ConfigError

        raise ConfigError(f"{PHRASES_PATH}: нет реплик для категорий: {', '.join(missing)}")
    return bank


class PhrasePicker:
    def __init__(self, overrides: dict[str, list[str]], variables: dict[str, str], seed: int) -> None:
        self._overrides = overrides
        self._variables = variables
        self._rng = random.Random(seed)
        self._last: dict[str, str] = {}

    def pick(self, category: str, options: list[str] | None = None) -> str:
        choices = options or self._overrides.get(category) or phrase_bank().phrases[category]
        fresh = [c for c in choices if c != self._last.get(category)] or choices
        line = self._rng.choice(fresh)
        self._last[category] = line
        return self.fill(line)

    def fill(self, line: str) -> str:
        for key, value in self._variables.items():
            line = line.replace("{" + key + "}", value)
        return line
