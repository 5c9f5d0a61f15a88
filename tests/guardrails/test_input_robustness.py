"""Hostile and odd input (QA report): one Russian line per problem naming file and line,
exit 2, no traceback, and every other message and file still linted at the right place."""

from __future__ import annotations

import errno
import json
from pathlib import Path

import pytest
from lint_helpers import REPO, write_jsonl

from guardrails.sources import iter_messages, read_text

PUSHY = "Вам обязательно нужно взять чехол."  # PR001
HERD = "Все берут"  # PR002
ELECTRONICS = REPO / "examples" / "catalogs" / "electronics.yaml"


def _lint(run_lint, *paths: str | Path, input: str | bytes | None = None):
    """Lint next to a good JSONL file; return (input error lines, JSON report)."""
    r = run_lint(*(str(p) for p in paths), "--format", "json", input=input)
    assert "Traceback" not in r.output
    errors = [line for line in r.stderr.splitlines() if line.startswith("ошибка ввода:")]
    return r, errors, json.loads(r.stdout)


def _good(tmp_path: Path) -> Path:
    return write_jsonl(tmp_path / "good.jsonl", [{"id": "g", "text": PUSHY}])


def _has(doc: dict, msg_id: str, rule: str | None = None) -> bool:
    return any(d["id"] == msg_id and (rule is None or d["rule"] == rule) for d in doc["diagnostics"])


def _at(doc: dict, msg_id: str, rule: str) -> tuple[int, int, int, int]:
    d = next(d for d in doc["diagnostics"] if d["id"] == msg_id and d["rule"] == rule)
    return d["line"], d["column"], d["end_line"], d["end_column"]


# --- 1, 2, 3: crashes on malformed JSON and YAML -------------------------------------------

@pytest.mark.parametrize("fmt", ["json", "text", "junit", "sarif", "github"])
def test_lone_surrogate_is_replaced_reported_and_linted(run_lint, tmp_path, fmt):
    bad = tmp_path / "s.jsonl"
    bad.write_text('{"id":"s1","text":"Успейте купить \\ud800 сегодня. Все берут"}\n'
                   '{"id":"s\\udc00","text":"Все берут"}\n', encoding="utf-8")
    r = run_lint(str(bad), str(_good(tmp_path)), "--format", fmt)
    assert r.exit_code == 2 and "Traceback" not in r.output
    errors = [line for line in r.stderr.splitlines() if line.startswith("ошибка ввода:")]
    assert [e.split(": ", 2)[1] for e in errors] == [f"{bad}:1", f"{bad}:2"]
    assert all("одиночный суррогат" in e for e in errors)
    if fmt == "json":
        doc = json.loads(r.stdout)
        assert _has(doc, "s1", "PR002") and _has(doc, "s\ufffd", "PR002") and _has(doc, "g")
        line = bad.read_text(encoding="utf-8").splitlines()[0]
        col = _at(doc, "s1", "PR002")[1]
        assert line[col - 1:].startswith(HERD)  # same column as in the file: the escape keeps its width


def test_surrogate_pair_escapes_are_fine(run_lint, tmp_path):
    bad = write_jsonl(tmp_path / "e.jsonl", [])
    bad.write_text('{"id":"e","text":"\\ud83d\\ude00 Все берут"}\n', encoding="utf-8")
    r, errors, doc = _lint(run_lint, bad)
    assert r.exit_code == 1 and not errors
    line = bad.read_text(encoding="utf-8")
    assert line[_at(doc, "e", "PR002")[1] - 1:].startswith(HERD)  # bug 15: no drift after escaped emoji


def test_deeply_nested_json_is_one_problem(run_lint, tmp_path):
    bad = tmp_path / "deep.jsonl"
    bad.write_text('{"id":"ok","text":"Все берут"}\n{"text":"x","context":' + "[" * 100_000 + "\n", encoding="utf-8")
    r, errors, doc = _lint(run_lint, bad, _good(tmp_path))
    assert r.exit_code == 2
    assert errors == [f"ошибка ввода: {bad}:2: некорректный JSON: слишком глубокая вложенность скобок"]
    assert _has(doc, "g") and _has(doc, "ok")


