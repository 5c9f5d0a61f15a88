"""The provider layer against the scripted OpenAI-compatible server (real client, real HTTP)."""

from __future__ import annotations

import socket
import subprocess
import sys

import pytest
from fake_openai import FakeOpenAIServer, Reply
from pydantic import BaseModel, ConfigDict

from coach.errors import ProviderError
from coach.llm import ChatModel, get_chat_model
from coach.settings import Settings

MESSAGES = [("system", "Ты помощник продавца."), ("user", "Привет")]


def model_for(server: FakeOpenAIServer, **overrides: object) -> ChatModel:
    values: dict[str, object] = {"provider": "openai", "model": "test-model", "base_url": server.base_url,
                                 "api_key": "sk-test-secret", "timeout": 2.0, "max_retries": 0}
    values.update(overrides)
    return get_chat_model(Settings(**values))


class Verdict(BaseModel):
    model_config = ConfigDict(extra="forbid")
    score: int
    feedback: str


def test_complete_sends_messages_and_returns_text(fake_openai: FakeOpenAIServer) -> None:
    fake_openai.script(Reply("Здравствуйте! Чем помочь?"))
    llm = model_for(fake_openai)
    assert llm.complete(MESSAGES) == "Здравствуйте! Чем помочь?"
    sent = fake_openai.requests[0]
    assert sent["model"] == "test-model"
    assert [m["role"] for m in sent["messages"]] == ["system", "user"]
    assert sent["messages"][1]["content"] == "Привет"
    assert fake_openai.headers[0]["authorization"] == "Bearer sk-test-secret"
    assert llm.calls == 1 and llm.seconds_in_calls > 0


def test_dict_messages_are_accepted(fake_openai: FakeOpenAIServer) -> None:
    fake_openai.script(Reply("ок"))
    assert model_for(fake_openai).complete([{"role": "user", "content": "x"}]) == "ок"


def test_stream_yields_chunks_in_order(fake_openai: FakeOpenAIServer) -> None:
    fake_openai.script(Reply(chunks=["К телефону ", "рекомендую ", "чехол."]))
    chunks = list(model_for(fake_openai).stream(MESSAGES))
    assert chunks == ["К телефону ", "рекомендую ", "чехол."]
    assert fake_openai.requests[0]["stream"] is True


@pytest.mark.parametrize(
    ("reply", "reason"),
    [
        (Reply(status=429), "429"),
        (Reply(status=500), "ошибка на сервере модели (500)"),
        (Reply(status=503), "ошибка на сервере модели (503)"),
        (Reply(status=401), "ключ API"),
        (Reply(status=404), "не найдены"),
        (Reply(raw='{"id": "x", "choices": ['), "некорректный ответ"),
        (Reply(raw="null"), "некорректный ответ"),
        (Reply(raw='{"foo": 1}'), "некорректный ответ"),
        (Reply(""), "пустой ответ"),
        (Reply("   \n"), "пустой ответ"),
        (Reply(None), "пустой ответ"),
    ],
)
def test_failures_become_provider_errors_in_russian(fake_openai: FakeOpenAIServer, reply: Reply, reason: str) -> None:
    fake_openai.script(reply)
    with pytest.raises(ProviderError) as info:
        model_for(fake_openai).complete(MESSAGES)
    assert reason in info.value.reason
    assert "sk-test-secret" not in str(info.value)


def test_slow_reply_past_the_timeout(fake_openai: FakeOpenAIServer) -> None:
    fake_openai.script(Reply("поздно", delay=1.5))
    with pytest.raises(ProviderError, match="не ответил за 0.3 с"):
        model_for(fake_openai, timeout=0.3).complete(MESSAGES)


def test_retries_follow_settings(fake_openai: FakeOpenAIServer) -> None:
    fake_openai.script(Reply(status=500), Reply("со второй попытки"))
    llm = model_for(fake_openai, max_retries=1)
    assert llm.complete(MESSAGES) == "со второй попытки"
    assert len(fake_openai.requests) == 2


def test_connection_refused() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    llm = get_chat_model(Settings(base_url=f"http://127.0.0.1:{port}/v1", api_key="k", timeout=1, max_retries=0))
    with pytest.raises(ProviderError, match="не удалось подключиться"):
        llm.complete(MESSAGES)


def test_stream_failures(fake_openai: FakeOpenAIServer) -> None:
    llm = model_for(fake_openai)
    fake_openai.script(Reply(status=429))
    with pytest.raises(ProviderError, match="429"):
        list(llm.stream(MESSAGES))
    fake_openai.script(Reply(chunks=[]))
    with pytest.raises(ProviderError, match="пустой ответ"):
        list(llm.stream(MESSAGES))


def test_stream_timeout_between_chunks(fake_openai: FakeOpenAIServer) -> None:
    fake_openai.script(Reply(chunks=["раз ", "два"], chunk_delay=1.0))
    with pytest.raises(ProviderError, match="не ответил"):
        list(model_for(fake_openai, timeout=0.3).stream(MESSAGES))


def test_structured_uses_json_schema(fake_openai: FakeOpenAIServer) -> None:
    fake_openai.script(Reply('{"score": 80, "feedback": "Хорошо"}'))
    verdict = model_for(fake_openai).structured(MESSAGES, Verdict)
    assert verdict == Verdict(score=80, feedback="Хорошо")
    fmt = fake_openai.requests[0]["response_format"]
    assert fmt["type"] == "json_schema" and fmt["json_schema"]["name"] == "Verdict"


def test_structured_falls_back_to_json_mode(fake_openai: FakeOpenAIServer) -> None:
    fake_openai.script(Reply("response_format json_schema is not supported", status=400),
                       Reply('```json\n{"score": 55, "feedback": "Средне"}\n```'))
    verdict = model_for(fake_openai).structured(MESSAGES, Verdict)
    assert verdict.score == 55
    second = fake_openai.requests[1]
    assert second["response_format"] == {"type": "json_object"}
    assert "JSON" in second["messages"][-1]["content"]


@pytest.mark.parametrize(("body", "reason"), [("не JSON вовсе", "не в формате JSON"),
                                              ('{"score": "много"}', "не соответствует схеме")])
def test_structured_rejects_bad_json(fake_openai: FakeOpenAIServer, body: str, reason: str) -> None:
    fake_openai.script(Reply(body))
    with pytest.raises(ProviderError, match=reason):
        model_for(fake_openai).structured(MESSAGES, Verdict)


def test_missing_key_without_base_url_is_a_provider_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.delenv("COACH_API_KEY", raising=False)
    llm = get_chat_model(Settings(base_url=None, api_key=None))
    with pytest.raises(ProviderError, match="ключ API"):
        llm.complete(MESSAGES)


def test_local_server_needs_no_key(fake_openai: FakeOpenAIServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.delenv("COACH_API_KEY", raising=False)
    fake_openai.script(Reply("ок"))
    assert model_for(fake_openai, api_key=None).complete(MESSAGES) == "ок"


def test_key_is_never_shown(fake_openai: FakeOpenAIServer) -> None:
    llm = model_for(fake_openai)
    assert "sk-test-secret" not in repr(llm)
    assert llm.name == "openai:test-model"


def test_importing_the_layer_does_not_import_llm_libraries() -> None:
    code = ("import sys, coach.llm, coach.templating; "
            "bad = [m for m in ('langchain_openai', 'langchain_core', 'openai') if m in sys.modules]; "
            "print(','.join(bad))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
