"""The message context (DESIGN.md, contract 1): what the linter knows about the sale.

Every key is optional; unknown keys are an input error (``extra="forbid"``).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

__all__ = ["Stage", "OfferKind", "BaseItem", "Offer", "Facts", "MessageContext"]

Stage = Literal["choosing", "decided", "checkout", "after_purchase"]
OfferKind = Literal["cross-sell", "upsell"]


def _not_bool(value: Any) -> Any:
    """pydantic's lax mode reads true as 1: a price or a count of `true` is a mistake, not 1."""
    if isinstance(value, bool):
        raise PydanticCustomError("bool_not_number", "ожидается число, а не true/false")
    return value


Price = Annotated[float, BeforeValidator(_not_bool), Field(ge=0, allow_inf_nan=False)]
"""A price: a finite number, not negative (``Infinity`` or ``1e400`` is an input error)."""
Count = Annotated[int, BeforeValidator(_not_bool), Field(ge=0)]
"""A stock count: a whole number, not negative."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class BaseItem(_Strict):
    """The base purchase the offer is made against."""

    name: str
    price: Price | None = None


class Offer(_Strict):
    """One item offered in the message. `price` is what the customer would pay
    for it: the add-on's price for a cross-sell, the upgraded item's full price
    for an upsell."""

    name: str
    price: Price | None = None
    kind: OfferKind = "cross-sell"
    in_stock: bool = True


class Facts(_Strict):
    """Verifiable facts that may back urgency and scarcity claims."""

    deadline: dt.date | None = None
    stock: dict[str, Count] = Field(default_factory=dict)


class MessageContext(_Strict):
    stage: Stage | None = None
    base: BaseItem | None = None
    offers: list[Offer] = Field(default_factory=list)
    purchased_recently: list[str] = Field(default_factory=list)
    refused: list[str] = Field(default_factory=list)
    facts: Facts | None = None
    currency: str | None = None
