"""Excel in: numbers at 15 significant digits into Decimal, wide sheets (merged titles too), the
printed layout of each bundled form, .xls, every problem named by sheet and cell."""

from __future__ import annotations

import pickle
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import wennuan_rules as wr
from wennuan_rules._io.excel import _row, cell_name, lost_digits, number
from wennuan_rules.errors import InputFileError, WennuanError
from wennuan_rules.form.layout import default_layout, get_layout, parse_cell
from wennuan_rules.form.workbook import WorkbookProblems, read_workbook

xlsxwriter = pytest.importorskip("xlsxwriter")
pytest.importorskip("python_calamine")

FORM = "wuhan-2015:swn"
DATA = Path(__file__).parent / "data" / "excel"


def workbook(path: Path, sheets: dict[str, list[list[Any]]], merge: Any = None) -> Path:
    book = xlsxwriter.Workbook(str(path))
    for name, rows in sheets.items():
        ws = book.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is not None:
                    ws.write(r, c, value)
        if merge is not None:
            merge(ws)
    book.close()
    return path


# -- numbers ---------------------------------------------------------------------------------------


def test_floats_are_read_at_15_significant_digits_into_decimal() -> None:
    assert number(0.1 + 0.2) == Decimal("0.3")
    assert str(number(0.1 + 0.2)) == "0.3"
    assert number(1 / 3) == Decimal("0.333333333333333")
    assert str(number(5.0)) == "5"
    assert number(1e-7) == Decimal("0.0000001") and number(1e-7).as_tuple().exponent == -7
    assert str(number(-0.0)) == "0"  # Excel shows a negative zero as 0
    assert str(number(123456.123456)) == "123456.123456"


@given(st.decimals(min_value=0, max_value=10**8, places=6, allow_nan=False))
def test_amounts_of_6_decimals_survive_a_float(value: Decimal) -> None:
    # anything a statistician types in 万元 (≤ 15 significant digits) reads back exactly
    assert number(float(value)) == value


@given(
    st.one_of(
        st.floats(allow_nan=False),
        st.integers(-(10**18), 10**18).map(float),
        st.decimals(-(10**9), 10**9, places=6, allow_nan=False).map(float),
    )
)
def test_a_row_of_floats_reads_as_excel_shows_each_number(value: float) -> None:
    # the reader's fast paths (whole numbers, repr of at most 15 digits) give exactly number()
    lost: set[tuple[int, int]] = set()
    (cell,) = _row([value], 7, lost)
    assert isinstance(cell, Decimal) and str(cell) == str(number(value))
    assert lost == ({(7, 0)} if lost_digits(value) else set())


def test_a_whole_number_of_more_than_15_digits_has_lost_digits() -> None:
    assert lost_digits(float(110101199001011234))
    assert not lost_digits(float(10**15 - 1))
    assert not lost_digits(0.5)
    assert cell_name(11, 2) == "C12" and cell_name(0, 27) == "AB1"
    assert parse_cell("ab12") == (11, 27) and parse_cell("12") is None


def test_an_id_number_stored_as_a_number_is_its_own_problem(tmp_path: Path) -> None:
    path = workbook(tmp_path / "id.xlsx", {"S": [["unit", "01A"], ["x", 110101199001011234]]})
    with pytest.raises(WorkbookProblems) as info:
        read_workbook(str(path), "id.xlsx", wr.get_form(FORM))
    (problem,) = info.value.problems
    assert problem.column == "S!B2 (01A)"
    assert "15" in problem.message("en") and "ID" in problem.message("en")
    assert "15 位" in problem.message("zh-Hans")


# -- wide sheets -----------------------------------------------------------------------------------


def test_wide_sheet_one_return_per_row_with_merged_header_cells(tmp_path: Path) -> None:
    rows = [
        ["2015年工会送温暖活动统计表", None, None, None],
        [None, "职工", None, "款物"],
        ["填报单位", "01A", "01(B)", "05A"],
        ["江岸区总工会", 1200, 300, 0.1 + 0.2],
        [None, None, None, None],
        ["江汉区总工会", 900, None, "12.5"],
    ]

    def merge(ws: Any) -> None:
        ws.merge_range(0, 0, 0, 3, "2015年工会送温暖活动统计表")
        ws.merge_range(1, 1, 1, 2, "职工")

    path = workbook(tmp_path / "wide.xlsx", {"明细": rows}, merge)
    first, second = wr.read_returns(path, form=FORM)
    assert first.unit == "江岸区总工会" and first.line == 4
    assert first.values == {"01A": Decimal(1200), "01B": Decimal(300), "05A": Decimal("0.3")}
    assert second.values == {"01A": Decimal(900), "01B": None, "05A": Decimal("12.5")}


def test_a_wide_sheet_below_empty_rows_keeps_its_row_numbers(tmp_path: Path) -> None:
    rows = [[None, None], [None, None], ["unit", "01A"], ["a", 1], ["b", 0.1 + 0.2]]
    path = workbook(tmp_path / "low.xlsx", {"S": rows})
    first, second = read_workbook(str(path), "low.xlsx", wr.get_form(FORM))
    assert (first.ret.line, first.cells["01A"]) == (4, (3, 1))
    assert second.ret.values == {"01A": Decimal("0.3")} and second.ret.unit == "b"


