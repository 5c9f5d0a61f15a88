"""`coach roleplay`: run a role-play in the terminal, evaluate replies, list scenarios."""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TextIO, TypeVar

import click

from coach.cli._errors import user_errors
from coach.errors import InputError

F = TypeVar("F", bound=Callable[..., Any])


_user_errors = user_errors


@click.group("roleplay")
def roleplay() -> None:
    """Objection role-play: run a session with a simulated customer or evaluate replies."""


# -- evaluate ---------------------------------------------------------------------------
def _read_jsonl(path: str) -> Iterator[tuple[int, dict[str, Any] | None, str | None]]:
    """(line number, record or None, error or None) for every non-blank line."""
    try:
        stream: TextIO = sys.stdin if path == "-" else open(path, encoding="utf-8")  # noqa: SIM115
    except OSError as exc:
        raise InputError(f"не удалось открыть: {exc.strerror}", path=path) from None
    with stream:
        for number, line in enumerate(stream, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                yield number, None, f"некорректный JSON ({exc.msg}, столбец {exc.colno})"
                continue
            if not isinstance(record, dict):
                yield number, None, "строка должна быть JSON-объектом"
                continue
            for key in ("id", "objection", "reply"):
                if key not in record:
                    yield number, None, f"нет поля «{key}»"
                    break
                if key != "id" and (not isinstance(record[key], str) or not record[key].strip()):
                    yield number, None, f"поле «{key}» должно быть непустой строкой"
                    break
            else:
                yield number, record, None


@roleplay.command("evaluate")
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--judge", type=click.Choice(["rubric", "llm"]), default="rubric", show_default=True,
              help="rubric: offline scorer; llm: an OpenAI-compatible model (falls back to the rubric).")
@click.option("--model", default=None, help="Model for --judge llm.")
@click.option("--base-url", default=None, help="OpenAI-compatible endpoint for --judge llm.")
@_user_errors
def evaluate(file: str, fmt: str, judge: str, model: str | None, base_url: str | None) -> None:
    """Score replies to objections from FILE.jsonl ({"id", "objection", "reply"} per line)."""
    from coach.roleplay import SKILL_LABELS, evaluate_reply

    llm_judge = None
    if judge == "llm":
        from coach.llm import get_chat_model
        from coach.roleplay.judge import LLMJudge
        from coach.settings import load_settings

        llm_judge = LLMJudge(get_chat_model(load_settings(model=model, base_url=base_url)))
    results: list[dict[str, Any]] = []
    bad = 0
    notices: list[str] = []
    for number, record, error in _read_jsonl(file):
        if record is None:
            bad += 1
            click.echo(f"{file}:{number}: {error}", err=True)
            continue
        if llm_judge is not None:
            evaluation, notice = llm_judge.evaluate(record["objection"], record["reply"])
            if notice and notice not in notices:
                notices.append(notice)
                click.echo(f"внимание: {notice}", err=True)
        else:
            evaluation = evaluate_reply(record["objection"], record["reply"])
        results.append(evaluation.to_contract(record["id"]))
        if fmt == "text":
            _print_evaluation(record, evaluation.to_contract(record["id"]), SKILL_LABELS)
    if fmt == "json":
        click.echo(json.dumps(results, ensure_ascii=False, indent=2))
    if bad:
        sys.exit(2)


def _print_evaluation(record: dict[str, Any], result: dict[str, Any], labels: dict[str, str]) -> None:
    click.echo(f"{result['id']}  {result['score']}/100  {record['objection']} → «{record['reply']}»")
    for name, criterion in result["criteria"].items():
        evidence = f"  «{criterion['evidence']}»" if criterion["evidence"] else ""
        click.echo(f"  {labels.get(name, name):<32} {criterion['score']:>3}{evidence}")
    click.echo(f"  Отзыв: {result['feedback']}")
    click.echo(f"  Лучше: {result['suggestion']}")
    click.echo("")


# -- scenarios ----------------------------------------------------------------------------
@roleplay.command("scenarios")
@click.option("--dir", "directory", type=click.Path(file_okay=False), default=None,
              help="Folder with scenario YAML files (default: the shipped examples).")
@_user_errors
def scenarios(directory: str | None) -> None:
    """List the role-play scenarios."""
    from coach.roleplay import load_scenarios

    for s in load_scenarios(directory):
        click.echo(f"{s.name:<22} {s.difficulty:<7} {s.title}")


# -- run ----------------------------------------------------------------------------------
@roleplay.command("run")
@click.option("--scenario", "scenario_name", required=True, help="Scenario name (see `coach roleplay scenarios`) "
              "or a path to a scenario YAML file.")
@click.option("--trainee", default=None, help="Trainee's name (or COACH_TRAINEE).")
@click.option("--difficulty", type=click.Choice(["easy", "normal", "hard"]), default=None,
              help="Default: the scenario's own.")
@click.option("--script", "script", type=click.Path(dir_okay=False, allow_dash=True), default=None,
              help="Trainee replies, one a line, for a non-interactive run.")
@click.option("--provider", type=click.Choice(["offline", "openai"]), default=None,
              help="Who plays the customer (default from settings: offline).")
