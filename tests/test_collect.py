"""Issue 10 point 12: collect, don't stop. Every reader reads its file to the end and names every
input problem (file, line, column, field); the default call raises them all as one error, and
``errors="collect"`` returns the usable records with the problems; every command checks every
usable item, prints its report, tells each problem on one stderr line and exits 2."""

from __future__ import annotations

import contextlib
import io
import json
import pickle
from pathlib import Path

import pytest

import wennuan_rules as wr
from wennuan_rules._io import PROBLEM_LIMIT, Collected
from wennuan_rules.audits import read_families, read_roster, read_visits
from wennuan_rules.cli.main import main
from wennuan_rules.eligibility.readers import read_households
from wennuan_rules.errors import InputFileError, InputProblems, InvalidValueError, WennuanError
from wennuan_rules.form import read_returns

SAMPLES = Path(wr.__file__).parent / "data" / "samples"
FORM = "wuhan-2015:swn"

WIDE = "unit,01A,01B\n甲,12,3\n乙,1x,3\n丙,7,2\n丁,4,y\n"
ROSTER = (SAMPLES / "pingdingshan-2010-roster.csv").read_text("utf-8").splitlines()
VISITS = (SAMPLES / "wuhan-2015-visits.csv").read_text("utf-8").splitlines()


def write(path: Path, text: str) -> Path:
    path.write_text(text, "utf-8")
    return path


def _break(lines: list[str], at: dict[int, tuple[int, str]]) -> str:
    """The CSV ``lines`` with cell ``col`` of line ``n`` (1-based) replaced, for each ``n``."""
    out = []
    for number, line in enumerate(lines, start=1):
        if number in at:
            col, text = at[number]
            cells = line.split(",")
            cells[col] = text
            line = ",".join(cells)
        out.append(line)
    return "\n".join(out) + "\n"


def _bad_roster(tmp_path: Path) -> Path:
    # line 3: an amount typed with a letter; line 6: a date that does not exist
    return write(tmp_path / "roster.csv", _break(ROSTER, {3: (3, "8OO.00"), 6: (4, "2010-02-30")}))


def _bad_visits(tmp_path: Path) -> Path:
    return write(tmp_path / "visits.csv", _break(VISITS, {2: (1, "2015-13-10"), 4: (1, "昨天")}))


def lines_and_columns(exc: WennuanError) -> list[tuple[int | None, object]]:
    return [(p.line, p.column) for p in exc_problems(exc)]


def exc_problems(exc: WennuanError) -> tuple[WennuanError, ...]:
    assert isinstance(exc, InputProblems), type(exc)
    return exc.problems


# -- the Python API: every reader ------------------------------------------------------------------


def test_returns_wide_csv_two_bad_cells_both_named_good_rows_kept(tmp_path: Path) -> None:
    path = write(tmp_path / "r.csv", WIDE)
    reader = read_returns(path, form=FORM)
    units = []
    with pytest.raises(InputProblems) as info:
        for ret in reader:
            units.append(ret.unit)
    assert units == ["甲", "丙"]  # every usable row came before the error
    assert lines_and_columns(info.value) == [(3, "2 (01A)"), (5, "3 (01B)")]
    assert all(p.file == str(path) for p in info.value.problems)
    found = read_returns(path, form=FORM, errors="collect")
    assert isinstance(found, Collected)
    assert [r.unit for r in found.records] == ["甲", "丙"]
    assert [(p.line, p.what) for p in found.problems] == [(3, "01A"), (5, "01B")]


def test_returns_long_csv_and_json_name_every_bad_line(tmp_path: Path) -> None:
    long = write(tmp_path / "l.csv", "code,value\n01A,x\n01B,2\n99Z,3\n")
    with pytest.raises(InputProblems) as info:
        list(read_returns(long, form=FORM))
    assert lines_and_columns(info.value) == [(2, "value"), (4, "code")]
    returns = [
        {"form": FORM, "unit": "甲", "values": {"01A": "abc"}},
        {"form": FORM, "unit": "乙", "values": {"01A": 5}},
        {"form": FORM, "unit": "丙", "values": {"01B": "?"}},
    ]
    doc = write(tmp_path / "r.json", json.dumps(returns, ensure_ascii=False))
    records, problems = read_returns(doc, errors="collect")
    assert [r.unit for r in records] == ["乙"]  # type: ignore[attr-defined]
    assert [p.column for p in problems] == ["[0].values.01A", "[2].values.01B"]  # type: ignore[attr-defined]


