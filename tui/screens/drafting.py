"""The drafting workspace: pick a customer, see which offers fit and why, get
drafts, fix the chosen one with live guardrail underlines, copy it out."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from tui.widgets.context_card import ContextCard
from tui.widgets.diagnostic_editor import DiagnosticEditor
from tui.widgets.diagnostics_panel import DiagnosticsPanel, verdict_ru
from tui.widgets.offers_panel import OffersPanel
from tui.workspace import DraftResult, Workspace, distinct_from

__all__ = ["DraftingScreen"]

_PLACEHOLDER = re.compile(r"\{[^{}]*\}")


class DraftingScreen(Screen[None]):
    CSS_PATH = "drafting.tcss"
    BINDINGS = [
        Binding("ctrl+o", "choose_context", "Клиент", priority=True),
        Binding("ctrl+g", "generate", "Черновики", priority=True),
        Binding("ctrl+r", "apply_fix", "Исправить", priority=True),
        Binding("ctrl+t", "copy", "Копировать", priority=True),
        Binding("ctrl+s", "save", "Сохранить", priority=True),
        Binding("escape", "app.switch_mode('home')", "Назад", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.workspace: Workspace | None = None
        self.drafts: list[DraftResult] = []
        self.current_draft: int | None = None
        self.streaming = False
        self._verdict: tuple[str, str] = ("", "")

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="drafting"):
            with VerticalScroll(id="left", classes="panel") as left:
                left.border_title = "Клиент и предложения"
                yield ContextCard(id="context-card")
                yield OffersPanel(id="offers")
            with Vertical(id="center"):
                drafts = OptionList(id="drafts", classes="panel")
                drafts.border_title = "Черновики (Ctrl+G)"
                yield drafts
                editor = DiagnosticEditor(id="editor", classes="panel",
                                          placeholder="Напишите сообщение или получите черновик (Ctrl+G)…")
                editor.border_title = "Сообщение клиенту"
                yield editor
                yield Static("", id="verdict")
            diagnostics = DiagnosticsPanel(id="diagnostics", classes="panel")
            diagnostics.border_title = "Замечания"
            yield diagnostics
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(DiagnosticEditor).focus()
        examples = Workspace.examples(self.app.examples_dir)  # type: ignore[attr-defined]
        if examples:
            self.open_context(examples[0].path)
        else:
            self.notify("Встроенные примеры не найдены: выберите клиента (Ctrl+O).", severity="warning")

    # -- context ------------------------------------------------------------------------------
    def open_context(self, source: Path | Any) -> None:
        """Load a customer context (a file path or a context built by the form)."""
        try:
            workspace = Workspace.open(source, self.app.settings, self.app.examples_dir)  # type: ignore[attr-defined]
        except Exception as exc:  # noqa: BLE001 - CoachError or a bad file: tell the user, keep going
            self.notify(str(exc), title="Не удалось открыть клиента", severity="error", timeout=8)
            return
        self.workspace = workspace
        self.query_one(ContextCard).show(workspace)
        self.query_one(OffersPanel).show(workspace.selection, workspace.currency)
        self.query_one(DiagnosticEditor).context = workspace.lint_context
        self.drafts = []
        self.current_draft = None
        self.query_one("#drafts", OptionList).clear_options()
        self.sub_title = workspace.title
        if not workspace.streams:
            # Offline drafts are instant and free: show them straight away.
            self.action_generate()

    def action_choose_context(self) -> None:
        from tui.screens.context_picker import ContextPickerScreen

        def chosen(result: Any) -> None:
            if result is not None:
                self.open_context(result)

        self.app.push_screen(ContextPickerScreen(self.app.examples_dir), callback=chosen)  # type: ignore[attr-defined]

    # -- drafts -------------------------------------------------------------------------------
    def action_generate(self) -> None:
        if self.workspace is None:
            self.notify("Сначала выберите клиента (Ctrl+O).", severity="warning")
            return
        if self.streaming:
            self.notify("Черновики уже готовятся…")
            return
        if not self.workspace.selection_has_offers:
            self.notify("Этому клиенту сейчас нечего предложить — причины слева. "
                        "Можно написать сообщение вручную.", severity="warning", timeout=6)
            return
        self.streaming = True
        editor = self.query_one(DiagnosticEditor)
        editor.read_only = True
        editor.text = ""
        self.query_one("#drafts", OptionList).clear_options()
        self._verdict = ("Готовлю черновики…", "")
        self.query_one("#verdict", Static).update("Готовлю черновики…")
        self._generate(self.workspace)

    @work(thread=True, exclusive=True, group="drafting")
    def _generate(self, workspace: Workspace) -> None:
        worker = get_current_worker()

        def on_chunk(chunk: str) -> None:
            if not worker.is_cancelled:
                self.app.call_from_thread(self._append_chunk, chunk)

        def on_reset() -> None:
            if not worker.is_cancelled:
                self.app.call_from_thread(self._reset_stream)

        try:
            result = workspace.generate(on_chunk=on_chunk, on_reset=on_reset)
        except Exception as exc:  # noqa: BLE001 - shown to the user, never a traceback
            self.app.call_from_thread(self._generation_failed, str(exc))
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show_drafts, result.drafts, result.notices)

    def _append_chunk(self, chunk: str) -> None:
        editor = self.query_one(DiagnosticEditor)
        editor.insert(chunk, editor.document.end)

    def _reset_stream(self) -> None:
        self.query_one(DiagnosticEditor).text = ""

    def _generation_failed(self, reason: str) -> None:
        self.streaming = False
        self.query_one(DiagnosticEditor).read_only = False
        self.notify(reason, title="Черновики не получились", severity="error", timeout=8)
        self._update_verdict()

    def _show_drafts(self, drafts: list[DraftResult], notices: list[str]) -> None:
        self.streaming = False
        editor = self.query_one(DiagnosticEditor)
        editor.read_only = False
        for notice in notices:
            self.notify(notice, severity="warning", timeout=8)
        self.drafts = drafts
        self.current_draft = None
        menu = self.query_one("#drafts", OptionList)
        menu.clear_options()
        skip = distinct_from([d.original for d in drafts])
        for index, draft in enumerate(drafts, start=1):
            menu.add_option(Option(f"{index}. {draft.label(skip)}", id=f"draft-{index - 1}"))
        if not drafts:
            editor.text = ""
            self.notify("Ни один черновик не прошёл проверку. Напишите сообщение вручную — "
                        "замечания покажут, что поправить.", severity="warning", timeout=8)
            return
        menu.highlighted = 0
        self._open_draft(0)

    def _open_draft(self, index: int) -> None:
        editor = self.query_one(DiagnosticEditor)
        if self.current_draft is not None and self.current_draft < len(self.drafts):
            self.drafts[self.current_draft].text = editor.text  # keep edits when switching variants
        self.current_draft = index
        editor.text = self.drafts[index].text
        editor.move_cursor(editor.document.end)
        editor.focus()

    @on(OptionList.OptionSelected, "#drafts")
    def _draft_chosen(self, event: OptionList.OptionSelected) -> None:
        if 0 <= event.option_index < len(self.drafts):
            self._open_draft(event.option_index)

    # -- diagnostics ----------------------------------------------------------------------------
    @on(DiagnosticEditor.Linted)
    def _linted(self, event: DiagnosticEditor.Linted) -> None:
        self.query_one(DiagnosticsPanel).show(event.text, event.diagnostics)
        self._update_verdict()

    def _update_verdict(self) -> None:
        editor = self.query_one(DiagnosticEditor)
        diagnostics = editor.diagnostics
        if editor.lint_error:
            text, css = editor.lint_error, "verdict-error"
        else:
            text = verdict_ru(diagnostics, editor.text)
            if any(d.is_error for d in diagnostics) or not editor.text.strip():
                css = "verdict-error"
            elif diagnostics:
                css = "verdict-warning"
            else:
                css = "verdict-clean"
        if (text, css) != self._verdict:  # unchanged on most keystrokes: skip the repaint
            self._verdict = (text, css)
            verdict = self.query_one("#verdict", Static)
            verdict.update(text)
            verdict.set_classes(css)

    @on(DiagnosticsPanel.Chosen)
    def _diagnostic_chosen(self, event: DiagnosticsPanel.Chosen) -> None:
        self.query_one(DiagnosticEditor).select_span(event.diagnostic.start, event.diagnostic.end)

    def action_apply_fix(self) -> None:
        """Replace the words of the highlighted problem with its suggested wording."""
        panel = self.query_one(DiagnosticsPanel)
        editor = self.query_one(DiagnosticEditor)
        index = panel.highlighted if panel.highlighted is not None else 0
        candidates = panel.diagnostics[index:] + panel.diagnostics[:index]
        for diagnostic in candidates:
            if diagnostic.fix and diagnostic.end > diagnostic.start:
                start = diagnostic.start
                editor.replace_span(start, diagnostic.end, diagnostic.fix)
                placeholder = _PLACEHOLDER.search(diagnostic.fix)
                if placeholder is not None:
                    # The suggestion has blanks such as {выгода}: select the first one to type over it.
                    editor.select_span(start + placeholder.start(), start + placeholder.end())
                    self.notify("Подставлена формулировка: заполните выделенные поля в фигурных скобках.",
                                timeout=5)
                else:
                    self.notify("Подставлена предложенная формулировка.", timeout=3)
                return
        self.notify("Для этих замечаний нет готовой замены — перепишите фразу по подсказке.",
                    severity="warning")

    # -- output ----------------------------------------------------------------------------------
    def _clean_text(self) -> str | None:
        editor = self.query_one(DiagnosticEditor)
        text = editor.text.strip()
        if not text:
            self.notify("Сообщение пустое.", severity="warning")
            return None
        errors = [d for d in editor.diagnostics if d.is_error]
        if errors:
            self.notify(f"В тексте есть ошибки ({len(errors)}): исправьте их, прежде чем отправлять клиенту.",
                        severity="error", timeout=6)
            return None
        return text

    def action_copy(self) -> None:
        text = self._clean_text()
        if text is None:
            return
        from tui.clipboard import copy_text

        self.app.copy_to_clipboard(text)
        result = copy_text(text, self.app.data_dir / "last-message.txt")  # type: ignore[attr-defined]
        self.notify(result.message_ru(), title="Скопировано", timeout=8)

    def action_save(self) -> None:
        text = self._clean_text()
        if text is None or self.workspace is None:
            return
        try:
            self.workspace.save(self.app.store, text, self.query_one(DiagnosticEditor).diagnostics,  # type: ignore[attr-defined]
                                provenance=self._provenance(text))
        except Exception as exc:  # noqa: BLE001
            self.notify(str(exc), title="Не удалось сохранить", severity="error", timeout=8)
            return
        self.notify("Сообщение сохранено в историю.", timeout=4)

    def _provenance(self, text: str) -> str:
        if self.current_draft is None or self.current_draft >= len(self.drafts):
            return "вручную"
        draft = self.drafts[self.current_draft]
        return draft.provenance if draft.original == text else f"{draft.provenance}, с правкой"

    def palette_commands(self):  # noqa: ANN201
        return [
            ("Выбрать клиента", "Пример, файл или короткая форма", self.action_choose_context),
            ("Получить черновики", "Сгенерировать варианты сообщения", self.action_generate),
            ("Исправить по подсказке", "Заменить выделенную проблему предложенной формулировкой",
             self.action_apply_fix),
            ("Скопировать сообщение", "В буфер обмена (и в запасной файл)", self.action_copy),
            ("Сохранить сообщение", "В историю", self.action_save),
        ]
