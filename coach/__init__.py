"""Upsell Coach: the domain layer (catalog, offer selection, drafting, role-play, storage, CLI).

Never imports the TUI; LLM libraries are imported only inside the code paths
that call a model.
"""

__version__ = "0.1.0"
