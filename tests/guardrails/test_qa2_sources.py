"""QA round 3, input sources: an escaped JSONL key, YAML merge keys, comment-like
lines inside YAML scalars, Markdown setext headings, thematic breaks and front matter."""

from __future__ import annotations

import json
import time

import pytest

from guardrails.sources import yamlpos
from guardrails.sources.jsonl import read_jsonl
from guardrails.sources.library import read_library
from guardrails.sources.model import InputProblem, Message
from guardrails.sources.plaintext import read_plaintext
from guardrails.sources.yamlpos import load_yaml


def _one_message(items: list[Message | InputProblem]) -> Message:
    problems = [i for i in items if isinstance(i, InputProblem)]
    messages = [i for i in items if isinstance(i, Message)]
    assert not problems, problems
    assert len(messages) == 1
    return messages[0]


def _column_of(line: str, needle: str) -> int:
    return line.index(needle) + 1


# --- 14: a JSONL "text" key written with escapes -------------------------------------------

@pytest.mark.parametrize("line", [
    '{"id":"a3","t\\u0065xt":"Привет. Все берут."}',
    '{"id":"a3","\\u0074\\u0065\\u0078\\u0074":"Привет. Все берут."}',
    # "text" once, but a later escaped duplicate is the one JSON keeps
    '{"id":"a3","text":"Привет.","t\\u0065xt":"Привет. Все берут."}',
    # an escaped "text" key in a nested object does not count
    '{"meta":{"t\\u0065xt":"x"},"id":"a3","text":"Привет. Все берут."}',
    # another escaped key
    '{"n\\u006fte":"Все берут?","id":"a3","text":"Привет. Все берут."}',
])
def test_jsonl_position_with_an_escaped_key(line):
    msg = _one_message(list(read_jsonl(line, "m.jsonl")))
    assert msg.text == "Привет. Все берут."
    offset = msg.text.index("Все")
    assert msg.position(offset) == (1, line.rindex("Все") + 1)


def test_jsonl_plain_line_keeps_its_position():
    line = json.dumps({"id": "a", "text": "Привет. Все берут."}, ensure_ascii=False)
    msg = _one_message(list(read_jsonl(line, "m.jsonl")))
    assert msg.position(msg.text.index("Все")) == (1, _column_of(line, "Все"))


# --- 15: YAML merge keys ------------------------------------------------------------------

MERGE = """\
version: 1
scripts:
  - &s
    id: a
    kind: upsell
    text: &t Все берут.
  - id: b
    kind: upsell
    text: *t
  - <<: *s
    id: c
"""


@pytest.fixture(params=["libyaml", "pure"])
def loader(request, monkeypatch):
    """Both loaders must read a library the same way."""
    if request.param == "pure":
        monkeypatch.setattr(yamlpos, "_CLoader", None)
    elif yamlpos._CLoader is None:
        pytest.skip("PyYAML without libyaml")
    return request.param


def test_overriding_a_merged_key_is_not_a_duplicate(loader):
    doc = load_yaml(MERGE)
    assert doc.warnings == []
    assert doc.data["scripts"][2] == {"id": "c", "kind": "upsell", "text": "Все берут."}
    items = list(read_library(MERGE, "lib.yaml"))
    assert not [i for i in items if isinstance(i, InputProblem)]
    assert [m.id for m in items if isinstance(m, Message)] == ["a", "b", "c"]


def test_duplicates_next_to_merge_keys_are_still_reported(loader):
    text = "base: &b {x: 1}\nother: &o {y: 2}\nm:\n  <<: *b\n  <<: *o\n  x: 3\n  x: 4\n"
    doc = load_yaml(text)
    assert [line for line, _ in doc.warnings] == [7]  # `<<` twice is fine, `x` twice is not
    assert "«x»" in doc.warnings[0][1]


def test_a_duplicate_in_an_aliased_mapping_is_reported_once(loader):
    text = "a: &a {k: 1, k: 2}\nb: [*a, *a, *a]\n"
    assert [line for line, _ in load_yaml(text).warnings] == [1]


def test_alias_bomb_is_checked_in_linear_time(loader):
    rows = ["a: &a [" + ",".join(['"lol"'] * 9) + "]"]
    for prev, name in zip("abcdefg", "bcdefgh"):
        rows.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    started = time.perf_counter()
    doc = load_yaml("\n".join(rows) + "\n")
    assert doc.warnings == []
    assert time.perf_counter() - started < 5  # walking 9**8 aliased nodes took minutes


# --- 16: lines of a scalar that look like comments are text --------------------------------

