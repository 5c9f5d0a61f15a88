"""Reading a file's bytes as text, with a clear problem for each way it can go wrong."""

from __future__ import annotations

from guardrails.sources.model import InputProblem

_BOM = b"\xef\xbb\xbf"


def decode(data: bytes, path: str) -> tuple[str | None, list[InputProblem]]:
    """Return (text or None, problems).  Problems are reported, but the text is
    still linted whenever it could be recovered, so nothing is lost."""
    problems: list[InputProblem] = []
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
        try:
            text = data.decode("cp1251")
        except UnicodeDecodeError:
            problems.append(InputProblem(path, "файл не в кодировке UTF-8 и не в cp1251 — пропущен", line))
            return None, problems
        problems.append(InputProblem(
            path,
            "файл не в UTF-8 (похоже на cp1251); перекодируйте: iconv -f cp1251 -t utf-8 (содержимое проверено как cp1251)",
            line,
        ))
        return text, problems
