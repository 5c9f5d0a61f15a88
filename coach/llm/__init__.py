"""The LLM provider layer, shared by drafting and role-play.

``get_chat_model(settings)`` returns a `ChatModel` with ``complete``,
``stream`` and ``structured``; every endpoint failure is a
``coach.errors.ProviderError`` with a Russian reason. Importing this package
is cheap: ``langchain_openai`` / ``openai`` load on the first request.
"""

from __future__ import annotations

from coach.errors import ProviderError
from coach.llm.chat import ChatModel, Message, Role, get_chat_model

__all__ = ["ChatModel", "Message", "ProviderError", "Role", "get_chat_model"]
