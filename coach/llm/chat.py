"""A thin, synchronous wrapper over LangChain's ``ChatOpenAI``.

Why a wrapper: callers (drafting, role-play customer, LLM judge) need three
operations and one error type. Every endpoint failure (timeout, 429, 5xx,
connection error, malformed or empty output) becomes ``ProviderError`` with a
Russian reason, so callers can fall back to the offline provider and tell the
user why. ``langchain_openai`` is imported on the first call, not at import time.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from pydantic import BaseModel, ValidationError

from coach.errors import ProviderError
from coach.llm.errors import to_provider_error

if TYPE_CHECKING:
    from coach.settings import Settings

__all__ = ["ChatModel", "Message", "Role", "get_chat_model"]

Role = Literal["system", "user", "assistant"]
Message = tuple[Role, str] | dict[str, str]
"""A chat message: ``("system", "…")`` or ``{"role": "user", "content": "…"}``."""

M = TypeVar("M", bound=BaseModel)

_FENCE = re.compile(r"^\s*```(?:json)?\s*(.*?)\s*```\s*$", re.S)


class ChatModel:
    """One configured OpenAI-compatible chat model.

    Thread-safe: the underlying client is created once (under a lock) and
    shared; ``calls`` / ``seconds_in_calls`` count time spent waiting on the
    endpoint so benchmarks can subtract it from the total.
    """

    def __init__(self, *, model: str, base_url: str | None, api_key: str | None, timeout: float,
                 max_retries: int, temperature: float) -> None:
        self.model = model
        self.base_url = base_url
        self.timeout = timeout
        self.max_retries = max_retries
        self.temperature = temperature
        self._api_key = api_key
        self._client: Any = None
        self._lock = threading.Lock()
        self.calls = 0
        self.seconds_in_calls = 0.0

    @property
    def name(self) -> str:
        """Provenance label, e.g. ``openai:gpt-4o-mini``."""
        return f"openai:{self.model}"

    def __repr__(self) -> str:  # never shows the key
        return f"ChatModel(model={self.model!r}, base_url={self.base_url!r}, timeout={self.timeout})"

    # -- public API ----------------------------------------------------------
    def complete(self, messages: Sequence[Message], **params: Any) -> str:
        """The assistant's whole answer as text; raises `ProviderError`."""
        client = self._chat()
        lc_messages = _to_langchain(messages)
        started = time.perf_counter()
        try:
            result = client.invoke(lc_messages, **params)
            text = _text_of(result)
        except Exception as exc:  # noqa: BLE001 - every endpoint failure is mapped
            raise self._error(exc) from exc
        finally:
            self._account(started)
        if not text.strip():
            raise ProviderError("модель вернула пустой ответ")
        return text

    def stream(self, messages: Sequence[Message], **params: Any) -> Iterator[str]:
        """Yield text chunks as they arrive; raises `ProviderError` (also mid-stream)."""
        client = self._chat()
        lc_messages = _to_langchain(messages)
        started = time.perf_counter()
        got_any = False
        try:
            for chunk in client.stream(lc_messages, **params):
                piece = _text_of(chunk)
                if piece:
                    got_any = got_any or bool(piece.strip())
                    yield piece
        except ProviderError:
            raise
        except GeneratorExit:
            raise
        except Exception as exc:  # noqa: BLE001
            raise self._error(exc) from exc
        finally:
            self._account(started)
        if not got_any:
            raise ProviderError("модель вернула пустой ответ")

    def structured(self, messages: Sequence[Message], schema: type[M]) -> M:
        """Ask for JSON matching `schema` (``json_schema``; falls back to ``json_mode``
        when the server rejects json_schema with 400) and validate it."""
        import openai

        json_schema = {"name": schema.__name__, "schema": schema.model_json_schema(), "strict": False}
        try:
            text = self._raw_complete(messages, {"type": "json_schema", "json_schema": json_schema})
        except openai.BadRequestError:
            hint = ("Ответь одним JSON-объектом без пояснений по этой JSON-схеме:\n"
                    + json.dumps(schema.model_json_schema(), ensure_ascii=False))
            text = self._raw_complete([*messages, ("system", hint)], {"type": "json_object"}, map_bad_request=True)
        return _parse_json(text, schema)

    # -- internals -------------------------------------------------------------
    def _raw_complete(self, messages: Sequence[Message], response_format: dict[str, Any],
                      *, map_bad_request: bool = False) -> str:
        import openai

        client = self._chat()
        started = time.perf_counter()
        try:
            result = client.invoke(_to_langchain(messages), response_format=response_format)
            text = _text_of(result)
        except openai.BadRequestError as exc:
            if not map_bad_request:
                raise
            raise self._error(exc) from exc
        except Exception as exc:  # noqa: BLE001
            raise self._error(exc) from exc
        finally:
            self._account(started)
        if not text.strip():
            raise ProviderError("модель вернула пустой ответ")
        return text

    def _chat(self) -> Any:
        if self._client is None:
            with self._lock:
                if self._client is None:
                    self._client = self._build()
        return self._client

    def _build(self) -> Any:
        from langchain_openai import ChatOpenAI

        key = self._api_key
        if key is None:
            if self.base_url is None:
                raise ProviderError("не задан ключ API: задайте COACH_API_KEY или OPENAI_API_KEY "
                                    "либо укажите --base-url локального сервера")
            key = "not-needed"  # local OpenAI-compatible servers ignore it
        try:
            return ChatOpenAI(model=self.model, base_url=self.base_url, api_key=key, timeout=self.timeout,
                              max_retries=self.max_retries, temperature=self.temperature,
                              use_responses_api=False)
        except Exception as exc:  # noqa: BLE001 - e.g. a malformed base URL
            raise ProviderError(f"не удалось настроить клиент модели: {type(exc).__name__}") from exc

    def _error(self, exc: BaseException) -> ProviderError:
        return to_provider_error(exc, model=self.model, base_url=self.base_url, timeout=self.timeout)

    def _account(self, started: float) -> None:
        elapsed = time.perf_counter() - started
        with self._lock:
            self.calls += 1
            self.seconds_in_calls += elapsed


