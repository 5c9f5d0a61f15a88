from __future__ import annotations

from tui.spans import LineSpan, line_starts, location, to_line_spans


def test_line_starts_and_location():
    text = "ab\ncde\n\nf"
    starts = line_starts(text)
    assert starts == [0, 3, 7, 8]
    assert location(starts, 0) == (0, 0)
    assert location(starts, 4) == (1, 1)
    assert location(starts, 8) == (3, 0)


def test_span_inside_one_line():
    assert to_line_spans("Вам надо взять", [(4, 8, "error")]) == [LineSpan(0, 4, 8, "error")]


def test_span_across_lines_is_split_per_line_without_the_newline():
    text = "первая строка\nвторая"
    spans = to_line_spans(text, [(7, 20, "warning")])
    assert spans == [LineSpan(0, 7, 13, "warning"), LineSpan(1, 0, 6, "warning")]
    assert text[7:13] == "строка"


def test_empty_span_is_widened_and_clamped():
    assert to_line_spans("abc", [(3, 3, "info")]) == [LineSpan(0, 2, 3, "info")]
    assert to_line_spans("abc", [(1, 99, "info")]) == [LineSpan(0, 1, 3, "info")]
    assert to_line_spans("", [(0, 0, "info")]) == []
