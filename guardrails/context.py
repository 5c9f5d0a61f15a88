"""The message context (DESIGN.md, contract 1): what the linter knows about the sale.

Every key is optional; unknown keys are an input error (``extra="forbid"``).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["Stage", "OfferKind", "BaseItem", "Offer", "Facts", "MessageContext"]

Stage = Literal["choosing", "decided", "checkout", "after_purchase"]
OfferKind = Literal["cross-sell", "upsell"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class BaseItem(_Strict):
    """The base purchase the offer is made against."""

    name: str
    price: float | None = Field(default=None, ge=0)


class Offer(_Strict):
    """One item offered in the message. `price` is what the customer would pay
    for it: the add-on's price for a cross-sell, the upgraded item's full price
    for an upsell."""

    name: str
    price: float | None = Field(default=None, ge=0)
    kind: OfferKind = "cross-sell"
    in_stock: bool = True


class Facts(_Strict):
    """Verifiable facts that may back urgency and scarcity claims."""

    deadline: dt.date | None = None
    stock: dict[str, int] = Field(default_factory=dict)


class MessageContext(_Strict):
    stage: Stage | None = None
    base: BaseItem | None = None
    offers: list[Offer] = Field(default_factory=list)
    purchased_recently: list[str] = Field(default_factory=list)
    refused: list[str] = Field(default_factory=list)
    facts: Facts | None = None
    currency: str | None = None
