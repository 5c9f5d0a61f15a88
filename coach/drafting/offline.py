"""The offline provider: deterministic drafts realised from ``prompts/offline/`` templates.

Phrasings vary by context: each template slot picks one of several options
with a hash of (customer, base, offers, variant, slot), so the same context
always gives the same text, different customers read different texts, and
``n`` variants of one context differ.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from typing import Any

from coach.catalog import Catalog, Product
from coach.customer import CustomerContext
from coach.drafting.grammar import inflect, lower_first
from coach.offers import KIND_RU, STAGE_RU, Offer, Selection
from coach.templating import format_money, render

__all__ = ["realise", "template_vars", "objection_kind", "tidy", "TOUCH_KINDS"]

TOUCH_KINDS = ("thanks", "related", "case", "personal")

_OBJECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("refusal", ("нет, спасибо", "не нужно", "не надо", "не интересно", "неинтересно", "откажусь")),
    ("boss", ("директор", "руковод", "начальн", "обсуд", "согласова", "партнёр", "партнер")),
    ("later", ("не сейчас", "позже", "потом", "в другой раз", "не время")),
    ("think", ("подума", "подумать", "не уверен")),
    ("price", ("дорог", "цена", "цену", "денег", "бюджет", "дешевле", "скидк")),
)

_SPACES = re.compile(r"[ \t]+")
_KEEP_LINE = re.compile(r"^(?:[-•–]\s|\d+[.)]\s|Тема:|С уважением|Команда|Менеджер)")


def objection_kind(text: str | None) -> str:
    """Classify what the customer said: price, later, think, boss, refusal or other."""
    low = (text or "").casefold().replace("ё", "е")
    for kind, cues in _OBJECTIONS:
        if any(cue.replace("ё", "е") in low for cue in cues):
            return kind
    return "other"


def tidy(text: str) -> str:
    """Paragraphs are separated by blank lines; inside one, template lines are joined
    with spaces unless a line starts a list item, a subject or a signature."""
    paragraphs: list[str] = []
    for block in re.split(r"\n[ \t]*\n", text.strip()):
        lines: list[str] = []
        for raw in block.splitlines():
            line = _SPACES.sub(" ", raw).strip(" \t")  # keep narrow / no-break spaces in prices
            if not line:
                continue
            if lines and not _KEEP_LINE.match(line) and not _KEEP_LINE.match(lines[-1]) \
                    and not lines[-1].endswith(":"):
                lines[-1] += " " + line
            else:
                lines.append(line)
        if lines:
            paragraphs.append("\n".join(lines))
    return "\n\n".join(paragraphs)


def _product_vars(product: Product, currency: str) -> dict[str, Any]:
    return {
        "name": product.name,
        "nom": lower_first(product.name),
        "Nom": product.name,
        "acc": inflect(product.name, "accs"),
        "dat": inflect(product.name, "datv"),
        "gen": inflect(product.name, "gent"),
        "price": format_money(product.price, currency),
        "service": product.stock is None,
    }


def _offer_vars(offer: Offer, currency: str) -> dict[str, Any]:
    return {
        "name": offer.name,
        "nom": lower_first(offer.name),
        "Nom": offer.name[:1].upper() + offer.name[1:],
        "acc": inflect(offer.name, "accs"),
        "dat": inflect(offer.name, "datv"),
        "gen": inflect(offer.name, "gent"),
        "benefit": offer.benefit,
        "risk": offer.risk,
        "price": format_money(offer.price, currency),
        "extra": format_money(offer.extra_cost, currency),
        "kind": offer.kind,
        "kind_ru": KIND_RU[offer.kind],
        "upsell": offer.kind == "upsell",
        "goal_match": bool(offer.goal_match),
    }


def _picker(seed: str) -> Callable[[Sequence[Any], str], Any]:
    def pick(options: Sequence[Any], slot: str) -> Any:
        if not options:
            return ""
        digest = hashlib.blake2b(f"{seed}|{slot}".encode(), digest_size=8).digest()
        return options[int.from_bytes(digest, "big") % len(options)]

    return pick


def template_vars(context: CustomerContext, catalog: Catalog, selection: Selection, offers: Sequence[Offer],
                  *, variant: int = 0, touch: str | None = None, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """Everything an offline or LLM template may use (all plain data)."""
    base = selection.base
    pairs = {p.plus: p for p in catalog.pairs_for(base)} if base is not None else {}
    offer_vars = []
    for offer in offers:
        ov = _offer_vars(offer, catalog.currency)
        pair = pairs.get(offer.id)
        ov["case"] = pair.case if pair is not None else None
        offer_vars.append(ov)
    seed = "|".join([context.customer.name, base.id if base else "-", *[o.id for o in offers], context.channel,
                     context.intent, touch or "", str(variant)])
    order = catalog.order
    values: dict[str, Any] = {
        "customer": {"name": context.customer.name, "company": context.customer.company},
        "channel": context.channel,
        "stage": context.stage,
        "stage_ru": STAGE_RU[context.stage],
        "intent": context.intent,
        "objection": context.objection,
        "objection_kind": objection_kind(context.objection),
        "goal": (context.goal or "").strip().rstrip("."),
        "notes": list(context.facts.notes),
        "base": _product_vars(base, catalog.currency) if base is not None else None,
        "offers": offer_vars,
        "order": {"noun": order, "add_to": {"заказ": "в заказ", "запись": "к записи", "счёт": "в счёт"}[order],
                  "in": {"заказ": "в заказе", "запись": "в записи", "счёт": "в счёте"}[order]},
        "brand": catalog.brand or catalog.title or "",
        "checklist": list(catalog.checklist),
        "touch": touch,
        "variant": variant,
        "pick": _picker(seed),
    }
    if extra:
        values.update(extra)
    return values


def realise(context: CustomerContext, catalog: Catalog, selection: Selection, offers: Sequence[Offer],
            *, variant: int = 0, touch: str | None = None) -> str:
    """The offline text for this context: an offer, a follow-up, an objection answer,
    a sequence touch, or (after a refusal in this dialogue) a move to the order."""
    values = template_vars(context, catalog, selection, offers, variant=variant, touch=touch)
    if touch is not None:
        name = f"offline/sequence/{touch}.j2"
    elif not offers:
        name = "offline/to_order.j2"
    else:
        name = f"offline/{context.intent}/{context.channel}.j2"
    return tidy(render(name, **values))