def _scripts(text: str) -> dict[str, Message]:
    items = list(read_library(text, "lib.yaml"))
    assert not [i for i in items if isinstance(i, InputProblem)], items
    return {m.id: m for m in items if isinstance(m, Message)}


def _codes(msg: Message) -> list[tuple[str, ...]]:
    return [s.codes for s in msg.suppressions]


def test_suppression_like_line_in_a_block_scalar_is_text(loader):
    lib = """\
version: 1
scripts:
  - id: c
    kind: cross-sell
    text: |
      Все берут. # coach: ignore[PR002] в тексте
      # coach: ignore[PR001] тоже текст
  - id: d
    kind: cross-sell
    text: Привет.
"""
    scripts = _scripts(lib)
    assert "# coach: ignore[PR001]" in scripts["c"].text
    assert _codes(scripts["c"]) == []
    assert _codes(scripts["d"]) == []  # the block's last line is not a comment above `d`


def test_suppression_like_line_in_a_quoted_scalar_is_text(loader):
    lib = """\
version: 1
scripts:
  - id: q
    kind: cross-sell
    text: "Все берут.
      # coach: ignore[PR002] в строке"
  - id: s
    kind: cross-sell
    text: 'Все берут. # coach: ignore[PR002] в строке'
"""
    scripts = _scripts(lib)
    assert _codes(scripts["q"]) == [] and _codes(scripts["s"]) == []


def test_real_comments_next_to_scalars_still_suppress(loader):
    lib = """\
version: 1
scripts:
  - id: h
    kind: cross-sell
    text: |  # coach: ignore[PR002] комментарий заголовка блока
      Все берут.
  - id: q
    kind: cross-sell
    text: "Все # берут."  # coach: ignore[PR001] после строки с решёткой
  - id: p
    kind: cross-sell
    text: Все берут.
    # coach: ignore[UR001] строка комментария
"""
    scripts = _scripts(lib)
    assert _codes(scripts["h"]) == [("PR002",)]
    assert _codes(scripts["q"]) == [("PR001",)]
    line = lib.splitlines()[8]
    assert scripts["q"].suppressions[0].column == line.index("# coach") + 1
    assert _codes(scripts["p"]) == [("UR001",)]


# --- 17: Markdown setext headings, thematic breaks, front matter ---------------------------

def _paragraphs(text: str) -> list[tuple[int, str]]:
    return [(m.line, m.text) for m in read_plaintext(text, "a.md", markdown=True) if isinstance(m, Message)]


def test_setext_headings_are_not_messages():
    text = "Заголовок Все берут\n===\n\nВторой заголовок\n---\n\nАбзац. Все берут.\n"
    assert _paragraphs(text) == [(7, "Абзац. Все берут.")]


def test_thematic_breaks_are_not_messages():
    text = "Первый.\n\n---\n\nВторой.\n* * *\n___\n"
    assert _paragraphs(text) == [(1, "Первый."), (5, "Второй.")]


def test_setext_underline_takes_only_the_line_above():
    text = "Сообщение без пустой строки.\nЗаголовок\n=========\n"
    assert _paragraphs(text) == [(1, "Сообщение без пустой строки.")]


def test_dashes_after_a_list_are_a_break_not_a_heading():
    text = "- пункт: Все берут\n---\n\n> цитата\n===\n"
    assert _paragraphs(text) == [(1, "- пункт: Все берут"), (4, "> цитата\n===")]


def test_txt_files_have_no_headings():
    text = "Все берут\n---\n"
    items = [m for m in read_plaintext(text, "a.txt", markdown=False) if isinstance(m, Message)]
    assert [m.text for m in items] == ["Все берут\n---"]


def test_front_matter_is_skipped():
    text = "---\ntitle: Все берут\ntags: [a]\n...\n\nТекст.\n"
    assert _paragraphs(text) == [(6, "Текст.")]


def test_a_leading_thematic_break_is_not_front_matter():
    text = "---\n\nВсе берут чехол.\n\n---\n\nПоследний.\n"
    assert _paragraphs(text) == [(3, "Все берут чехол."), (7, "Последний.")]


def test_setext_heading_end_to_end(run_lint, tmp_path):
    md = tmp_path / "st.md"
    md.write_text("Setext Все берут\n---\n\nВам обязательно нужно\n", encoding="utf-8")
    r = run_lint(str(md), "--format", "json")
    doc = json.loads(r.stdout)
    assert [(d["line"], d["rule"]) for d in doc["diagnostics"]] == [(4, "PR001")]
