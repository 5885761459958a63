"""Errors are wholly Chinese too (issue 10, point 16): what an error says was expected, and the
``got`` the library describes rather than echoes (``an empty cell``, ``45 digits``), are catalog
messages with parameters (``i18n.Message``, kept as an ``i18n.Phrase``), no longer English texts
built with f-strings.

Each error is raised through a public entry point and its message (``message(lang)``) and its
JSON (``to_dict(lang)``) are read in zh-Hans and zh-Hant with the Latin-word checker of
``test_language.py`` (same allow-lists; the field an error names, ``what``, stays as the API spells
it, like the ids: docs/decisions.md, "Chinese output"). English keeps its wording, and Python keeps
reading ``error.expected`` in English.
"""

from __future__ import annotations

import datetime as dt
import json
import pickle
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

import wennuan_rules as wr
from test_language import CHINESE, SAMPLES, assert_chinese
from wennuan_rules.cli.main import main
from wennuan_rules.errors import problems_of

SWN = json.loads((SAMPLES / "wuhan-2015__swn.json").read_text("utf-8"))["values"]
ROSTER = SAMPLES / "pingdingshan-2010-roster.csv"
ROSTER_RETURN = SAMPLES / "pingdingshan-2010-roster-return.json"


def _lunar_day(tmp: Path) -> object:
    return wr.from_lunar(2010, 2, 30)


def _lunar_range(tmp: Path) -> object:
    return wr.to_lunar(dt.date(2200, 1, 1))


def _leap_month(tmp: Path) -> object:
    return wr.from_lunar(2023, 3, 1, leap=True)


def _parameter_end(tmp: Path) -> object:
    return wr.Parameters.bundled().with_value(
        "dibao",
        region="changzhou-edz",
        start=dt.date(2020, 1, 1),
        value="900",
        source="常州经开区民政局",
        end=dt.date(2019, 1, 1),
    )


def _parameter_region(tmp: Path) -> object:
    return wr.Parameters.bundled().value_at("dibao", "wuhan", dt.date(2020, 1, 1))


def _parameter_name(tmp: Path) -> object:
    return wr.Parameters.bundled().value_at("tekun", "changzhou-edz", dt.date(2020, 1, 1))


def _compare_other_form(tmp: Path) -> object:
    this = wr.make_return("wuhan-2015:swn", SWN)
    return wr.compare(this, this, "wuhan-2015:center")


def _wrong_file_name(tmp: Path) -> object:
    folder = tmp / "data"
    (folder / "forms").mkdir(parents=True)
    form = Path(wr.__file__).parent / "data" / "forms" / "wuhan-2015__swn.toml"
    (folder / "forms" / "wuhan-2016__swn.toml").write_bytes(form.read_bytes())
    wr.add_data_dir(folder)
    try:
        return wr.forms()
    finally:
        wr.remove_data_dir(folder)


def _workbook_code_twice(tmp: Path) -> object:
    xlsxwriter = pytest.importorskip("xlsxwriter")
    pytest.importorskip("python_calamine")
    path = tmp / "returns.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    for col, text in enumerate(["unit", "01A", "02A", "01A"]):
        sheet.write(0, col, text)
    for col, value in enumerate(["江岸区", 1, 2, 3]):
        sheet.write(1, col, value)
    book.close()
    return list(wr.read_returns(path, form="wuhan-2015:swn"))


def _digits_of_a_return(tmp: Path) -> object:
    return wr.validate("wuhan-2015:swn", {**SWN, "01A": "1" * 45})


def _digits_of_a_roster(tmp: Path) -> object:
    head, row, *_ = ROSTER.read_text("utf-8").splitlines()
    cells = row.split(",")
    cells[head.split(",").index("金额（元）")] = "1" * 45
    path = tmp / "roster.csv"
    path.write_text(f"{head}\n{','.join(cells)}\n", "utf-8")
    return list(wr.read_roster(path))


def _list_audit_not_stated(tmp: Path) -> object:
    return wr.audit_goods([], "wuhan-2015")


def _payments_other_return(tmp: Path) -> object:
    roster = wr.read_roster(ROSTER)
    other = wr.make_return("wuhan-2015:swn", SWN)
    return wr.audit_payments(roster, "pingdingshan-2010", return_values=other)


def _empty_header_cell(tmp: Path) -> object:
    path = tmp / "wide.csv"
    path.write_text("unit,01A,,02A\n江岸区,1,2,3\n", "utf-8")
    return list(wr.read_returns(path, form="wuhan-2015:swn"))


def _row_of_other_width(tmp: Path) -> object:
    path = tmp / "wide.csv"
    path.write_text("unit,01A,02A\n江岸区,1,2,3\n", "utf-8")
    return list(wr.read_returns(path, form="wuhan-2015:swn"))


def _return_of_other_form(tmp: Path) -> object:
    path = tmp / "center.json"
    path.write_text(json.dumps({"form": "wuhan-2015:center", "values": {}}), "utf-8")
    return list(wr.read_returns(path, form="wuhan-2015:swn"))


def _missing_folder(tmp: Path) -> object:
    return list(wr.read_returns(tmp / "no-such-folder"))


