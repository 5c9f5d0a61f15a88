"""A TextArea that lints its text on every change and underlines the problems.

Linting is synchronous: `guardrails.lint` takes a few milliseconds for a
1,000-character message, so the underline appears in the same frame as the
keystroke (measured in benchmarks/bench_tui.py). TextArea has no public API to
style ranges; `get_line()` is the documented hook for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Sequence

from bisect import bisect_left, bisect_right

from rich.style import Style
from rich.text import Text
from textual.geometry import Region
from textual.message import Message
from textual.strip import Strip
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
        self.match_cursor_bracket = False  # prose, not code
        self._lint_context = context
        self._lint = lint or _default_lint
        self.diagnostics: list[guardrails.Diagnostic] = []
        self._spans: dict[int, list[LineSpan]] = {}
        self._styles: dict[str, Style] = {}
        self._styles_version = 0
        self._rows: dict[tuple[object, ...], Strip] = {}
        self._row_map: list[tuple[int, int, int | None]] | None = None
        self._first_row: list[int] = []
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
        self._styles_version += 1
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

    # -- a row cache that survives edits ------------------------------------------------------
    # TextArea drops its whole line cache on every edit (and, with soft wrap, on every cursor
    # move), then re-renders each visual row by rebuilding and splitting the entire document
    # line: for a 1,000-character paragraph a keystroke repaints ~20 rows × 20 sections.
    # This cache is keyed on what a row actually shows, so a keystroke repaints only the rows
    # whose text, underlines, cursor or selection changed.
    def render_lines(self, crop: Region) -> list[Strip]:
        self._row_map = None  # recomputed once per frame, on first use
        return super().render_lines(crop)

    def _rows_of_document(self) -> list[tuple[int, int, int | None]]:
        """(document line, section start, section end) of every visual row.

        Built from the wrap offsets only: WrappedDocument's offset/location helpers
        re-split the whole line on every call, which is what makes long paragraphs slow.
        """
        if self._row_map is None:
            rows: list[tuple[int, int, int | None]] = []
            self._first_row: list[int] = []
            wrapped = self.wrapped_document
            for line_index in range(self.document.line_count):
                self._first_row.append(len(rows))
                offsets = wrapped.get_offsets(line_index)
                bounds = [0, *offsets]
                for i, begin in enumerate(bounds):
                    rows.append((line_index, begin, offsets[i] if i < len(offsets) else None))
            self._row_map = rows
        return self._row_map

    def _visual_rows(self, location: tuple[int, int]) -> tuple[int, int]:
        """The visual row(s) a document location may be drawn on (two at a wrap boundary)."""
        line, column = location
        offsets = self.wrapped_document.get_offsets(line)
        first = self._first_row[line]
        return first + bisect_left(offsets, column), first + bisect_right(offsets, column)

    def render_line(self, y: int) -> Strip:
        if not self.soft_wrap or not self.document.text:
            return super().render_line(y)
        scroll_x, scroll_y = self.scroll_offset
        row = scroll_y + y
        rows = self._rows_of_document()
        if row >= len(rows) or row >= self.wrapped_document.height:
            return super().render_line(y)
        line_index, start, end = rows[row]
        selection = self.selection
        top, bottom = sorted(selection)
        on_cursor_line = selection.end[0] == line_index
        cursor_rows = self._visual_rows(selection.end)
        on_cursor_row = cursor_rows[0] <= row <= cursor_rows[1]
        selected = selection.start != selection.end and (
            self._visual_rows(top)[0] <= row <= self._visual_rows(bottom)[1])
        key = (
            self.size, scroll_x, row, line_index, start,
            self.document.get_line(line_index)[start:end],
            tuple(span for span in self._spans.get(line_index, ()) if span.end > start and (end is None or span.start < end)),
            selection if selected else None,
            (selection.end, self._cursor_visible, self.cursor_blink) if on_cursor_row else None,
            self.highlight_cursor_line and on_cursor_line,
            self.has_focus, self.read_only, self.show_cursor, self.show_line_numbers, self.gutter_width,
            self.app.theme, self._styles_version, self.match_cursor_bracket,
            self._matching_bracket_location if on_cursor_line else None,
            self.suggestion if on_cursor_row else None,
        )
        cached = self._rows.get(key)
        if cached is None:
            cached = super().render_line(y)
            if len(self._rows) > 4096:
                self._rows.clear()
            self._rows[key] = cached
        return cached

    def notify_style_update(self) -> None:
        self._rows.clear()
        super().notify_style_update()

    def _on_text_area_changed(self, event: TextArea.Changed) -> None:
        if event.text_area is self:
            self.relint()