def test_deeply_nested_yaml_is_one_problem(run_lint, tmp_path):
    bad = tmp_path / "deep.yaml"
    bad.write_text("version: 1\nscripts: []\nx: " + "[" * 5000 + "\n", encoding="utf-8")
    r, errors, doc = _lint(run_lint, bad, _good(tmp_path))
    assert r.exit_code == 2
    assert errors == [f"ошибка ввода: {bad}:3: ошибка YAML: слишком глубокая вложенность скобок или отступов"]
    assert _has(doc, "g")


@pytest.mark.parametrize(("line", "expected"), [
    ('{"id":"a","text":"x","context":{"base":{"name":"a","price":NaN}}}', "NaN не допускается в JSON"),
    ('{"id":"a","text":"x","context":{"base":{"name":"a","price":Infinity}}}', "Infinity не допускается в JSON"),
    ('{"id":"a","text":"x","context":{"base":{"name":"a","price":1e400}}}', "число 1e400 слишком велико"),
    ('{"id":"a","text":"x",}', "ожидается имя ключа в двойных кавычках"),
    ('{"id":"a" "text":"x"}', "ожидается запятая (столбец 11)"),
    ('{"id":"a","text":"x"} z', "лишние символы после JSON-объекта"),
    ('{"id":"a","text":12345}', "поле text должно быть строкой, а не числом"),
    ('{"id":"a","text":null}', "поле text должно быть строкой, а не null"),
    ('{"id":"a"}', "нет поля text"),
    ("[1, 2]", "ожидается JSON-объект с полем text, а не массив"),
])
def test_json_problems_in_russian(line, expected):
    (problem,) = list(read_text(line + "\n", "m.jsonl", kind=".jsonl"))
    assert str(problem).startswith("m.jsonl:1: ") and expected in problem.message


def test_wrong_type_id_is_reported_and_message_still_linted():
    problem, msg = list(read_text('{"id":["a"],"text":"Все берут"}\n', "m.jsonl", kind=".jsonl"))
    assert "поле id должно быть строкой или числом, а не списком" in problem.message
    assert msg.id == "m.jsonl:1"


# --- 5: a catalog with values of the wrong type --------------------------------------------

@pytest.mark.parametrize(("product", "pair", "expected"), [
    ('{id: br, name: Кронштейн, price: "дорого"}', "{base: tv, plus: br, kind: cross-sell}",
     "cat.yaml:3: products.1.price: цена должна быть неотрицательным числом, а не 'дорого'"),
    ('{id: br, name: Кронштейн, price: 9000, stock: "много"}', "{base: tv, plus: br, kind: cross-sell}",
     "cat.yaml:3: products.1.stock: остаток должен быть целым числом не меньше 0, а не 'много'"),
    ("{id: br, name: Кронштейн, price: true}", "{base: tv, plus: br, kind: cross-sell}",
     "cat.yaml:3: products.1.price: цена должна быть неотрицательным числом, а не True"),
    ("{id: br, name: Кронштейн, price: 9000}", "{base: tv, plus: br, kind: bundle}",
     "cat.yaml:5: offers.0.kind: недопустимое значение 'bundle'"),
])
def test_catalog_values_of_the_wrong_type(run_lint, tmp_path, product, pair, expected):
    (tmp_path / "cat.yaml").write_text(
        f"products:\n  - {{id: tv, name: Телевизор, price: 100000}}\n  - {product}\noffers:\n  - {pair}\n",
        encoding="utf-8")
    lib = tmp_path / "lib.yaml"
    lib.write_text("version: 1\ncatalog: cat.yaml\nscripts:\n  - id: a\n    kind: cross-sell\n"
                   "    context: {base: {name: Телевизор}, offers: [{name: Кронштейн}]}\n"
                   f"    text: К телевизору рекомендую кронштейн. {PUSHY}\n", encoding="utf-8")
    r, errors, doc = _lint(run_lint, lib, _good(tmp_path))
    assert r.exit_code == 2
    assert len(errors) == 1 and expected in errors[0], errors
    assert _has(doc, "a", "PR001") and _has(doc, "g")


# --- 12, 13, 18 and the rest of the library checks -----------------------------------------

