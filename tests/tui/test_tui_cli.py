"""`coach tui` on the command line: bad settings are one clear line and exit code 2."""

from __future__ import annotations

from click.testing import CliRunner

from coach.cli import cli


def test_bad_setting_is_a_one_line_error_with_exit_code_2(monkeypatch, tmp_path):
    monkeypatch.setenv("COACH_THEME", "blue")
    monkeypatch.setenv("COACH_DB", str(tmp_path / "db.sqlite3"))
    result = CliRunner().invoke(cli, ["tui"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("coach tui:") and "theme" in lines[0]


def test_help_lists_the_options():
    result = CliRunner().invoke(cli, ["tui", "--help"])
    assert result.exit_code == 0
    for option in ("--db", "--theme", "--provider", "--trainee", "--seed"):
        assert option in result.output
