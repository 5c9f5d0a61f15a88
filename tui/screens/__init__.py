"""Screens of the terminal app, one per module (imported when first shown)."""
