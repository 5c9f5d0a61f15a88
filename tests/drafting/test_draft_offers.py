"""Offer selection: relevant pairs only, ceiling, stock, history, refusals, stage, at most two, best first."""

from __future__ import annotations

from typing import Any

from coach.catalog import Catalog
from coach.offers import select_offers


def chosen(catalog: Catalog, context: Any, **kw: Any) -> list[str]:
    return [c.offer.id for c in select_offers(catalog, context, **kw).chosen]


def reasons_for(catalog: Catalog, context: Any, offer_id: str) -> list[str]:
    selection = select_offers(catalog, context)
    for c in selection.chosen + selection.skipped:
        if c.offer.id == offer_id:
            return c.reasons
    raise AssertionError(f"{offer_id} is not a candidate")


def test_at_most_two_best_first(catalog: Catalog, make_context: Any) -> None:
    ids = chosen(catalog, make_context())
    assert len(ids) == 2
    assert ids[0] == "glass"  # cheapest relevant with a risk, no goal given
    assert chosen(catalog, make_context(), max_offers=1) == ids[:1]


def test_goal_moves_matching_pair_first(catalog: Catalog, make_context: Any) -> None:
    assert chosen(catalog, make_context(goal="много фото детей"))[0] == "phone-256"
    assert chosen(catalog, make_context(goal="боюсь падения"))[0] == "case"


def test_only_one_upsell(catalog: Catalog, make_context: Any) -> None:
    ids = chosen(catalog, make_context(goal="фото"), max_offers=3)
    assert sum(i.startswith("phone-") for i in ids) == 1
    assert any("альтернатива" in r for r in reasons_for(catalog, make_context(goal="фото"), "phone-512"))


def test_skip_reasons(catalog: Catalog, make_context: Any) -> None:
    ctx = make_context(history=[{"item": "case", "date": "2026-11-01"}], refused=[{"item": "Защитное стекло",
                                                                                    "date": "2026-11-10"}])
    assert "case" not in chosen(catalog, ctx) and "glass" not in chosen(catalog, ctx)
    assert any("купил это 01.11.2026" in r for r in reasons_for(catalog, ctx, "case"))
    assert any("отказался" in r for r in reasons_for(catalog, ctx, "glass"))
    assert reasons_for(catalog, ctx, "charger") == ["нет в наличии"]
    assert any("выше предела 35%" in r for r in reasons_for(catalog, ctx, "earbuds"))
    assert any("акция закончилась" in r for r in reasons_for(catalog, ctx, "cable"))


def test_old_purchase_is_offered_again(catalog: Catalog, make_context: Any) -> None:
    ctx = make_context(history=[{"item": "case", "date": "2025-01-01"}], goal="падение")
    assert chosen(catalog, ctx)[0] == "case"


def test_in_cart_is_not_offered(catalog: Catalog, make_context: Any) -> None:
    ctx = make_context(cart=["phone", "glass"])
    assert "glass" not in chosen(catalog, ctx)
    assert "уже в корзине" in reasons_for(catalog, ctx, "glass")


def test_stage_rules(catalog: Catalog, make_context: Any) -> None:
    choosing = select_offers(catalog, make_context(stage="choosing"))
    assert choosing.chosen == [] and "ещё выбирает" in choosing.notes[0]
    after = make_context(stage="after_purchase", cart=[], history=[{"item": "phone", "date": "2026-11-18"}],
                         goal="фото")
    assert "phone-256" not in chosen(catalog, after)  # that upsell is for decided / checkout only
    assert any("не для этапа «после покупки»" in r for r in reasons_for(catalog, after, "phone-256"))


def test_refusal_in_this_dialogue_blocks_everything(catalog: Catalog, make_context: Any) -> None:
    selection = select_offers(catalog, make_context(refused=[{"item": "glass", "date": "2026-11-22", "now": True}]))
    assert selection.chosen == []
    assert "переходим к оформлению" in selection.notes[0]
    # a refusal dated today without `now` is a past refusal of that item only
    assert "glass" not in chosen(catalog, make_context(refused=[{"item": "glass", "date": "2026-11-22"}]))
    assert chosen(catalog, make_context(refused=[{"item": "glass", "date": "2026-11-22"}]))


def test_facts_stock_overrides_catalog(catalog: Catalog, make_context: Any) -> None:
    ctx = make_context(facts={"stock": {"Защитное стекло": 0}})
    assert "glass" not in chosen(catalog, ctx)


def test_combined_extra_cost_stays_under_the_ceiling(catalog: Catalog, make_context: Any) -> None:
    for ctx in (make_context(), make_context(goal="фото"), make_context(goal="падение экран")):
        selection = select_offers(catalog, ctx)
        assert sum(c.offer.extra_cost for c in selection.chosen) <= 0.35 * 150000


def test_chosen_reasons_explain_in_russian(catalog: Catalog, make_context: Any) -> None:
    reasons = reasons_for(catalog, make_context(goal="экран"), "glass")
    assert reasons[0].startswith("кросс-селл к «Смартфон Nova X15»")
    assert any("2%" in r and "предел 35%" in r for r in reasons)
    assert any("в наличии: 40 шт." == r for r in reasons)
    assert any("связано с целью клиента" in r for r in reasons)


def test_no_base_no_offers(catalog: Catalog, make_context: Any) -> None:
    selection = select_offers(catalog, make_context(cart=[]))
    assert selection.chosen == [] and selection.base is None and selection.notes