@click.option("--judge", type=click.Choice(["rubric", "llm"]), default="rubric", show_default=True)
@click.option("--model", default=None)
@click.option("--base-url", default=None)
@click.option("--db", type=click.Path(dir_okay=False), default=None, help="SQLite history (or COACH_DB).")
@click.option("--report-dir", type=click.Path(file_okay=False), default=None,
              help="Where to write the report (default: the current directory).")
@click.option("--scenarios-dir", type=click.Path(file_okay=False), default=None)
@click.option("--seed", type=int, default=None, help="Fix the customer's phrase choices.")
@_user_errors
def run(scenario_name: str, trainee: str | None, difficulty: str | None, script: str | None, provider: str | None,
        judge: str, model: str | None, base_url: str | None, db: str | None, report_dir: str | None,
        scenarios_dir: str | None, seed: int | None) -> None:
    """Play a customer who objects; score every reply; write a report at the end."""
    from coach.roleplay import OUTCOME_LABELS, SKILL_LABELS, STOP_WORDS, RolePlaySession, get_scenario
    from coach.settings import load_settings
    from coach.store import Store

    settings = load_settings(provider=provider, model=model, base_url=base_url, db=db)
    trainee = trainee or settings.trainee
    if not trainee:
        raise InputError("укажите стажёра: --trainee ИМЯ (или COACH_TRAINEE)", field="--trainee")
    scenario = get_scenario(scenario_name, scenarios_dir)
    replies = _script_lines(script) if script else None

    with Store(settings.db) as store:
        session = RolePlaySession(scenario, trainee, difficulty, store=store, settings=settings,
                                  provider=settings.provider, judge=judge, seed=seed)  # type: ignore[arg-type]
        click.echo(f"Сценарий: {scenario.title} (сложность: {session.difficulty})")
        click.echo(f"Ситуация: {scenario.context}")
        if replies is None:
            click.echo("Отвечайте клиенту; пустая строка, Ctrl-D или /стоп — закончить.")
        click.echo("")
        click.echo(f"Клиент: {session.opening()}")
        for notice in session.notices:
            click.echo(f"внимание: {notice}", err=True)
        source = iter(replies) if replies is not None else _interactive()
        for text in source:
            if text.strip().lower() in STOP_WORDS:
                break
            if replies is not None:
                click.echo(f"Вы: {text}")
            result = session.reply(text)
            ev = result.evaluation
            marks = " · ".join(f"{_SHORT[k]} {c.score}" for k, c in ev.criteria.items())
            click.echo(f"  [{ev.score}/100] {marks}")
            click.echo(f"  доверие {result.trust:.0f}, терпение {result.patience:.0f}, настроение: {result.mood}")
            if result.notice:
                click.echo(f"внимание: {result.notice}", err=True)
            click.echo(f"Клиент: {result.customer_text}")
            if session.finished:
                break
        if not session.finished:
            session.stop()
        report = session.report()

    out_dir = Path(report_dir) if report_dir else Path.cwd()
    md_path, json_path = _write_report(report, out_dir)
    click.echo("")
    outcome = OUTCOME_LABELS.get(report.outcome, "не завершена") if report.outcome else "не завершена"
    click.echo(f"Итог: {outcome}. Средняя оценка: {report.score if report.score is not None else '—'}/100.")
    for skill, value in report.skills.items():
        click.echo(f"  {SKILL_LABELS[skill]:<32} {value:>3}")
    for line in report.advice[:3]:
        click.echo(f"- {line}")
    click.echo(f"Отчёт: {md_path}")
    click.echo(f"JSON:  {json_path}")


_SHORT = {"acknowledges": "признание", "clarifies": "вопрос", "ties_to_value": "ценность", "next_step": "шаг",
          "no_pressure": "без давления", "respects_refusal": "уважение к отказу", "brief": "краткость"}


def _script_lines(path: str) -> list[str]:
    try:
        text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"не удалось прочитать сценарий реплик: {exc.strerror}", path=path) from None
    lines = [line.strip() for line in text.splitlines()]
    lines = [line for line in lines if line and not line.startswith("#")]
    if not lines:
        raise InputError("в файле нет ни одной реплики", path=path)
    return lines


def _interactive() -> Iterator[str]:
    while True:
        click.echo("Вы: ", nl=False)
        line = sys.stdin.readline()
        if not line or not line.strip():  # Ctrl-D or an empty line ends the session
            click.echo("")
            return
        yield line.strip()


def _slug(text: str) -> str:
    return re.sub(r"[^\w]+", "-", text.strip().lower()).strip("-") or "trainee"


def _write_report(report: Any, out_dir: Path) -> tuple[Path, Path]:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    base = f"roleplay-{report.scenario}-{_slug(report.trainee)}-{stamp}"
    if report.session_id is not None:
        base += f"-{report.session_id}"
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        md_path = out_dir / f"{base}.md"
        json_path = out_dir / f"{base}.json"
        md_path.write_text(report.to_markdown(), encoding="utf-8")
        json_path.write_text(report.to_json() + "\n", encoding="utf-8")
    except OSError as exc:
        raise InputError(f"не удалось записать отчёт: {exc.strerror}", path=out_dir) from None
    return md_path, json_path
