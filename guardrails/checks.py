"""What a rule's `check` function sees: the analysed message, its context, helpers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from guardrails.config import LintConfig
from guardrails.diagnostic import Diagnostic, Severity
from guardrails.items import head_re, matches_any, name_stems, same_item, stem, stems_match
from guardrails.rule import Rule
from guardrails.ruleset import RuleSet
from guardrails.text import NUMBER_WORDS, Analysed, Token

if TYPE_CHECKING:
    from guardrails.context import MessageContext

__all__ = ["CheckInput"]

_STOP = frozenset(
    """для с и в на к по из от до без под над при про за о об что как так это этот эта эти тот та те
    он она оно они его ее их ему ей им нему него ней них мы вы вам вас нам нас мне меня ты тебя тебе тобой
    чтобы""".split()
)
# Also not a reason in the sentences around an offer ("Подскажите, добавлять или нет?").
_QUESTION_WORDS = frozenset("или либо нет подскажите".split())
_ADDRESS_END = (",", "!")


class CheckInput:
    """What a rule's `check` sees: the analysed text, the context, helpers."""

    __slots__ = ("analysed", "context", "config", "ruleset", "placeholder_names", "prefilter_bits", "_stems")

    def __init__(self, analysed: Analysed, context: MessageContext | None, config: LintConfig, ruleset: RuleSet,
                 placeholder_names: frozenset[str], prefilter_bits: int | None = None) -> None:
        self.analysed = analysed
        self.context = context
        self.config = config
        self.ruleset = ruleset
        self.placeholder_names = placeholder_names
        self.prefilter_bits = prefilter_bits
        """What :meth:`guardrails.prefilter.Prefilter.scan` found, when the engine ran it."""
        self._stems: list[str] | None = None

    @property
    def text(self) -> str:
        return self.analysed.text

    @property
    def tokens(self) -> list[Token]:
        return self.analysed.tokens

    def diagnostic(self, rule: Rule, start: int, end: int, *, message: str | None = None,
                   severity: Severity | None = None) -> Diagnostic:
        return Diagnostic(rule.code, rule.name, severity or rule.severity, message or rule.message, start, end, rule.fix)

    def has_lexicon(self, name: str, *, besides: tuple[str, ...] = ()) -> bool:
        """Whether a word of the lexicon occurs; with `besides` (item names), a word
        that only names one of those items does not count ("к ремонту" in an offer
        for a renovation is not a benefit)."""
        return bool(self.lexicon_words(name, besides=besides))

    def lexicon_words(self, name: str, *, besides: tuple[str, ...] = ()) -> set[str]:
        """The words of the message that belong to the lexicon (see :meth:`has_lexicon`)."""
        bits = self.prefilter_bits
        bit = self.ruleset.prefilter.lexicon_bits.get(name)
        if bits is not None and bit is not None and not bits & bit:
            return set()  # the prefilter never misses a word, so no need to tokenise
        lex = self.ruleset.lexicons[name]
        words = self.analysed.words
        found = (words & lex.forms) | ({w for w in words if w.startswith(lex.prefixes)} if lex.prefixes else set())
        if not found or not besides:
            return found
        names = frozenset(s for n in besides for s in name_stems(n))
        return {w for w in found if not matches_any(stem(w), names)}

    def stems(self) -> list[str]:
        if self._stems is None:
            self._stems = [stem(t.text) for t in self.tokens]
        return self._stems

    def content_words(self, within: set[int] | None = None) -> int:
        """Words that could carry a reason: not filler, not an offer's or the base's
        own name, not a number, not a proper name inside a sentence, and not in a
        sentence of news about the order before the offer («Велосипед готов к
        выдаче…», «Записала вас на среду, 15:30»): news about the order is no
        reason for the offer that follows.  With `within`, only the
        words of those sentences count, and not the words of a closing question
        («Подскажите, добавлять или нет?»)."""
        filler = self.ruleset.lexicons["filler"]
        names: set[str] = set()
        ctx = self.context
        skip: set[int] = set()
        if ctx is not None:
            offer_names: set[str] = set()
            for o in ctx.offers:
                offer_names.update(name_stems(o.name))
            names |= offer_names
            if ctx.base is not None:
                base_stems = set(name_stems(ctx.base.name))
                names |= base_stems
                offered = self.sentences_naming(offer_names - base_stems) | {
                    self.sentence_at(a) for o in ctx.offers for a, _ in self.item_mentions(o.name, besides=ctx.base.name)}
                if offered:  # only news before the offer's own sentence, never the offer's sentence itself
                    news = self.ruleset.lexicons["order_news"]
                    told = {t.sentence for t in self.tokens if news.matches(t.text)}
                    skip = {i for i in told if i < min(offered)}
        frozen = frozenset(names)
        text = self.text
        n = 0
        prev_sentence = -1
        for tok, word_stem in zip(self.tokens, self.stems()):
            first_in_sentence = tok.sentence != prev_sentence
            prev_sentence = tok.sentence
            if tok.sentence in skip or (within is not None and (tok.sentence not in within or tok.text in _QUESTION_WORDS)):
                continue
            w = tok.text
            if len(w) < 3 or not w.isalpha() or w.isascii() or filler.matches(w) or w in _STOP or w in NUMBER_WORDS:
                continue
            if matches_any(word_stem, frozen):
                continue
            if text[tok.start].isupper() and (not first_in_sentence or text[tok.end:tok.end + 1] in _ADDRESS_END):
                continue  # a proper name, or the customer addressed by name («Мария, …», «Ерлан!»)
            n += 1
        return n

    def sentence_at(self, pos: int) -> int:
        """The sentence number of the word at (or first after) character `pos`."""
        tokens = self.tokens
        return next((t.sentence for t in tokens if t.end > pos), tokens[-1].sentence if tokens else 0)

    def sentences_naming(self, stems: set[str]) -> set[int]:
        """Sentences with a word whose stem matches one of `stems` (3+ letters)."""
        wanted = frozenset(w for w in stems if len(w) >= 3)
        if not wanted:
            return set()
        return {tok.sentence for tok, st in zip(self.tokens, self.stems())
                if matches_any(st, wanted)}

    def find_item(self, name: str) -> tuple[int, int] | None:
        """Span of the first mention of the item `name`, by the stem of one of its
        words ("Экспресс-педикюр" is mentioned as "педикюр")."""
        norm = self.analysed.norm
        for wanted in name_stems(name):
            if len(wanted) < 3:
                continue
            for m in head_re(wanted).finditer(norm):
                if stems_match(stem(m.group()), wanted):
                    return m.span()
        return None

    def item_mentions(self, name: str, *, besides: str | None = None) -> list[tuple[int, int]]:
        """Spans of every mention of the item `name`, in text order (see :meth:`find_item`);
        words it shares with the item `besides` ("чехол на диван" and the sofa itself) do not count."""
        norm = self.analysed.norm
        spans: set[tuple[int, int]] = set()
        shared = set(name_stems(besides)) if besides else set()
        for wanted in name_stems(name):
            if len(wanted) >= 3 and wanted not in shared:
                spans.update(m.span() for m in head_re(wanted).finditer(norm) if stems_match(stem(m.group()), wanted))
        return sorted(spans)

    def offer_span(self, name: str) -> tuple[int, int]:
        return self.find_item(name) or (0, len(self.text))

    def first_offer_span(self) -> tuple[int, int] | None:
        spans = [s for o in (self.context.offers if self.context else []) if (s := self.find_item(o.name))]
        return min(spans) if spans else None

    @staticmethod
    def same_item(a: str, b: str) -> bool:
        return same_item(a, b)