def get_chat_model(settings: Settings) -> ChatModel:
    """The chat model the settings describe (cheap: nothing is imported or sent yet)."""
    key = settings.api_key.get_secret_value() if settings.api_key is not None else None
    return ChatModel(model=settings.model, base_url=settings.base_url, api_key=key, timeout=settings.timeout,
                     max_retries=settings.max_retries, temperature=settings.temperature)


def _to_langchain(messages: Sequence[Message]) -> list[Any]:
    from langchain_core.messages import AIMessage, HumanMessage, SystemMessage

    kinds = {"system": SystemMessage, "user": HumanMessage, "human": HumanMessage,
             "assistant": AIMessage, "ai": AIMessage}
    out = []
    for message in messages:
        if isinstance(message, dict):
            role, content = message["role"], message["content"]
        else:
            role, content = message
        try:
            out.append(kinds[role](content))
        except KeyError:
            raise ValueError(f"unknown chat role {role!r}") from None
    return out


def _text_of(message: Any) -> str:
    content = getattr(message, "content", message)
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(part.get("text", "") if isinstance(part, dict) else str(part) for part in content)
    raise TypeError(f"unexpected message content {type(content).__name__}")


def _parse_json(text: str, schema: type[M]) -> M:
    match = _FENCE.match(text)
    body = match.group(1) if match else text.strip()
    try:
        return schema.model_validate_json(body)
    except ValidationError as exc:
        first = exc.errors()[0]
        if first["type"] == "json_invalid":
            raise ProviderError("модель вернула ответ не в формате JSON") from None
        loc = ".".join(str(p) for p in first["loc"]) or "ответ"
        raise ProviderError(f"ответ модели не соответствует схеме: поле {loc}") from None

