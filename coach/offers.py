"""Offer selection: which pairs of the matrix fit this customer right now, and why.

Rules (DOMAIN.md, seeds 000 and 004): nothing before the base decision; only
pairs of the base purchase; nothing in the cart, bought recently, refused,
out of stock or past its promotion; extra cost within the price ceiling; at most
`max_offers` (default two), at most one upsell; best first. Every candidate
carries Russian reasons for ``--explain`` and the TUI.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from pydantic import BaseModel, ConfigDict

from coach.catalog import Catalog, OfferKind, OfferPair, Product, Stage
from coach.customer import CustomerContext
from coach.templating import format_money

__all__ = ["Offer", "Candidate", "Selection", "select_offers", "STAGE_RU", "KIND_RU"]

STAGE_RU: dict[str, str] = {
    "choosing": "выбор",
    "decided": "решение принято",
    "checkout": "оформление заказа",
    "after_purchase": "после покупки",
}
KIND_RU: dict[str, str] = {"upsell": "апсейл", "cross-sell": "кросс-селл"}


class Offer(BaseModel):
    """An offer as it goes into a message: the plus product with its pair's reasons."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    name: str
    price: float
    kind: OfferKind
    benefit: str
    risk: str | None = None
    category: str
    stock: int | None = None
    unit: str = "шт."
    extra_cost: float
    """What the customer pays on top: the price for a cross-sell, the difference for an upsell."""
    share: float
    """`extra_cost` as a share of the base price."""
    goal_match: list[str] = []


@dataclass
class Candidate:
    offer: Offer
    reasons: list[str] = field(default_factory=list)
    score: float = 0.0
    passed: bool = False
    """Passed every filter; a skipped candidate that passed lost on ranking (its last reason says why)."""


@dataclass
class Selection:
    base: Product | None
    stage: Stage
    chosen: list[Candidate] = field(default_factory=list)
    skipped: list[Candidate] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """Reasons that concern the whole selection (e.g. the customer is still choosing)."""

    @property
    def offers(self) -> list[Offer]:
        return [c.offer for c in self.chosen]


def select_offers(catalog: Catalog, context: CustomerContext, *, max_offers: int = 2) -> Selection:
    """Choose at most `max_offers` offers for `context`, best first, with reasons."""
    base = context.base_product(catalog)
    selection = Selection(base=base, stage=context.stage)
    if base is None:
        selection.notes.append("не определена основная покупка: укажите cart, base или покупку в history")
        return selection
    today = context.today
    blockers = _blockers(context)
    selection.notes.extend(blockers)
    ceiling = catalog.price_ceiling
    cart_ids = {p.id for p in (catalog.product(c.item) for c in context.cart) if p is not None}
    goal = _norm(context.goal or "")
    passing: list[Candidate] = []
    seen: set[str] = set()
    # product-specific pairs first: they override a category pair for the same plus
    pairs = sorted(catalog.pairs_for(base), key=lambda p: p.base is None)
    for pair in pairs:
        if pair.plus in seen:
            continue
        seen.add(pair.plus)
        plus = catalog.by_id[pair.plus]
        offer = _offer(pair, plus, base, goal, context)
        candidate = Candidate(offer)
        problems = list(blockers)
        problems += _problems(pair, plus, base, offer, context, catalog, cart_ids, today)
        if problems:
            candidate.reasons = problems
            selection.skipped.append(candidate)
            continue
        candidate.reasons = _merits(pair, offer, base, context, catalog.currency, ceiling)
        candidate.passed = True
        candidate.score = pair.priority * 10 + len(offer.goal_match) * 30 - offer.share * 10
        passing.append(candidate)
    passing.sort(key=lambda c: (-c.score, c.offer.extra_cost, c.offer.id))
    spent = 0.0
    for candidate in passing:
        offer = candidate.offer
        if len(selection.chosen) >= max_offers:
            candidate.reasons.append(f"не вошло: уже выбрано {max_offers} — больше предложений перегружает клиента")
        elif offer.kind == "upsell" and any(c.offer.kind == "upsell" for c in selection.chosen):
            candidate.reasons.append("не вошло: это альтернатива уже выбранному апгрейду")
        elif spent + offer.extra_cost > ceiling * base.price:
            candidate.reasons.append(
                f"не вошло: вместе с уже выбранным доплата превысит {ceiling:.0%} от основной покупки")
        else:
            spent += offer.extra_cost
            selection.chosen.append(candidate)
            continue
        selection.skipped.append(candidate)
    return selection


