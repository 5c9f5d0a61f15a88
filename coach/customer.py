"""The customer context: who the customer is, where we talk, what they have and want.

YAML format (see ``examples/contexts/``)::

    version: 1
    catalog: ../catalogs/electronics.yaml   # relative to this file
    as_of: 2026-11-22                       # the day the context describes (default: today)
    customer: {name: Айгерим}
    channel: chat                           # chat | email | call
    stage: decided                          # choosing | decided | checkout | after_purchase
    intent: offer                           # offer | follow-up | objection
    cart: [phone-x15]                       # product ids or names
    history:
      - {item: case-x15, date: 2026-10-02}
    refused: [earbuds-pro]                  # or {item: …, date: …, now: true} — now: refused in this dialogue
    goal: чтобы телефон прослужил долго и экран не разбился
    facts: {deadline: 2026-11-30}

In batch JSON lines the same object carries an ``id``.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from coach.catalog import Catalog, Product, Stage, load_catalog
from coach.errors import InputError
from coach.yamlfile import read_yaml, validate_doc

__all__ = ["Customer", "CustomerContext", "CustomerFacts", "Purchase", "Refusal", "CartItem", "Channel",
           "Intent", "load_context", "resolve_catalog"]

Channel = Literal["chat", "email", "call"]
Intent = Literal["offer", "follow-up", "objection"]
Text = Annotated[str, Field(min_length=1)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Customer(_Strict):
    name: Text
    formal: bool = True
    """Address as «вы» with name (true) — the only register the offline templates use."""
    company: str | None = None
    segment: str | None = None


class CartItem(_Strict):
    item: Text
    qty: int = Field(default=1, ge=1)


class Purchase(_Strict):
    item: Text
    """Product id or name (may be something the catalog does not sell)."""
    date: dt.date
    qty: int = Field(default=1, ge=1)


class Refusal(_Strict):
    item: Text
    date: dt.date | None = None
    now: bool = False
    """Refused in this dialogue («Нет, спасибо» just now): no second offer, move on to the order."""


class CustomerFacts(_Strict):
    """Verifiable facts; only these may back urgency or scarcity in a message."""

    deadline: dt.date | None = None
    stock: dict[str, int] = Field(default_factory=dict)
    notes: list[str] = Field(default_factory=list)


class CustomerContext(_Strict):
    version: Literal[1] = 1
    id: str | None = None
    catalog: str | None = None
    """Path of the catalog YAML, relative to the context file."""
    as_of: dt.date | None = None
    customer: Customer
    channel: Channel = "chat"
    stage: Stage
    intent: Intent = "offer"
    objection: str | None = None
    """For intent `objection`: what the customer said («дорого», «не сейчас», «я подумаю»)."""
    base: str | None = None
    """The base purchase (product id or name); default: the priciest cart item, else the latest purchase."""
    cart: list[CartItem] = Field(default_factory=list)
    history: list[Purchase] = Field(default_factory=list)
    refused: list[Refusal] = Field(default_factory=list)
    goal: str | None = None
    facts: CustomerFacts = Field(default_factory=CustomerFacts)
    source: Path | None = Field(default=None, exclude=True)
    """Where the context was read from (set by the loader)."""

    @field_validator("cart", mode="before")
    @classmethod
    def _cart_items(cls, value: object) -> object:
        if isinstance(value, list):
            return [{"item": v} if isinstance(v, str) else v for v in value]
        return value

    @field_validator("refused", mode="before")
    @classmethod
    def _refusals(cls, value: object) -> object:
        if isinstance(value, list):
            return [{"item": v} if isinstance(v, str) else v for v in value]
        return value

    @property
    def today(self) -> dt.date:
        return self.as_of or dt.date.today()

    @property
    def catalog_path(self) -> Path | None:
        if self.catalog is None:
            return None
        path = Path(self.catalog)
        if not path.is_absolute() and self.source is not None:
            path = Path(os.path.normpath(self.source.parent / path))
        return path

    def base_product(self, catalog: Catalog) -> Product | None:
        """The purchase offers are made against (see `base`)."""
        if self.base is not None:
            return catalog.product(self.base)
        in_cart = [p for p in (catalog.product(c.item) for c in self.cart) if p is not None]
        if in_cart:
            return max(in_cart, key=lambda p: p.price)
        for purchase in sorted(self.history, key=lambda h: h.date, reverse=True):
            found = catalog.product(purchase.item)
            if found is not None:
                return found
        return None

    def problems(self, catalog: Catalog) -> list[tuple[tuple[str | int, ...], str]]:
        """References to the catalog that do not resolve, as (location, message)."""
        out: list[tuple[tuple[str | int, ...], str]] = []
        for i, item in enumerate(self.cart):
            if catalog.product(item.item) is None:
                out.append((("cart", i, "item"), f"в каталоге нет товара {item.item!r}"))
        if self.base is not None and catalog.product(self.base) is None:
            out.append((("base",), f"в каталоге нет товара {self.base!r}"))
        if self.intent == "objection" and not self.objection:
            out.append((("objection",), "для intent: objection укажите, что сказал клиент (например, «дорого»)"))
        if self.base_product(catalog) is None and self.stage != "choosing":
            out.append((("cart",), "не из чего исходить: укажите cart, base или покупку из каталога в history"))
        return out


def load_context(path: str | Path, *, check_catalog: bool = True, catalog: Catalog | None = None) -> CustomerContext:
    """Read a customer context YAML file; raises `coach.errors.InputError` naming file, line, field.

    With `check_catalog`, cart / base references are checked against `catalog`
    (or, when it is None, the catalog the context references, which is loaded).
    """
    doc = read_yaml(path)
    context = validate_doc(CustomerContext, doc).model_copy(update={"source": Path(path)})
    if not check_catalog:
        return context
    if catalog is None and context.catalog is not None:
        catalog_path = context.catalog_path
        assert catalog_path is not None
        if not catalog_path.is_file():
            raise doc.error(("catalog",), f"каталог {catalog_path} не найден")
        catalog = load_catalog(catalog_path)
    if catalog is not None:
        for loc, message in context.problems(catalog):
            raise doc.error(loc, message)
    return context


def resolve_catalog(context: CustomerContext, catalog: Catalog | str | Path | None) -> Catalog:
    """The catalog given explicitly, or the one the context references."""
    if isinstance(catalog, Catalog):
        return catalog
    if catalog is not None:
        return load_catalog(catalog)
    path = context.catalog_path
    if path is None:
        where = context.source or "контекст"
        raise InputError("не указан каталог: добавьте поле catalog в контекст или передайте --catalog", where,
                         field="catalog")
    return load_catalog(path)