def test_flow_style_and_quoted_key_libraries_are_found_in_a_directory(run_lint, tmp_path):
    d = tmp_path / "libs"
    d.mkdir()
    (d / "flow.yaml").write_text('{version: 1, scripts: [{id: a, kind: upsell, text: "Все берут!"}]}\n', encoding="utf-8")
    (d / "flow2.yaml").write_text('{version: 1,\n scripts: [{id: c, kind: upsell, text: "Все берут!"}]}\n',
                                  encoding="utf-8")
    (d / "quoted.yaml").write_text('"scripts":\n  - {id: b, kind: upsell, text: "Все берут!"}\n"version": 1\n',
                                   encoding="utf-8")
    (d / "catalog.yaml").write_text("products: []\n", encoding="utf-8")
    (d / "workflow.yml").write_text("jobs:\n  lint:\n    scripts: [a]\n", encoding="utf-8")
    r, errors, doc = _lint(run_lint, d)
    assert not errors and doc["summary"]["messages"] == 3
    assert {x["id"] for x in doc["diagnostics"]} == {"a", "b", "c"}


def test_an_invalid_script_costs_only_its_own_checks(run_lint, tmp_path):
    lib = tmp_path / "lib.yaml"
    lib.write_text(
        f"version: 1\ncatalog: {ELECTRONICS}\nscripts:\n"
        "  - id: outside\n    kind: cross-sell\n    stage: decided\n"
        '    context: {base: {name: "Смартфон Nova X15 128 ГБ"}, offers: [{name: "Сумка для ноутбука 14″"}]}\n'
        "    text: К смартфону рекомендую сумку — всё будет под рукой. Добавить?\n"
        "  - id: broken\n    kind: upsale\n    text: Все берут!\n"
        "  - id: broken2\n    kind: cross-sell\n    chanel: chat\n    text: Спасибо!\n"
        "  - kind: upsell\n    text: Все берут!\n",
        encoding="utf-8")
    r, errors, doc = _lint(run_lint, lib)
    assert r.exit_code == 2
    assert [e.split(": ", 2)[1:] for e in errors] == [
        [f"{lib}:10", "scripts.1.kind: недопустимое значение 'upsale', ожидается одно из: "
                      "'upsell', 'cross-sell', 'objection', 'follow-up', 'closing'"],
        [f"{lib}:14", "scripts.2.chanel: неизвестный ключ"],
        [f"{lib}:16", "scripts.3.id: обязательное поле отсутствует"],
    ]
    assert _has(doc, "outside", "CX010")  # the catalog still checks the valid script
    assert _has(doc, "broken", "PR002")  # the invalid script's text is still linted
    assert _has(doc, f"{lib}:16", "PR002")


def test_empty_texts_and_duplicate_ids(run_lint, tmp_path):
    lib = tmp_path / "lib.yaml"
    lib.write_text('version: 1\nscripts:\n  - id: a\n    kind: upsell\n    text: ""\n'
                   '  - id: a\n    kind: upsell\n    text: "   "\n'
                   "  - id: b\n    kind: upsell\n    text: Все берут!\n"
                   "  - id: b\n    kind: upsell\n    text: Спасибо!\n", encoding="utf-8")
    r, errors, doc = _lint(run_lint, lib)
    assert [e.split(": ", 2)[1:] for e in errors] == [
        [f"{lib}:5", "scripts.0.text: пустой текст скрипта"],
        [f"{lib}:6", "scripts.1.id: id «a» уже есть у скрипта в строке 3"],
        [f"{lib}:8", "scripts.1.text: пустой текст скрипта"],
        [f"{lib}:12", "scripts.3.id: id «b» уже есть у скрипта в строке 9"],
    ]
    assert doc["summary"]["messages"] == 2


def test_duplicate_key_is_reported_and_the_used_value_located(run_lint, tmp_path):
    lib = tmp_path / "dup.yaml"
    lib.write_text("version: 1\nscripts:\n  - id: a\n    kind: cross-sell\n    text: |\n"
                   "      Здравствуйте.\n      Тут всё спокойно.\n    text: Все берут!\n", encoding="utf-8")
    r, errors, doc = _lint(run_lint, lib)
    assert errors == [f"ошибка ввода: {lib}:8: ключ «text» повторяется (первый — в строке 5); используется последнее значение"]
    assert _at(doc, "a", "PR002")[:2] == (8, 11)


