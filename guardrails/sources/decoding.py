"""Reading a file's bytes as text, with a clear problem for each way it can go wrong."""

from __future__ import annotations

import re

from guardrails.sources.model import InputProblem

_BOM = b"\xef\xbb\xbf"
# Longest first: the UTF-32-LE mark starts with the UTF-16-LE one.
_WIDE_BOMS = ((b"\xff\xfe\x00\x00", "utf-32", "UTF-32"), (b"\x00\x00\xfe\xff", "utf-32", "UTF-32"),
              (b"\xff\xfe", "utf-16", "UTF-16"), (b"\xfe\xff", "utf-16", "UTF-16"))
_ASCII = bytes(range(128))
_CP1251_HINT = "перекодируйте: iconv -f cp1251 -t utf-8 (содержимое проверено как cp1251)"
_LINE_BREAK_RE = re.compile(r"\r\n|\r|\n")
_SURROGATE_RE = re.compile(r"[\ud800-\udfff]")


def decode(data: bytes, path: str) -> tuple[str | None, list[InputProblem]]:
    """Return (text or None, problems).  Problems are reported, but the text is
    still linted whenever it could be recovered, so nothing is lost."""
    problems: list[InputProblem] = []
    wide = _decode_wide(data, path)
    if wide is not None:
        return wide
    if not data.strip():
        return None, [InputProblem(path, "файл пустой — в нём нет сообщений")]
    if b"\x00" in data[:8192]:
        return None, [InputProblem(path, "двоичный файл, а не текст — пропущен")]
    if data.startswith(_BOM):
        problems.append(InputProblem(path, "файл начинается с метки BOM; сохраните его как UTF-8 без BOM (содержимое проверено)", 1))
        data = data[len(_BOM):]
    try:
        return data.decode("utf-8"), problems
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        if mostly_utf8(data):
            problems.append(_bad_utf8_lines(data, path))
            return data.decode("utf-8", errors="replace"), problems
        try:
            text = data.decode("cp1251")
        except UnicodeDecodeError:
            problems.append(InputProblem(path, "файл не в кодировке UTF-8 и не в cp1251 — пропущен", line))
            return None, problems
        problems.append(InputProblem(path, f"файл не в UTF-8 (похоже на cp1251); {_CP1251_HINT}", line))
        return text, problems


def _decode_wide(data: bytes, path: str) -> tuple[str | None, list[InputProblem]] | None:
    """A file with a UTF-16 or UTF-32 byte order mark: read it, and say so."""
    for bom, codec, name in _WIDE_BOMS:
        if data.startswith(bom):
            text = data.decode(codec, errors="replace")
            if not text.strip():
                return None, [InputProblem(path, "файл пустой — в нём нет сообщений")]
            return text, [InputProblem(path, f"файл в кодировке {name}; сохраните его как UTF-8 (содержимое проверено)", 1)]
    return None


def mostly_utf8(data: bytes) -> bool:
    """Bytes that are UTF-8 but for a few bad sequences (a pasted fragment, a
    truncated character), as opposed to a cp1251 text, where nearly every
    non-ASCII byte breaks UTF-8."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    ascii_chars = len(data) - len(data.translate(None, _ASCII))
    good = len(text) - ascii_chars - bad
    return good > 0 and bad * 4 <= good


def _bad_utf8_lines(data: bytes, path: str) -> InputProblem:
    bad = []
    for n, line in enumerate(data.split(b"\n"), start=1):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            bad.append(n)
    more = f"; ещё таких строк: {len(bad) - 1}" if len(bad) > 1 else ""
    return InputProblem(path, f"некорректные байты UTF-8 — заменены на «\ufffd» (остальное проверено){more}", bad[0] if bad else None)


def decode_line(data: bytes, path: str, lineno: int, *, warn_cp1251: bool = True) -> tuple[str, InputProblem | None]:
    """One line of a streamed file: UTF-8, UTF-8 with a few bad bytes replaced, or cp1251."""
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    if mostly_utf8(data):
        return data.decode("utf-8", errors="replace"), InputProblem(
            path, "некорректные байты UTF-8 — заменены на «\ufffd» (строка проверена)", lineno)
    text = data.decode("cp1251", errors="replace")
    problem = InputProblem(path, f"файл не в UTF-8 (похоже на cp1251); {_CP1251_HINT}", lineno) if warn_cp1251 else None
    return text, problem


def split_lines(text: str, *, lone_cr: bool = False) -> list[str]:
    """Lines broken at \\n and \\r\\n (and at a lone \\r when `lone_cr`), never at
    U+2028, U+0085 or the other breaks `str.splitlines` knows: inside a JSON
    string they are ordinary characters."""
    if lone_cr:
        lines = _LINE_BREAK_RE.split(text)
    else:
        lines = [line[:-1] if line.endswith("\r") else line for line in text.split("\n")]
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def fix_surrogates(text: str) -> tuple[str, bool]:
    """Join surrogate pairs (YAML's "\\uD83D\\uDE00") and replace lone surrogates,
    which no output encoding can write, with U+FFFD; also whether anything was lone."""
    if _SURROGATE_RE.search(text) is None:
        return text, False
    fixed = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return fixed, "\ufffd" in fixed and fixed.count("\ufffd") > text.count("\ufffd")
