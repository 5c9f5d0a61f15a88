"""SQLite storage for role-play sessions, turns, per-skill scores and saved drafts.

WAL mode, autocommit: every turn is written in its own transaction as soon as
it happens, so a crash (even SIGKILL) loses nothing already said. The schema
version lives in ``PRAGMA user_version``; `MIGRATIONS` are applied in order.
API keys never reach this module: callers pass only provider names.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import threading
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from coach.errors import ConfigError
from coach.store.migrations import MIGRATIONS

__all__ = ["Store", "SessionRow", "TurnRow", "DraftRow", "ProgressPoint", "TraineeSummary", "SCHEMA_VERSION"]

SCHEMA_VERSION = len(MIGRATIONS)


class _Row(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SessionRow(_Row):
    id: int
    trainee: str
    scenario: str
    title: str
    difficulty: str
    provider: str
    started_at: str
    finished_at: str | None
    outcome: str | None
    score: float | None


class TurnRow(_Row):
    id: int
    session_id: int
    idx: int
    role: str
    text: str
    created_at: str
    trust: float | None
    patience: float | None
    mood: str | None
    score: int | None
    feedback: str | None
    suggestion: str | None
    criteria: dict[str, tuple[int, str]]


class DraftRow(_Row):
    id: int
    created_at: str
    text: str
    context_summary: str
    provenance: str
    diagnostics: list[Any]


class ProgressPoint(_Row):
    """One session in a trainee's history with its per-skill scores (as in the session report)."""

    session_id: int
    started_at: str
    scenario: str
    difficulty: str
    outcome: str | None
    score: float | None
    skills: dict[str, float]


class TraineeSummary(_Row):
    trainee: str
    sessions: int
    finished: int
    successes: int
    walked_out: int
    mean_score: float | None
    last_at: str
    skills: dict[str, float]
    weakest_skill: str | None


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