@pytest.mark.parametrize(("text", "expected"), [
    ("version: 1\nscripts:\n\t- id: a\n", "3: ошибка YAML: табуляция там, где YAML ждёт отступ или значение"),
    ("version: 1\nscripts: []\n---\nversion: 1\n", "3: ошибка YAML: в файле несколько документов (---)"),
    ("version: 1\nscripts:\n  - id: a\n    text: \"abc\n", "5: ошибка YAML: файл оборвался: не закрыта кавычка"),
    ("version: 1\nscripts:\n  - id: a\n    text: a: b\n", "4: ошибка YAML: двоеточие здесь недопустимо"),
    ("version: 1.5\nscripts: []\n", "1: version: недопустимое значение 1.5, ожидается одно из: 1"),
    ("version: 1\nscripts:\n  - id: a\n    kind: upsell\n    context: {facts: {stock: {a: 2.5}}}\n    text: x\n",
     "5: scripts.0.context.facts.stock.a: ожидается целое число, а не дробное"),
])
def test_yaml_problems_in_russian(text, expected):
    problems = [p for p in read_text(text, "l.yaml", kind=".yaml") if not hasattr(p, "text")]
    assert any(str(p).startswith("l.yaml:" + expected) for p in problems), [str(p) for p in problems]


def test_yaml_lone_surrogate(tmp_path):
    items = list(read_text('version: 1\nscripts:\n  - id: a\n    kind: upsell\n    text: "\\ud800 Все берут"\n',
                           "l.yaml", kind=".yaml"))
    assert str(items[0]).startswith("l.yaml:5: одиночный суррогат")
    assert items[1].text == "\ufffd Все берут"


# --- 17: positions of every scalar style ----------------------------------------------------

YAML_STYLES = """version: 1
scripts:
  - id: folded
    kind: cross-sell
    text: >
      Добрый день. Хотим предложить
      вам чехол. Все берут!

      Успейте купить.
  - id: plain-multi
    kind: cross-sell
    text: Добрый день. Хотим предложить
      вам чехол. Все берут!
  - id: single
    kind: cross-sell
    text: 'Это ''наш'' чехол.
      Все берут!'
  - id: dq
    kind: cross-sell
    text: "Добрый \\"день\\" \\u263A. Все берут!"
  - id: dq-multi
    kind: cross-sell
    text: "Добрый день.

      Привет \\
      и Все берут!"
  - id: literal-keep
    kind: cross-sell
    text: |+
      Привет.

      Все берут!

  - id: indent-ind
    kind: cross-sell
    text: |2
          Привет. Все берут!
  - id: folded-more
    kind: cross-sell
    text: >-
      Привет.
        отступ
      Все берут!
  - id: tabs
    kind: cross-sell
    text: "Итак:\\t\\tВсе берут!"
  - id: emoji
    kind: cross-sell
    text: "\\U0001F600\\ud83d\\ude00 Все берут!"
"""


@pytest.mark.parametrize("script_id", ["folded", "plain-multi", "single", "dq", "dq-multi", "literal-keep",
                                       "indent-ind", "folded-more", "tabs", "emoji"])
def test_yaml_positions_point_at_the_words(run_lint, tmp_path, script_id):
    lib = tmp_path / "styles.yaml"
    lib.write_text(YAML_STYLES, encoding="utf-8")
    r, errors, doc = _lint(run_lint, lib, "--select", "PR002")
    assert not errors
    line, col, end_line, end_col = _at(doc, script_id, "PR002")
    source = YAML_STYLES.splitlines()[line - 1]
    assert source[col - 1:].startswith(HERD), (line, col, source)
    assert (end_line, end_col) == (line, col + len(HERD))


# --- 16: JSONL columns ----------------------------------------------------------------------

@pytest.mark.parametrize("raw", [
    '{"id":"m","meta":{"text":"черновик"},"text":"Привет. Все берут"}',
    '{"id":"n","note":"цитата: \\"text\\": \\"x\\"","text":"Все берут"}',
    '{"id":"d","text":"Все берут","text":"Привет. Все берут"}',
    '{"id":"s", "text" : "Привет.\\tВсе берут"}',
])
def test_jsonl_column_of_the_top_level_text(raw):
    (msg,) = list(read_text(raw + "\n", "m.jsonl", kind=".jsonl"))
    start = msg.text.index(HERD)
    _, col = msg.position(start)
    assert raw[col - 1:].startswith(HERD)
    assert msg.position(start + len(HERD))[1] == col + len(HERD)