def _empty_folder(tmp: Path) -> object:
    (tmp / "returns").mkdir()
    return list(wr.read_returns(tmp / "returns"))


def _members(tmp: Path) -> object:
    return wr.Household(members=500, monthly_income="1000")


def _both_incomes(tmp: Path) -> object:
    return wr.Household(members=2, monthly_income=Decimal(1000), annual_income=Decimal(12000))


def _roll_up_nothing(tmp: Path) -> object:
    return wr.roll_up([])


# (raise it, English message (or a part), error.expected in Python, a part of it in zh-Hans)
CASES: dict[str, tuple[Callable[[Path], object], str, str | None, str]] = {
    "lunar day": (
        _lunar_day,
        "day: 二月 of lunar year 2010 has 29 days, so day 30 does not exist",
        "1–29",
        "1–29",
    ),
    "lunar range": (
        _lunar_range,
        "expected 1900-01-31 … 2100-12-31",
        "1900-01-31 … 2100-12-31",
        "1900-01-31 … 2100-12-31",
    ),
    "leap month": (
        _leap_month,
        "leap: the leap month of lunar year 2023 is 闰二月, so 闰三月 does not exist",
        "闰二月",
        "闰二月",
    ),
    "parameter end": (
        _parameter_end,
        "end: expected a date on or after 2020-01-01, got 2019-01-01",
        "a date on or after 2020-01-01",
        "2020-01-01 当日或之后的日期",
    ),
    "parameter region": (
        _parameter_region,
        "no dibao value for region wuhan (known regions: changzhou-edz)",
        "one of: changzhou-edz",
        "以下之一：changzhou-edz",
    ),
    "parameter name": (
        _parameter_name,
        "no tekun value for region changzhou-edz (known regions: none)",
        "one of: none",
        "以下之一：无",
    ),
    "compare": (
        _compare_other_form,
        "form: expected a return of wuhan-2015:center, got wuhan-2015:swn",
        "a return of wuhan-2015:center",
        "表 wuhan-2015:center 的报表",
    ),
    "form file name": (
        _wrong_file_name,
        "key id: expected a file named wuhan-2015__swn.toml, got wuhan-2015:swn",
        "a file named wuhan-2015__swn.toml",
        "名为 wuhan-2015__swn.toml 的文件",
    ),
    "workbook code twice": (
        _workbook_code_twice,
        "01A: column 01A appears twice",
        "once (first at Sheet1!B1)",
        "只出现一次（首次在 Sheet1!B1）",
    ),
    "digits of a return": (
        _digits_of_a_return,
        "01A: a number of 45 digits is too large to be a real figure; expected at most 40 digits",
        "at most 40 digits",
        "45 位数字",
    ),
    "digits of a roster": (
        _digits_of_a_roster,
        "amount: a number of 45 digits is too large to be a real figure",
        "at most 40 digits",
        "45 位数字",
    ),
    "list audit": (
        _list_audit_not_stated,
        "campaign: expected a campaign whose notice states the goods audit (pingdingshan-2022), "
        "got wuhan-2015",
        "a campaign whose notice states the goods audit: pingdingshan-2022",
        "通知规定了 goods 审核的活动：pingdingshan-2022",
    ),
    "payments return": (
        _payments_other_return,
        "return_values: expected a return of pingdingshan-2010:swn, got wuhan-2015:swn",
        "a return of pingdingshan-2010:swn",
        "表 pingdingshan-2010:swn 的报表",
    ),
    "empty header cell": (
        _empty_header_cell,
        "file: expected a line item code in every header cell, got an empty cell",
        "a line item code in every header cell",
        "空单元格",
    ),
    "row width": (
        _row_of_other_width,
        "file: expected 3 cells as in the header, got 4 cells",
        "3 cells as in the header",
        "与表头相同的 3 个单元格",
    ),
    "return of another form": (
        _return_of_other_form,
        "form: expected returns of wuhan-2015:swn (as --form says), got wuhan-2015:center",
        "returns of wuhan-2015:swn (as --form says)",
        "表 wuhan-2015:swn 的报表（按 --form 所指定）",
    ),
    "missing folder": (_missing_folder, ": no such file", "a readable file", "没有该文件"),
    "empty folder": (
        _empty_folder,
        "file: expected a folder with .json, .csv, .xlsx or .xls returns, got no such file",
        "a folder with .json, .csv, .xlsx or .xls returns",
        "没有该文件",
    ),
    "members": (
        _members,
        "members: expected a whole number of people from 1 to 100, got 500",
        "a whole number of people from 1 to 100",
        "1 至 100 的整数人数",
    ),
    "both incomes": (
        _both_incomes,
        "give exactly one of monthly_income and annual_income",
        "exactly one of monthly_income, annual_income",
        "二者都给出",
    ),
    "roll-up of nothing": (
        _roll_up_nothing,
        "returns: expected at least one return to add up, got none",
        "at least one return to add up",
        "无",
    ),
}


def _error(name: str, tmp: Path) -> wr.WennuanError:
    with pytest.raises(wr.WennuanError) as info:
        CASES[name][0](tmp)
    return info.value


