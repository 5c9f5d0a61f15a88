"""The catalog → guardrails bridge: a `guardrails.MessageContext` for linting a draft.

Every draft is linted with what the linter needs to judge it in context: the
stage, the base purchase, the offers with price / kind / stock, what the
customer bought recently or refused, and the facts that may back urgency.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import guardrails

from coach.catalog import Catalog, Stage
from coach.customer import CustomerContext
from coach.offers import Offer, Selection

__all__ = ["message_context", "STAGE_MAP", "RECENT_DAYS_UNKNOWN"]

STAGE_MAP: dict[str, Stage] = {
    "choosing": "choosing",
    "decided": "decided",
    "checkout": "checkout",
    "after_purchase": "after_purchase",
}
"""Customer-context stage → guardrails stage (the same four today; kept explicit so they can diverge)."""

RECENT_DAYS_UNKNOWN = 90
"""An item the catalog does not know counts as recently bought for this many days."""


def message_context(context: CustomerContext, catalog: Catalog, selection: Selection | None,
                    offers: Sequence[Offer] | None = None, *, stage: Stage | None = None) -> guardrails.MessageContext:
    """Build the linter's context for a draft that makes `offers` (default: the selection's)."""
    chosen = list(offers) if offers is not None else (selection.offers if selection else [])
    base = selection.base if selection is not None else context.base_product(catalog)
    today = context.today
    stock = dict(context.facts.stock)
    for offer in chosen:
        if offer.stock is not None:
            stock.setdefault(offer.name, offer.stock)
    return guardrails.MessageContext(
        stage=STAGE_MAP[stage or context.stage],
        base=guardrails.BaseItem(name=base.name, price=base.price) if base is not None else None,
        offers=[guardrails.Offer(name=o.name, price=o.price, kind=o.kind, in_stock=o.stock != 0) for o in chosen],
        purchased_recently=_recent(context, catalog, today),
        refused=[_name(catalog, r.item) for r in context.refused],
        facts=guardrails.Facts(deadline=context.facts.deadline, stock=stock),
        currency=catalog.currency,
    )


def _recent(context: CustomerContext, catalog: Catalog, today: dt.date) -> list[str]:
    names: list[str] = []
    for purchase in context.history:
        product = catalog.product(purchase.item)
        window = product.repeat_after_days if product is not None else RECENT_DAYS_UNKNOWN
        if (today - purchase.date).days < window:
            name = product.name if product is not None else purchase.item
            if name not in names:
                names.append(name)
    return names


def _name(catalog: Catalog, ref: str) -> str:
    product = catalog.product(ref)
    return product.name if product is not None else ref
