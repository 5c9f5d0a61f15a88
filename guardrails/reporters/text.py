"""Human output, like ruff's full format: the line with the span marked."""

from __future__ import annotations

from typing import TextIO

from guardrails.config import LintConfig
from guardrails.reporters._plural import plural
from guardrails.runner import FileDiagnostic, Summary
from guardrails.sources import InputProblem, Message

_COLORS = {"error": "\033[1;31m", "warning": "\033[1;33m", "info": "\033[1;36m"}
_RESET = "\033[0m"
_BOLD = "\033[1m"
_DIM = "\033[2m"


class TextReporter:
    def __init__(self, out: TextIO, *, color: bool = False, show_fixes: bool = True) -> None:
        self.out = out
        self.color = color
        self.show_fixes = show_fixes

    def _c(self, code: str, text: str) -> str:
        return f"{code}{text}{_RESET}" if self.color else text

    def message(self, msg: Message, diagnostics: list[FileDiagnostic]) -> None:
        w = self.out.write
        for fd in diagnostics:
            d = fd.diagnostic
            sev = d.severity.value
            head = f"{fd.path}:{fd.line}:{fd.column}: "
            w(self._c(_BOLD, head) + self._c(_COLORS[sev], f"{d.rule} [{d.severity.label_ru}]") + f" {d.message}\n")
            if msg.id and not msg.id.startswith(fd.path):
                w(self._c(_DIM, f"  сообщение: {msg.id}") + "\n")
            if fd.source_line:
                gutter = str(fd.line)
                pad = " " * len(gutter)
                width = max(1, min(d.end - d.start, len(fd.source_line) - fd.line_column))
                w(f"{pad} |\n{gutter} | {fd.source_line}\n")
                w(f"{pad} | {' ' * fd.line_column}{self._c(_COLORS[sev], '^' * width)}\n")
            if self.show_fixes and d.fix:
                w(self._c(_DIM, f"  = лучше: {d.fix}") + "\n")
            w("\n")

    def problem(self, problem: InputProblem) -> None:
        pass  # input problems go to stderr (see coach.cli.lint_cmd)

    def finish(self, summary: Summary, config: LintConfig) -> None:
        errors = summary.by_severity.get("error", 0)
        warnings = summary.by_severity.get("warning", 0)
        checked = f"проверено {plural(summary.messages, 'сообщение', 'сообщения', 'сообщений')} в {plural(summary.files, 'файле', 'файлах', 'файлах')}"
        if errors or warnings:
            parts = [plural(errors, "ошибка", "ошибки", "ошибок"), plural(warnings, "предупреждение", "предупреждения", "предупреждений")]
            line = f"Найдено: {', '.join(parts)}; отклонено сообщений: {summary.rejected}; {checked}."
        else:
            line = f"Нарушений нет: {checked}."
        if summary.suppressed:
            line += f" Подавлено: {summary.suppressed}."
        if summary.problems:
            line += f" Ошибок ввода: {len(summary.problems)} (см. выше)."
        self.out.write(line + "\n")
