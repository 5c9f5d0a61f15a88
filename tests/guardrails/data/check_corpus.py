"""Validate ``corpus.jsonl`` (or any file in the same shape) and print counts.

    python tests/guardrails/data/check_corpus.py [PATH ...]

Checks: every line parses; keys are exactly id/text/context/label/cat(/note);
labels and categories are known; ids are unique and match ``c\\d{3}`` (for the
default corpus); contexts use only contract-1 keys with the right types; J items
carry offers; price-ceiling notes agree with the numbers. Exit 1 on any problem.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ITEM_KEYS = {"id", "text", "context", "label", "cat"}
OPTIONAL_ITEM_KEYS = {"note"}
CTX_KEYS = {"stage", "base", "offers", "purchased_recently", "refused", "facts", "currency"}
BASE_KEYS = {"name", "price"}
OFFER_KEYS = {"name", "price", "kind", "in_stock"}
FACT_KEYS = {"deadline", "stock"}
STAGES = {"choosing", "decided", "checkout", "after_purchase"}
KINDS = {"cross-sell", "upsell"}
LABELS = {"reject", "pass"}
CATS = {"P", "U", "S", "K", "J", "C", "OK", "LA"}
REJECT_CATS = {"P", "U", "S", "K", "J", "C"}


def check_context(c: object) -> list[str]:
    if c is None:
        return []
    if not isinstance(c, dict):
        return ["context is not an object"]
    errs = [f"unknown context key {k!r}" for k in set(c) - CTX_KEYS]
    if "stage" in c and c["stage"] not in STAGES:
        errs.append(f"bad stage {c['stage']!r}")
    if "base" in c:
        b = c["base"]
        if not isinstance(b, dict) or set(b) - BASE_KEYS or "name" not in b:
            errs.append(f"bad base {b!r}")
    for o in c.get("offers", []):
        if not isinstance(o, dict) or set(o) - OFFER_KEYS or "name" not in o:
            errs.append(f"bad offer {o!r}")
            continue
        if o.get("kind", "cross-sell") not in KINDS:
            errs.append(f"bad offer kind {o!r}")
        if not isinstance(o.get("in_stock", True), bool):
            errs.append(f"bad in_stock {o!r}")
        if not isinstance(o.get("price", 0), (int, float)):
            errs.append(f"bad price {o!r}")
    for k in ("purchased_recently", "refused"):
        if k in c and not (isinstance(c[k], list) and all(isinstance(x, str) for x in c[k])):
            errs.append(f"bad {k}")
    if "facts" in c:
        f = c["facts"]
        if not isinstance(f, dict) or set(f) - FACT_KEYS:
            errs.append(f"bad facts {f!r}")
        else:
            if "deadline" in f and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(f["deadline"])):
                errs.append(f"bad deadline {f['deadline']!r}")
            if "stock" in f and not (isinstance(f["stock"], dict)
                                     and all(isinstance(v, int) for v in f["stock"].values())):
                errs.append(f"bad stock {f['stock']!r}")
    return errs


def ceiling_ratio(o: dict, base_price: float) -> float:
    extra = o["price"] - base_price if o.get("kind") == "upsell" else o["price"]
    return extra / base_price


def check_file(path: Path, id_pattern: str | None) -> tuple[list[str], list[dict]]:
    errs: list[str] = []
    items: list[dict] = []
    ids: set[str] = set()
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            errs.append(f"{path}:{n}: blank line")
            continue
        try:
            it = json.loads(line)
        except json.JSONDecodeError as e:
            errs.append(f"{path}:{n}: invalid JSON: {e}")
            continue
        where = f"{path}:{n} ({it.get('id')})"
        missing, extra = ITEM_KEYS - set(it), set(it) - ITEM_KEYS - OPTIONAL_ITEM_KEYS
        if missing or extra:
            errs.append(f"{where}: missing {sorted(missing)} extra {sorted(extra)}")
        if it.get("id") in ids:
            errs.append(f"{where}: duplicate id")
        ids.add(it.get("id"))
        if id_pattern and not re.fullmatch(id_pattern, str(it.get("id"))):
            errs.append(f"{where}: id does not match {id_pattern}")
        if not isinstance(it.get("text"), str) or not it["text"].strip():
            errs.append(f"{where}: empty text")
        if it.get("label") not in LABELS:
            errs.append(f"{where}: bad label {it.get('label')!r}")
        if it.get("cat") not in CATS:
            errs.append(f"{where}: bad cat {it.get('cat')!r}")
        elif (it["cat"] in REJECT_CATS) != (it.get("label") == "reject"):
            errs.append(f"{where}: cat {it['cat']} does not fit label {it.get('label')}")
        errs += [f"{where}: {e}" for e in check_context(it.get("context"))]
        c = it.get("context") or {}
        if it.get("cat") == "J" and not c.get("offers"):
            errs.append(f"{where}: J item without offers")
        # a pass item with offers must stay within the 40% ceiling and the 3-offer limit
        base = (c.get("base") or {}).get("price")
        if it.get("label") == "pass" and c.get("offers"):
            if len(c["offers"]) > 3:
                errs.append(f"{where}: pass item with more than three offers")
            if base:
                for o in c["offers"]:
                    if o.get("price") is not None and ceiling_ratio(o, base) > 0.40:
                        errs.append(f"{where}: pass item over the 40% ceiling ({o['name']})")
            if any(not o.get("in_stock", True) for o in c["offers"]):
                errs.append(f"{where}: pass item offers an out-of-stock item")
        items.append(it)
    if id_pattern and not any(errs):
        expected = [f"c{i:03d}" for i in range(1, len(items) + 1)]
        if [it["id"] for it in items] != expected:
            errs.append(f"{path}: ids are not c001..c{len(items):03d} in order")
    return errs, items


def report(items: list[dict]) -> str:
    labels = Counter(it["label"] for it in items)
    cats = Counter((it["label"], it["cat"]) for it in items)
    with_ctx = sum(1 for it in items if it.get("context"))
    lines = [f"items: {len(items)}  with context: {with_ctx}  with note: "
             f"{sum(1 for it in items if it.get('note'))}"]
    for lab in ("reject", "pass"):
        share = labels[lab] / len(items) if items else 0
        per = ", ".join(f"{c}={n}" for (l, c), n in sorted(cats.items()) if l == lab)
        lines.append(f"{lab}: {labels[lab]} ({share:.0%})  [{per}]")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or [HERE / "corpus.jsonl"]
    bad = 0
    for p in paths:
        pattern = r"c\d{3}" if p.name == "corpus.jsonl" else None
        errs, items = check_file(p, pattern)
        print(f"== {p}")
        print(report(items))
        for e in errs:
            print("ERROR", e)
        bad += len(errs)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
