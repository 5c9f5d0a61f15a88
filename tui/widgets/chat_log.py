"""The role-play conversation: customer and trainee turns as chat bubbles."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.widgets import Static

__all__ = ["ChatLog"]


class ChatLog(VerticalScroll):
    DEFAULT_CSS = """
    ChatLog { height: 1fr; padding: 0 1; }
    ChatLog > .turn { height: auto; padding: 0 1; margin: 0 0 1 0; }
    ChatLog > .customer { margin-right: 12; background: $panel; border-left: thick $primary; }
    ChatLog > .trainee { margin-left: 12; background: $boost; border-right: thick $accent; }
    ChatLog > .note { color: $text-muted; text-style: italic; }
    """

    def add_turn(self, who: str, speaker: str, text: str) -> Static:
        """Append one turn; `who` is "customer", "trainee" or "note"."""
        bubble = Static(f"[b]{speaker}[/b]\n{_escape(text)}" if speaker else _escape(text),
                        classes=f"turn {who}", markup=True)
        self.mount(bubble)
        self.call_after_refresh(self.scroll_end, animate=False)
        return bubble


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)