def test_offsets_of_a_surrogate_pair_escape():
    from guardrails.sources.jsonl import _JsonOffsets

    raw = '{"text":"\\ud83d\\ude00x"}'
    assert _JsonOffsets(raw, "\U0001F600x")(1) == raw.rindex("x")


# --- 14, 26, 30: encodings and line ends ---------------------------------------------------

def test_mostly_utf8_file_keeps_utf8_and_reports_the_bad_line(run_lint, tmp_path):
    bad = tmp_path / "mixed.txt"
    bad.write_bytes("Привет.\n\nСпасибо ".encode() + b"\xff\xfe" + " мир. Все берут!\n".encode())
    r, errors, doc = _lint(run_lint, bad)
    assert errors == [f"ошибка ввода: {bad}:3: некорректные байты UTF-8 — заменены на «\ufffd» (остальное проверено)"]
    assert _has(doc, f"{bad}:3", "PR002")


def test_cp1251_is_still_cp1251(run_lint, tmp_path):
    bad = tmp_path / "old.txt"
    bad.write_bytes("Привет. Все берут!\n".encode("cp1251"))
    r, errors, doc = _lint(run_lint, bad)
    assert "похоже на cp1251" in errors[0] and _has(doc, f"{bad}:1", "PR002")


@pytest.mark.parametrize(("codec", "name"), [("utf-16", "UTF-16"), ("utf-16-be", "UTF-16"), ("utf-32", "UTF-32")])
@pytest.mark.parametrize("suffix", [".txt", ".jsonl"])
def test_utf16_and_utf32_with_bom_are_read(run_lint, tmp_path, codec, name, suffix):
    f = tmp_path / f"wide{suffix}"
    text = "Привет.\n\nВсе берут!\n" if suffix == ".txt" else '{"id":"w","text":"Все берут!"}\n'
    data = text.encode(codec)
    if codec == "utf-16-be":
        data = b"\xfe\xff" + data
    f.write_bytes(data)
    r, errors, doc = _lint(run_lint, f)
    assert errors == [f"ошибка ввода: {f}:1: файл в кодировке {name}; сохраните его как UTF-8 (содержимое проверено)"]
    assert any(d["rule"] == "PR002" for d in doc["diagnostics"])


def test_jsonl_line_of_nul_bytes_loses_only_that_line(run_lint, tmp_path):
    f = tmp_path / "latebin.jsonl"
    f.write_bytes(b'{"id":"a","text":"\xd0\x92\xd1\x81\xd0\xb5 \xd0\xb1\xd0\xb5\xd1\x80\xd1\x83\xd1\x82"}\n'
                  + b"\x00" * 100 + b"\n" + b'{"id":"b","text":"ok"}\n')
    r, errors, doc = _lint(run_lint, f)
    assert errors == [f"ошибка ввода: {f}:2: строка содержит нулевые байты (двоичные данные) — пропущена"]
    assert _has(doc, "a", "PR002") and doc["summary"]["messages"] == 2


def test_a_binary_jsonl_file_is_still_one_problem(run_lint, tmp_path):
    f = tmp_path / "img.jsonl"
    f.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\n\x00\x00")
    r, errors, doc = _lint(run_lint, f)
    assert errors == [f"ошибка ввода: {f}: двоичный файл, а не текст — пропущен"]


def test_cr_only_line_ends(run_lint, tmp_path):
    f = tmp_path / "cr.txt"
    f.write_bytes("Привет.\r\rСпасибо.\rВсе берут!\r".encode())
    r, errors, doc = _lint(run_lint, f)
    assert doc["summary"]["messages"] == 2
    assert _at(doc, f"{f}:3", "PR002")[:2] == (4, 1)


# --- 25: Markdown ---------------------------------------------------------------------------

MARKDOWN = """# Заголовок

#скидка Все берут этот чехол!

<!--
Черновик: Все берут!
coach: ignore[PR001] причина
-->

~~~
Все берут! (в блоке кода)
~~~

````
```
Все берут!
````

    Все берут! (отступ: тоже код)

<!-- coach: ignore[PR002] цитата -->
Тут всё спокойно.

Последний абзац.

<!-- coach: ignore[UR001] висячее подавление в конце -->
"""


