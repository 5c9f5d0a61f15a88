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
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from guardrails.patterns import Pattern, compile_pattern, parse_pattern
from guardrails.prefilter import Prefilter
from guardrails.rule import Rule

__all__ = ["CompiledRule", "RuleSet", "load_ruleset", "cache_dir"]

CACHE_FORMAT = 3


class CompiledRule:
    """A rule with its patterns compiled on first use: a cold run whose
    prefilter comes from the cache compiles only the rules its messages touch."""

    __slots__ = ("rule", "_compile", "_patterns", "_unless")

    def __init__(self, rule: Rule, compile: Callable[[str], Pattern]) -> None:
        self.rule = rule
        self._compile = compile
        self._patterns: tuple[Pattern, ...] | None = None
        self._unless: tuple[Pattern, ...] | None = None

    @property
    def patterns(self) -> tuple[Pattern, ...]:
        if self._patterns is None:
            self._patterns = tuple(self._compile(p) for p in self.rule.patterns)
        return self._patterns

    @property
    def unless(self) -> tuple[Pattern, ...]:
        if self._unless is None:
            self._unless = tuple(self._compile(p) for p in self.rule.unless)
        return self._unless


@dataclass(frozen=True, slots=True)
class Lexicon:
    forms: frozenset[str]
    prefixes: tuple[str, ...]

    def matches(self, word: str) -> bool:
        return word in self.forms or (bool(self.prefixes) and word.startswith(self.prefixes))


class RuleSet:
    def __init__(self, rules: tuple[Rule, ...], lexicon_specs: dict[str, str], expansions: dict[str, frozenset[str]],
                 presence_lexicons: tuple[str, ...] | None = None, prefilter_data: dict[str, object] | None = None) -> None:
        expand = expansions.__getitem__
        slot_cache: dict[tuple[str, ...], tuple[frozenset[str], tuple[str, ...], bool, bool, bool]] = {}

        def compile(source: str) -> Pattern:
            return compile_pattern(parse_pattern(source), expand, slot_cache)

        self.rules = rules
        self.compiled: list[CompiledRule] = []
        self.check_rules: list[Rule] = []
        for rule in rules:
            if rule.check is not None:
                self.check_rules.append(rule)
            if rule.patterns:
                self.compiled.append(CompiledRule(rule, compile))
        self.lexicons: dict[str, Lexicon] = {}
        for name, spec in lexicon_specs.items():
            slot = compile(spec).slots[0]
            self.lexicons[name] = Lexicon(slot.forms, slot.prefixes)
        prefilter = None
        if prefilter_data is not None:
            try:
                prefilter = Prefilter.from_data(prefilter_data)
            except (KeyError, TypeError, ValueError, AttributeError, IndexError):
                prefilter = None  # a cache file from another version: build it again
        self.prefilter_cached = prefilter is not None
        if prefilter is not None:
            self.prefilter = prefilter
        else:
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
    prefilter tracks those; default all).

    Both cache files are keyed by the rules' own text (and the morphology
    dictionaries' versions), so a warm start parses no pattern to find its
    cache: it reads two files and compiles only what its messages touch."""
    from guardrails.morphology import morph_versions

    sources = [(r.code, r.patterns, r.unless) for r in rules]
    key_src = _dumps([CACHE_FORMAT, morph_versions(), sources, lexicon_specs])
    key = hashlib.sha256(key_src.encode()).hexdigest()[:20]
    path = cache_dir() / f"guardrails-forms-{key}.json"
    expansions: dict[str, frozenset[str]] | None = None
    if use_cache:
        try:
            raw = _loads(path.read_bytes())
            if raw["key"] == key:  # written atomically, whole, by this very rule text
                expansions = {k: frozenset(v) for k, v in raw["expansions"].items()}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            expansions = None
    if expansions is None:
        from guardrails.morphology import expand

        expansions = {s: expand(s) for s in _all_specs(rules, lexicon_specs)}
        if use_cache:
            _write_atomic(path, _dumps({"key": key, "expansions": {k: sorted(v) for k, v in expansions.items()}}))
    # The prefilter depends on which lexicons it tracks too: its own cache file.
    ppath = cache_dir() / f"guardrails-prefilter-{hashlib.sha256(_dumps([key, presence_lexicons]).encode()).hexdigest()[:20]}.json"
    data = None
    if use_cache:
        try:
            data = _loads(ppath.read_bytes())
        except (OSError, ValueError):
            data = None
    ruleset = RuleSet(rules, lexicon_specs, expansions, presence_lexicons, data)
    if use_cache and not ruleset.prefilter_cached:
        _write_atomic(ppath, _dumps(ruleset.prefilter.to_data()))
    return ruleset


def _dumps(obj: object) -> str:
    return json.dumps(obj, ensure_ascii=False)


try:  # orjson reads a cache file about three times faster
    from orjson import loads as _loads
except ImportError:  # pragma: no cover - orjson is a dependency
    _loads = json.loads


def _write_atomic(path: Path, data: str) -> None:
    """Write a cache file, and drop the stale ones of its kind (an older rule set's)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(data)
        os.replace(tmp, path)
        kind = path.name.rsplit("-", 1)[0]
        for old in path.parent.glob(f"{kind}-*.json"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only cache dir only costs speed