def test_problems_of_a_long_wide_sheet_are_all_named(tmp_path: Path) -> None:
    rows: list[list[Any]] = [["unit", "01A", "01B"]]
    rows += [[f"u{i}", i, "x" if i % 250 == 0 else 1] for i in range(1, 1001)]
    path = workbook(tmp_path / "long.xlsx", {"S": rows})
    with pytest.raises(WorkbookProblems) as info:
        read_workbook(str(path), "long.xlsx", wr.get_form(FORM))
    assert [p.column for p in info.value.problems] == [
        f"S!C{i + 1} (01B)" for i in (250, 500, 750, 1000)
    ]


def test_xls_file_is_read(tmp_path: Path) -> None:
    first, second = wr.read_returns(DATA / "wide.xls", form=FORM)
    assert first.unit == "江岸区总工会"
    assert first.values["05A"] == Decimal("0.3")
    assert first.values["05B"] == Decimal("12.345678")
    assert second.values["01B"] is None
    assert second.values["05A"] == Decimal("1234567.123456")


def test_every_problem_is_collected_with_sheet_cell_and_code(tmp_path: Path) -> None:
    rows = [["unit", "01A", "01B", "ZZZ"], ["a", "abc", -1, 1], ["b", 2, "x", 1]]
    path = workbook(tmp_path / "bad.xlsx", {"Sheet1": rows})
    with pytest.raises(WorkbookProblems) as info:
        list(wr.read_returns(path, form=FORM))
    where = [p.column for p in info.value.problems]
    assert where == ["Sheet1!D1", "Sheet1!B2 (01A)", "Sheet1!C3 (01B)"]
    text = info.value.message("en")
    assert text.count("\n") == 2 and "bad.xlsx" in text
    again = pickle.loads(pickle.dumps(info.value))
    assert [p.column for p in again.problems] == where and again.message("en") == text


def test_no_return_in_the_workbook_is_an_error(tmp_path: Path) -> None:
    path = workbook(tmp_path / "none.xlsx", {"Notes": [["hello"]]})
    with pytest.raises(InputFileError) as info:
        list(wr.read_returns(path))
    assert "Notes" in str(info.value.got)


def test_missing_extra_names_the_install_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = workbook(tmp_path / "w.xlsx", {"S": [["unit", "01A"], ["a", 1]]})
    monkeypatch.setitem(sys.modules, "python_calamine", None)  # import fails: not installed
    with pytest.raises(WennuanError) as info:
        list(wr.read_returns(path, form=FORM))
    assert "pip install 'wennuan-rules[excel]'" in info.value.message("en")
    assert "pip install 'wennuan-rules[excel]'" in info.value.message("zh-Hans")


# -- the printed layout ----------------------------------------------------------------------------


def test_bundled_layouts_place_every_item_once() -> None:
    for form in wr.forms():
        layout = get_layout(form)
        assert set(layout.cells) == set(form.codes)
        assert len(set(layout.cells.values())) == len(form.codes)
        assert layout.unit not in layout.cells.values()


def test_printed_sheet_is_read_by_the_codes_printed_in_it(tmp_path: Path) -> None:
    # a sheet that looks like the attachment, its rows moved down by two and in another order
    form = wr.get_form(FORM)
    layout = default_layout(form)
    rows: list[list[Any]] = [[form.title.zh_hans], [], [], ["填报单位：江岸区总工会"]]
    for i, code in enumerate(reversed(form.codes[:4])):
        value_col = layout.cells[code][1]
        row: list[Any] = [None] * (value_col + 1)
        row[layout.code_column] = code
        row[value_col] = 10 + i
        rows.append(row)
    path = workbook(tmp_path / "p.xlsx", {"表1": rows})
    (found,) = read_workbook(str(path), "p.xlsx")
    assert found.ret.form == FORM and found.ret.unit == "江岸区总工会"
    assert found.ret.values["01A"] == Decimal(13) and found.ret.values["02B"] == Decimal(10)
    assert found.cells["01A"] == (7, layout.cells["01A"][1])


def test_printed_sheet_without_codes_is_read_at_the_layout_cells(tmp_path: Path) -> None:
    form = wr.get_form(FORM)
    layout = get_layout(form)
    size = max(r for r, _ in layout.cells.values()) + 1
    rows: list[list[Any]] = [[None] * 6 for _ in range(size)]
    rows[layout.unit[0]][layout.unit[1] - 1] = "填报单位"
    rows[layout.unit[0]][layout.unit[1]] = "某工会"
    r, c = layout.cells["04C"]
    rows[r][c] = 77
    path = workbook(tmp_path / "p.xlsx", {"S": rows})
    (ret,) = wr.read_returns(path, form=FORM)
    assert ret.unit == "某工会" and ret.values["04C"] == Decimal(77)
    assert ret.values["01A"] is None


def test_excel_rows_feed_csv_records(tmp_path: Path) -> None:
    # the input layer's seam: a workbook's first sheet as a row source of csv_records
    from wennuan_rules._io import csv_records
    from wennuan_rules._io.excel import excel_rows

    rows = [["name", "amount"], [None, None], ["张三", 0.1 + 0.2], ["李四", True]]
    path = workbook(tmp_path / "r.xlsx", {"S": rows, "Other": [["x"]]})
    got = list(csv_records(path, fields=("name", "amount"), rows=excel_rows))
    assert got == [(3, {"name": "张三", "amount": "0.3"}), (4, {"name": "李四", "amount": "是"})]
