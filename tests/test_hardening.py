"""Issue 10 (hardening): silent acceptance, crashes, damaged output, privacy, one point a test.

Each test names the point of the issue it holds; each failed on the code before the fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from wennuan_rules.audits.readers import read_roster
from wennuan_rules.audits.visits import read_visits
from wennuan_rules.cli import main
from wennuan_rules.eligibility.cli import read_households
from wennuan_rules.errors import InputFileError
from wennuan_rules.form import read_returns


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# -- 1. repeated JSON keys ---------------------------------------------------------------------

REPEATED = '[{"members": 2,\n  "monthly_income": "99999", "monthly_income": "900"}]\n'


def _repeated(tmp_path: Path, text: str, name: str = "f.json") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_1_a_repeated_household_key_is_refused_naming_key_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _repeated(tmp_path, REPEATED)
    code, out, err = run(capsys, "assess", "--campaign", "wuhan-2015", "--lang", "en", str(path))
    assert code == 2 and "eligible" not in out
    assert f"{path}:2:" in err and "monthly_income" in err and "twice" in err


@pytest.mark.parametrize(
    ("reader", "text"),
    [
        (
            lambda p: list(read_returns(p)),
            '{"form": "wuhan-2015:swn",\n"values": {"05A": 1, "05A": 2}}',
        ),
        (lambda p: list(read_households(p)[1]), REPEATED),
        (read_roster, '{"payments": [{"name": "张三",\n "amount": "9", "amount": "8"}]}'),
        (read_roster, '{"unit": "叶县",\n "unit": "卫东区", "payments": []}'),
        (read_visits, '{"households": [{"ref": "a",\n "kind": "worker", "kind": "retiree"}]}'),
    ],
)
def test_1_every_reader_refuses_a_repeated_key(tmp_path: Path, reader: object, text: str) -> None:
    path = _repeated(tmp_path, text)
    with pytest.raises(InputFileError) as info:
        reader(path)  # type: ignore[operator]
    assert info.value.line == 2
    assert "twice" in info.value.message("en")


def test_1_json_lines_name_the_line_of_the_repeated_key(tmp_path: Path) -> None:
    path = _repeated(tmp_path, '\n{"amount": "9", "amount": "8"}\n', "r.jsonl")
    with pytest.raises(InputFileError) as info:
        read_roster(path)
    assert info.value.line == 2 and info.value.what == "amount"
