"""The compiled rule set: patterns with their word forms expanded, the literal
prefilter that decides which patterns a message may match, and the lexicons
context rules use.

Expanding lemmas needs pymorphy3 (≈0.15 s to load plus the expansion), so the
expansions are cached on disk keyed by the rule specs and the morphology
library versions; a warm `coach lint` never imports pymorphy3.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from guardrails.patterns import Pattern, compile_pattern, parse_pattern
from guardrails.prefilter import Prefilter
from guardrails.rule import Rule

__all__ = ["CompiledRule", "RuleSet", "load_ruleset", "cache_dir"]

CACHE_FORMAT = 1


@dataclass(frozen=True, slots=True)
class CompiledRule:
    rule: Rule
    patterns: tuple[Pattern, ...]
    unless: tuple[Pattern, ...]


@dataclass(frozen=True, slots=True)
class Lexicon:
    forms: frozenset[str]
    prefixes: tuple[str, ...]

    def matches(self, word: str) -> bool:
        return word in self.forms or (bool(self.prefixes) and word.startswith(self.prefixes))


class RuleSet:
    def __init__(self, rules: tuple[Rule, ...], lexicon_specs: dict[str, str], expansions: dict[str, frozenset[str]],
                 presence_lexicons: tuple[str, ...] | None = None) -> None:
        expand = expansions.__getitem__
        self.rules = rules
        self.compiled: list[CompiledRule] = []
        self.check_rules: list[Rule] = []
        for rule in rules:
            if rule.check is not None:
                self.check_rules.append(rule)
            if not rule.patterns:
                continue
            pats = tuple(compile_pattern(parse_pattern(p), expand) for p in rule.patterns)
            unless = tuple(compile_pattern(parse_pattern(p), expand) for p in rule.unless)
            self.compiled.append(CompiledRule(rule, pats, unless))
        self.lexicons: dict[str, Lexicon] = {}
        for name, spec in lexicon_specs.items():
            slot = compile_pattern(parse_pattern(spec), expand).slots[0]
            self.lexicons[name] = Lexicon(slot.forms, slot.prefixes)
        self.prefilter = Prefilter(
            [((ri, pi), pat) for ri, cr in enumerate(self.compiled) for pi, pat in enumerate(cr.patterns)]
            + [((ri, -1 - ui), pat) for ri, cr in enumerate(self.compiled) for ui, pat in enumerate(cr.unless)],
            {n: lex for n, lex in self.lexicons.items() if presence_lexicons is None or n in presence_lexicons},
        )


def cache_dir() -> Path:
    env = os.environ.get("COACH_CACHE_DIR")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_cache_dir("coach"))


def _all_specs(rules: tuple[Rule, ...], lexicon_specs: dict[str, str]) -> list[str]:
    specs: set[str] = set()
    for rule in rules:
        for p in (*rule.patterns, *rule.unless):
            specs |= parse_pattern(p).lemma_specs()
    for spec in lexicon_specs.values():
        specs |= parse_pattern(spec).lemma_specs()
    return sorted(specs)


def load_ruleset(rules: tuple[Rule, ...], lexicon_specs: dict[str, str], *, use_cache: bool = True,
                 presence_lexicons: tuple[str, ...] | None = None) -> RuleSet:
    """`presence_lexicons`: the lexicons rules ask about with ``has_lexicon`` (the
    prefilter tracks those; default all)."""
    specs = _all_specs(rules, lexicon_specs)
    from guardrails.morphology import morph_versions

    key_src = json.dumps([CACHE_FORMAT, morph_versions(), specs], ensure_ascii=False)
    key = hashlib.sha256(key_src.encode()).hexdigest()[:20]
    path = cache_dir() / f"guardrails-forms-{key}.json"
    expansions: dict[str, frozenset[str]] | None = None
    if use_cache:
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            expansions = {k: frozenset(v) for k, v in raw.items()}
        except (OSError, ValueError):
            expansions = None
    if expansions is None or set(expansions) != set(specs):
        from guardrails.morphology import expand

        expansions = {s: expand(s) for s in specs}
        if use_cache:
            _write_atomic(path, json.dumps({k: sorted(v) for k, v in expansions.items()}, ensure_ascii=False))
    return RuleSet(rules, lexicon_specs, expansions, presence_lexicons)


def _write_atomic(path: Path, data: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only cache dir only costs speed
