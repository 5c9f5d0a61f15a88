"""guardrails as a library: spans, contexts, morphology across inflections."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

import guardrails
from guardrails import LintConfig, MessageContext, Severity


def test_spans_point_at_the_offending_words():
    text = "Добрый день! Вам непременно надо взять чехол."
    (d,) = guardrails.lint(text)
    assert text[d.start:d.end] == "Вам непременно надо"
    assert d.severity is Severity.ERROR and d.rule == "PR001" and d.fix


@pytest.mark.parametrize("text", [
    "Вы пожалеете, что не взяли.",
    "Потом пожалеешь!",
    "Будете жалеть, если не возьмёте.",
    "Вы потом будете очень жалеть.",
])
def test_one_rule_covers_persons_tenses_and_word_order(text):
    assert "PR005" in {d.rule for d in guardrails.lint(text)}


def test_context_as_dict_or_model_and_unknown_keys():
    ctx = {"stage": "choosing", "offers": [{"name": "Плед", "price": 1000}]}
    assert [d.rule for d in guardrails.lint("Посмотрите плед — станет уютнее.", ctx)] == ["CX003"]
    model = MessageContext.model_validate(ctx)
    assert [d.rule for d in guardrails.lint("Посмотрите плед — станет уютнее.", model)] == ["CX003"]
    with pytest.raises(ValidationError):
        guardrails.lint("x", {"stage": "decided", "colour": "red"})


def test_config_select():
    cfg = LintConfig(select=("UR",))
    assert [d.rule for d in guardrails.lint("Вам обязательно нужно взять. Успейте!", config=cfg)] == ["UR001"]


def test_urgency_backed_by_deadline_and_date_checked():
    ctx = {"stage": "decided", "facts": {"deadline": "2027-03-08"}}
    assert guardrails.lint("Скидка действует до 8 марта.", ctx) == []
    assert [d.rule for d in guardrails.lint("Скидка действует до 10 марта.", ctx)] == ["CX009"]
    assert [d.rule for d in guardrails.lint("Скидка действует только до 10 марта.")] == ["UR001"]


def test_stock_claims_are_checked_against_facts():
    ctx = {"stage": "decided", "offers": [{"name": "Плед", "price": 9000}], "facts": {"stock": {"Плед": 2}}}
    assert guardrails.lint("Осталось 2 пледа — согреют вечером.", ctx) == []
    (d,) = guardrails.lint("Осталось всего 1 плед — согреет вечером.", ctx)
    assert d.rule == "CX008" and "2" in d.message


def test_price_ceiling_message_never_reads_30_percent_above_30_percent():
    """2 400 on 7 900 is 30.4%: rounding it to "30%" would read "30% — больше 30%"."""
    ctx = {"stage": "decided", "base": {"name": "Телевизор", "price": 7900},
           "offers": [{"name": "Кронштейн", "price": 2400}]}
    [d] = [d for d in guardrails.lint("К телевизору рекомендую кронштейн — освободит тумбу.", ctx) if d.rule == "CX002"]
    assert "30,4% от основной покупки — больше 30%" in d.message


@pytest.mark.parametrize("text", [None, 123, b"\xd0\x92\xd1\x81\xd0\xb5 \xd0\xb1\xd0\xb5\xd1\x80\xd1\x83\xd1\x82"])
def test_a_text_that_is_not_str_is_a_clear_type_error(text: object) -> None:
    with pytest.raises(TypeError, match="text must be str"):
        guardrails.lint(text)  # type: ignore[arg-type]


def test_findings_by_the_thousand_keep_their_spans() -> None:
    """A long text with many findings (found with word positions looked up, not counted)."""
    unit = "Вам обязательно нужно взять чехол. "
    text = unit * 400
    found = [d for d in guardrails.lint(text) if d.rule == "PR001"]
    assert len(found) == 400
    assert all(text[d.start:d.end] == "Вам обязательно нужно" for d in found)


def test_severity_overrides_by_prefix_and_codes_in_any_case_in_the_library() -> None:
    config = LintConfig(severity={"PR": Severity.WARNING})
    assert {d.severity for d in guardrails.lint("Все берут.", config=config)} == {Severity.WARNING}
    assert guardrails.lint("Все берут.", config=LintConfig(ignore=("pr002",))) == []
    assert {d.rule for d in guardrails.lint("Все берут.", config=LintConfig(select=("pr",)))} == {"PR002"}
