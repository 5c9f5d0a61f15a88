"""pytest imports test modules by basename (no __init__.py in tests/): two test
files with one name in different folders break collection in a clean checkout."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def test_test_module_names_are_unique():
    names = Counter(p.name for p in TESTS.rglob("test_*.py"))
    assert not [n for n, c in names.items() if c > 1]


def test_helper_module_names_are_unique():
    helpers = Counter(p.name for p in TESTS.rglob("*.py") if not p.name.startswith("test_") and p.name != "conftest.py")
    assert not [n for n, c in helpers.items() if c > 1]
