"""Where messages come from: JSONL, YAML script libraries, .txt/.md, stdin, directories."""

from __future__ import annotations

import fnmatch
import os
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from guardrails.sources.decoding import decode
from guardrails.sources.errors import describe_os_error
from guardrails.sources.jsonl import read_jsonl, read_jsonl_file
from guardrails.sources.model import InputProblem, Message, Suppression
from guardrails.sources.plaintext import read_plaintext

__all__ = ["InputProblem", "Message", "Suppression", "iter_messages", "read_text", "SUFFIXES"]

# `scripts:` at the start of a line (block style), or after { or , (flow style), quoted or not.
_LIBRARY_RE = re.compile(r"""^["']?scripts["']?[ \t]*:|[{,]\s*["']?scripts["']?\s*:""", re.MULTILINE)
SUFFIXES = (".jsonl", ".yaml", ".yml", ".txt", ".md")
_SKIP_DIRS = {".git", ".hg", ".venv", "venv", "node_modules", "__pycache__", ".tox", ".mypy_cache", ".pytest_cache"}
# Files a directory walk does not treat as messages.
DEFAULT_EXCLUDE = ("README.md", "CHANGELOG.md", "CONTRIBUTING.md", "LICENSE*", "*.lock")


def read_text(text: str, path: str, *, kind: str | None = None, explicit: bool = True) -> Iterator[Message | InputProblem]:
    """Messages from already-decoded text; `kind` is a suffix or None to sniff."""
    if kind is None:
        kind = _sniff(text)
    if kind == ".jsonl":
        yield from read_jsonl(text, path)
    elif kind == ".json":
        yield InputProblem(path, "это JSON-массив, а нужен JSONL — по объекту {\"id\", \"text\"} в строке; "
                                 "преобразуйте: jq -c '.[]'", 1)
    elif kind in (".yaml", ".yml"):
        from guardrails.sources.library import read_library

        if not explicit and not looks_like_library(text):
            return  # a catalog, workflow or other YAML met while walking a directory
        yield from read_library(text, path)
    else:
        yield from read_plaintext(text, path, markdown=kind == ".md")


def looks_like_library(text: str) -> bool:
    """A `scripts` key in any YAML style (block, flow, quoted): a cheap look
    that lets a directory walk skip catalogs and workflows without parsing them."""
    return _LIBRARY_RE.search(text) is not None


def _sniff(text: str) -> str:
    """The format of stdin: JSONL when its first line is a JSON object, a JSON
    array (refused with a hint), a script library, or else prose."""
    head = text.lstrip()
    first = head[:1]
    if first == "{":
        line = head.split("\n", 1)[0].strip()
        if _is_json(line) or not looks_like_library(text):
            return ".jsonl"
        return ".yaml"  # a flow-style library: {version: 1, scripts: [...]}
    if first == "[" and _is_json(head):
        return ".json"
    if looks_like_library(text):
        return ".yaml"
    return ".txt"


def _is_json(text: str) -> bool:
    import json

    try:
        json.loads(text)
    except (ValueError, RecursionError):
        return False
    return True


def _read_file(path: Path, display: str, explicit: bool) -> Iterator[Message | InputProblem]:
    if path.suffix.lower() == ".jsonl":
        yield from _stream_jsonl(path, display)
        return
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        yield InputProblem(display, "это каталог")
        return
    except OSError as exc:
        yield InputProblem(display, f"не удалось прочитать файл: {describe_os_error(exc)}")
        return
    text, problems = decode(data, display)
    yield from problems
    if text is not None:
        yield from read_text(text, display, kind=path.suffix.lower(), explicit=explicit)


