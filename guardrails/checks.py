"""What a rule's `check` function sees: the analysed message, its context, helpers."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from guardrails.config import LintConfig
from guardrails.diagnostic import Diagnostic, Severity
from guardrails.items import head_re, matches_any, name_stems, same_item, stem, stems_match
from guardrails.rule import Rule
from guardrails.ruleset import RuleSet
from guardrails.text import Analysed, Token

if TYPE_CHECKING:
    from guardrails.context import MessageContext

__all__ = ["CheckInput"]

_STOP = frozenset(
    """для с и в на к по из от до без под над при про за о об что как так это этот эта эти тот та те
    он она оно они его ее их ему ей им нему него ней них мы вы вам вас нам нас мне меня ты тебя тебе тобой""".split()
)
# Also not a reason in the sentences around an offer ("Подскажите, добавлять или нет?").
_QUESTION_WORDS = frozenset("или либо нет подскажите".split())
# A sentence after an offer that starts with one of these speaks of the offer.
_BACK_REFERENCES = frozenset("он она оно они его ее их ним ней нем них это этот эта эти так там тогда ведь с со в к".split())
# A sentence before an offer with one of these sets up the need it answers.
_SETUP_WORDS = frozenset("если чтобы когда раз поскольку раньше часто".split())


@lru_cache(maxsize=1024)
def _price_re(price: float) -> re.Pattern[str]:
    """A price as a message writes it: "9500", "9 500", "9\u00a0500" (kopecks, if any, are not required)."""
    digits = str(int(price))
    groups = []
    while len(digits) > 3:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    groups.insert(0, digits)
    return re.compile(r"(?<![\d.,])" + r"[ \u00a0\u202f\u2009]?".join(groups) + r"(?!\d)")


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
        bits = self.prefilter_bits
        bit = self.ruleset.prefilter.lexicon_bits.get(name)
        if bits is not None and bit is not None and not bits & bit:
            return False  # the prefilter never misses a word, so no need to tokenise
        lex = self.ruleset.lexicons[name]
        words = self.analysed.words
        found = (words & lex.forms) | ({w for w in words if w.startswith(lex.prefixes)} if lex.prefixes else set())
        if not found or not besides:
            return bool(found)
        names = frozenset(s for n in besides for s in name_stems(n))
        return any(not matches_any(stem(w), names) for w in found)

    def stems(self) -> list[str]:
        if self._stems is None:
            self._stems = [stem(t.text) for t in self.tokens]
        return self._stems

    def content_words(self, within: set[int] | None = None) -> int:
        """Words that could carry a reason: not filler, not an offer's or the base's
        own name, not a number, not a proper name inside a sentence, and not in a
        sentence of news about the base purchase before the offer («Велосипед готов
        к выдаче…», «Букет оформлен, курьер привезёт его к 14:00»): news about the
        order is no reason for the offer that follows.  With `within`, only the
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
                base_names = base_stems - offer_names
                offered = self._sentences_naming(offer_names - base_stems) | {
                    self._sentence_at(a) for o in ctx.offers for a, _ in self.item_mentions(o.name, besides=ctx.base.name)}
                if offered:  # only news before the offer's own sentence, never the offer's sentence itself
                    news = self.ruleset.lexicons["order_news"]
                    told = {t.sentence for t in self.tokens if news.matches(t.text)}
                    skip = {i for i in self._sentences_naming(base_names) & told if i < min(offered)}
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
            if len(w) < 3 or not w.isalpha() or w.isascii() or filler.matches(w) or w in _STOP:
                continue
            if matches_any(word_stem, frozen):
                continue
            if text[tok.start].isupper() and not first_in_sentence:
                continue
            n += 1
        return n

    LONG_MESSAGE_SENTENCES = 4
    """From this many sentences on, an offer's reason must stand next to it."""

    def offer_without_reason_nearby(self) -> bool:
        """In a long message, whether the offer stands without a reason next to it.

        An order confirmation or a booking e-mail has plenty of words, and none
        of them need be about the offer slipped in among them («Доставка
        запланирована на завтра… К заказу можем добавить сумку за 3 500 ₽. Если
        будут вопросы, поддержка работает круглосуточно»).  So in a message of
        :attr:`LONG_MESSAGE_SENTENCES` or more sentences the reason is looked
        for only in the sentences that make the offer and the sentence on either
        side of them, unless that one is housekeeping (lexicon ``service`` or
        ``order_news``); a benefit word there counts even so."""
        ctx = self.context
        tokens = self.tokens
        if ctx is None or not ctx.offers or not tokens or tokens[-1].sentence + 1 < self.LONG_MESSAGE_SENTENCES:
            return False
        offered = self._offer_sentences()
        if not offered:
            return False
        first, last = min(offered), max(offered)
        lex = self.ruleset.lexicons
        news, service, benefit = lex["order_news"], lex["service"], lex["benefit"]
        housekeeping = self._housekeeping()
        around = {first - 1, last + 1}
        names = frozenset(self._item_stems())
        if any(t.sentence in offered or t.sentence in around for t, st in zip(tokens, self.stems())
               if benefit.matches(t.text) and not matches_any(st, names)):
            return False
        linked = set()
        by_sentence: dict[int, list[str]] = {}
        for t in tokens:
            by_sentence.setdefault(t.sentence, []).append(t.text)
        after = by_sentence.get(last + 1)
        if after and after[0] in _BACK_REFERENCES:
            linked.add(last + 1)  # "Он из шерсти мериноса — тёплый и не колется."
        before = by_sentence.get(first - 1)
        if before and not _SETUP_WORDS.isdisjoint(before):
            linked.add(first - 1)  # "Если часто работаете в кафе, …"
        return self.content_words(within=offered | (linked - housekeeping)) < 2

    def _offer_sentences(self) -> set[int]:
        """The sentences of the offer: from the first to the last one that makes an
        offer (lexicon ``offer_made``), states an offer's price, or names an offered
        item (not the base) outside news about the order.  A sentence that is only the
        price («Разница 8 000 ₽, итого 66 000 ₽.») prices the offer made just
        before it."""
        ctx = self.context
        assert ctx is not None
        base = ctx.base.name if ctx.base is not None else None
        offer_stems = {s for o in ctx.offers for s in name_stems(o.name)}
        base_stems = set(name_stems(base)) if base else set()
        naming = self._sentences_naming(offer_stems - base_stems)
        naming |= {self._sentence_at(a) for o in ctx.offers for a, _ in self.item_mentions(o.name, besides=base)}
        made = self.ruleset.lexicons["offer_made"]
        making = {t.sentence for t in self.tokens if made.matches(t.text)}
        priced = {self._sentence_at(m.start()) for o in ctx.offers if o.price
                  for m in _price_re(o.price).finditer(self.text)}
        priced |= {i - 1 for i in priced - naming - making if i > 0 and self.content_words(within={i}) == 0}
        anchors = making | priced
        # an item word in news about the order is about the order («бронирование в отеле подтверждено»)
        found = (naming - self._housekeeping()) | anchors
        return set(range(min(found), max(found) + 1)) if found else found

    def _housekeeping(self) -> set[int]:
        """Sentences of delivery news, payment, documents, support and sign-offs
        (lexicons ``order_news`` and ``service``)."""
        lex = self.ruleset.lexicons
        news, service = lex["order_news"], lex["service"]
        names = frozenset(self._item_stems())  # not a word of an item's name («Стельки с поддержкой свода»)
        return {t.sentence for t, st in zip(self.tokens, self.stems())
                if (news.matches(t.text) or service.matches(t.text)) and not matches_any(st, names)}

    def _item_stems(self) -> set[str]:
        ctx = self.context
        assert ctx is not None
        names = {s for o in ctx.offers for s in name_stems(o.name)}
        if ctx.base is not None:
            names |= set(name_stems(ctx.base.name))
        return names

    def _sentence_at(self, pos: int) -> int:
        tokens = self.tokens
        return next((t.sentence for t in tokens if t.end > pos), tokens[-1].sentence if tokens else 0)

    def _sentences_naming(self, stems: set[str]) -> set[int]:
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