class Store:
    """One SQLite database file; thread-safe (a lock around the shared connection)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=10)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._db.execute("PRAGMA synchronous=NORMAL")
        except (OSError, sqlite3.Error) as exc:
            raise ConfigError(f"{self.path}: не удалось открыть базу данных: {exc}") from None
        self._db.row_factory = sqlite3.Row
        self._lock = threading.RLock()
        self._migrate()

    # -- lifecycle -------------------------------------------------------------------
    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        with self._lock:
            try:
                current = self.schema_version
            except sqlite3.DatabaseError as exc:
                raise ConfigError(f"{self.path}: это не база данных coach ({exc})") from None
            if current > SCHEMA_VERSION:
                raise ConfigError(f"{self.path}: база создана более новой версией coach "
                                  f"(схема {current}, эта версия знает {SCHEMA_VERSION})")
            for number in range(current, SCHEMA_VERSION):
                # One script per transaction, with its version bump: a crash leaves a consistent schema.
                self._db.executescript(f"BEGIN;\n{MIGRATIONS[number]}\nPRAGMA user_version = {number + 1};\nCOMMIT;")

    # -- role-play sessions ------------------------------------------------------------
    def start_session(self, trainee: str, scenario: str, difficulty: str, provider: str, title: str = "") -> int:
        with self._lock:
            cur = self._db.execute(
                "INSERT INTO sessions (trainee, scenario, title, difficulty, provider, started_at) "
                "VALUES (?, ?, ?, ?, ?, ?)", (trainee, scenario, title, difficulty, provider, _now()))
            return int(cur.lastrowid)

    def add_turn(self, session_id: int, role: str, text: str, *, trust: float | None = None,
                 patience: float | None = None, mood: str | None = None, score: int | None = None,
                 feedback: str | None = None, suggestion: str | None = None,
                 criteria: Mapping[str, tuple[int, str]] | None = None) -> int:
        """Append one turn (and its per-skill scores) and commit it at once."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                idx = self._db.execute("SELECT COALESCE(MAX(idx), -1) + 1 FROM turns WHERE session_id = ?",
                                       (session_id,)).fetchone()[0]
                cur = self._db.execute(
                    "INSERT INTO turns (session_id, idx, role, text, created_at, trust, patience, mood, score, "
                    "feedback, suggestion) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (session_id, idx, role, text, _now(), trust, patience, mood, score, feedback, suggestion))
                turn_id = int(cur.lastrowid)
                if criteria:
                    self._db.executemany(
                        "INSERT INTO scores (turn_id, skill, score, evidence) VALUES (?, ?, ?, ?)",
                        [(turn_id, skill, int(v[0]), str(v[1])) for skill, v in criteria.items()])
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            return turn_id

    def finish_session(self, session_id: int, outcome: str | None, score: float | None) -> None:
        with self._lock:
            self._db.execute("UPDATE sessions SET finished_at = ?, outcome = ?, score = ? WHERE id = ?",
                             (_now(), outcome, score, session_id))

    def sessions(self, trainee: str | None = None) -> list[SessionRow]:
        sql = "SELECT * FROM sessions"
        args: tuple[Any, ...] = ()
        if trainee is not None:
            sql += " WHERE trainee = ?"
            args = (trainee,)
        with self._lock:
            rows = self._db.execute(sql + " ORDER BY started_at, id", args).fetchall()
        return [SessionRow(**dict(r)) for r in rows]

    def session(self, session_id: int) -> SessionRow | None:
        with self._lock:
            row = self._db.execute("SELECT * FROM sessions WHERE id = ?", (session_id,)).fetchone()
        return SessionRow(**dict(row)) if row else None

    def turns(self, session_id: int) -> list[TurnRow]:
        with self._lock:
            rows = self._db.execute("SELECT * FROM turns WHERE session_id = ? ORDER BY idx", (session_id,)).fetchall()
            scores = self._db.execute(
                "SELECT s.turn_id, s.skill, s.score, s.evidence FROM scores s JOIN turns t ON t.id = s.turn_id "
                "WHERE t.session_id = ?", (session_id,)).fetchall()
        by_turn: dict[int, dict[str, tuple[int, str]]] = {}
        for s in scores:
            by_turn.setdefault(s["turn_id"], {})[s["skill"]] = (s["score"], s["evidence"])
        return [TurnRow(**dict(r), criteria=by_turn.get(r["id"], {})) for r in rows]

    def trainees(self) -> list[str]:
        with self._lock:
            return [r[0] for r in self._db.execute("SELECT DISTINCT trainee FROM sessions ORDER BY trainee")]

    def _skill_means(self, where: str, args: tuple[Any, ...]) -> dict[int, dict[str, float]]:
        """Per session, each skill aggregated as the session report does (`session_skill`)."""
        from coach.roleplay.evaluation import session_skill

        with self._lock:
            rows = self._db.execute(
                "SELECT t.session_id, s.skill, s.score FROM scores s JOIN turns t ON t.id = s.turn_id "
                f"JOIN sessions se ON se.id = t.session_id WHERE {where} ORDER BY t.session_id, t.idx",
                args).fetchall()
        scores: dict[int, dict[str, list[int]]] = {}
        for session_id, skill, score in rows:
            scores.setdefault(session_id, {}).setdefault(skill, []).append(score)
        return {sid: {skill: round(session_skill(skill, values), 1) for skill, values in per.items()}
                for sid, per in scores.items()}

    def progress(self, trainee: str) -> list[ProgressPoint]:
        """A trainee's sessions in time order, each with its per-skill mean scores."""
        means = self._skill_means("se.trainee = ?", (trainee,))
        return [ProgressPoint(session_id=s.id, started_at=s.started_at, scenario=s.scenario,
                              difficulty=s.difficulty, outcome=s.outcome, score=s.score,
                              skills=means.get(s.id, {}))
                for s in self.sessions(trainee)]

    def summary(self) -> list[TraineeSummary]:
        """The group view for trainers: one row per trainee."""
        out: list[TraineeSummary] = []
        for trainee in self.trainees():
            sessions = self.sessions(trainee)
            means = self._skill_means("se.trainee = ?", (trainee,))
            skills: dict[str, list[float]] = {}
            for per_session in means.values():
                for skill, value in per_session.items():
                    skills.setdefault(skill, []).append(value)
            skill_means = {k: round(sum(v) / len(v), 1) for k, v in skills.items()}
            scored = [s.score for s in sessions if s.score is not None]
            out.append(TraineeSummary(
                trainee=trainee,
                sessions=len(sessions),
                finished=sum(1 for s in sessions if s.outcome is not None),
                successes=sum(1 for s in sessions if s.outcome in ("deal", "next_step")),
                walked_out=sum(1 for s in sessions if s.outcome == "walked_out"),
                mean_score=round(sum(scored) / len(scored), 1) if scored else None,
                last_at=max(s.started_at for s in sessions),
                skills=skill_means,
                weakest_skill=min(skill_means, key=lambda k: skill_means[k]) if skill_means else None,
            ))
        return out

    # -- saved drafts ----------------------------------------------------------------
    def save_draft(self, text: str, context_summary: str = "", provenance: str = "",
                   diagnostics: Iterable[Any] = ()) -> int:
        """Keep a draft the salesperson chose; `diagnostics` may be Diagnostic objects or dicts."""
        items = [d.to_dict() if hasattr(d, "to_dict") else d for d in diagnostics]
        with self._lock:
            cur = self._db.execute(
                "INSERT INTO drafts (created_at, text, context_summary, provenance, diagnostics) VALUES (?, ?, ?, ?, ?)",
                (_now(), text, context_summary, provenance, json.dumps(items, ensure_ascii=False, default=str)))
            return int(cur.lastrowid)

    def drafts(self, limit: int | None = None) -> list[DraftRow]:
        sql = "SELECT * FROM drafts ORDER BY created_at DESC, id DESC"
        args: tuple[Any, ...] = ()
        if limit is not None:
            sql += " LIMIT ?"
            args = (limit,)
        with self._lock:
            rows = self._db.execute(sql, args).fetchall()
        return [DraftRow(**{**dict(r), "diagnostics": json.loads(r["diagnostics"])}) for r in rows]