def test_households_two_bad_lines_both_named(tmp_path: Path) -> None:
    path = write(
        tmp_path / "h.jsonl",
        '{"members": 2, "monthly_income": "900"}\n'
        '{"members": "x", "monthly_income": "900"}\n'
        "{not json\n"
        '{"members": 3, "annual_income": "20000"}\n',
    )
    single, households = read_households(path)
    assert not single
    got = []
    with pytest.raises(InputProblems) as info:
        for h in households:
            got.append(h.members)
    assert got == [2, 3]
    assert [p.line for p in info.value.problems] == [2, 3]
    found = read_households(path, errors="collect")
    assert [h.members for h in found.records] == [2, 3]
    assert [p.line for p in found.problems] == [2, 3]


def test_roster_two_bad_rows_both_named_the_rest_read(tmp_path: Path) -> None:
    path = _bad_roster(tmp_path)
    with pytest.raises(InputProblems) as info:
        read_roster(path)
    assert lines_and_columns(info.value) == [(3, "amount"), (6, "paid_on")]
    found = read_roster(path, errors="collect")
    assert len(found.records.payments) == len(ROSTER) - 1 - 2
    assert 3 not in {p.row for p in found.records.payments}
    assert found.records.unit is None and not found.ok


def test_visits_and_families_two_bad_rows_both_named(tmp_path: Path) -> None:
    with pytest.raises(InputProblems) as info:
        read_visits(_bad_visits(tmp_path))
    assert lines_and_columns(info.value) == [(2, "date"), (4, "date")]
    plan = read_visits(_bad_visits(tmp_path), errors="collect").records
    assert len(plan.visits) == len(VISITS) - 1 - 2
    families = write(
        tmp_path / "f.csv",
        "ref,name,id_number,file_category,filed_on\nA,,,特困,2014-01-01\n"
        ",张,,特困,2014-01-01\nB,,,特困,2014-13-01\nC,,,特困,\n",
    )
    with pytest.raises(InputProblems) as info:
        read_families(families)
    assert [(p.line, p.column) for p in info.value.problems] == [(3, "ref"), (4, "filed_on")]
    kept, problems = read_families(families, errors="collect")
    assert [f.ref for f in kept] == ["A", "C"]  # type: ignore[attr-defined]
    assert len(problems) == 2  # type: ignore[arg-type]


def test_one_problem_is_raised_as_itself(tmp_path: Path) -> None:
    path = write(tmp_path / "r.csv", "unit,01A\n甲,x\n乙,1\n")
    with pytest.raises(InvalidValueError) as info:
        list(read_returns(path, form=FORM))
    assert not isinstance(info.value, InputProblems) and info.value.line == 2


def test_the_limit_keeps_a_thousand_then_counts(tmp_path: Path) -> None:
    rows = "".join(f"u{i},x\n" for i in range(PROBLEM_LIMIT + 5))
    path = write(tmp_path / "r.csv", "unit,01A\n" + rows + "ok,1\n")
    found = read_returns(path, form=FORM, errors="collect")
    assert [r.unit for r in found.records] == ["ok"]
    assert len(found.problems) == PROBLEM_LIMIT + 1
    assert (
        found.problems[-1]
        .message("en")
        .endswith("5 more problems not listed (only the first 1000 are)")
    )
    assert "另有 5 处问题未列出" in found.problems[-1].message("zh-Hans")


def test_input_problems_pickle_and_list_every_problem(tmp_path: Path) -> None:
    with pytest.raises(InputProblems) as info:
        list(read_returns(write(tmp_path / "r.csv", WIDE), form=FORM))
    again = pickle.loads(pickle.dumps(info.value))
    assert isinstance(again, InputProblems) and isinstance(again, InputFileError)
    assert [p.line for p in again.problems] == [3, 5]
    data = again.to_dict("en")
    assert [p["line"] for p in data["problems"]] == [3, 5]
    assert again.message("en").count("\n") == 1  # one line per problem


