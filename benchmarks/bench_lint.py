"""Linter speed (issue 2).  Run: .venv/bin/python benchmarks/bench_lint.py [--messages N]

1. `coach lint` over a generated JSONL corpus (~40 words a message): messages/s,
   and peak memory at N/4, N/2 and N messages (it must not grow with N).
2. `coach lint` on one small file, cold process: wall time (median of 15), with and
   without the bytecode of the project's modules.
3. `guardrails.lint` on a 1,000-character message: time per call (one with
   findings, one clean, where the learned model judges every sentence); and
   messages of 100,000 and 1,000,000 characters full of findings (linear, not quadratic).
4. `coach lint` on a YAML script library of 5,000 and 20,000 scripts (half of them
   flagged, so their positions are mapped back to the file): it must grow linearly.
5. Where the time of (1) goes, stage by stage in one process, and the floor:
   what CPython needs merely to parse each line, split its words and look each
   word and each pair of words up once in a dict, with no rule at all.  The
   floor bounds what any pure-Python linter can reach on this corpus.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COACH = str(Path(sys.executable).with_name("coach"))

CLEAN = [
    "Спасибо за заказ! Мы уже собираем его на складе, курьер позвонит за час до доставки и уточнит удобное время.",
    "К телевизору рекомендую кронштейн — освободит тумбу и защитит экран от падения. Стоит 9 000 ₸, установка бесплатно.",
    "Если вам важно быстрее запустить рекламу, есть вариант с готовыми шаблонами — это сэкономит время на подготовке.",
    "Понимаю. Давайте уточним, что для вас важнее — цена или срок доставки? От этого и оттолкнёмся при выборе модели.",
    "Многие клиенты к такому дивану берут плед в тон обивке: вечером теплее, а ткань меньше пачкается. Показать расцветки?",
    "Обязательно сохраните чек — он понадобится для гарантии. Если возникнут вопросы по сборке, пишите в этот чат.",
]
BAD = [
    "Вам обязательно нужно взять расширенную гарантию, иначе потом пожалеете, когда экран треснет через месяц.",
    "Только сегодня скидка двадцать процентов на весь ассортимент аксессуаров, успейте оформить до полуночи!",
    "Все берут этот вариант, это совсем недорого, я бы на вашем месте даже не думал и сразу оформлял заказ.",
    "Осталось 3 штуки на складе, бронируйте немедленно, завтра цена вырастет и будет поздно что-то менять.",
]
FILL = ("Доставка по городу занимает один-два дня, оплатить можно картой или наличными при получении заказа "
        "в пункте выдачи рядом с домом. Менеджер перезвонит в течение часа и уточнит адрес, подъезд и удобное "
        "время.").split()
CONTEXT = {"stage": "decided", "base": {"name": "Телевизор", "price": 280000},
           "offers": [{"name": "Кронштейн", "price": 9000, "kind": "cross-sell", "in_stock": True}], "currency": "KZT"}


def generate(path: Path, n: int, seed: int = 7) -> float:
    rnd = random.Random(seed)
    words = 0
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            base = rnd.choice(BAD) if rnd.random() < 0.3 else rnd.choice(CLEAN)
            text = base + " " + " ".join(rnd.sample(FILL, 24))
            words += len(text.split())
            obj = {"id": f"m{i}", "text": text}
            if rnd.random() < 0.3:
                obj["context"] = CONTEXT
            fh.write(json.dumps(obj, ensure_ascii=False) + "\n")
    return words / n


def run_lint(path: Path) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of `coach lint PATH --format json`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t = time.perf_counter()
    proc = subprocess.run([COACH, "lint", str(path), "--format", "json", "-o", os.devnull], capture_output=True, text=True)
    wall = time.perf_counter() - t
    if proc.returncode not in (0, 1):
        raise SystemExit(f"coach lint failed ({proc.returncode}): {proc.stderr}")
    # ru_maxrss of children is the max over all children so far: run the sizes in increasing order
    peak = max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before) / 1024
    return wall, peak


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--messages", type=int, default=100_000)
    args = ap.parse_args()
    n = args.messages
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        # warm the compiled rule cache once
        small = tmpdir / "small.txt"
        small.write_text("Вам обязательно нужно взять чехол.\n\nСпасибо за заказ!\n", encoding="utf-8")
        subprocess.run([COACH, "lint", str(small)], capture_output=True)

        print("1. coach lint, generated JSONL corpus")
        for size in (n // 4, n // 2, n):
            corpus = tmpdir / f"corpus-{size}.jsonl"
            avg_words = generate(corpus, size)
            wall, peak = run_lint(corpus)
            print(f"   {size:>7} messages ({avg_words:.0f} words avg): {wall:6.2f} s, "
                  f"{size / wall:>8,.0f} msg/s, peak RSS so far {peak:.0f} MiB")

        print("2. coach lint on one small file, cold process (15 runs)")
        # `make install` compiles the project's bytecode (pip does so for an installed package, not for
        # an editable one).  Without it, where PYTHONDONTWRITEBYTECODE is set (this sandbox), every
        # start would compile the project's modules again: both are measured.
        default_env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        for label, env in (("with no bytecode of the project's modules", {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}),
                           ("with their bytecode, as `make install` leaves it", default_env)):
            if "PYTHONDONTWRITEBYTECODE" in env:  # no bytecode of ours, and none written while measuring
                for cache in ROOT.glob("*/**/__pycache__"):
                    if cache.parts[len(ROOT.parts)] in ("guardrails", "coach", "tui"):
                        shutil.rmtree(cache, ignore_errors=True)
            subprocess.run([COACH, "lint", str(small)], capture_output=True, env=env)
            times = []
            for _ in range(15):
                t = time.perf_counter()
                subprocess.run([COACH, "lint", str(small)], capture_output=True, env=env)
                times.append(time.perf_counter() - t)
            print(f"   {label}: median {statistics.median(times) * 1000:.0f} ms, min {min(times) * 1000:.0f} ms")

    sys.path.insert(0, str(ROOT))
    import guardrails

    parts = [CLEAN[1], BAD[0], CLEAN[4], BAD[1], CLEAN[2], CLEAN[0], CLEAN[3], BAD[2]]
    msg = (" ".join(parts * 2))[:1000]
    guardrails.lint(msg, CONTEXT)
    reps = 2000
    t = time.perf_counter()
    for _ in range(reps):
        guardrails.lint(msg, CONTEXT)
    per = (time.perf_counter() - t) / reps
    t = time.perf_counter()
    for _ in range(reps):
        guardrails.lint(msg)
    per_plain = (time.perf_counter() - t) / reps
    print(f"3. guardrails.lint on a {len(msg)}-character message: {per * 1000:.2f} ms with context, "
          f"{per_plain * 1000:.2f} ms without")
    # A clean message: no rule fires, so the learned model (ML001) judges it and each of its sentences.
    clean = (" ".join(CLEAN * 3))[:1000]
    assert not guardrails.lint(clean), "the clean benchmark message must stay clean"
    t = time.perf_counter()
    for _ in range(reps):
        guardrails.lint(clean)
    per_clean = (time.perf_counter() - t) / reps
    print(f"   a clean {len(clean)}-character message (the learned model runs): {per_clean * 1000:.2f} ms")
    # Findings by the thousand in one message: the time must grow with the text, not with its square.
    for size in (100_000, 1_000_000):
        for label, unit in (("pressure phrases", BAD[0] + " "), ("capitals", "ВАМ ОБЯЗАТЕЛЬНО НУЖНО "),
                            ("zero-width spaces", "Ус\u200bпейте ")):
            big = (unit * (size // len(unit) + 1))[:size]
            t = time.perf_counter()
            found = guardrails.lint(big)
            print(f"   {size:>9,}-character message of {label}: {time.perf_counter() - t:6.2f} s, "
                  f"{len(found):,} findings")

    with tempfile.TemporaryDirectory() as tmp:
        print("4. coach lint, a YAML script library (half the scripts flagged)")
        for size in (5_000, 20_000):
            lib = Path(tmp) / f"lib-{size}.yaml"
            lib.write_text(library(size), encoding="utf-8")
            t = time.perf_counter()
            proc = subprocess.run([COACH, "lint", str(lib), "--format", "json", "-o", os.devnull], capture_output=True)
            wall = time.perf_counter() - t
            if proc.returncode not in (0, 1):
                raise SystemExit(f"coach lint failed ({proc.returncode}): {proc.stderr.decode()}")
            print(f"   {size:>7} scripts: {wall:6.2f} s, {size / wall:>8,.0f} scripts/s")

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "stages.jsonl"
        generate(corpus, min(n, 20_000))
        stages(corpus.read_bytes().splitlines())


def library(n: int) -> str:
    """A contract-3 script library of `n` literal-block scripts, every other one pushy."""
    parts = ["version: 1", "scripts:"]
    for i in range(n):
        text = BAD[i % len(BAD)] if i % 2 else CLEAN[i % len(CLEAN)]
        parts += [f"  - id: s{i}", "    kind: cross-sell", "    text: |", f"      {text}"]
    return "\n".join(parts) + "\n"


def _rate(label: str, fn, lines: list[bytes]) -> None:
    fn(lines[:200])  # warm caches
    t = time.perf_counter()
    fn(lines)
    dt = time.perf_counter() - t
    print(f"   {label:<58} {len(lines) / dt:>8,.0f} msg/s  {dt / len(lines) * 1e6:6.1f} µs/msg")


def stages(lines: list[bytes]) -> None:
    """Cumulative stages over the same messages, in this process (no output written)."""
    import orjson

    from guardrails.engine import coerce_context, default_linter
    from guardrails.text import Analysed

    linter = default_linter()
    prefilter = linter.ruleset.prefilter

    def parse(batch: list[bytes]) -> None:
        for line in batch:
            obj = orjson.loads(line)
            coerce_context(obj.get("context"))

    def tokenise(batch: list[bytes]) -> None:
        for line in batch:
            obj = orjson.loads(line)
            coerce_context(obj.get("context"))
            Analysed(obj["text"]).items  # noqa: B018 - the work measured

    def prefiltered(batch: list[bytes]) -> None:
        for line in batch:
            obj = orjson.loads(line)
            coerce_context(obj.get("context"))
            prefilter.scan_words(Analysed(obj["text"]).items)

    def linted(batch: list[bytes]) -> None:
        for line in batch:
            obj = orjson.loads(line)
            linter.lint(obj["text"], obj.get("context"))

    def floor(batch: list[bytes]) -> None:
        table: dict[str, int] = {}
        for line in batch:
            words = orjson.loads(line)["text"].lower().replace(",", " ").replace(".", " | ").split()
            for w in words:
                table.get(w)
            stems = [w[:5] for w in words]
            for f in {*stems, *map(" ".join, zip(stems, stems[1:]))}:
                table.get(f)

    print(f"5. stages in one process, {len(lines):,} messages (cumulative; `coach lint` adds reading and output)")
    _rate("parse each line, validate its context", parse, lines)
    _rate("+ split into words (guardrails.text.Analysed)", tokenise, lines)
    _rate("+ prefilter: which rules' patterns could match", prefiltered, lines)
    _rate("guardrails Linter.lint, every rule and the model", linted, lines)
    _rate("floor: parse, split, one dict lookup per word and pair", floor, lines)


if __name__ == "__main__":
    main()
