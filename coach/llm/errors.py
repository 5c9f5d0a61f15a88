"""Map whatever an OpenAI-compatible endpoint does wrong to one `ProviderError`.

The openai / langchain exception classes are looked up lazily so this module
imports nothing heavy; callers pass the exception and the endpoint they used.
"""

from __future__ import annotations

import json

from coach.errors import ProviderError

__all__ = ["to_provider_error", "MALFORMED"]

MALFORMED = (json.JSONDecodeError, ValueError, TypeError, KeyError, AttributeError, IndexError)
"""What the client raises while decoding a malformed (non chat-completions) body."""


def to_provider_error(exc: BaseException, *, model: str, base_url: str | None, timeout: float) -> ProviderError:
    """A `ProviderError` with a short Russian reason for `exc` (never includes the key)."""
    if isinstance(exc, ProviderError):
        return exc
    import openai  # already imported by the caller that produced `exc`

    where = base_url or "api.openai.com"
    if isinstance(exc, openai.APITimeoutError):
        return ProviderError(f"сервер модели не ответил за {timeout:g} с ({where})")
    if isinstance(exc, openai.APIConnectionError):
        return ProviderError(f"не удалось подключиться к серверу модели {where}")
    if isinstance(exc, openai.RateLimitError):
        return ProviderError("сервер модели ограничил частоту запросов (429): попробуйте позже")
    if isinstance(exc, openai.AuthenticationError):
        return ProviderError("сервер модели не принял ключ API (401): проверьте COACH_API_KEY или OPENAI_API_KEY")
    if isinstance(exc, openai.PermissionDeniedError):
        return ProviderError("нет доступа к модели (403)")
    if isinstance(exc, openai.NotFoundError):
        return ProviderError(f"модель «{model}» или адрес {where} не найдены (404)")
    if isinstance(exc, openai.BadRequestError):
        return ProviderError(f"сервер модели отклонил запрос (400): {_short(exc)}")
    if isinstance(exc, openai.APIStatusError):
        if exc.status_code >= 500:
            return ProviderError(f"ошибка на сервере модели ({exc.status_code})")
        return ProviderError(f"сервер модели вернул ошибку {exc.status_code}")
    if isinstance(exc, openai.APIResponseValidationError):
        return ProviderError("сервер модели вернул ответ не по протоколу chat-completions")
    if isinstance(exc, (openai.LengthFinishReasonError, openai.ContentFilterFinishReasonError)):
        return ProviderError("модель оборвала ответ (лимит длины или фильтр содержимого)")
    if isinstance(exc, openai.OpenAIError):
        return ProviderError(f"ошибка клиента OpenAI: {_short(exc)}")
    if isinstance(exc, MALFORMED):
        return ProviderError("сервер модели вернул некорректный ответ (не JSON chat-completions)")
    return ProviderError(f"сбой обращения к модели: {type(exc).__name__}")


def _short(exc: BaseException, limit: int = 120) -> str:
    text = " ".join(str(getattr(exc, "message", None) or exc).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
