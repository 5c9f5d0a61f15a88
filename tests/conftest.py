"""Shared test fixtures.

``fake_openai`` (from ``tests/fake_openai.py``) is a scripted OpenAI-compatible
HTTP server; import ``Reply`` / ``FakeOpenAIServer`` from ``fake_openai`` in tests.
"""

from __future__ import annotations

import sys
from pathlib import Path

_TESTS = str(Path(__file__).resolve().parent)
if _TESTS not in sys.path:
    sys.path.insert(0, _TESTS)

from fake_openai import fake_openai  # noqa: E402,F401  (re-exported fixture)