def _stream_jsonl(path: Path, display: str) -> Iterator[Message | InputProblem]:
    """JSONL is streamed line by line (corpora can be large); the checks that
    need the whole file (empty, binary, BOM) look at its first block only."""
    try:
        fh = path.open("rb")
    except OSError as exc:
        yield InputProblem(display, f"не удалось прочитать файл: {describe_os_error(exc)}")
        return
    with fh:
        head = fh.read(8192)
        if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):  # UTF-16/32: read whole
            text, problems = decode(head + fh.read(), display)
            yield from problems
            if text is not None:
                yield from read_jsonl(text, display)
            return
        if not head.strip() and not fh.read(1):
            yield InputProblem(display, "файл пустой — в нём нет сообщений")
            return
        if b"\x00" in head and not _has_text_line(head):
            yield InputProblem(display, "двоичный файл, а не текст — пропущен")
            return
        if head.startswith(b"\xef\xbb\xbf"):
            yield InputProblem(display, "файл начинается с метки BOM; сохраните его как UTF-8 без BOM (содержимое проверено)", 1)
        fh.seek(0)
        yield from read_jsonl_file(fh, display)


def _has_text_line(head: bytes) -> bool:
    """Some line of the head looks like a JSONL record: the file is text with
    a damaged line or two (reported one by one), not a binary file."""
    return any(b"\x00" not in line and line.lstrip().startswith(b"{") for line in head.split(b"\n"))


def _walk(root: Path, exclude: tuple[str, ...], skip: Callable[[Path], bool] | None) -> Iterator[Path | InputProblem]:
    """The files to lint under `root`, sorted; a directory that cannot be listed is
    reported (os.walk would skip it silently), and one that `skip` names is not entered."""
    errors: list[OSError] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=errors.append):
        yield from _unlistable(errors)
        here = Path(dirpath)
        dirnames[:] = sorted(d for d in dirnames if d not in _SKIP_DIRS and not d.startswith(".")
                             and not (skip is not None and skip(here / d)))
        for name in sorted(filenames):
            p = here / name
            if p.suffix.lower() not in SUFFIXES:
                continue
            rel = p.relative_to(root).as_posix()
            if any(fnmatch.fnmatch(name, pat) or fnmatch.fnmatch(rel, pat) for pat in exclude):
                continue
            if skip is not None and skip(p):
                continue
            yield p
    yield from _unlistable(errors)


def _unlistable(errors: list[OSError]) -> Iterator[InputProblem]:
    while errors:
        exc = errors.pop(0)
        yield InputProblem(str(exc.filename or ""), f"не удалось открыть каталог: {describe_os_error(exc)} — пропущен")


def iter_messages(paths: Iterable[str], *, stdin_text: str | None = None, exclude: tuple[str, ...] = (),
                  skip: Callable[[Path], bool] | None = None) -> Iterator[Message | InputProblem]:
    """Every message from every path, in order; problems are yielded, never raised.
    `exclude`: file-name patterns; `skip`: whether a file or directory met while
    walking a directory is left out (a path named in `paths` is always read)."""
    excl = DEFAULT_EXCLUDE + tuple(exclude)
    stdin_seen = False
    for raw in paths:
        if raw == "-" and stdin_seen:
            yield InputProblem("<stdin>", "стандартный ввод («-») указан несколько раз — проверен один раз")
            continue
        if raw == "-":
            stdin_seen = True
            if stdin_text is None:
                yield InputProblem("<stdin>", "стандартный ввод недоступен")
                continue
            if not stdin_text.strip():
                yield InputProblem("<stdin>", "на стандартном вводе нет сообщений")
                continue
            yield from read_text(stdin_text, "<stdin>")
            continue
        path = Path(raw)
        if not path.exists():
            what = "символическая ссылка указывает на несуществующий файл" if path.is_symlink() else "файл или каталог не найден"
            yield InputProblem(raw, what)
        elif path.is_dir():
            found = False
            for p in _walk(path, excl, skip):
                found = True
                if isinstance(p, InputProblem):
                    yield p
                else:
                    yield from _read_file(p, str(p), explicit=False)
            if not found:
                yield InputProblem(raw, f"в каталоге нет файлов {', '.join(SUFFIXES)}")
        elif path.suffix.lower() not in SUFFIXES:
            yield InputProblem(raw, f"неизвестный тип файла; поддерживаются {', '.join(SUFFIXES)}")
        else:
            yield from _read_file(path, raw, explicit=True)
