"""Where in a long message the offer is, and whether its reason stands there (CX001).

An order confirmation or a booking e-mail has plenty of words, and none of them
need be about the offer slipped in among them («Доставка запланирована на
завтра… К заказу можем добавить сумку за 3 500 ₽. Если будут вопросы,
поддержка работает круглосуточно»).  Counting reason words over the whole
message lets such an offer through; so in a long message the reason is looked
for in the offer's *passage* and the sentence on either side of it that speaks
of the offer.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from guardrails.items import matches_any, name_stems

if TYPE_CHECKING:
    from guardrails.checks import CheckInput

__all__ = ["LONG_MESSAGE_SENTENCES", "reason_missing_near_offer", "offer_sentences", "housekeeping"]

LONG_MESSAGE_SENTENCES = 4
"""From this many sentences on, an offer's reason must stand next to it (in
shorter messages every sentence is next to the offer)."""

# A sentence after the offer that starts with one of these speaks of it («Он из шерсти мериноса…»).
_BACK_REFERENCES = frozenset("он она оно они его ее их ним ней нем них это этот эта эти так там тогда ведь с со в к".split())
# A sentence before the offer with one of these sets up the need it answers («Если часто работаете в кафе, …»).
_SETUP_WORDS = frozenset("если чтобы когда раз поскольку раньше часто".split())


def reason_missing_near_offer(inp: CheckInput) -> bool:
    """In a message of :data:`LONG_MESSAGE_SENTENCES` or more sentences, whether
    the offer's passage (:func:`offer_sentences`) and the sentences linked to it
    hold no reason: no benefit word in the passage or on either side of it, and
    fewer than two content words in the passage, the sentence after it that
    refers back to it, or the sentence before it that sets up a need (unless
    that one is :func:`housekeeping`)."""
    ctx = inp.context
    tokens = inp.tokens
    if ctx is None or not ctx.offers or not tokens or tokens[-1].sentence + 1 < LONG_MESSAGE_SENTENCES:
        return False
    chores = housekeeping(inp)
    passage = offer_sentences(inp, chores)
    if not passage:
        return False
    first, last = min(passage), max(passage)
    benefit = inp.ruleset.lexicons["benefit"]
    names = _item_stems(inp)
    around = passage | ({first - 1, last + 1} - chores)
    if any(t.sentence in around and benefit.matches(t.text) and not matches_any(st, names)
           for t, st in zip(tokens, inp.stems())):
        return False
    by_sentence: dict[int, list[str]] = {}
    for t in tokens:
        by_sentence.setdefault(t.sentence, []).append(t.text)
    linked = set()
    after = by_sentence.get(last + 1)
    if after and after[0] in _BACK_REFERENCES:
        linked.add(last + 1)
    before = by_sentence.get(first - 1)
    if before and not _SETUP_WORDS.isdisjoint(before):
        linked.add(first - 1)
    return inp.content_words(within=passage | (linked - chores)) < 2


def offer_sentences(inp: CheckInput, chores: set[int] | None = None) -> set[int]:
    """The offer's passage: from the first to the last sentence that makes an
    offer (lexicon ``offer_made``), states an offer's price, or names an offered
    item (not the base) outside :func:`housekeeping` («бронирование в отеле
    подтверждено» is about the booking, not the hotel dinner offered later).  A
    sentence that is only the price («Разница 8 000 ₽, итого 66 000 ₽.») prices
    the offer made just before it.  `chores`: :func:`housekeeping`, when the
    caller has it already."""
    ctx = inp.context
    assert ctx is not None
    base = ctx.base.name if ctx.base is not None else None
    offer_stems = {s for o in ctx.offers for s in name_stems(o.name)}
    base_stems = set(name_stems(base)) if base else set()
    naming = inp.sentences_naming(offer_stems - base_stems)
    naming |= {inp.sentence_at(a) for o in ctx.offers for a, _ in inp.item_mentions(o.name, besides=base)}
    made = inp.ruleset.lexicons["offer_made"]
    making = {t.sentence for t in inp.tokens if made.matches(t.text)}
    priced = {inp.sentence_at(m.start()) for o in ctx.offers if o.price
              for m in price_re(o.price).finditer(inp.text)}
    priced |= {i - 1 for i in priced - naming - making if i > 0 and inp.content_words(within={i}) == 0}
    if chores is None:
        chores = housekeeping(inp)
    # A verb of offering in order news or a reminder is no offer («Заявка на подключение
    # принята», «Не забудь взять чек»), unless no other sentence makes one.
    found = (naming - chores) | (making - chores) | priced or making
    return set(range(min(found), max(found) + 1)) if found else found


def housekeeping(inp: CheckInput) -> set[int]:
    """Sentences of order news, delivery, payment, documents, support and
    sign-offs (lexicons ``order_news`` and ``service``); a word of an item's own
    name does not count («Стельки с поддержкой свода»)."""
    lex = inp.ruleset.lexicons
    news, service = lex["order_news"], lex["service"]
    names = _item_stems(inp)
    return {t.sentence for t, st in zip(inp.tokens, inp.stems())
            if (news.matches(t.text) or service.matches(t.text)) and not matches_any(st, names)}


@lru_cache(maxsize=1024)
def price_re(price: float) -> re.Pattern[str]:
    """A price as a message writes it: "9500", "9 500", "9\u00a0500" (kopecks, if any, are not required)."""
    digits = str(int(price))
    groups = []
    while len(digits) > 3:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    groups.insert(0, digits)
    return re.compile(r"(?<![\d.,])" + r"[ \u00a0\u202f\u2009]?".join(groups) + r"(?!\d)")


def _item_stems(inp: CheckInput) -> frozenset[str]:
    ctx = inp.context
    assert ctx is not None
    names = {s for o in ctx.offers for s in name_stems(o.name)}
    if ctx.base is not None:
        names |= set(name_stems(ctx.base.name))
    return frozenset(names)
