"""The list beside the editor: each guardrail problem, what to do instead and
the suggested wording. Choosing an item selects its words in the editor."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

import guardrails

__all__ = ["DiagnosticsPanel", "verdict_ru"]

_BADGE = {"error": ("ОШИБКА", "error"), "warning": ("ВНИМАНИЕ", "warning"), "info": ("ЗАМЕТКА", "accent")}


def verdict_ru(diagnostics: list[guardrails.Diagnostic], text: str) -> str:
    """One line summing up whether the message can be sent."""
    if not text.strip():
        return "Сообщение пустое."
    errors = sum(1 for d in diagnostics if d.severity is guardrails.Severity.ERROR)
    others = len(diagnostics) - errors
    if errors:
        return f"Отправлять нельзя: ошибок — {errors}, прочих замечаний — {others}."
    if others:
        return f"Можно отправлять, но посмотрите замечания ({others})."
    return "Чисто: замечаний нет, можно копировать и отправлять."


class DiagnosticsPanel(OptionList):
    """Lists diagnostics; posts :class:`DiagnosticsPanel.Chosen` on enter or click."""

    DEFAULT_CSS = """
    DiagnosticsPanel { height: 1fr; }
    """

    @dataclass
    class Chosen(Message):
        diagnostic: guardrails.Diagnostic

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.diagnostics: list[guardrails.Diagnostic] = []
        self._text = ""
        self._signature: object = None

    def show(self, text: str, diagnostics: list[guardrails.Diagnostic]) -> None:
        """List `diagnostics`; the options are rebuilt only when what they say changes.

        Typing usually shifts offsets without changing the problems; skipping the
        rebuild then keeps the keystroke → refresh path within one frame.
        """
        self.diagnostics = sorted(diagnostics, key=lambda d: (-d.severity.rank, d.start))
        self._text = text
        signature = (bool(text.strip()), tuple((d.rule, d.severity.value, d.message, d.fix, text[d.start:d.end])
                                               for d in self.diagnostics), self.app.theme)
        if signature == self._signature:
            return
        self._signature = signature
        theme = self.app.current_theme
        colours = {"error": theme.error, "warning": theme.warning, "accent": theme.accent}
        options: list[Option] = []
        for index, diag in enumerate(self.diagnostics):
            label, colour_key = _BADGE.get(diag.severity.value, ("?", "accent"))
            body = Text()
            body.append(f" {label} ", style=f"bold reverse {colours[colour_key] or ''}".strip())
            body.append(f" {diag.rule}", style="bold")
            quoted = text[diag.start:diag.end].strip()
            if quoted and len(quoted) <= 60:
                body.append(f" «{quoted}»", style="italic")
            body.append("\n")
            body.append(diag.message)
            if diag.fix:
                body.append("\nЛучше: ", style="bold")
                body.append(diag.fix, style=colours["accent"] or "")
            options.append(Option(body, id=f"d{index}"))
        if not options:
            empty = "Замечаний нет." if text.strip() else "Здесь появятся замечания к тексту."
            options.append(Option(Text(empty, style="dim"), disabled=True))
        highlighted = self.highlighted
        self.set_options(options)
        if self.diagnostics and highlighted is not None:
            self.highlighted = min(highlighted, len(self.diagnostics) - 1)
        self.border_subtitle = str(len(self.diagnostics))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        index = event.option_index
        if 0 <= index < len(self.diagnostics):
            self.post_message(self.Chosen(self.diagnostics[index]))
