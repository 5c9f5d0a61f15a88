"""`coach report`: a trainee's sessions and per-skill progress, or the group summary; CSV export."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Any

import click

from coach.cli.roleplay_cmd import _user_errors
from coach.errors import InputError

_SPARK = "▁▂▃▄▅▆▇█"


def _spark(values: list[float]) -> str:
    return "".join(_SPARK[min(len(_SPARK) - 1, int(v / 100 * len(_SPARK)))] for v in values)


@click.command("report")
@click.option("--trainee", default=None, help="One trainee's sessions and progress (default: the group summary).")
@click.option("--csv", "csv_path", type=click.Path(dir_okay=False, allow_dash=True), default=None,
              help="Also export per-session, per-skill scores to this CSV file ('-' for stdout).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--db", type=click.Path(dir_okay=False), default=None, help="SQLite history (or COACH_DB).")
@_user_errors
def report(trainee: str | None, csv_path: str | None, fmt: str, db: str | None) -> None:
    """Show role-play history: per-skill progress over time for a trainee, or a group summary."""
    from coach.settings import load_settings
    from coach.store import Store

    settings = load_settings(db=db)
    if not Path(settings.db).exists():
        if trainee is not None:
            raise InputError(f"стажёр «{trainee}» не найден: истории ещё нет", path=settings.db)
        click.echo("Сессий пока нет: сыграйте `coach roleplay run --scenario … --trainee …`.")
        return
    with Store(settings.db) as store:
        if trainee is not None and trainee not in store.trainees():
            known = ", ".join(store.trainees()) or "нет ни одного"
            raise InputError(f"стажёр «{trainee}» не найден; есть: {known}", field="--trainee")
        if csv_path:
            _export_csv(store, trainee, csv_path)
        if csv_path == "-":
            return
        if trainee is not None:
            _trainee_report(store, trainee, fmt)
        else:
            _group_report(store, fmt)


def _trainee_report(store: Any, trainee: str, fmt: str) -> None:
    from coach.roleplay import OUTCOME_LABELS, SKILL_LABELS

    points = store.progress(trainee)
    if fmt == "json":
        click.echo(json.dumps({"trainee": trainee, "sessions": [p.model_dump() for p in points]},
                              ensure_ascii=False, indent=2))
        return
    click.echo(f"Стажёр: {trainee} — сессий: {len(points)}")
    click.echo("")
    click.echo(f"{'#':>4}  {'дата':<19}  {'сценарий':<20} {'сложн.':<7} {'оценка':>6}  итог")
    for p in points:
        score = f"{p.score:.0f}" if p.score is not None else "—"
        outcome = OUTCOME_LABELS.get(p.outcome, "не завершена") if p.outcome else "не завершена"
        click.echo(f"{p.session_id:>4}  {p.started_at[:19]:<19}  {p.scenario:<20} {p.difficulty:<7} {score:>6}  {outcome}")
    click.echo("")
    click.echo("Прогресс по навыкам (первая → последняя сессия):")
    for skill, label in SKILL_LABELS.items():
        values = [p.skills[skill] for p in points if skill in p.skills]
        if not values:
            continue
        delta = values[-1] - values[0]
        trend = "↑" if delta > 5 else "↓" if delta < -5 else "→"
        click.echo(f"  {label:<32} {values[0]:>5.0f} → {values[-1]:>5.0f} {trend}  {_spark(values)}")


def _group_report(store: Any, fmt: str) -> None:
    from coach.roleplay import SKILL_LABELS

    rows = store.summary()
    if fmt == "json":
        click.echo(json.dumps({"trainees": [r.model_dump() for r in rows]}, ensure_ascii=False, indent=2))
        return
    if not rows:
        click.echo("Сессий пока нет.")
        return
    click.echo(f"{'стажёр':<20} {'сессий':>6} {'успех':>6} {'ушли':>5} {'средняя':>8}  слабый навык")
    for r in rows:
        mean = f"{r.mean_score:.0f}" if r.mean_score is not None else "—"
        weakest = SKILL_LABELS.get(r.weakest_skill, "—") if r.weakest_skill else "—"
        click.echo(f"{r.trainee:<20} {r.sessions:>6} {r.successes:>6} {r.walked_out:>5} {mean:>8}  {weakest}")
    skills: dict[str, list[float]] = {}
    for r in rows:
        for skill, value in r.skills.items():
            skills.setdefault(skill, []).append(value)
    if skills:
        click.echo("")
        click.echo("Группа по навыкам (среднее по стажёрам):")
        for skill, label in SKILL_LABELS.items():
            if skill in skills:
                click.echo(f"  {label:<32} {sum(skills[skill]) / len(skills[skill]):>5.0f}")


_CSV_FIELDS = ["trainee", "session_id", "started_at", "scenario", "difficulty", "outcome", "score", "skill",
               "skill_score"]


def _export_csv(store: Any, trainee: str | None, path: str) -> None:
    trainees = [trainee] if trainee is not None else store.trainees()
    rows: list[dict[str, Any]] = []
    for name in trainees:
        for p in store.progress(name):
            for skill, value in (p.skills or {"": None}).items():
                rows.append({"trainee": name, "session_id": p.session_id, "started_at": p.started_at,
                             "scenario": p.scenario, "difficulty": p.difficulty, "outcome": p.outcome or "",
                             "score": "" if p.score is None else p.score, "skill": skill,
                             "skill_score": "" if value is None else value})
    try:
        stream = sys.stdout if path == "-" else open(path, "w", encoding="utf-8", newline="")  # noqa: SIM115
    except OSError as exc:
        raise InputError(f"не удалось записать CSV: {exc.strerror}", path=path) from None
    try:
        writer = csv.DictWriter(stream, fieldnames=_CSV_FIELDS)
        writer.writeheader()
        writer.writerows(rows)
    finally:
        if stream is not sys.stdout:
            stream.close()
    if path != "-":
        click.echo(f"CSV: {path} ({len(rows)} строк)", err=True)
