"""A vertical bar chart of scores over sessions (0–100), drawn with block characters."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

__all__ = ["ProgressChart", "render_chart"]

_BLOCKS = " ▁▂▃▄▅▆▇█"


def render_chart(points: list[tuple[str, float]], height: int = 10, maximum: float = 100.0,
                 column_width: int = 3) -> list[str]:
    """Rows of a bar chart (top first), a baseline and the labels' first characters.

    Each point is (label, value); a column is `column_width` cells wide with one
    blank cell between columns; the y axis shows 0, the middle and `maximum`.
    """
    lines: list[str] = []
    axis_width = len(f"{maximum:.0f}") + 1
    for row in range(height, 0, -1):
        if row == height:
            axis = f"{maximum:.0f}"
        elif row == (height + 1) // 2:
            axis = f"{maximum / 2:.0f}"
        else:
            axis = ""
        cells = []
        for _, value in points:
            level = min(max(value / maximum, 0.0), 1.0) * height
            if level >= row:
                cells.append("█" * column_width)
            elif level > row - 1:
                cells.append(_BLOCKS[round((level - (row - 1)) * 8)] * column_width)
            else:
                cells.append(" " * column_width)
        lines.append(axis.rjust(axis_width) + "│" + " ".join(cells))
    lines.append("0".rjust(axis_width) + "└" + "─" * max(len(points) * (column_width + 1) - 1, 1))
    labels = " ".join(label[:column_width].center(column_width) for label, _ in points)
    lines.append(" " * (axis_width + 1) + labels)
    return lines


class ProgressChart(Static):
    """Scores of a trainee's sessions, oldest first."""

    DEFAULT_CSS = """
    ProgressChart { height: auto; }
    """

    def __init__(self, *, chart_height: int = 10, **kwargs: object) -> None:
        super().__init__("", **kwargs)  # type: ignore[arg-type]
        self.chart_height = chart_height
        self.points: list[tuple[str, float]] = []
        self.empty_text = "Пока нет завершённых сессий."

    def set_points(self, points: list[tuple[str, float]]) -> None:
        self.points = points
        if not points:
            self.update(Text(self.empty_text, style="dim"))
            return
        lines = render_chart(points, height=self.chart_height)
        text = Text()
        colour = self.app.current_theme.accent or "cyan"
        for index, line in enumerate(lines):
            axis, _, body = line.partition("│") if "│" in line else (line, "", "")
            if body or "│" in line:
                text.append(axis + "│", style="dim")
                text.append(body, style=colour)
            else:
                text.append(line, style="dim")
            if index < len(lines) - 1:
                text.append("\n")
        self.update(text)