def test_workbook_problems_is_the_generic_class(tmp_path: Path) -> None:
    from wennuan_rules.form.workbook import WorkbookProblems

    xlsxwriter = pytest.importorskip("xlsxwriter")
    path = tmp_path / "b.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Sheet1")
    for r, row in enumerate([["unit", "01A", "01B"], ["a", "abc", 1], ["b", 2, 3], ["c", 4, "x"]]):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    book.close()
    with pytest.raises(WorkbookProblems) as info:
        list(read_returns(path, form=FORM))
    assert isinstance(info.value, InputProblems)
    assert [p.column for p in info.value.problems] == ["Sheet1!B2 (01A)", "Sheet1!C4 (01B)"]
    found = read_returns(path, form=FORM, errors="collect")
    assert [r.unit for r in found.records] == ["b"]


def test_errors_must_be_raise_or_collect(tmp_path: Path) -> None:
    with pytest.raises(InvalidValueError):
        read_roster(_bad_roster(tmp_path), errors="ignore")  # type: ignore[call-overload]


# -- the command line ------------------------------------------------------------------------------


def run(*argv: str) -> tuple[int, str, list[str]]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue().splitlines()


def test_check_names_both_bad_cells_and_reports_the_good_rows(tmp_path: Path) -> None:
    path = write(tmp_path / "r.csv", WIDE)
    code, out, err = run("check", str(path), "--form", FORM, "--format", "json", "--lang", "en")
    assert code == 2
    assert [r["unit"] for r in json.loads(out)] == ["甲", "丙"]
    assert len(err) == 2 and ":3:2 (01A): " in err[0] and ":5:3 (01B): " in err[1]
    code, out, err = run("check", str(path), "--form", FORM, "--lang", "zh-Hans")
    assert code == 2 and "甲" in out and "丙" in out and len(err) == 2
    assert all(line.startswith("wennuan-rules: ") for line in err)


def test_assess_names_both_bad_households_and_assesses_the_rest(tmp_path: Path) -> None:
    path = write(
        tmp_path / "h.jsonl",
        '{"ref": "a", "members": 2, "monthly_income": "900"}\n'
        '{"ref": "b", "members": "x", "monthly_income": "900"}\n'
        '{"ref": "c", "members": 2, "monthly_income": "-1"}\n'
        '{"ref": "d", "members": 1, "monthly_income": "500"}\n',
    )
    argv = ["assess", str(path), "--campaign", "changzhou-edz-2021", "--format", "json"]
    code, out, err = run(*argv, "--lang", "en")
    assert code == 2
    assert [json.loads(line)["ref"] for line in out.splitlines()] == ["a", "d"]
    assert [line.split(":")[2] for line in err] == ["2", "3"]


def test_audit_payments_names_both_bad_rows_and_audits_the_rest(tmp_path: Path) -> None:
    path = _bad_roster(tmp_path)
    argv = ["audit", "payments", str(path), "--campaign", "pingdingshan-2010", "--format", "json"]
    code, out, err = run(*argv, "--lang", "en")
    assert code == 2
    report = json.loads(out)
    assert report["extra"]["rows"] == len(ROSTER) - 1 - 2
    assert len(err) == 2 and ":3:amount: " in err[0] and ":6:paid_on: " in err[1]


def test_audit_visits_names_both_bad_rows_and_audits_the_rest(tmp_path: Path) -> None:
    path = _bad_visits(tmp_path)
    argv = ["audit", "visits", str(path), "--campaign", "wuhan-2015", "--format", "json"]
    code, out, err = run(*argv, "--lang", "zh-Hant")
    assert code == 2
    assert json.loads(out)["extra"]["visits"] == len(VISITS) - 1 - 2
    assert len(err) == 2 and ":2:date: " in err[0] and ":4:date: " in err[1]
