"""Follow-up sequences (seed 003) and their touch limits."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest

from coach.catalog import Catalog
from coach.drafting.sequence import DEFAULT_DAYS, Touch, TouchLimits, check_plan, draft_sequence, plan_touches
from coach.errors import InputError
from coach.settings import Settings


def test_default_plan_is_seed_003() -> None:
    assert [(t.day, t.kind) for t in plan_touches(DEFAULT_DAYS)] == [
        (0, "thanks"), (7, "related"), (14, "case"), (30, "personal")]
    assert check_plan(plan_touches(DEFAULT_DAYS)) == []


@pytest.mark.parametrize(("days", "words"), [
    ((0, 1, 2, 3, 4, 5), "чаще, чем раз в 2 дня"),
    ((0, 2, 4, 6, 8, 10), "6 касаний за 14 дней"),
    ((0, 3, 3, 9), "в один день"),
    ((0, 10, 20, 30, 40, 50, 60), "больше предела 6"),
    ((0, 7, 14, 21, 28), "с предложением — больше 3"),
    ((-1, 7), "отрицательными"),
])
def test_plans_over_the_limits_are_refused(days: tuple[int, ...], words: str) -> None:
    problems = check_plan(plan_touches(days))
    assert any(words in p for p in problems), problems


def test_limits_are_configurable() -> None:
    touches = [Touch(0, "thanks"), Touch(3, "related"), Touch(6, "case")]
    assert check_plan(touches) == []
    assert check_plan(touches, TouchLimits(max_in_window=2))


def test_draft_sequence_dates_and_clean_drafts(catalog: Catalog, make_context: Any) -> None:
    ctx = make_context(stage="after_purchase", cart=[], history=[{"item": "phone", "date": "2026-11-10"}])
    planned = draft_sequence(ctx, catalog, settings=Settings(provider="offline"))
    assert [p.date.isoformat() for p in planned] == ["2026-11-10", "2026-11-17", "2026-11-24", "2026-12-10"]
    assert all(p.result.drafts and not p.result.rejected for p in planned)
    assert planned[0].result.drafts[0].offers == [] and "Спасибо" in planned[0].result.drafts[0].text
    assert planned[1].result.drafts[0].offers[0].id != planned[3].result.drafts[0].offers[0].id


def test_draft_sequence_refuses_pressure(catalog: Catalog, make_context: Any) -> None:
    with pytest.raises(InputError, match="план касаний отклонён"):
        draft_sequence(make_context(), catalog, days=(0, 1, 2), settings=Settings(provider="offline"))


def test_drafting_does_not_import_llm_libraries() -> None:
    code = ("import sys, coach.drafting, coach.drafting.batch, coach.drafting.sequence, coach.cli.draft_cmd; "
            "print(','.join(m for m in ('langchain_openai', 'langchain_core', 'openai', 'textual', 'tui') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
