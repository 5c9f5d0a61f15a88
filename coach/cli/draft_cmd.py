"""`coach draft` and `coach offers`: drafts and offer selection from a customer context.

Contract 5 (DESIGN.md): ``coach draft --context FILE.yaml [--catalog FILE]
[--provider offline|openai] [--n N] [--format text|json]``; JSON is
``{"drafts": [{"text", "offers", "provenance", "diagnostics"}], "rejected": [...]}``.
Notices (fallbacks, empty selections) go to stderr.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from coach.cli._errors import user_errors
from coach.errors import InputError

F = TypeVar("F", bound=Callable[..., Any])

_FILE = click.Path(dir_okay=False, path_type=Path)


_user_errors = user_errors


def _notice(text: str) -> None:
    click.echo(f"! {text}", err=True)


def _settings(provider: str | None, model: str | None, base_url: str | None, timeout: float | None,
              db: Path | None, concurrency: int | None = None) -> Any:
    from coach.settings import load_settings

    return load_settings(provider=provider, model=model, base_url=base_url, timeout=timeout, db=db,
                         concurrency=concurrency)


def _echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _explain_dict(selection: Any) -> dict[str, Any]:
    def cand(c: Any) -> dict[str, Any]:
        return {"id": c.offer.id, "name": c.offer.name, "kind": c.offer.kind, "price": c.offer.price,
                "extra_cost": c.offer.extra_cost, "passed": c.passed, "reasons": c.reasons}

    return {"base": selection.base.name if selection.base else None, "stage": selection.stage,
            "notes": selection.notes, "chosen": [cand(c) for c in selection.chosen],
            "skipped": [cand(c) for c in selection.skipped]}


def _explain_text(selection: Any, currency: str) -> str:
    from coach.offers import KIND_RU, STAGE_RU
    from coach.templating import format_money

    lines = [f"Основная покупка: {selection.base.name if selection.base else '—'} · этап: {STAGE_RU[selection.stage]}"]
    lines += [f"  ! {note}" for note in selection.notes]
    lines.append("Выбрано:" if selection.chosen else "Выбрано: ничего")
    for i, c in enumerate(selection.chosen, 1):
        lines.append(f"  {i}. {c.offer.name} — {KIND_RU[c.offer.kind]}, {format_money(c.offer.price, currency)}")
        lines += [f"     + {r}" for r in c.reasons]
    if selection.skipped:
        lines.append("Пропущено:")
    for c in selection.skipped:
        lines.append(f"  - {c.offer.name} ({format_money(c.offer.price, currency)})")
        if c.passed:
            lines.append(f"     · {c.reasons[-1]}")
        else:
            lines += [f"     − {r}" for r in c.reasons]
    return "\n".join(lines)


def _draft_text(result: Any, currency: str) -> str:
    from coach.offers import KIND_RU
    from coach.templating import format_money

    blocks = []
    for i, d in enumerate(result.drafts, 1):
        offers = ", ".join(f"{o.name} ({KIND_RU[o.kind]}, {format_money(o.price, currency)})" for o in d.offers)
        head = f"── Черновик {i} · {d.provenance}" + (f" · {offers}" if offers else "") + (" · исправлен после проверки" if d.retried else "")
        body = [head, d.text]
        for diag in d.diagnostics:
            body.append(f"   {diag.severity.label_ru} {diag.rule}: {diag.message}")
        blocks.append("\n".join(body))
    for r in result.rejected:
        blocks.append("\n".join([f"── Отброшен · {r.provenance} · {r.reason}", r.text,
                                 *[f"   {d.severity.label_ru} {d.rule}: {d.message}" for d in r.diagnostics]]))
    return "\n\n".join(blocks)


def _summary(context: Any) -> str:
    items = ", ".join(c.item for c in context.cart) or "—"
    return f"{context.customer.name} · {context.channel} · {context.stage} · {items}"


@click.command("draft")
@click.option("--context", "context_path", type=_FILE, help="Customer context YAML (references its catalog).")
@click.option("--catalog", type=_FILE, help="Catalog YAML (default: the one the context references).")
@click.option("--provider", type=click.Choice(["offline", "openai"]), help="Default from settings: offline.")
@click.option("--n", "n", type=click.IntRange(1, 10), default=1, show_default=True, help="How many drafts.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--explain", is_flag=True, help="Also show why each offer was chosen or skipped.")
@click.option("--sequence", is_flag=True, help="Plan post-purchase touches (day 0, 7, 14, 30) instead.")
@click.option("--touch-days", default=None, metavar="0,7,14,30", help="Days of the touches for --sequence.")
@click.option("--stream", is_flag=True, help="Print the (first) draft as the model writes it.")
@click.option("--batch", "batch_path", type=_FILE, help="JSON lines of contexts (each with an id).")
@click.option("--out", "out_path", type=_FILE, help="JSON lines output for --batch (resumes if it exists).")
@click.option("--concurrency", type=click.IntRange(1, 64), help="Parallel LLM requests for --batch.")
@click.option("--model", help="Model name for the OpenAI-compatible endpoint.")
@click.option("--base-url", help="Base URL of an OpenAI-compatible endpoint, e.g. http://localhost:11434/v1.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), help="Seconds per LLM answer.")
@click.option("--db", type=_FILE, help="SQLite database for --save.")
@click.option("--save", is_flag=True, help="Save the drafts to the database (history in the TUI).")
@_user_errors
def draft(context_path: Path | None, catalog: Path | None, provider: str | None, n: int, fmt: str, explain: bool,
          sequence: bool, touch_days: str | None, stream: bool, batch_path: Path | None, out_path: Path | None,
          concurrency: int | None, model: str | None, base_url: str | None, timeout: float | None,
          db: Path | None, save: bool) -> None:
    """Draft upsell / cross-sell messages for a customer context."""
    settings = _settings(provider, model, base_url, timeout, db, concurrency)
    if batch_path is not None:
        _run_batch(batch_path, out_path, catalog, settings, n)
        return
    if out_path is not None:
        raise click.UsageError("--out используется только вместе с --batch")
    if context_path is None:
        raise click.UsageError("укажите --context FILE.yaml или --batch FILE.jsonl")
    from coach.customer import load_context, resolve_catalog

    from coach.catalog import load_catalog

    fixed = load_catalog(catalog) if catalog is not None else None
    context = load_context(context_path, catalog=fixed)
    cat = resolve_catalog(context, fixed)
    if sequence:
        _run_sequence(context, cat, settings, touch_days, fmt)
        return
    if touch_days is not None:
        raise click.UsageError("--touch-days используется только вместе с --sequence")
    from coach.drafting import draft as make_draft
    from coach.drafting import stream_draft

    if stream and fmt == "text":
        ds = stream_draft(context, cat, settings=settings, on_notice=_notice,
                          on_reset=lambda: click.echo("\n[текст заменён]", err=True))
        for chunk in ds:
            click.echo(chunk, nl=False)
        click.echo()
        result = ds.result
    else:
        result = make_draft(context, cat, settings=settings, n=n, on_notice=_notice if fmt == "text" else None)
        if fmt == "json":
            for note in result.notices:
                _notice(note)
    if fmt == "json":
        data = {"drafts": [d.to_dict() for d in result.drafts], "rejected": [r.to_dict() for r in result.rejected]}
        if explain and result.selection is not None:
            data["explain"] = _explain_dict(result.selection)
        _echo_json(data)
    else:
        if explain and result.selection is not None:
            click.echo(_explain_text(result.selection, cat.currency))
            click.echo()
        if not stream:
            text = _draft_text(result, cat.currency)
            if text:
                click.echo(text)
    if save and result.drafts:
        from coach.store import Store

        with Store(settings.db) as store:
            for d in result.drafts:
                store.save_draft(d.text, _summary(context), d.provenance, d.diagnostics)
        _notice(f"Сохранено черновиков: {len(result.drafts)} ({settings.db}).")
    if not result.drafts and result.rejected:
        sys.exit(1)


def _run_sequence(context: Any, cat: Any, settings: Any, touch_days: str | None, fmt: str) -> None:
    from coach.drafting.sequence import DEFAULT_DAYS, KIND_RU, draft_sequence

    days: tuple[int, ...] = DEFAULT_DAYS
    if touch_days is not None:
        try:
            days = tuple(int(x) for x in touch_days.replace(" ", "").split(",") if x)
        except ValueError:
            raise InputError("ожидались целые числа через запятую, например 0,7,14,30",
                             field="--touch-days") from None
    planned = draft_sequence(context, cat, days=days, settings=settings,
                             on_notice=_notice if fmt == "text" else None)
    if fmt == "json":
        _echo_json({"touches": [p.to_dict() for p in planned]})
    else:
        blocks = []
        for p in planned:
            head = f"══ День {p.touch.day} · {p.date:%d.%m.%Y} · {KIND_RU[p.touch.kind]}"
            body = _draft_text(p.result, cat.currency) or "(нет черновика: " + "; ".join(p.result.notices) + ")"
            blocks.append(head + "\n" + body)
        click.echo("\n\n".join(blocks))
    if any(not p.result.drafts and p.result.rejected for p in planned):
        sys.exit(1)


def _run_batch(batch_path: Path, out_path: Path | None, catalog: Path | None, settings: Any, n: int) -> None:
    if out_path is None:
        raise click.UsageError("для --batch укажите --out FILE.jsonl")
    if not batch_path.is_file():
        raise InputError("файл не найден", batch_path)
    from coach.drafting.batch import count_lines, run_batch

    def report(message: str) -> None:
        click.echo(f"ошибка ввода: {message}", err=True)

    if sys.stderr.isatty():
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        with Progress(TextColumn("Черновики"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                      console=Console(stderr=True), transient=True) as bar:
            task = bar.add_task("draft", total=count_lines(batch_path))
            summary = run_batch(batch_path, out_path, catalog=catalog, settings=settings, n=n,
                                on_progress=lambda k: bar.advance(task, k), on_error=report)
    else:
        summary = run_batch(batch_path, out_path, catalog=catalog, settings=settings, n=n, on_error=report)
    click.echo(summary.line_ru(), err=True)
    if summary.failed:
        sys.exit(2)


@click.command("offers")
@click.option("--context", "context_path", type=_FILE, required=True, help="Customer context YAML.")
@click.option("--catalog", type=_FILE, help="Catalog YAML (default: the one the context references).")
@click.option("--max-offers", type=click.IntRange(1, 3), default=2, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_user_errors
def offers(context_path: Path, catalog: Path | None, max_offers: int, fmt: str) -> None:
    """Show which offers fit a customer context and why."""
    from coach.customer import load_context, resolve_catalog
    from coach.offers import select_offers

    from coach.catalog import load_catalog

    fixed = load_catalog(catalog) if catalog is not None else None
    context = load_context(context_path, catalog=fixed)
    cat = resolve_catalog(context, fixed)
    selection = select_offers(cat, context, max_offers=max_offers)
    if fmt == "json":
        _echo_json(_explain_dict(selection))
    else:
        click.echo(_explain_text(selection, cat.currency))
