"""The command palette (ctrl+p): every screen's actions, searchable in Russian.

Each screen may define `palette_commands()` returning (title, help, callback)
triples; the provider adds them to the app-wide commands."""

from __future__ import annotations

from typing import Any, Callable, Iterable

from textual.command import DiscoveryHit, Hit, Hits, Provider

__all__ = ["CoachCommands", "ScreenCommand"]

ScreenCommand = tuple[str, str, Callable[[], Any]]


class CoachCommands(Provider):
    """Commands of the active screen (the app's own are system commands)."""

    def _commands(self) -> Iterable[ScreenCommand]:
        screen = self.screen
        provider = getattr(screen, "palette_commands", None)
        if callable(provider):
            yield from provider()

    async def discover(self) -> Hits:
        for title, help_text, callback in self._commands():
            yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text)
