"""The offline path end to end: every example context yields clean, varied, channel-shaped drafts."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import guardrails
import pytest

from coach.catalog import Catalog
from coach.customer import load_context, resolve_catalog
from coach.drafting import draft, message_context, stream_draft
from coach.drafting.grammar import inflect
from coach.drafting.offline import objection_kind, tidy
from coach.paths import EXAMPLES_DIR
from coach.settings import Settings

CONTEXTS = sorted((EXAMPLES_DIR / "contexts").glob("*.yaml"))
OFFLINE = Settings(provider="offline")
MONEY = re.compile(r"\d{1,3}(?:\u202f\d{3})*\u00a0[₸₽]")


@pytest.mark.parametrize("path", CONTEXTS, ids=lambda p: p.name)
def test_every_example_yields_clean_drafts(path: Path) -> None:
    context = load_context(path)
    result = draft(context, settings=OFFLINE, n=3)
    assert len(result.drafts) == 3, result.notices
    assert result.rejected == []
    assert len({d.text for d in result.drafts}) == 3  # variants differ
    catalog = resolve_catalog(context, None)
    for d in result.drafts:
        assert d.provenance == "offline"
        # lint again independently: no error-level diagnostic in what we return
        again = guardrails.lint(d.text, context=message_context(context, catalog, result.selection, d.offers))
        assert not [x for x in again if x.severity is guardrails.Severity.ERROR]
        assert "{{" not in d.text and "{%" not in d.text
        if context.intent == "objection":
            assert "?" in d.text  # a clarifying question, never a push
        else:
            assert d.text.rstrip().endswith(("?", "»")) or context.channel == "email"
            assert MONEY.search(d.text), d.text  # the price, formatted with narrow spaces and a sign
            for offer in d.offers:
                assert offer.benefit in d.text


def test_channels_are_shaped(make_context: Any, catalog: Catalog) -> None:
    chat = draft(make_context(channel="chat"), catalog, settings=OFFLINE).drafts[0].text
    email = draft(make_context(channel="email"), catalog, settings=OFFLINE).drafts[0].text
    call = draft(make_context(channel="call"), catalog, settings=OFFLINE).drafts[0].text
    assert "\n" not in chat and len(chat) < 400 and chat.endswith("?")
    assert email.startswith("Тема: ") and "Здравствуйте, Айгерим!" in email and "С уважением,\nкоманда «Тест»" in email
    assert call.startswith("Звонок: Айгерим") and "\n1. " in call and "\n4. " in call


def test_deterministic_and_varied_across_customers(make_context: Any, catalog: Catalog) -> None:
    first = draft(make_context(), catalog, settings=OFFLINE).drafts[0].text
    assert draft(make_context(), catalog, settings=OFFLINE).drafts[0].text == first
    names = ["Айгерим", "Дмитрий", "Алия", "Ержан", "Ольга", "Сергей", "Мадина", "Камила"]
    texts = {draft(make_context(customer={"name": n}), catalog, settings=OFFLINE).drafts[0].text.replace(n, "X")
             for n in names}
    assert len(texts) >= 3


def test_upsell_states_the_extra_cost(make_context: Any, catalog: Catalog) -> None:
    result = draft(make_context(goal="фото", channel="call"), catalog, settings=OFFLINE)
    text = result.drafts[0].text
    assert result.drafts[0].offers[0].kind == "upsell"
    assert "20\u202f000\u00a0₸" in text and "смартфон Nova X15 256 ГБ" in text


@pytest.mark.parametrize(("said", "kind", "phrase"), [
    ("Дорого", "price", "приоритетнее"),
    ("Не сейчас, может позже", "later", "напомн"),
    ("Я подумаю", "think", "подума"),
    ("Надо обсудить с директором", "boss", "сравнение"),
    ("Нет, спасибо", "refusal", "без дополнений"),
    ("Хм", "other", "важнее"),
])
def test_objection_answers(make_context: Any, catalog: Catalog, said: str, kind: str, phrase: str) -> None:
    assert objection_kind(said) == kind
    result = draft(make_context(intent="objection", objection=said), catalog, settings=OFFLINE, n=3)
    assert len(result.drafts) == 3 and not result.rejected
    assert any(phrase in d.text for d in result.drafts)
    assert all("?" in d.text for d in result.drafts)


def test_refusal_in_this_dialogue_moves_to_the_order(make_context: Any, catalog: Catalog) -> None:
    result = draft(make_context(refused=[{"item": "glass", "now": True}]), catalog, settings=OFFLINE)
    assert len(result.drafts) == 1
    d = result.drafts[0]
    assert d.offers == [] and "без дополнений" in d.text and "смартфон Nova X15" in d.text


def test_choosing_stage_drafts_nothing_and_says_why(make_context: Any, catalog: Catalog) -> None:
    notices: list[str] = []
    result = draft(make_context(stage="choosing"), catalog, settings=OFFLINE, on_notice=notices.append)
    assert result.drafts == [] and result.rejected == []
    assert notices == result.notices and "Предложить нечего" in notices[0]


def test_follow_up_intent(make_context: Any, catalog: Catalog) -> None:
    ctx = make_context(stage="after_purchase", intent="follow-up", cart=[],
                       history=[{"item": "phone", "date": "2026-11-15"}])
    result = draft(ctx, catalog, settings=OFFLINE)
    assert result.drafts and "покупк" in result.drafts[0].text and len(result.drafts[0].offers) == 1


def test_stream_offline_yields_the_whole_text(make_context: Any, catalog: Catalog) -> None:
    stream = stream_draft(make_context(), catalog, settings=OFFLINE)
    chunks = list(stream)
    assert len(chunks) == 1 and stream.result.drafts[0].text == chunks[0]


def test_inflection_of_product_names() -> None:
    assert inflect("Защитное стекло для Nova X15", "accs") == "защитное стекло для Nova X15"
    assert inflect("Сыворотка с гиалуроновой кислотой", "accs") == "сыворотку с гиалуроновой кислотой"
    assert inflect("Беспроводная мышь M3", "accs") == "беспроводную мышь M3"
    assert inflect("Женская стрижка", "datv") == "женской стрижке"
    assert inflect("Наушники AirTone Lite", "datv") == "наушникам AirTone Lite"
    assert inflect("Тариф «Базовый» на год", "datv") == "тарифу «Базовый» на год"
    assert inflect("Nova X15", "accs") == "Nova X15"


def test_tidy_joins_lines_and_keeps_lists() -> None:
    assert tidy("Привет!\n  Как дела?\n\n\nЕщё\n- раз\n- два\n") == "Привет! Как дела?\n\nЕщё\n- раз\n- два"
