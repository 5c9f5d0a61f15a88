"""SQLite storage: role-play sessions, turns and per-skill scores, and saved drafts.

    >>> from coach.store import Store
    >>> store = Store(settings.db)
    >>> store.save_draft(text, context_summary, provenance, diagnostics)
"""

from __future__ import annotations

from coach.store.migrations import MIGRATIONS
from coach.store.store import (
    SCHEMA_VERSION,
    DraftRow,
    ProgressPoint,
    SessionRow,
    Store,
    TraineeSummary,
    TurnRow,
)

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "DraftRow", "ProgressPoint", "SessionRow", "Store", "TraineeSummary",
           "TurnRow"]
