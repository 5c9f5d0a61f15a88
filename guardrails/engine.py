"""The linter: runs every enabled rule over one message and its context."""

from __future__ import annotations

import threading
from bisect import bisect_left
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from guardrails.checks import CheckInput
from guardrails.config import LintConfig
from guardrails.diagnostic import Diagnostic, Severity
from guardrails.ruleset import RuleSet, load_ruleset
from guardrails.text import Analysed, is_plain, reveal

if TYPE_CHECKING:
    from guardrails.context import MessageContext

__all__ = ["Linter", "lint", "CheckInput", "default_linter", "coerce_context"]


def coerce_context(context: MessageContext | Mapping[str, Any] | None) -> MessageContext | None:
    if context is None:
        return None
    from guardrails.context import MessageContext  # pydantic: only when a context is given

    if isinstance(context, MessageContext):
        return context
    return MessageContext.model_validate(context)


class Linter:
    """A rule set plus a configuration.  Thread-safe; reuse one instance."""

    def __init__(self, config: LintConfig | None = None, *, ruleset: RuleSet | None = None) -> None:
        self.config = config or LintConfig()
        self.ruleset = ruleset or _default_ruleset()
        self._enabled = {r.code: self.config.enabled(r.code) for r in self.ruleset.rules}
        checks = [r for r in self.ruleset.check_rules if self._enabled.get(r.code, True) and not r.fallback]
        self._fallbacks = [r for r in self.ruleset.check_rules if self._enabled.get(r.code, True) and r.fallback]
        self._checks_plain = [r for r in checks if not r.needs_context]
        self._checks_all = checks

    def with_config(self, config: LintConfig) -> Linter:
        return Linter(config, ruleset=self.ruleset)

    def lint(self, text: str, context: MessageContext | Mapping[str, Any] | None = None, *,
             placeholder_names: frozenset[str] = frozenset()) -> list[Diagnostic]:
        """Diagnostics for one message, sorted by position.

        `context` is a contract-1 context (dict or MessageContext); a dict that
        does not validate raises pydantic's ValidationError.
        """
        if not isinstance(text, str):
            raise TypeError(f"text must be str, not {type(text).__name__}")
        ctx = coerce_context(context)
        plain = is_plain(text)
        hidden = None if plain else reveal(text)
        if hidden is not None:  # «Ус\u200bпейте»: lint what the reader sees, report spans in `text`
            shown, back = hidden
            found = self.lint(shown, ctx, placeholder_names=placeholder_names)
            for d in found:
                d.start, d.end = back[d.start], (back[d.end - 1] + 1 if d.end > d.start else back[d.start])
            return found
        analysed = Analysed(text, plain=plain)
        rs = self.ruleset
        enabled = self._enabled
        out: list[Diagnostic] = []
        bits, cands = rs.prefilter.scan_words(analysed.items)
        if cands:
            joined = analysed.joined
            for ri, pis in cands.items():
                cr = rs.compiled[ri]
                rule = cr.rule
                if not enabled.get(rule.code, True) and rule.backed_by != "stock":
                    continue
                starts: list[int] = []  # the matches kept so far: disjoint, sorted by start
                ends: list[int] = []
                for pi in pis:  # the rule's own pattern order decides overlaps
                    if pi < 0:
                        continue  # an `unless` pattern
                    for m in cr.patterns[pi].rx.finditer(joined):
                        a, b = m.span()
                        k = bisect_left(starts, b)  # only the match before `b` can overlap [a, b)
                        if b > a and not (k and ends[k - 1] > a):
                            starts.insert(k, a)
                            ends.insert(k, b)
                if not starts:
                    continue
                matches = list(zip(starts, ends))
                blocked = [m.span() for pi in pis if pi < 0 for m in cr.unless[-1 - pi].rx.finditer(joined)]
                for a, b in matches:
                    if blocked and any(ua < b and a < ub for ua, ub in blocked):
                        continue
                    i, j = analysed.token_span(a, b)
                    start, end = analysed.char_span(i, j)
                    out.append(Diagnostic(rule.code, rule.name, rule.severity, rule.message,
                                          start, end, rule.fix, {"tokens": (i, j)}))
        inp = CheckInput(analysed, ctx, self.config, rs, placeholder_names, bits)
        for rule in (self._checks_plain if ctx is None else self._checks_all):
            found = rule.check(inp, rule)  # type: ignore[misc]
            if found:
                out.extend(found)
        if out:
            out = [d for d in out if not denied(analysed.norm, d)]
            out = drop_reported_speech(out, text, analysed)
            out = apply_backing(out, inp, enabled)
        if ctx is not None and ctx.facts is not None and ctx.facts.deadline is not None:
            out.extend(deadline_mismatch(inp))
        if self._fallbacks and not any(d.severity is Severity.ERROR and enabled.get(d.rule, True)
                                       and d.rule[:2] in _TEXT_GROUPS for d in out):
            for rule in self._fallbacks:
                out.extend(rule.check(inp, rule))  # type: ignore[misc]
        if not out:
            return out
        result = []
        for d in out:
            if not enabled.get(d.rule, True):
                continue
            override = self.config.severity_for(d.rule)
            if override is not None:
                d.severity = override
            d.extra.pop("tokens", None)
            result.append(d)
        result.sort(key=lambda d: (d.start, d.end, d.rule))
        return result


from guardrails.claims import apply_backing, deadline_mismatch, denied, drop_reported_speech  # noqa: E402
from guardrails.rules import ALL_RULES, LEXICONS, PRESENCE_LEXICONS  # noqa: E402  (rules import CheckInput for typing only)

# Rule groups about the wording itself: a fallback rule (the learned model) has
# nothing to add once one of them has rejected the message.
_TEXT_GROUPS = frozenset({"PR", "UR", "TN", "CM"})

_LOCK = threading.Lock()
_DEFAULT_RULESET: RuleSet | None = None
_DEFAULT_LINTER: Linter | None = None


def _default_ruleset() -> RuleSet:
    global _DEFAULT_RULESET
    with _LOCK:
        if _DEFAULT_RULESET is None:
            _DEFAULT_RULESET = load_ruleset(ALL_RULES, LEXICONS, presence_lexicons=PRESENCE_LEXICONS)
        return _DEFAULT_RULESET


def default_linter() -> Linter:
    global _DEFAULT_LINTER
    if _DEFAULT_LINTER is None:
        _DEFAULT_LINTER = Linter()
    return _DEFAULT_LINTER


def lint(text: str, context: MessageContext | Mapping[str, Any] | None = None, *,
         config: LintConfig | None = None) -> list[Diagnostic]:
    """Lint one message with the default rules.  See :meth:`Linter.lint`."""
    linter = default_linter() if config is None else default_linter().with_config(config)
    return linter.lint(text, context)
