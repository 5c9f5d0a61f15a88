"""The drafting workspace: offers with reasons, drafts, live underlines, fix, copy, save."""

from __future__ import annotations

import pytest
from tui_helpers import SIZE, plain, wait_until


async def _open_drafting(app, pilot):  # noqa: ANN001
    from tui.screens.drafting import DraftingScreen

    await pilot.press("f2")
    await wait_until(pilot, lambda: isinstance(app.screen, DraftingScreen) and bool(app.screen.drafts))
    return app.screen


@pytest.mark.anyio
async def test_opens_on_the_example_with_offers_and_a_clean_draft(make_app):
    from tui.widgets.diagnostic_editor import DiagnosticEditor
    from tui.widgets.offers_panel import OffersPanel

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_drafting(app, pilot)
        workspace = screen.workspace
        assert workspace.context.customer.name == "Айгерим"
        chosen = [c.offer.name for c in workspace.selection.chosen]
        skipped = {c.offer.name: c.reasons for c in workspace.selection.skipped}
        offers_text = plain(screen.query_one(OffersPanel))
        assert chosen and all(name in offers_text for name in chosen)
        # The case was bought a month ago: it is skipped, and the panel says why.
        case = next(name for name in skipped if name.startswith("Чехол"))
        assert any("купил" in reason for reason in skipped[case])
        assert case in offers_text
        editor = screen.query_one(DiagnosticEditor)
        assert editor.text == screen.drafts[0].text
        assert not [d for d in editor.diagnostics if d.is_error]
        assert "Чисто" in plain(screen.query_one("#verdict"))


@pytest.mark.anyio
async def test_typing_underlines_problems_and_blocks_copy_until_fixed(make_app, settings):
    from tui.widgets.diagnostic_editor import DiagnosticEditor
    from tui.widgets.diagnostics_panel import DiagnosticsPanel

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_drafting(app, pilot)
        editor = screen.query_one(DiagnosticEditor)
        editor.text = ""
        editor.focus()
        await pilot.press(*"Вам обязательно нужно!")
        await pilot.pause()
        rules = [d.rule for d in editor.diagnostics]
        assert "PR001" in rules
        # The problem words are underlined in the rendered line.
        line = editor.get_line(0)
        start = next(d for d in editor.diagnostics if d.rule == "PR001").start
        assert any(span.style.underline and span.start <= start < span.end for span in line.spans)
        panel = screen.query_one(DiagnosticsPanel)
        assert panel.option_count >= 1 and "PR001" in str(panel.get_option_at_index(0).prompt)
        assert "нельзя" in plain(screen.query_one("#verdict"))

        fallback = settings.db.parent / "last-message.txt"
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert not fallback.exists()  # a message with errors is never copied

        # Ctrl+R puts the suggested wording in place and selects its first blank.
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert "PR001" not in [d.rule for d in editor.diagnostics]
        assert editor.selected_text.startswith("{") and editor.selected_text.endswith("}")

        editor.text = "Айгерим, к телефону рекомендую защитное стекло — защитит экран от царапин. Добавить в заказ?"
        await pilot.pause()
        assert not [d for d in editor.diagnostics if d.is_error]
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert fallback.read_text(encoding="utf-8").startswith("Айгерим, к телефону рекомендую")


@pytest.mark.anyio
async def test_choosing_a_draft_and_saving_it_to_history(make_app):
    from textual.widgets import OptionList

    from tui.widgets.diagnostic_editor import DiagnosticEditor

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_drafting(app, pilot)
        assert len(screen.drafts) >= 2
        menu = screen.query_one("#drafts", OptionList)
        menu.focus()
        await pilot.press("down", "enter")
        await pilot.pause()
        editor = screen.query_one(DiagnosticEditor)
        assert editor.text == screen.drafts[1].text
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = app.store.drafts()
        assert [d.text for d in saved] == [screen.drafts[1].text]
        assert "Айгерим" in saved[0].context_summary and saved[0].provenance == "офлайн"


@pytest.mark.anyio
async def test_picking_another_example_customer(make_app):
    from tui.screens.context_picker import ContextPickerScreen

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_drafting(app, pilot)
        await pilot.press("ctrl+o")
        await wait_until(pilot, lambda: isinstance(app.screen, ContextPickerScreen))
        picker = app.screen
        target = next(i for i, e in enumerate(picker.examples) if e.path.stem == "laptop-checkout-email")
        await pilot.press(*["down"] * target, "enter")
        await wait_until(pilot, lambda: app.screen is screen and screen.workspace.context.customer.name == "Дмитрий")
        await wait_until(pilot, lambda: bool(screen.drafts))
        assert screen.workspace.context.channel == "email"


@pytest.mark.anyio
async def test_short_form_builds_a_customer_and_respects_refusals(make_app):
    from textual.widgets import Input, Select

    from tui.screens.context_form import ContextFormScreen
    from tui.screens.context_picker import ContextPickerScreen

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_drafting(app, pilot)
        await pilot.press("ctrl+o")
        await wait_until(pilot, lambda: isinstance(app.screen, ContextPickerScreen))
        await pilot.press("ctrl+n")
        await wait_until(pilot, lambda: isinstance(app.screen, ContextFormScreen))
        form = app.screen
        electronics = next(str(path) for title, path in form.catalogs if path.stem == "electronics")
        form.query_one("#catalog", Select).value = electronics
        await pilot.pause()
        form.query_one("#product", Select).value = "phone-x15"
        form.query_one("#name", Input).value = "Тимур"
        form.query_one("#refused", Input).value = "Защитное стекло"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: app.screen is screen and screen.workspace.context.customer.name == "Тимур")
        selection = screen.workspace.selection
        glass = [c for c in selection.skipped if c.offer.name.startswith("Защитное стекло")]
        assert glass and any("отказался" in r for r in glass[0].reasons)
        assert all(not c.offer.name.startswith("Защитное стекло") for c in selection.chosen)


@pytest.mark.anyio
async def test_llm_draft_streams_into_the_editor(make_app, fake_openai):
    from fake_openai import Reply

    from tui.screens.drafting import DraftingScreen
    from tui.widgets.diagnostic_editor import DiagnosticEditor

    text = ("Айгерим, к смартфону рекомендую защитное стекло для Nova X15 — защитит экран от царапин и сколов. "
            "Стоит 2 500 ₸. Добавить в заказ?")
    fake_openai.script(Reply(text, chunks=[text[:40], text[40:80], text[80:]], chunk_delay=0.05))
    app = make_app(provider="openai", base_url=fake_openai.base_url, model="fake-model", max_retries=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f2")
        await wait_until(pilot, lambda: isinstance(app.screen, DraftingScreen) and app.screen.workspace is not None)
        screen = app.screen
        assert not screen.drafts  # an LLM provider is not called until asked
        editor = screen.query_one(DiagnosticEditor)
        shown: list[str] = []
        original = screen._append_chunk

        def append(chunk: str) -> None:
            original(chunk)
            shown.append(editor.text)

        screen._append_chunk = append
        await pilot.press("ctrl+g")
        await wait_until(pilot, lambda: bool(screen.drafts), timeout=20)
        assert editor.text == text
        # The text grew chunk by chunk in the editor while the model was answering.
        assert shown[:3] == [text[:40], text[:80], text]
        assert screen.drafts[0].provenance == "fake-model"
        assert fake_openai.requests and fake_openai.requests[0].get("stream") is True
