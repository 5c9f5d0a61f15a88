"""Post-purchase follow-up sequences (seed 003) and the limits that keep them from becoming pressure.

The default plan: thanks + checklist on day 0, a related offer on day 7, a
case study on day 14, a personal offer on day 30. A plan is refused when it
has more touches than the limits allow (seed 003: "3–5 касаний за 7–14 дней.
Больше — это уже давление"; daily calls and "12 раз за неделю" are chasing).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coach.catalog import Catalog
from coach.customer import CustomerContext, resolve_catalog
from coach.drafting.loop import draft
from coach.drafting.models import DraftResult
from coach.errors import InputError
from coach.settings import Settings

__all__ = ["DEFAULT_DAYS", "TouchLimits", "Touch", "PlannedTouch", "plan_touches", "check_plan", "draft_sequence"]

DEFAULT_DAYS: tuple[int, ...] = (0, 7, 14, 30)
KIND_RU = {"thanks": "благодарность и чек-лист", "related": "связанное предложение",
           "case": "кейс другого клиента", "personal": "персональное предложение"}


@dataclass(frozen=True)
class TouchLimits:
    max_in_window: int = 5
    """At most this many touches in any `window_days` (seed 003: 3–5 in 7–14 days)."""
    window_days: int = 14
    min_gap_days: int = 2
    """No two touches closer than this (daily messages are chasing)."""
    max_total: int = 6
    max_offers: int = 3
    """Touches that carry an offer; the rest are thanks, news or cases."""


@dataclass(frozen=True)
class Touch:
    day: int
    kind: str


@dataclass
class PlannedTouch:
    touch: Touch
    date: dt.date
    result: DraftResult = field(default_factory=DraftResult)

    def to_dict(self) -> dict[str, Any]:
        return {"day": self.touch.day, "date": self.date.isoformat(), "kind": self.touch.kind,
                **self.result.to_dict()}


def plan_touches(days: Sequence[int] = DEFAULT_DAYS) -> list[Touch]:
    """Kinds by position: the first touch thanks, the last (from the third) is personal,
    the second is a related offer, the third a case; further ones alternate."""
    ordered = sorted(days)
    touches: list[Touch] = []
    for i, day in enumerate(ordered):
        if i == 0:
            kind = "thanks"
        elif i == len(ordered) - 1 and i >= 3:
            kind = "personal"
        elif i % 2 == 1:
            kind = "related"
        else:
            kind = "case"
        touches.append(Touch(day, kind))
    return touches


def check_plan(touches: Sequence[Touch], limits: TouchLimits = TouchLimits()) -> list[str]:
    """Russian reasons why the plan is pressure; empty when it is within the limits."""
    problems: list[str] = []
    days = sorted(t.day for t in touches)
    if any(d < 0 for d in days):
        problems.append("дни касаний отсчитываются от покупки и не могут быть отрицательными")
    if len(days) != len(set(days)):
        problems.append("два касания в один день — это уже преследование")
    if len(days) > limits.max_total:
        problems.append(f"{len(days)} касаний — больше предела {limits.max_total}")
    for a, b in zip(days, days[1:]):
        if 0 < b - a < limits.min_gap_days:
            problems.append(f"касания на {a}-й и {b}-й день идут чаще, чем раз в {limits.min_gap_days} дня")
            break
    for start in days:
        inside = [d for d in days if start <= d < start + limits.window_days]
        if len(inside) > limits.max_in_window:
            problems.append(f"{len(inside)} касаний за {limits.window_days} дней (с {start}-го дня) — "
                            f"больше {limits.max_in_window}: это уже давление")
            break
    offers = sum(1 for t in touches if t.kind != "thanks")
    if offers > limits.max_offers:
        problems.append(f"{offers} касаний с предложением — больше {limits.max_offers}")
    return problems


def draft_sequence(context: CustomerContext, catalog: Catalog | str | Path | None = None, *,
                   days: Sequence[int] = DEFAULT_DAYS, settings: Settings | None = None, provider: Any = None,
                   limits: TouchLimits = TouchLimits(), on_notice: Any = None) -> list[PlannedTouch]:
    """Draft every touch of the plan; raises `InputError` when the plan exceeds the limits.

    Day 0 is the date of the latest purchase of the base item (or `as_of`).
    """
    touches = plan_touches(days)
    problems = check_plan(touches, limits)
    if problems:
        raise InputError("план касаний отклонён: " + "; ".join(problems), context.source, field="--touch-days")
    cat = resolve_catalog(context, catalog)
    base = context.base_product(cat)
    bought = [h.date for h in context.history if base is not None and cat.product(h.item) == base]
    start = max(bought) if bought else context.today
    planned: list[PlannedTouch] = []
    for touch in touches:
        when = start + dt.timedelta(days=touch.day)
        # each touch is judged as of its own day, after the purchase
        ctx = context.model_copy(update={"as_of": when, "stage": "after_purchase", "intent": "follow-up"})
        rank = 1 if touch.kind == "personal" else 0  # the personal offer differs from the related one
        result = draft(ctx, cat, settings=settings, provider=provider, touch=touch.kind, on_notice=on_notice,
                       offer_rank=rank)
        planned.append(PlannedTouch(touch, when, result))
    return planned
