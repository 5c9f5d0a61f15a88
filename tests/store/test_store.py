"""SQLite history: migrations, WAL, per-turn commits (survives SIGKILL), progress, summary, drafts."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from coach.errors import ConfigError
from coach.store import MIGRATIONS, SCHEMA_VERSION, Store

REPO = Path(__file__).resolve().parents[2]


def test_new_database_is_migrated_and_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "coach.sqlite3"
    with Store(path) as store:
        assert store.schema_version == SCHEMA_VERSION == len(MIGRATIONS)
    raw = sqlite3.connect(path)
    assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"sessions", "turns", "scores", "drafts"} <= tables


def test_old_database_is_migrated_forward(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    raw = sqlite3.connect(path)
    raw.executescript(MIGRATIONS[0] + "\nPRAGMA user_version = 1;")
    raw.execute("INSERT INTO sessions (trainee, scenario, difficulty, provider, started_at) "
                "VALUES ('Аня', 'x', 'normal', 'offline', '2026-01-01T00:00:00+00:00')")
    raw.commit()
    raw.close()
    with Store(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert [s.trainee for s in store.sessions()] == ["Аня"]
    indexes = {r[0] for r in sqlite3.connect(path).execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert "sessions_by_trainee" in indexes


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite3"
    raw = sqlite3.connect(path)
    raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    raw.close()
    with pytest.raises(ConfigError, match="более новой версией"):
        Store(path)


def test_not_a_database_is_a_config_error(tmp_path: Path) -> None:
    path = tmp_path / "junk.sqlite3"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(ConfigError):
        Store(path)


def _session(store: Store, trainee: str, scores: list[int], outcome: str | None) -> int:
    sid = store.start_session(trainee, "dorogo-laptop", "normal", "offline", "Дорого")
    store.add_turn(sid, "customer", "Дорого.", trust=35, patience=90, mood="сомневается")
    for value in scores:
        store.add_turn(sid, "trainee", "Понимаю.", score=value,
                       criteria={"acknowledges": (value, "Понимаю."), "clarifies": (value // 2, "")})
    store.finish_session(sid, outcome, sum(scores) / len(scores))
    return sid


def test_turns_scores_progress_and_summary(tmp_path: Path) -> None:
    with Store(tmp_path / "h.sqlite3") as store:
        first = _session(store, "Аня", [40, 60], "no_deal")
        second = _session(store, "Аня", [80, 90], "deal")
        _session(store, "Борис", [10], "walked_out")
        turns = store.turns(first)
        assert [t.role for t in turns] == ["customer", "trainee", "trainee"]
        assert [t.idx for t in turns] == [0, 1, 2]
        assert turns[1].criteria["acknowledges"] == (40, "Понимаю.")

        progress = store.progress("Аня")
        assert [p.session_id for p in progress] == [first, second]
        assert progress[0].skills["acknowledges"] == 50.0  # every-reply skill: the mean
        assert progress[0].skills["clarifies"] == 30.0     # moment skill: the best reply
        assert progress[1].skills["acknowledges"] == 85.0
        assert progress[1].outcome == "deal"

        summary = {row.trainee: row for row in store.summary()}
        assert summary["Аня"].sessions == 2 and summary["Аня"].successes == 1
        assert summary["Аня"].weakest_skill == "clarifies"
        assert summary["Борис"].walked_out == 1
        assert summary["Борис"].mean_score == 10.0


def test_save_and_list_drafts(tmp_path: Path) -> None:
    import guardrails

    diags = guardrails.lint("Вам обязательно нужно взять чехол!")
    with Store(tmp_path / "h.sqlite3") as store:
        store.save_draft("К телефону рекомендую чехол.", "Смартфон, стадия decided", "offline:template-1", [])
        store.save_draft("Вам обязательно нужно взять чехол!", "Смартфон", "openai:gpt-4o-mini", diags)
        drafts = store.drafts()
        assert [d.text for d in drafts][0] == "Вам обязательно нужно взять чехол!"
        assert drafts[0].diagnostics and drafts[0].diagnostics[0]["rule"].startswith("PR")
        assert drafts[1].diagnostics == [] and drafts[1].provenance == "offline:template-1"
        assert len(store.drafts(limit=1)) == 1


def test_killed_process_mid_session_loses_nothing_said(tmp_path: Path) -> None:
    """Play two replies through the real CLI, SIGKILL it while it waits for the third, reopen the DB."""
    db = tmp_path / "history.sqlite3"
    env = {**os.environ, "COACH_DB": str(db), "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-c", "from coach.cli import main; main()", "roleplay", "run", "--scenario", "dorogo-laptop", "--trainee", "Кира",
         "--report-dir", str(tmp_path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=REPO, text=True)
    assert proc.stdin is not None
    proc.stdin.write("Понимаю, сумма ощутимая. Подскажите, для каких задач берёте ноутбук?\n")
    proc.stdin.write("Справедливо. Для документов и таблиц хватит и младшей модели, она легче.\n")
    proc.stdin.flush()
    deadline = time.monotonic() + 20
    count = 0
    while time.monotonic() < deadline:
        if db.exists():
            try:
                count = sqlite3.connect(db).execute("SELECT COUNT(*) FROM turns").fetchone()[0]
            except sqlite3.Error:
                count = 0
            if count >= 5:  # opening + 2 × (reply + customer answer)
                break
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL
    assert count >= 5, proc.stderr.read() if proc.stderr else ""

    with Store(db) as store:
        [session] = store.sessions("Кира")
        assert session.outcome is None and session.finished_at is None
        turns = store.turns(session.id)
        assert [t.role for t in turns] == ["customer", "trainee", "customer", "trainee", "customer"]
        assert turns[1].text.startswith("Понимаю, сумма ощутимая")
        assert turns[1].criteria and turns[1].score is not None
        assert store.progress("Кира")[0].skills["clarifies"] > 0


def test_api_key_never_reaches_the_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from coach.roleplay import RolePlaySession, get_scenario
    from coach.settings import load_settings

    secret = "sk-very-secret-key-123"
    monkeypatch.setenv("COACH_API_KEY", secret)
    db = tmp_path / "h.sqlite3"
    settings = load_settings(db=str(db))
    assert settings.api_key is not None
    with Store(db) as store:
        session = RolePlaySession(get_scenario("dorogo-laptop"), "Лена", store=store, settings=settings)
        session.opening()
        session.reply("Понимаю. Что для вас важнее?")
        store.save_draft("текст", "контекст", "offline", [])
    blob = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith("h.sqlite3"))
    assert secret.encode() not in blob
    assert secret not in session.report().to_json() and secret not in session.report().to_markdown()
