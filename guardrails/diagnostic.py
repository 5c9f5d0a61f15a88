"""What a rule reports: one `Diagnostic` per finding, with a character span."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

__all__ = ["Severity", "Diagnostic"]


class Severity(str, Enum):
    """Ordered severities; `error` rejects a message."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANK[self]

    def __ge__(self, other: object) -> bool:  # type: ignore[override]
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank >= other.rank

    def __gt__(self, other: object) -> bool:  # type: ignore[override]
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank > other.rank

    def __le__(self, other: object) -> bool:  # type: ignore[override]
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank <= other.rank

    def __lt__(self, other: object) -> bool:  # type: ignore[override]
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank < other.rank

    @property
    def label_ru(self) -> str:
        return _LABEL_RU[self]


_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}
_LABEL_RU = {Severity.INFO: "заметка", Severity.WARNING: "предупреждение", Severity.ERROR: "ошибка"}


@dataclass(slots=True)
class Diagnostic:
    """One finding in one message.

    `start`/`end` are character offsets into the message text (end exclusive).
    Context rules that concern the message as a whole use the span of the
    offending mention when there is one, else the whole text.
    """

    rule: str
    name: str
    severity: Severity
    message: str
    start: int
    end: int
    fix: str | None = None
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def to_dict(self) -> dict[str, object]:
        d: dict[str, object] = {
            "rule": self.rule,
            "name": self.name,
            "severity": self.severity.value,
            "message": self.message,
            "start": self.start,
            "end": self.end,
        }
        if self.fix:
            d["fix"] = self.fix
        return d
