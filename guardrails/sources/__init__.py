"""Where messages come from: JSONL, YAML script libraries, .txt/.md, stdin, directories."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from guardrails.sources.decoding import decode
from guardrails.sources.jsonl import read_jsonl, read_jsonl_file
from guardrails.sources.model import InputProblem, Message, Suppression
from guardrails.sources.plaintext import read_plaintext

__all__ = ["InputProblem", "Message", "Suppression", "iter_messages", "read_text", "SUFFIXES"]

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
    elif kind in (".yaml", ".yml"):
        from guardrails.sources.library import looks_like_library, read_library

        if not explicit and not looks_like_library(text):
            return  # a catalog, workflow or other YAML met while walking a directory
        yield from read_library(text, path)
    else:
        yield from read_plaintext(text, path, markdown=kind == ".md")


def _sniff(text: str) -> str:
    first = text.lstrip()[:1]
    if first == "{":
        return ".jsonl"
    if any(line.startswith("scripts:") for line in text.splitlines()):
        return ".yaml"
    return ".txt"


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
        yield InputProblem(display, f"не удалось прочитать файл: {exc.strerror}")
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
        yield InputProblem(display, f"не удалось прочитать файл: {exc.strerror}")
        return
    with fh:
        head = fh.read(8192)
        if not head.strip() and not fh.read(1):
            yield InputProblem(display, "файл пустой — в нём нет сообщений")
            return
        if b"\x00" in head:
            yield InputProblem(display, "двоичный файл, а не текст — пропущен")
            return
        if head.startswith(b"\xef\xbb\xbf"):
            yield InputProblem(display, "файл начинается с метки BOM; сохраните его как UTF-8 без BOM (содержимое проверено)", 1)
        fh.seek(0)
        yield from read_jsonl_file(fh, display)


def _walk(root: Path, exclude: tuple[str, ...]) -> Iterator[Path]:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in _SKIP_DIRS and not d.startswith("."))
        for name in sorted(filenames):
            p = Path(dirpath) / name
            if p.suffix.lower() not in SUFFIXES:
                continue
            rel = p.relative_to(root).as_posix()
            if any(fnmatch.fnmatch(name, pat) or fnmatch.fnmatch(rel, pat) for pat in exclude):
                continue
            yield p


def iter_messages(paths: Iterable[str], *, stdin_text: str | None = None,
                  exclude: tuple[str, ...] = ()) -> Iterator[Message | InputProblem]:
    """Every message from every path, in order; problems are yielded, never raised."""
    excl = DEFAULT_EXCLUDE + tuple(exclude)
    for raw in paths:
        if raw == "-":
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
            yield InputProblem(raw, "файл или каталог не найден")
        elif path.is_dir():
            found = False
            for p in _walk(path, excl):
                found = True
                yield from _read_file(p, str(p), explicit=False)
            if not found:
                yield InputProblem(raw, f"в каталоге нет файлов {', '.join(SUFFIXES)}")
        elif path.suffix.lower() not in SUFFIXES:
            yield InputProblem(raw, f"неизвестный тип файла; поддерживаются {', '.join(SUFFIXES)}")
        else:
            yield from _read_file(path, raw, explicit=True)
