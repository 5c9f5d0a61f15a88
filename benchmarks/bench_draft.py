"""Drafting speed: offline batch throughput and our own overhead per LLM draft.

Run: .venv/bin/python benchmarks/bench_draft.py [--contexts 3000] [--llm-drafts 200]

1. Offline batch: `run_batch` over a JSON-lines segment built from the shipped
   example contexts (different customer names, so phrasings vary), written to a
   temporary file — contexts per second, end to end (read, validate, select,
   realise, lint, write). Target: at least 500 per second.
2. LLM path: `draft()` against the scripted OpenAI-compatible server in
   tests/fake_openai.py (zero delay). The time spent inside the client call
   (HTTP + the openai/langchain client) is measured by `ChatModel` and
   subtracted; what remains is our overhead per draft: prompt rendering,
   parsing the reply, linting, selection. Target: under 20 ms.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

NAMES = ["Айгерим", "Дмитрий", "Алия", "Ержан", "Ольга", "Сергей", "Мадина", "Камила", "Марат", "Ирина",
         "Андрей", "Жанна", "Тимур", "Светлана", "Нурлан", "Екатерина"]
GOOD = ("Айгерим, к смартфону рекомендую защитное стекло — защитит экран от царапин и сколов. "
        "Стоит 2 500 ₸. Добавить в заказ?")


def build_segment(path: Path, count: int) -> None:
    contexts_dir = ROOT / "examples" / "contexts"
    base = [json.loads(line) for line in (contexts_dir / "segment.jsonl").read_text(encoding="utf-8").splitlines()]
    with path.open("w", encoding="utf-8") as fh:
        for i in range(count):
            record = dict(base[i % len(base)])
            record["id"] = f"c{i}"
            record["customer"] = {**record["customer"], "name": NAMES[i % len(NAMES)]}
            record["catalog"] = str((contexts_dir / record["catalog"]).resolve())
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")


def bench_offline(count: int) -> float:
    from coach.drafting.batch import run_batch
    from coach.settings import Settings

    settings = Settings(provider="offline")
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "segment.jsonl", Path(tmp) / "drafts.jsonl"
        build_segment(src, 60)
        run_batch(src, out, settings=settings)  # warm-up: rule set, morphology, templates
        out.unlink()
        build_segment(src, count)
        started = time.perf_counter()
        summary = run_batch(src, out, settings=settings)
        elapsed = time.perf_counter() - started
        assert summary.done == count and summary.failed == 0, summary.line_ru()
        lines = out.read_text(encoding="utf-8").splitlines()
        assert len(lines) == count and all(json.loads(line)["drafts"] for line in lines)
    rate = count / elapsed
    print(f"offline batch: {count} contexts in {elapsed:.2f} s = {rate:.0f} contexts/s "
          f"(target >= 500/s) {'OK' if rate >= 500 else 'TOO SLOW'}")
    return rate


def bench_llm(drafts: int) -> float:
    from fake_openai import FakeOpenAIServer, Reply

    from coach.customer import load_context, resolve_catalog
    from coach.drafting import draft
    from coach.llm import get_chat_model
    from coach.settings import Settings

    context = load_context(ROOT / "examples" / "contexts" / "phone-decided-chat.yaml")
    catalog = resolve_catalog(context, None)
    with FakeOpenAIServer() as server:
        server.default = Reply(GOOD)
        settings = Settings(provider="openai", base_url=server.base_url, api_key="bench", timeout=10, max_retries=0)
        chat = get_chat_model(settings)
        for _ in range(20):  # warm-up: imports, client, connection pool
            draft(context, catalog, settings=settings, provider=chat)
        chat.calls, chat.seconds_in_calls = 0, 0.0
        totals: list[float] = []
        for _ in range(drafts):
            started = time.perf_counter()
            result = draft(context, catalog, settings=settings, provider=chat)
            totals.append(time.perf_counter() - started)
            assert result.drafts and result.drafts[0].provenance.startswith("openai:")
        client = chat.seconds_in_calls / chat.calls
    total = statistics.mean(totals)
    own = total - client
    print(f"LLM path: {drafts} drafts against the scripted server: {total * 1000:.1f} ms per draft "
          f"(median {statistics.median(totals) * 1000:.1f} ms), of which client + HTTP {client * 1000:.1f} ms; "
          f"our overhead {own * 1000:.2f} ms per draft (target < 20 ms) {'OK' if own < 0.020 else 'TOO SLOW'}")
    return own


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contexts", type=int, default=3000)
    parser.add_argument("--llm-drafts", type=int, default=200)
    args = parser.parse_args()
    rate = bench_offline(args.contexts)
    own = bench_llm(args.llm_drafts)
    sys.exit(0 if rate >= 500 and own < 0.020 else 1)


if __name__ == "__main__":
    main()
