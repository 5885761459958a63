"""The command line's contract: unusable input exits 2 with one line on stderr, no traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import wennuan_rules as wr
from wennuan_rules.cli import main


def _one_line_error(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    return lines[0]


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == wr.__version__


def test_no_command_prints_help_and_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    # issue 10, point 11: the commands are named in one line on stderr (no longer help on stdout)
    assert main([]) == 2
    captured = capsys.readouterr()
    assert "check" in captured.err and captured.err.count("\n") == 1 and captured.out == ""


def test_unknown_language_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["campaigns", "--lang", "fr"]) == 2
    line = _one_line_error(capsys)
    assert "fr" in line


def test_missing_file_names_the_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = tmp_path / "nope.csv"
    assert main(["check", str(missing), "--form", "wuhan-2015:swn", "--lang", "en"]) == 2
    assert "nope.csv" in _one_line_error(capsys)


def test_bad_option_exits_2_without_traceback(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["check", "--format", "xml"])
    assert info.value.code == 2
    assert "Traceback" not in capsys.readouterr().err


def test_console_script_runs_the_sample() -> None:
    # the README's first command: exit 1 because the sample return carries one error on purpose
    done = subprocess.run(
        [sys.executable, "-m", "wennuan_rules.cli", "check", "--sample", "--lang", "en"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert "05A" in done.stdout
    assert "Traceback" not in done.stderr


def test_closed_pipe_stops_quietly(tmp_path: Path) -> None:
    rows = "\n".join('{"members": 1, "monthly_income": "100"}' for _ in range(3000))
    path = tmp_path / "h.jsonl"
    path.write_text(rows, encoding="utf-8")
    done = subprocess.run(
        f"{sys.executable} -m wennuan_rules.cli assess {path} --campaign changzhou-edz-2021 "
        "--on 2021-01-10 | head -1",
        shell=True,
        capture_output=True,
        text=True,
        check=False,
    )
    assert "Traceback" not in done.stderr
    assert "Broken pipe" not in done.stderr