#: Values the caller typed, echoed back (a parameter and a region that do not exist).
TYPED = {"parameter region": ["wuhan"], "parameter name": ["tekun"]}


def _allowed(name: str, error: wr.WennuanError, tmp: Path) -> list[str]:
    """The field the error names (as the API spells it), the file and folder of the run, the
    values typed, and the audit kind of the list audit (an id: its report's form is
    ``<campaign>:goods``)."""
    return [w for w in (error.what, error.file, str(tmp)) if w] + ["goods", *TYPED.get(name, [])]


@pytest.mark.parametrize("lang", CHINESE)
@pytest.mark.parametrize("name", list(CASES))
def test_error_is_wholly_chinese(name: str, lang: str, tmp_path: Path) -> None:
    error = _error(name, tmp_path)
    for problem in problems_of(error):
        allowed = _allowed(name, problem, tmp_path)
        assert_chinese(problem.message(lang), lang, allowed, f"{name} message")
        data = problem.to_dict(lang)
        for key in ("message", "expected", "got"):
            assert_chinese(data[key] or "", lang, allowed, f"{name} to_dict {key}")


@pytest.mark.parametrize("name", list(CASES))
def test_english_reads_as_before_and_python_keeps_english(name: str, tmp_path: Path) -> None:
    _raise, english, expected, chinese = CASES[name]
    error = problems_of(_error(name, tmp_path))[0]
    assert english in error.message("en")
    assert error.expected == expected and error.to_dict("en")["expected"] == expected
    shown = error.to_dict("zh-Hans")
    assert chinese in f"{shown['message']} {shown['expected']} {shown['got']}"


@pytest.mark.parametrize("name", ["compare", "empty header cell", "digits of a return"])
def test_errors_stay_picklable_in_every_language(name: str, tmp_path: Path) -> None:
    error = problems_of(_error(name, tmp_path))[0]
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is type(error)
    assert (again.expected, again.got) == (error.expected, error.got)
    for lang in ("zh-Hans", "zh-Hant", "en"):
        assert again.message(lang) == error.message(lang)
        assert again.to_dict(lang) == error.to_dict(lang)


# -- the command line ---------------------------------------------------------------------------


def _cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        code = main(argv)
    except SystemExit as exc:  # a usage error
        code = int(exc.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


AUDIT = ["payments", str(ROSTER), "--campaign", "pingdingshan-2010"]


@pytest.mark.parametrize(
    "argv",
    [
        ["audit", "--lang", "zh-Hant", *AUDIT],
        ["audit", "payments", "--lang", "zh-Hant", *AUDIT[1:]],
        ["audit", *AUDIT, "--lang", "zh-Hant"],
    ],
    ids=["before the kind", "after the kind", "at the end"],
)
def test_audit_takes_lang_after_the_command_word(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _cli(argv, capsys)
    assert code == 1 and not err  # the sample roster has findings
    assert "發現錯誤" in out and "发现错误" not in out
    assert_chinese(out, "zh-Hant", [str(ROSTER), "pingdingshan-2010"], " ".join(argv))


def test_audit_takes_format_and_output_before_the_kind(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before, after = tmp_path / "before.json", tmp_path / "after.json"
    code, out, err = _cli(
        ["audit", "--format", "json", "-o", str(before), "--lang", "en", *AUDIT], capsys
    )
    assert code == 1 and not out and not err
    code, _out, _err = _cli(
        ["audit", *AUDIT, "--format", "json", "-o", str(after), "--lang", "en"], capsys
    )
    assert code == 1
    report = json.loads(before.read_text("utf-8"))
    assert report["form"] == "pingdingshan-2010:payments"
    assert report == json.loads(after.read_text("utf-8"))


def test_audit_options_after_the_kind_win(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = _cli(["audit", "--lang", "zh-Hant", *AUDIT, "--lang", "en"], capsys)
    assert code == 1 and "ERRORS FOUND" in out


@pytest.mark.parametrize("lang", CHINESE)
def test_audit_payments_with_a_return_of_another_form_is_chinese(
    lang: str, capsys: pytest.CaptureFixture[str]
) -> None:
    other = SAMPLES / "wuhan-2015__swn.json"
    code, out, err = _cli(["audit", *AUDIT, "--return", str(other), "--lang", lang], capsys)
    assert code == 2 and not out
    assert "wuhan-2015:swn" in err and "pingdingshan-2010:swn" in err
    assert_chinese(err, lang, [str(other), "form"], "audit --return of another form")


@pytest.mark.parametrize("lang", CHINESE)
def test_audit_payments_with_two_returns_is_chinese(
    lang: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "returns"
    folder.mkdir()
    for name in ("a.json", "b.json"):
        (folder / name).write_bytes(ROSTER_RETURN.read_bytes())
    code, out, err = _cli(["audit", *AUDIT, "--return", str(folder), "--lang", lang], capsys)
    assert code == 2 and not out
    assert "2 " in err and "pingdingshan-2010:swn" in err
    assert_chinese(err, lang, [str(folder), "--return"], "audit --return of two returns")
