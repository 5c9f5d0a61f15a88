"""The terminal app (Textual): a drafting workspace for salespeople, a role-play
room for trainers and a script-library screen.

Nothing is imported here so that `import tui` stays cheap; the app lives in
:mod:`tui.app` and every screen is imported only when it is first shown.
"""

from __future__ import annotations

__all__: list[str] = []