def test_markdown_blocks_and_suppressions(run_lint, tmp_path):
    md = tmp_path / "a.md"
    md.write_text(MARKDOWN, encoding="utf-8")
    r, errors, doc = _lint(run_lint, md)
    found = sorted((d["line"], d["rule"]) for d in doc["diagnostics"])
    # the hashtag line is text; the comment, fences and indented code are not messages;
    # each unused suppression is SUP001, the one after the last paragraph too
    assert found == [(3, "PR002"), (7, "SUP001"), (21, "SUP001"), (26, "SUP001")]


# --- 28 and stdin ---------------------------------------------------------------------------

def test_stdin_jsonl_is_split_on_newlines_only(run_lint):
    line = json.dumps({"id": "a", "text": "Привет\u2028Все берут"}, ensure_ascii=False)
    r, errors, doc = _lint(run_lint, "-", input=(line + "\n").encode())
    assert not errors and _has(doc, "a", "PR002")


def test_stdin_json_array_is_refused_with_a_hint(run_lint):
    r, errors, doc = _lint(run_lint, "-", input='[{"id": "a", "text": "Все берут"}]\n')
    assert r.exit_code == 2
    assert errors == ["ошибка ввода: <stdin>:1: это JSON-массив, а нужен JSONL — по объекту "
                      "{\"id\", \"text\"} в строке; преобразуйте: jq -c '.[]'"]


def test_stdin_flow_style_library(run_lint):
    r, errors, doc = _lint(run_lint, "-", input='{version: 1, scripts: [{id: a, kind: upsell, text: "Все берут!"}]}\n')
    assert not errors and _has(doc, "a", "PR002")


def test_stdin_twice_is_read_once(run_lint, tmp_path):
    r, errors, doc = _lint(run_lint, "-", "-", input="Все берут!\n")
    assert errors == ["ошибка ввода: <stdin>: стандартный ввод («-») указан несколько раз — проверен один раз"]
    assert doc["summary"]["messages"] == 1


# --- smaller ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("code", "expected"), [
    (errno.EACCES, "нет доступа"), (errno.ENOENT, "файл не найден"), (errno.EPERM, "нет доступа"),
])
def test_os_errors_in_russian(code, expected):
    from guardrails.sources.errors import describe_os_error

    assert describe_os_error(OSError(code, "English")) == expected


def test_broken_symlink(tmp_path):
    link = tmp_path / "broken.txt"
    link.symlink_to(tmp_path / "nowhere.txt")
    (problem,) = list(iter_messages([str(link)]))
    assert str(problem) == f"{link}: символическая ссылка указывает на несуществующий файл"


# --- 11, 29: directories that cannot be listed, excluded directories ------------------------

def test_a_directory_that_cannot_be_listed_is_reported(run_lint, tmp_path, monkeypatch):
    """As root, chmod 000 does not stop a listing: the refusal is simulated where os.walk lists."""
    import os

    root = tmp_path / "lib"
    (root / "locked").mkdir(parents=True)
    write_jsonl(root / "locked" / "a.jsonl", [{"id": "hidden", "text": HERD}])
    write_jsonl(root / "open.jsonl", [{"id": "seen", "text": PUSHY}])
    real = os.scandir

    def scandir(path=".", *args, **kwargs):
        if Path(path).name == "locked":
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, "scandir", scandir)
    r, errors, doc = _lint(run_lint, root)
    assert r.exit_code == 2
    assert len(errors) == 1 and "locked" in errors[0] and "нет доступа" in errors[0]
    assert _has(doc, "seen", "PR001")


def test_an_excluded_directory_is_not_entered(run_lint, tmp_path, monkeypatch):
    root = tmp_path / "content"
    (root / "archive").mkdir(parents=True)
    write_jsonl(root / "archive" / "old.jsonl", [{"id": "old", "text": HERD}])
    write_jsonl(root / "new.jsonl", [{"id": "new", "text": PUSHY}])
    (tmp_path / ".coach.toml").write_text('[lint]\nexclude = ["archive"]\n', encoding="utf-8")
    entered: list[str] = []
    import guardrails.sources as sources

    real = sources._read_file

    def read_file(path, display, explicit):
        entered.append(Path(path).parent.name)
        return real(path, display, explicit)

    monkeypatch.setattr(sources, "_read_file", read_file)
    r, errors, doc = _lint(run_lint, root)
    assert not errors and _has(doc, "new") and not _has(doc, "old")
    assert "archive" not in entered
