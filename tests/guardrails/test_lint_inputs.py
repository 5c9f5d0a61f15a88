"""Bad input gets one readable line naming file and line, exit 2, and every other file is still linted."""

from __future__ import annotations

import json

from lint_helpers import write_jsonl

PUSHY = "Вам обязательно нужно взять чехол."


def _lint_with_good_neighbour(run_lint, tmp_path, bad_name: str, content: bytes | str):
    good = write_jsonl(tmp_path / "good.jsonl", [{"id": "g", "text": PUSHY}])
    bad = tmp_path / bad_name
    bad.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    r = run_lint(str(bad), str(good), "--format", "json")
    assert r.exit_code == 2, r.output
    assert "Traceback" not in r.output
    doc = json.loads(r.stdout)
    assert any(d["id"] == "g" for d in doc["diagnostics"]), "the good file must still be linted"
    errors = [line for line in r.stderr.splitlines() if line.startswith("ошибка ввода:")]
    assert errors, r.stderr
    return errors, doc


def test_malformed_json_line_names_file_and_line(run_lint, tmp_path):
    content = json.dumps({"id": "a", "text": "Спасибо!"}, ensure_ascii=False) + "\n{\"id\": \"b\", \"text\": \n"
    errors, doc = _lint_with_good_neighbour(run_lint, tmp_path, "bad.jsonl", content)
    assert errors == [f"ошибка ввода: {tmp_path / 'bad.jsonl'}:2: некорректный JSON: ожидается значение (столбец 21)"]
    assert doc["summary"]["messages"] == 2  # line 1 of the bad file and the good file


def test_unknown_context_key(run_lint, tmp_path):
    content = json.dumps({"id": "a", "text": "Добавить чехол?", "context": {"stage": "decided", "prise": 3}}) + "\n"
    errors, _ = _lint_with_good_neighbour(run_lint, tmp_path, "ctx.jsonl", content)
    assert len(errors) == 1 and ":1: context.prise: неизвестный ключ" in errors[0]


def test_bad_context_value(run_lint, tmp_path):
    content = json.dumps({"id": "a", "text": "x", "context": {"stage": "thinking"}}) + "\n"
    errors, _ = _lint_with_good_neighbour(run_lint, tmp_path, "ctx.jsonl", content)
    assert "context.stage: недопустимое значение 'thinking'" in errors[0]


def test_malformed_yaml_names_line(run_lint, tmp_path):
    content = "version: 1\nscripts:\n  - id: a\n    text: [unclosed\n  - id: b\n"
    errors, _ = _lint_with_good_neighbour(run_lint, tmp_path, "lib.yaml", content)
    assert len(errors) == 1 and "lib.yaml:5: ошибка YAML" in errors[0]


def test_invalid_script_field_names_line_and_other_scripts_still_linted(run_lint, tmp_path):
    content = (
        "version: 1\nscripts:\n"
        f"  - id: ok\n    kind: cross-sell\n    text: {PUSHY}\n"
        "  - id: bad\n    kind: upsale\n    text: Спасибо!\n"
    )
    errors, doc = _lint_with_good_neighbour(run_lint, tmp_path, "lib.yaml", content)
    assert "lib.yaml:7: scripts.1.kind: недопустимое значение 'upsale'" in errors[0]
    assert any(d["id"] == "ok" for d in doc["diagnostics"])


def test_cp1251_file_is_reported_and_still_linted(run_lint, tmp_path):
    errors, doc = _lint_with_good_neighbour(run_lint, tmp_path, "old.txt", (PUSHY + "\n").encode("cp1251"))
    assert "old.txt:1: файл не в UTF-8 (похоже на cp1251)" in errors[0]
    assert any(d["path"].endswith("old.txt") and d["rule"] == "PR001" for d in doc["diagnostics"])


def test_bom_is_reported_and_content_still_linted(run_lint, tmp_path):
    errors, doc = _lint_with_good_neighbour(run_lint, tmp_path, "bom.txt", b"\xef\xbb\xbf" + (PUSHY + "\n").encode())
    assert "bom.txt:1: файл начинается с метки BOM" in errors[0]
    assert any(d["path"].endswith("bom.txt") for d in doc["diagnostics"])


def test_binary_file(run_lint, tmp_path):
    errors, _ = _lint_with_good_neighbour(run_lint, tmp_path, "img.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    assert errors[0].endswith("img.txt: двоичный файл, а не текст — пропущен")


def test_empty_file(run_lint, tmp_path):
    errors, _ = _lint_with_good_neighbour(run_lint, tmp_path, "empty.jsonl", b"")
    assert errors[0].endswith("empty.jsonl: файл пустой — в нём нет сообщений")


def test_missing_path(run_lint, tmp_path):
    good = write_jsonl(tmp_path / "good.jsonl", [{"id": "g", "text": PUSHY}])
    r = run_lint(str(tmp_path / "nope"), str(good), "--format", "json")
    assert r.exit_code == 2
    assert f"ошибка ввода: {tmp_path / 'nope'}: файл или каталог не найден" in r.stderr
    assert json.loads(r.stdout)["summary"]["messages"] == 1


def test_unsupported_suffix(run_lint, tmp_path):
    p = tmp_path / "data.csv"
    p.write_text("a,b\n", encoding="utf-8")
    r = run_lint(str(p))
    assert r.exit_code == 2 and "неизвестный тип файла" in r.stderr


def test_bad_config_file(run_lint, tmp_path):
    (tmp_path / ".coach.toml").write_text("[lint]\nselect = [\n", encoding="utf-8")
    r = run_lint("-", input="Спасибо!\n")
    assert r.exit_code == 2 and ".coach.toml: ошибка TOML" in r.stderr
    (tmp_path / ".coach.toml").write_text("[lint]\nselekt = ['PR']\n", encoding="utf-8")
    r = run_lint("-", input="Спасибо!\n")
    assert r.exit_code == 2 and "неизвестные ключи в настройках линтера: selekt" in r.stderr


def test_missing_catalog_is_reported_and_scripts_still_linted(run_lint, tmp_path):
    content = (
        "version: 1\ncatalog: nowhere.yaml\nscripts:\n"
        f"  - id: ok\n    kind: cross-sell\n    context: {{base: {{name: Ноутбук}}}}\n    text: {PUSHY}\n"
    )
    errors, doc = _lint_with_good_neighbour(run_lint, tmp_path, "lib.yaml", content)
    assert "lib.yaml:2: catalog:" in errors[0] and "nowhere.yaml: каталог не найден" in errors[0]
    assert any(d["id"] == "ok" and d["rule"] == "PR001" for d in doc["diagnostics"])
