"""A scripted OpenAI-compatible chat-completions server for tests and benchmarks.

It runs on 127.0.0.1 with a random port in a background thread (stdlib
``http.server``), so tests exercise the real ``openai`` / ``langchain_openai``
clients over real HTTP without the network or a key::

    def test_something(fake_openai):
        fake_openai.script(Reply("Привет"), Reply(status=429), Reply(delay=2.0, content="поздно"))
        ... settings.base_url = fake_openai.base_url ...
        assert fake_openai.requests[0]["messages"][0]["role"] == "system"

Replies are served in order; when the script runs out, ``default`` answers
(or, when it is None, a 500 with "script exhausted", counted in ``unscripted``).
A reply may also be a callable ``(request_json) -> Reply`` for dynamic answers.
Requests with ``"stream": true`` get Server-Sent Events (``chat.completion.chunk``
objects, then ``data: [DONE]``).
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

__all__ = ["Reply", "FakeOpenAIServer", "fake_openai"]


@dataclass
class Reply:
    """One scripted answer.

    - ``content``: the assistant text (``""`` gives an empty answer).
    - ``status``: HTTP status; non-200 answers carry an OpenAI-style error body.
    - ``delay``: seconds to wait before answering (use it to trip client timeouts).
    - ``raw``: send this body verbatim (e.g. malformed JSON) instead of a completion.
    - ``chunks``: for streaming requests, the exact content pieces to send
      (default: ``content`` split after each space).
    - ``chunk_delay``: seconds between streamed chunks.
    """

    content: str | None = ""
    status: int = 200
    delay: float = 0.0
    raw: str | None = None
    chunks: list[str] | None = None
    chunk_delay: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)


Responder = Reply | Callable[[dict[str, Any]], Reply]


class FakeOpenAIServer:
    """Threaded HTTP server speaking ``POST /v1/chat/completions`` (and ``GET /v1/models``)."""

    def __init__(self, model: str = "fake-model") -> None:
        self.model = model
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self.default: Responder | None = None
        self.unscripted = 0
        self._script: deque[Responder] = deque()
        self._lock = threading.Lock()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- scripting ---------------------------------------------------------
    def script(self, *replies: Responder) -> FakeOpenAIServer:
        """Append replies to the queue (served first in, first out)."""
        with self._lock:
            self._script.extend(replies)
        return self

    def reset(self) -> None:
        with self._lock:
            self._script.clear()
            self.requests.clear()
            self.headers.clear()
            self.default = None
            self.unscripted = 0

    @property
    def pending(self) -> int:
        return len(self._script)

    @property
    def base_url(self) -> str:
        assert self._httpd is not None, "server not started"
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}/v1"

    # -- lifecycle ---------------------------------------------------------
    def start(self) -> FakeOpenAIServer:
        server = self

        class Handler(_Handler):
            owner = server

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02},
                                        name="fake-openai", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def __enter__(self) -> FakeOpenAIServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- used by the handler -----------------------------------------------
    def _next(self, body: dict[str, Any], headers: dict[str, str]) -> Reply:
        with self._lock:
            self.requests.append(body)
            self.headers.append(headers)
            responder: Responder | None
            if self._script:
                responder = self._script.popleft()
            else:
                responder = self.default
                if responder is None:
                    self.unscripted += 1
                    return Reply(status=500, content="script exhausted")
        return responder(body) if callable(responder) else responder


class _Handler(BaseHTTPRequestHandler):
    owner: FakeOpenAIServer
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # otherwise delayed ACKs add ~40 ms per request

    def log_message(self, format: str, *args: Any) -> None:  # silence stderr
        return

    def do_GET(self) -> None:  # noqa: N802 - http.server API
        if self.path.rstrip("/").endswith("/models"):
            self._send_json(200, {"object": "list", "data": [{"id": self.owner.model, "object": "model"}]})
        else:
            self._send_json(404, _error("not found", "not_found_error"))

    def do_POST(self) -> None:  # noqa: N802 - http.server API
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        if not self.path.rstrip("/").endswith("/chat/completions"):
            self._send_json(404, _error(f"unknown path {self.path}", "not_found_error"))
            return
        try:
            body = json.loads(raw or b"{}")
        except json.JSONDecodeError:
            self._send_json(400, _error("request body is not JSON", "invalid_request_error"))
            return
        reply = self.owner._next(body, {k.lower(): v for k, v in self.headers.items()})
        try:
            if reply.delay:
                time.sleep(reply.delay)
            self._answer(body, reply)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeout): nothing to do

    def _answer(self, body: dict[str, Any], reply: Reply) -> None:
        if reply.raw is not None:
            self._send_bytes(reply.status, reply.raw.encode(), "application/json", reply.headers)
            return
        if reply.status != 200:
            kind = "rate_limit_error" if reply.status == 429 else "server_error"
            self._send_json(reply.status, _error(reply.content or f"scripted {reply.status}", kind), reply.headers)
            return
        model = body.get("model", self.owner.model)
        if body.get("stream"):
            self._stream(model, reply)
        else:
            self._send_json(200, _completion(model, reply.content), reply.headers)

    def _stream(self, model: str, reply: Reply) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Connection", "close")
        for key, value in reply.headers.items():
            self.send_header(key, value)
        self.end_headers()
        self.close_connection = True
        pieces = reply.chunks if reply.chunks is not None else list(_split(reply.content or ""))
        created = int(time.time())
        first = {"role": "assistant", "content": ""}
        self._event(_chunk(model, created, first, None))
        for piece in pieces:
            if reply.chunk_delay:
                time.sleep(reply.chunk_delay)
            self._event(_chunk(model, created, {"content": piece}, None))
        self._event(_chunk(model, created, {}, "stop"))
        self.wfile.write(b"data: [DONE]\n\n")
        self.wfile.flush()

    def _event(self, payload: dict[str, Any]) -> None:
        self.wfile.write(b"data: " + json.dumps(payload, ensure_ascii=False).encode() + b"\n\n")
        self.wfile.flush()

    def _send_json(self, status: int, payload: dict[str, Any], headers: dict[str, str] | None = None) -> None:
        self._send_bytes(status, json.dumps(payload, ensure_ascii=False).encode(), "application/json", headers or {})

    def _send_bytes(self, status: int, data: bytes, ctype: str, headers: dict[str, str]) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        for key, value in headers.items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(data)
        self.wfile.flush()


def _split(text: str) -> Iterator[str]:
    start = 0
    for i, ch in enumerate(text):
        if ch == " ":
            yield text[start : i + 1]
            start = i + 1
    if start < len(text):
        yield text[start:]


def _completion(model: str, content: str | None) -> dict[str, Any]:
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0, "finish_reason": "stop",
                     "message": {"role": "assistant", "content": content, "refusal": None}}],
        "usage": {"prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20},
    }


def _chunk(model: str, created: int, delta: dict[str, Any], finish: str | None) -> dict[str, Any]:
    return {"id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": created, "model": model,
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}


def _error(message: str, kind: str) -> dict[str, Any]:
    return {"error": {"message": message, "type": kind, "param": None, "code": None}}


@pytest.fixture
def fake_openai() -> Iterator[FakeOpenAIServer]:
    """A fresh scripted server per test (starting one costs about a millisecond)."""
    with FakeOpenAIServer() as server:
        yield server
