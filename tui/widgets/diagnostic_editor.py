"""A TextArea that lints its text on every change and underlines the problems.

Linting is synchronous: `guardrails.lint` takes a few milliseconds for a
1,000-character message, so the underline appears in the same frame as the
keystroke (measured in benchmarks/bench_tui.py). TextArea has no public API to
style ranges; `get_line()` is the documented hook for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Sequence

from rich.style import Style
from rich.text import Text
from textual.message import Message
from textual.widgets import TextArea
from textual.widgets.text_area import Selection

import guardrails
from tui.spans import LineSpan, to_line_spans

__all__ = ["DiagnosticEditor", "LintFunction"]

LintFunction = Callable[[str, Any], Sequence[guardrails.Diagnostic]]


def _default_lint(text: str, context: Any) -> Sequence[guardrails.Diagnostic]:
    return guardrails.lint(text, context)


class DiagnosticEditor(TextArea):
    """Edit a message; guardrail problems are underlined as you type.

    Posts :class:`DiagnosticEditor.Linted` after every lint so a panel beside
    it can list the messages.
    """

    DEFAULT_CSS = """
    DiagnosticEditor { height: 1fr; }
    """

    @dataclass
    class Linted(Message):
        editor: "DiagnosticEditor"
        text: str
        diagnostics: list[guardrails.Diagnostic]

    def __init__(self, text: str = "", *, context: Any = None, lint: LintFunction | None = None,
                 **kwargs: Any) -> None:
        kwargs.setdefault("soft_wrap", True)
        kwargs.setdefault("show_line_numbers", False)
        kwargs.setdefault("highlight_cursor_line", False)
        kwargs.setdefault("tab_behavior", "focus")
        super().__init__(text, **kwargs)
        self._lint_context = context
        self._lint = lint or _default_lint
        self.diagnostics: list[guardrails.Diagnostic] = []
        self._spans: dict[int, list[LineSpan]] = {}
        self._styles: dict[str, Style] = {}
        self.lint_error: str | None = None

    # -- public API -----------------------------------------------------------------
    @property
    def context(self) -> Any:
        return self._lint_context

    @context.setter
    def context(self, value: Any) -> None:
        self._lint_context = value
        self.relint()

    def relint(self) -> None:
        """Lint the current text now and redraw the underlines."""
        text = self.text
        try:
            diagnostics = list(self._lint(text, self._lint_context))
            self.lint_error = None
        except Exception as exc:  # noqa: BLE001 - a linter bug must not kill the editor
            diagnostics = []
            self.lint_error = f"Проверка не удалась: {exc}"
        self.diagnostics = diagnostics
        spans: dict[int, list[LineSpan]] = {}
        for span in to_line_spans(text, ((d.start, d.end, d.severity.value) for d in diagnostics)):
            spans.setdefault(span.row, []).append(span)
        if spans != self._spans:
            # Only a change of underlines needs a repaint of its own; an edit already
            # repaints the lines it touched.
            self._spans = spans
            self.notify_style_update()
            self.refresh()
        self.post_message(self.Linted(self, text, diagnostics))

    def select_span(self, start: int, end: int) -> None:
        """Select characters `start`..`end` of the text and focus the editor."""
        doc = self.document
        self.selection = Selection(doc.get_location_from_index(start), doc.get_location_from_index(end))
        self.scroll_cursor_visible()
        self.focus()

    def replace_span(self, start: int, end: int, replacement: str) -> None:
        doc = self.document
        self.replace(replacement, doc.get_location_from_index(start), doc.get_location_from_index(end))

    # -- rendering ---------------------------------------------------------------------
    def on_mount(self) -> None:
        self._update_styles()
        self.watch(self.app, "theme", lambda _: self._restyle(), init=False)
        self.relint()

    def _restyle(self) -> None:
        self._update_styles()
        self._spans = dict(self._spans)
        self.notify_style_update()
        self.refresh()

    def _update_styles(self) -> None:
        theme = self.app.current_theme
        self._styles = {
            "error": Style(underline=True, bold=True, color=theme.error or "red"),
            "warning": Style(underline=True, color=theme.warning or "yellow"),
            "info": Style(underline=True, italic=True, color=theme.accent or "blue"),
        }

    def get_line(self, line_index: int) -> Text:
        line = super().get_line(line_index)
        for span in self._spans.get(line_index, ()):
            style = self._styles.get(span.severity)
            if style is not None:
                line.stylize(style, span.start, span.end)
        return line

    def _on_text_area_changed(self, event: TextArea.Changed) -> None:
        if event.text_area is self:
            self.relint()