def _blockers(context: CustomerContext) -> list[str]:
    """Reasons that forbid any offer in this message."""
    out: list[str] = []
    if context.stage == "choosing":
        out.append("клиент ещё выбирает основную покупку — допродажу предлагают только после решения")
    refused_now = [r.item for r in context.refused if r.now]
    if refused_now and context.intent != "objection":
        out.append(f"клиент уже отказался в этом диалоге ({', '.join(refused_now)}) — переходим к оформлению заказа")
    return out


def _offer(pair: OfferPair, plus: Product, base: Product, goal: str, context: CustomerContext) -> Offer:
    extra = plus.price - base.price if pair.kind == "upsell" else plus.price
    stock = context.facts.stock.get(plus.name, context.facts.stock.get(plus.id, plus.stock))
    matches = [g for g in pair.goals if _norm(g) in goal] if goal else []
    return Offer(id=plus.id, name=plus.name, price=plus.price, kind=pair.kind, benefit=pair.benefit,
                 risk=pair.risk, category=plus.category, stock=stock, unit=plus.unit, extra_cost=extra,
                 share=extra / base.price, goal_match=matches)


def _problems(pair: OfferPair, plus: Product, base: Product, offer: Offer, context: CustomerContext,
              catalog: Catalog, cart_ids: set[str], today: dt.date) -> list[str]:
    out: list[str] = []
    cur = catalog.currency
    if context.stage not in pair.stages and context.stage != "choosing":
        allowed = ", ".join(f"«{STAGE_RU[s]}»" for s in pair.stages)
        out.append(f"не для этапа «{STAGE_RU[context.stage]}»: связка рассчитана на {allowed}")
    if pair.valid_until is not None and pair.valid_until < today:
        out.append(f"акция закончилась {pair.valid_until:%d.%m.%Y}")
    if plus.id in cart_ids:
        out.append("уже в корзине")
    if offer.stock == 0:
        out.append("нет в наличии")
    refusal = next((r for r in context.refused if _same(catalog, r.item, plus)), None)
    if refusal is not None:
        when = f" {refusal.date:%d.%m.%Y}" if refusal.date else ""
        out.append(f"клиент уже отказался от этого{when}")
    bought = [h for h in context.history if _same(catalog, h.item, plus)]
    if bought:
        last = max(bought, key=lambda h: h.date)
        days = (today - last.date).days
        if days < plus.repeat_after_days:
            out.append(f"клиент купил это {last.date:%d.%m.%Y} ({days} дн. назад); "
                       f"повторно — не раньше чем через {plus.repeat_after_days} дн.")
    if pair.kind == "upsell" and plus.price <= base.price:
        out.append("не дороже основной покупки — это не апгрейд")
    if offer.extra_cost > catalog.price_ceiling * base.price:
        out.append(f"доплата {format_money(offer.extra_cost, cur)} — {offer.share:.0%} от основной покупки, "
                   f"выше предела {catalog.price_ceiling:.0%}")
    return out


def _merits(pair: OfferPair, offer: Offer, base: Product, context: CustomerContext, currency: str,
            ceiling: float) -> list[str]:
    reasons = [f"{KIND_RU[pair.kind]} к «{base.name}»: {pair.benefit}"]
    if pair.risk:
        reasons.append(f"закрывает риск: {pair.risk}")
    reasons.append(f"доплата {format_money(offer.extra_cost, currency)} — {offer.share:.0%} от основной покупки "
                   f"(предел {ceiling:.0%})")
    if offer.stock is None:
        reasons.append("услуга или подписка — всегда доступна")
    else:
        reasons.append(f"в наличии: {offer.stock} {offer.unit}")
    if offer.goal_match:
        reasons.append(f"связано с целью клиента: «{context.goal}»")
    if pair.priority:
        reasons.append(f"приоритет связки в матрице: {pair.priority:+d}")
    return reasons


def _same(catalog: Catalog, ref: str, product: Product) -> bool:
    found = catalog.product(ref)
    if found is not None:
        return found.id == product.id
    return _norm(ref) == _norm(product.name)


def _norm(text: str) -> str:
    return text.casefold().replace("ё", "е")
