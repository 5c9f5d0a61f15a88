"""Offline role-play speed: one turn = the simulated customer's answer + the evaluation.

Run:  .venv/bin/python benchmarks/bench_roleplay.py [--rounds N]

Prints the cold start (dictionaries, lexicon, guardrails), then per-turn
latency over the 205 labelled replies fed to fresh sessions of every shipped
scenario, in three cache states:
  warm words   – replies never seen before, their word forms already analysed
                 (the normal case a few turns into a session)
  cold words   – the morphology cache cleared before every turn (worst case)
  repeated     – the same replies again (analysis cached, as when a trainee repeats himself)
Target: under 50 ms per offline turn.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _replies() -> list[str]:
    path = ROOT / "tests" / "roleplay" / "data" / "replies-labelled.jsonl"
    return [json.loads(line)["reply"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _turns(replies: list[str], clear_words: bool, clear_analysis: bool) -> list[float]:
    from coach.roleplay import RolePlaySession, load_scenarios
    from coach.roleplay.analysis import _analyse
    from coach.roleplay.morph import word_info

    scenarios = load_scenarios()
    timings: list[float] = []
    session = None
    for i, reply in enumerate(replies):
        if session is None or session.finished:
            session = RolePlaySession(scenarios[i % len(scenarios)], "bench", "normal", seed=i)
            session.opening()
        if clear_analysis:
            _analyse.cache_clear()
        if clear_words:
            word_info.cache_clear()
        started = time.perf_counter()
        session.reply(reply)
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def _describe(name: str, timings: list[float]) -> str:
    timings = sorted(timings)
    p95 = timings[int(0.95 * (len(timings) - 1))]
    return (f"{name:<13} turns={len(timings):4d}  median={statistics.median(timings):6.2f} ms  "
            f"p95={p95:6.2f} ms  max={max(timings):6.2f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="passes over the labelled replies")
    args = parser.parse_args()

    started = time.perf_counter()
    from coach.roleplay import RolePlaySession, get_scenario

    imported = time.perf_counter()
    session = RolePlaySession(get_scenario("dorogo-laptop"), "bench")
    session.opening()
    created = time.perf_counter()
    session.reply("Понимаю, сумма ощутимая. Подскажите, для каких задач берёте ноутбук?")
    first = time.perf_counter()
    print(f"cold start: import {1000 * (imported - started):.0f} ms, first session (dictionaries, lexicon, "
          f"guardrails) {1000 * (created - imported):.0f} ms, first turn {1000 * (first - created):.0f} ms")

    replies = _replies()
    warm: list[float] = []
    cold: list[float] = []
    repeated: list[float] = []
    for _ in range(args.rounds):
        warm += _turns(replies, clear_words=False, clear_analysis=True)
        cold += _turns(replies, clear_words=True, clear_analysis=True)
        _turns(replies, clear_words=False, clear_analysis=False)  # prime the analysis cache
        repeated += _turns(replies, clear_words=False, clear_analysis=False)
    print(_describe("warm words", warm))
    print(_describe("cold words", cold))
    print(_describe("repeated", repeated))
    worst = max(statistics.median(warm), statistics.median(cold))
    print(f"target: one offline turn < 50 ms -> {'OK' if worst < 50 else 'TOO SLOW'} (worst median {worst:.2f} ms)")


if __name__ == "__main__":
    main()
