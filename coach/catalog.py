"""The product catalog and its offer matrix ("основа → плюс").

YAML format (see ``docs/drafting.md`` and ``examples/catalogs/``)::

    version: 1
    niche: electronics
    currency: KZT              # KZT ₸, RUB ₽, …
    price_ceiling: 0.35        # an add-on may add at most 35 % of the base price
    products:
      - {id: phone-x15, name: Смартфон Nova X15, category: smartphones, price: 150000, stock: 12}
      - {id: glass-x15, name: Защитное стекло, category: screen-protection, price: 2500, stock: 40}
    offers:
      - base_category: smartphones      # or `base: <product id>`
        plus: glass-x15
        kind: cross-sell                # upsell = a higher level of the same thing
        benefit: защитит экран от царапин и сколов
        risk: замена экрана обойдётся в 25 000 ₸
        goals: [защит, долго]           # word stems that tie the offer to the customer's goal

Every reference is checked on load; errors name the file, the line and the field.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator
from functools import cached_property
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from coach.yamlfile import read_yaml, validate_doc

__all__ = ["Catalog", "Product", "OfferPair", "Stage", "OfferKind", "load_catalog", "SLUG"]

Stage = Literal["choosing", "decided", "checkout", "after_purchase"]
OfferKind = Literal["upsell", "cross-sell"]
SLUG = r"^[a-z0-9][a-z0-9_-]*$"
Slug = Annotated[str, Field(pattern=SLUG, min_length=1)]
Text = Annotated[str, Field(min_length=1)]

STAGES_AFTER_DECISION: tuple[Stage, ...] = ("decided", "checkout", "after_purchase")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Product(_Strict):
    """One product or service."""

    id: Slug
    name: Text
    category: Slug
    price: float = Field(gt=0)
    stock: int | None = Field(default=None, ge=0)
    """Units on hand; omit for services and subscriptions (never out of stock)."""
    unit: str = "шт."
    repeat_after_days: int = Field(default=180, ge=0)
    """Do not offer it again for this many days after the customer bought it (0: consumables)."""


class OfferPair(_Strict):
    """One "основа → плюс" pair of the offer matrix."""

    base: Slug | None = None
    """Product id of the base purchase…"""
    base_category: Slug | None = None
    """…or a whole category of base purchases."""
    plus: Slug
    kind: OfferKind
    benefit: Text
    """What the plus gives, as a verb phrase: «защитит экран от царапин»."""
    risk: Text | None = None
    """The risk it closes or the saving it brings: «замена экрана обойдётся в 25 000 ₸»."""
    goals: list[Text] = Field(default_factory=list)
    """Word stems that, found in the customer's stated goal, make this pair more relevant."""
    stages: list[Stage] = Field(default_factory=lambda: list(STAGES_AFTER_DECISION))
    priority: int = Field(default=0, ge=-10, le=10)
    valid_until: dt.date | None = None
    """For promotional pairs: not offered after this date."""
    case: str | None = None
    """A short story of another customer who took this plus (used by the +14 days follow-up)."""

    @model_validator(mode="after")
    def _one_base(self) -> OfferPair:
        if (self.base is None) == (self.base_category is None):
            raise ValueError("укажите ровно одно из полей base (товар) или base_category (категория)")
        if "choosing" in self.stages:
            raise ValueError("stages: этап choosing недопустим — допродажу предлагают только после решения о покупке")
        return self


class Catalog(_Strict):
    version: Literal[1] = 1
    niche: Text
    title: str | None = None
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")] = "KZT"
    price_ceiling: float = Field(default=0.35, gt=0, le=1)
    """Largest extra cost of an add-on as a share of the base price (seed 004: 30–40 %)."""
    brand: str | None = None
    """Signature in e-mails («команда Гаджет Плюс»)."""
    order: Literal["заказ", "запись", "счёт"] = "заказ"
    """What the customer is adding to: a shop order, a salon booking, or an invoice."""
    checklist: list[Text] = Field(default_factory=list)
    """Tips for the thank-you message after a purchase (seed 003)."""
    products: list[Product] = Field(min_length=1)
    offers: list[OfferPair] = Field(default_factory=list)
    path: Path | None = Field(default=None, exclude=True)

    @cached_property
    def by_id(self) -> dict[str, Product]:
        return {p.id: p for p in self.products}

    def product(self, ref: str) -> Product | None:
        """A product by id, or by name (case-insensitive)."""
        found = self.by_id.get(ref)
        if found is not None:
            return found
        return self._by_name.get(ref.casefold().strip())

    @cached_property
    def _by_name(self) -> dict[str, Product]:
        return {p.name.casefold(): p for p in self.products}

    def pairs_for(self, base: Product) -> Iterator[OfferPair]:
        """Matrix pairs whose base is this product or its category."""
        for pair in self.offers:
            if pair.base == base.id or pair.base_category == base.category:
                yield pair

    def problems(self) -> Iterator[tuple[tuple[str | int, ...], str]]:
        """Reference and consistency problems as (location, Russian message)."""
        seen: set[str] = set()
        for i, product in enumerate(self.products):
            if product.id in seen:
                yield ("products", i, "id"), f"товар {product.id!r} уже описан выше"
            seen.add(product.id)
        categories = {p.category for p in self.products}
        pairs_seen: set[tuple[str, str]] = set()
        for i, pair in enumerate(self.offers):
            plus = self.by_id.get(pair.plus)
            if plus is None:
                yield ("offers", i, "plus"), f"нет товара с id {pair.plus!r} в products"
                continue
            bases: list[Product] = []
            if pair.base is not None:
                base = self.by_id.get(pair.base)
                if base is None:
                    yield ("offers", i, "base"), f"нет товара с id {pair.base!r} в products"
                    continue
                bases = [base]
            elif pair.base_category not in categories:
                yield ("offers", i, "base_category"), f"нет товаров в категории {pair.base_category!r}"
                continue
            else:
                bases = [p for p in self.products if p.category == pair.base_category]
            if any(b.id == plus.id for b in bases):
                yield ("offers", i, "plus"), "товар не может быть дополнением к самому себе"
            key = (pair.base or f"category:{pair.base_category}", pair.plus)
            if key in pairs_seen:
                yield ("offers", i, "plus"), "такая связка уже описана выше"
            pairs_seen.add(key)
            if pair.kind == "upsell":
                cheaper = [b for b in bases if plus.price <= b.price and b.id != plus.id]
                if cheaper:
                    yield (("offers", i, "plus"),
                           f"апсейл должен стоить дороже основы: {plus.name} ({plus.price:g}) "
                           f"не дороже {cheaper[0].name} ({cheaper[0].price:g})")


def load_catalog(path: str | Path) -> Catalog:
    """Read and check a catalog YAML file; raises `coach.errors.InputError`.

    Catalogs are immutable, so a file that has not changed is parsed once.
    """
    path = Path(path)
    try:
        stat = path.stat()
    except OSError:
        stat = None
    if stat is None:
        return _load(path, 0, 0)
    return _load(path, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=32)
def _load(path: Path, mtime_ns: int, size: int) -> Catalog:
    doc = read_yaml(path)
    catalog = validate_doc(Catalog, doc)
    for loc, message in catalog.problems():
        raise doc.error(loc, message)
    return catalog.model_copy(update={"path": path})
