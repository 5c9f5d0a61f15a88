"""Draft a whole CRM segment: JSON lines in, JSON lines out, resumable.

Each input line is a customer context object (the YAML schema) with an ``id``;
a relative ``catalog`` is resolved against the input file's folder. Each output
line is ``{"id", "drafts", "rejected", "notices"}``, appended and flushed as
soon as it is ready, so an interrupted run loses nothing already written. On
restart, ids already present in the output are skipped (a torn last line is
cut off first). Bad lines are reported with file, line and field and do not
stop the others. The LLM provider runs with bounded concurrency (a thread
pool with at most ``concurrency`` requests in flight); offline runs inline.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coach.catalog import Catalog, load_catalog
from coach.customer import CustomerContext
from coach.drafting.loop import resolve_provider, draft
from coach.drafting.models import DraftResult
from coach.errors import CoachError, InputError
from coach.settings import Settings
from coach.yamlfile import loc_str, validate_json_line

__all__ = ["BatchSummary", "run_batch", "count_lines", "finished_ids"]


@dataclass
class BatchSummary:
    total: int = 0
    done: int = 0
    skipped: int = 0
    """Already present in the output (resumed)."""
    failed: int = 0
    """Input lines that could not be read (reported, not written)."""
    without_drafts: int = 0
    fallbacks: int = 0
    rejected: int = 0
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)

    def line_ru(self) -> str:
        rate = self.done / self.seconds if self.seconds > 0 else 0.0
        return (f"Готово: {self.done} из {self.total} (пропущено как уже готовые: {self.skipped}, "
                f"ошибок во входных строках: {self.failed}, без черновика: {self.without_drafts}, "
                f"офлайн-замен: {self.fallbacks}, отброшено черновиков: {self.rejected}) "
                f"за {self.seconds:.1f} с ({rate:.0f} в секунду).")


def count_lines(path: Path) -> int:
    with path.open("rb") as fh:
        return sum(1 for line in fh if line.strip())


def finished_ids(out: Path) -> set[str]:
    """Ids already written to `out`; a torn (unterminated or invalid) last line is cut off."""
    if not out.exists():
        return set()
    data = out.read_bytes()
    ids: set[str] = set()
    good_end = 0
    pos = 0
    while pos < len(data):
        nl = data.find(b"\n", pos)
        if nl == -1:
            break  # unterminated tail: written when the run was interrupted
        line = data[pos:nl]
        try:
            record = json.loads(line) if line.strip() else None
        except json.JSONDecodeError:
            break
        if isinstance(record, dict) and "id" in record:
            ids.add(str(record["id"]))
        pos = good_end = nl + 1
    if good_end < len(data):
        with out.open("r+b") as fh:
            fh.truncate(good_end)
    return ids


def _records(path: Path) -> Iterator[tuple[int, str]]:
    try:
        fh = path.open(encoding="utf-8")
    except FileNotFoundError:
        raise InputError("файл не найден", path) from None
    with fh:
        for number, line in enumerate(fh, 1):
            if line.strip():
                yield number, line


def run_batch(in_path: str | Path, out_path: str | Path, *, catalog: Catalog | str | Path | None = None,
              settings: Settings, provider: Any = None, n: int = 1, concurrency: int | None = None,
              on_progress: Callable[[int], None] | None = None,
              on_error: Callable[[str], None] | None = None) -> BatchSummary:
    """Draft every context of `in_path` into `out_path` (see the module docstring)."""
    in_path, out_path = Path(in_path), Path(out_path)
    started = time.perf_counter()
    summary = BatchSummary(total=count_lines(in_path) if in_path.exists() else 0)
    done_ids = finished_ids(out_path)
    fixed_catalog = load_catalog(catalog) if isinstance(catalog, (str, Path)) else catalog
    chat = resolve_provider(provider, settings)
    workers = concurrency or settings.concurrency
    seen: set[str] = set()

    def error(message: str) -> None:
        summary.failed += 1
        summary.errors.append(message)
        if on_error is not None:
            on_error(message)
        if on_progress is not None:
            on_progress(1)

    def contexts() -> Iterator[tuple[CustomerContext, Catalog]]:
        for number, line in _records(in_path):
            try:
                context = validate_json_line(CustomerContext, line, in_path, number)
            except InputError as exc:
                error(str(exc))
                continue
            if context.id is None:
                error(str(InputError("у строки нет поля id — без него нельзя продолжить после прерывания",
                                     in_path, number, "id")))
                continue
            if context.id in seen:
                error(str(InputError(f"id {context.id!r} уже встречался выше", in_path, number, "id")))
                continue
            seen.add(context.id)
            if context.id in done_ids:
                summary.skipped += 1
                if on_progress is not None:
                    on_progress(1)
                continue
            context = context.model_copy(update={"source": in_path})
            if fixed_catalog is None and context.catalog is None:
                error(str(InputError("не указан каталог: добавьте поле catalog или передайте --catalog",
                                     in_path, number, "catalog")))
                continue
            try:
                cat = fixed_catalog or load_catalog(context.catalog_path)  # type: ignore[arg-type]
            except InputError as exc:
                error(f"{in_path}:{number}: catalog: {exc}")
                continue
            problems = context.problems(cat)
            if problems:
                loc, message = problems[0]
                error(str(InputError(message, in_path, number, loc_str(loc))))
                continue
            yield context, cat

    def one(item: tuple[CustomerContext, Catalog]) -> tuple[CustomerContext, DraftResult | None, str | None]:
        context, cat = item
        try:
            return context, draft(context, cat, settings=settings, provider=chat or "offline", n=n), None
        except CoachError as exc:
            return context, None, f"{in_path}: id {context.id}: {exc}"

    out_path.parent.mkdir(parents=True, exist_ok=True)
    with out_path.open("a", encoding="utf-8") as out:
        def write(item: tuple[CustomerContext, DraftResult | None, str | None]) -> None:
            context, result, problem = item
            if problem is not None:
                error(problem)
                return
            assert result is not None
            record = {"id": context.id, **result.to_dict()}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            out.flush()
            summary.done += 1
            summary.rejected += len(result.rejected)
            summary.without_drafts += not result.drafts
            summary.fallbacks += any(d.provenance == "offline-fallback" for d in result.drafts)
            if on_progress is not None:
                on_progress(1)

        if chat is None or workers == 1:
            for context in contexts():
                write(one(context))
        else:
            _pooled(contexts(), one, write, workers)
    summary.seconds = time.perf_counter() - started
    return summary


def _pooled(items: Iterator[Any], work: Callable[[Any], Any],
            write: Callable[[Any], None], workers: int) -> None:
    """At most `workers` items in flight; results are written as they complete."""
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="draft") as pool:
        pending: set[Future[Any]] = set()
        try:
            for item in items:
                pending.add(pool.submit(work, item))
                if len(pending) >= workers:
                    finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                    for fut in finished:
                        write(fut.result())
            while pending:
                finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                for fut in finished:
                    write(fut.result())
        except BaseException:
            for fut in pending:
                fut.cancel()
            raise
