"""Readers of returns: JSON, CSV long and wide; UTF-8, UTF-8-BOM, GB18030; full-width digits,
thousands separators; errors that name file, line, column and code; nothing dropped."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import wennuan_rules.form as F
from wennuan_rules.errors import InputFileError, InvalidValueError, UnknownIdError

FORM = "wuhan-2015:swn"


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def test_json_object(tmp_path: Path) -> None:
    data = {
        "form": FORM,
        "unit": "江岸区总工会",
        "values": {"01A": 12000, "05(A)": "123.45", "01B": None},
    }
    path = write(tmp_path / "r.json", json.dumps(data, ensure_ascii=False))
    (ret,) = list(F.read_returns(path))
    assert ret.form == FORM and ret.unit == "江岸区总工会" and ret.file == str(path)
    assert ret.values == {"01A": Decimal(12000), "05A": Decimal("123.45"), "01B": None}


def test_json_numbers_are_exact(tmp_path: Path) -> None:
    path = write(tmp_path / "r.json", '{"form": "' + FORM + '", "values": {"05A": 0.1}}')
    (ret,) = list(F.read_returns(path))
    assert ret.values["05A"] == Decimal("0.1")


def test_json_list_and_default_form(tmp_path: Path) -> None:
    data = [{"unit": "甲", "values": {"01A": "1"}}, {"form": FORM, "unit": "乙", "values": {}}]
    path = write(tmp_path / "r.json", json.dumps(data, ensure_ascii=False))
    units = [r.unit for r in F.read_returns(path, form=FORM)]
    assert units == ["甲", "乙"]
    with pytest.raises(InputFileError) as info:
        list(F.read_returns(path))  # the first names no form and none is given
    assert info.value.what == "[0].form"


@pytest.mark.parametrize(
    ("data", "what"),
    [
        ({"form": FORM, "values": {}, "extra": 1}, "extra"),
        ({"form": FORM, "values": []}, "values"),
        ({"form": FORM, "unit": 5, "values": {}}, "unit"),
        ([], "file"),
    ],
)
def test_json_shape_errors(tmp_path: Path, data: object, what: str) -> None:
    path = write(tmp_path / "r.json", json.dumps(data))
    with pytest.raises(InputFileError) as info:
        list(F.read_returns(path))
    assert info.value.what == what and info.value.file == str(path)


def test_json_unknown_code_and_bad_value_are_located(tmp_path: Path) -> None:
    path = write(tmp_path / "r.json", json.dumps({"form": FORM, "values": {"99Z": 1}}))
    with pytest.raises(UnknownIdError) as info:
        list(F.read_returns(path))
    assert info.value.file == str(path) and info.value.column == "values.99Z"
    path = write(tmp_path / "r.json", json.dumps({"form": FORM, "values": {"01A": "many"}}))
    with pytest.raises(InvalidValueError) as bad:
        list(F.read_returns(path))
    assert bad.value.what == "01A" and bad.value.column == "values.01A"
    path = write(tmp_path / "r.json", json.dumps({"form": FORM, "values": {"01A": 1, "1a": 2}}))
    with pytest.raises(InvalidValueError, match="01A"):
        list(F.read_returns(path))


def test_broken_json_names_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path / "r.json", '{"form": "x",\n "values": {,}}')
    with pytest.raises(InputFileError) as info:
        list(F.read_returns(path))
    assert info.value.line == 2 and info.value.column is not None


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_csv_long_in_every_encoding(tmp_path: Path, encoding: str) -> None:
    text = 'code,value\n01(A),"１２,０００"\n05A,123.45\n01B,\n'
    path = write(tmp_path / "r.csv", text, encoding)
    (ret,) = list(F.read_returns(path, form=FORM))
    assert ret.values == {"01A": Decimal(12000), "05A": Decimal("123.45"), "01B": None}


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_csv_wide_in_every_encoding(tmp_path: Path, encoding: str) -> None:
    text = 'unit,01A,01B,05A\n江岸区总工会,"1,200",300,12.5\n武昌区總工會,,0,\n'
    path = write(tmp_path / "r.csv", text, encoding)
    returns = list(F.read_returns(path, form=FORM))
    assert [r.unit for r in returns] == ["江岸区总工会", "武昌区總工會"]
    assert returns[0].values == {"01A": Decimal(1200), "01B": Decimal(300), "05A": Decimal("12.5")}
    assert returns[1].values == {"01A": None, "01B": Decimal(0), "05A": None}
    assert [r.line for r in returns] == [2, 3]


def test_csv_needs_a_form(tmp_path: Path) -> None:
    path = write(tmp_path / "r.csv", "code,value\n01A,1\n")
    with pytest.raises(InputFileError) as info:
        list(F.read_returns(path))
    assert info.value.what == "form"


def test_csv_long_errors_are_located(tmp_path: Path) -> None:
    path = write(tmp_path / "r.csv", "code,value\n01A,1\n99Q,2\n")
    with pytest.raises(UnknownIdError) as info:
        list(F.read_returns(path, form=FORM))
    assert (info.value.file, info.value.line, info.value.column) == (str(path), 3, "code")
    path = write(tmp_path / "r.csv", "code,value\n01A,1\n1a,2\n")
    with pytest.raises(InvalidValueError) as dup:
        list(F.read_returns(path, form=FORM))
    assert dup.value.line == 3 and "line 2" in str(dup.value)
    path = write(tmp_path / "r.csv", "code,value\n01A,1,extra\n")
    with pytest.raises(InputFileError) as extra:
        list(F.read_returns(path, form=FORM))
    assert extra.value.line == 2
    path = write(tmp_path / "r.csv", "code,value\n05A,12.3.4\n")
    with pytest.raises(InvalidValueError) as bad:
        list(F.read_returns(path, form=FORM))
    assert (bad.value.line, bad.value.column, bad.value.what) == (2, "value", "05A")
    path = write(tmp_path / "r.csv", "code,amount\n01A,1\n")
    with pytest.raises(InputFileError) as head:
        list(F.read_returns(path, form=FORM))
    assert head.value.line == 1 and head.value.column == 2


def test_csv_wide_errors_are_located(tmp_path: Path) -> None:
    path = write(tmp_path / "r.csv", "unit,01A,99Q\n甲,1,2\n")
    with pytest.raises(UnknownIdError) as info:
        list(F.read_returns(path, form=FORM))
    assert (info.value.line, info.value.column) == (1, 3)
    path = write(tmp_path / "r.csv", "unit,01A,1a\n甲,1,2\n")
    with pytest.raises(InvalidValueError):
        list(F.read_returns(path, form=FORM))
    path = write(tmp_path / "r.csv", "unit,01A,01B\n甲,1,2,3\n")
    with pytest.raises(InputFileError) as extra:
        list(F.read_returns(path, form=FORM))
    assert extra.value.line == 2
    path = write(tmp_path / "r.csv", "unit,01A,01B\n甲,1,2\n乙,x,2\n")
    reader = F.read_returns(path, form=FORM)
    assert next(reader).unit == "甲"  # streaming: the first row comes before the bad second one
    with pytest.raises(InvalidValueError) as bad:
        next(reader)
    assert bad.value.line == 3 and bad.value.column == "2 (01A)"


def test_unknown_header_and_undecodable_file(tmp_path: Path) -> None:
    path = write(tmp_path / "r.csv", "名称,数值\n01A,1\n")
    with pytest.raises(InputFileError):
        list(F.read_returns(path, form=FORM))
    path = tmp_path / "r.csv"
    path.write_bytes(b"code,value\n01A,\x80\xff\xfe\n")
    with pytest.raises(InputFileError) as info:
        list(F.read_returns(path, form=FORM))
    assert info.value.what == "encoding"


def test_format_sniffed_without_extension(tmp_path: Path) -> None:
    path = write(tmp_path / "r.dat", json.dumps({"form": FORM, "values": {"01A": 1}}))
    assert len(list(F.read_returns(path))) == 1
    path = write(tmp_path / "r2.dat", "code,value\n01A,1\n")
    assert len(list(F.read_returns(path, form=FORM))) == 1


def test_readers_feed_validation(tmp_path: Path) -> None:
    path = write(
        tmp_path / "r.csv",
        "unit,05A,05B,05C,05D,05E,05F\n甲,10,2,2,2,2,2\n乙,10,2,2,2,2,3\n",
    )
    reports = list(F.validate_many(F.read_returns(path, form=FORM)))
    assert [r.ok for r in reports] == [True, False]
    assert reports[1].unit == "乙"


def test_missing_file_is_a_clean_error(tmp_path: Path) -> None:
    with pytest.raises(InputFileError):
        list(F.read_returns(tmp_path / "nope.json"))


def test_csv_wide_plain_rows_and_the_rest_read_alike(tmp_path: Path) -> None:
    # plain rows are read in one go; a row with anything else is read cell by cell: same values
    path = write(
        tmp_path / "r.csv",
        'unit,01A,01B,05A\n甲,120,,12.5\n乙,"1,200",１２,12.500000\n丙,1.2.3,1,1\n',
    )
    reader = F.read_returns(path, form=FORM)
    first, second = next(reader), next(reader)
    assert dict(first.values) == {"01A": Decimal(120), "01B": None, "05A": Decimal("12.5")}
    assert dict(second.values) == {"01A": Decimal(1200), "01B": Decimal(12), "05A": Decimal("12.5")}
    with pytest.raises(InvalidValueError) as bad:
        next(reader)
    assert bad.value.line == 4 and bad.value.column == "2 (01A)"


def test_csv_wide_yes_no_cells(tmp_path: Path) -> None:
    path = write(tmp_path / "c.csv", "unit,06A,06B\n甲,12.5,是\n乙,1,否\n丙,1,\n丁,2,yes\n")
    got = [r.values["06B"] for r in F.read_returns(path, form="wuhan-2015:center")]
    assert got == [True, False, None, True]


def test_plain_values_are_decimals_to_the_caller(tmp_path: Path) -> None:
    # a plain row's values are kept as text inside, but a caller sees the Decimals Return
    # documents: equal to the dict, printed as it, pickled as it, validated as it
    import pickle

    path = write(tmp_path / "r.csv", "unit,01A,01B,05A\n甲,120,,12.50\n")
    (ret,) = F.read_returns(path, form=FORM)
    assert ret.values["01A"] == Decimal(120) and isinstance(ret.values["05A"], Decimal)
    assert ret.values["01B"] is None and ret.values.get("09A") is None
    expected = {"01A": Decimal(120), "01B": None, "05A": Decimal("12.50")}
    assert ret.values == expected and dict(ret.values) == expected
    assert repr(ret.values) == repr(expected)
    assert pickle.loads(pickle.dumps(ret)) == ret
    assert F.validate(FORM, ret) == F.validate(FORM, dict(ret.values), unit="甲")


CELLS = st.one_of(
    st.from_regex(r"[0-9]{0,4}(\.[0-9]{0,7})?", fullmatch=True),
    st.text(alphabet="0123456789.,-+ 　１２３٣万元人个", max_size=8),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(CELLS, CELLS, CELLS), min_size=1, max_size=5))
def test_wide_rows_read_as_each_cell_alone(
    tmp_path_factory: pytest.TempPathFactory, rows: list[tuple[str, str, str]]
) -> None:
    # whatever path a row takes (plain in one go, or cell by cell), each value is what parse_value
    # reads from its cell, and each refused cell is a problem named at its line and column
    import csv
    import io

    from wennuan_rules.form.validate import parse_value

    form = F.get_form(FORM)
    codes = ("01A", "05A", "05B")
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([("unit", *codes), *(("甲", *r) for r in rows)])
    path = tmp_path_factory.mktemp("wide") / "r.csv"
    path.write_text(out.getvalue(), "utf-8")
    got = F.read_returns(path, form=FORM, errors="collect")
    by_line = {r.line: r for r in got.records}
    named = {(p.line, p.column) for p in got.problems}
    for line, cells in enumerate(rows, start=2):
        refused = set()
        for col, (code, cell) in enumerate(zip(codes, cells, strict=True), start=2):
            try:
                value = parse_value(cell, form.item(code))
            except InvalidValueError:
                refused.add((line, f"{col} ({code})"))
                continue
            if line in by_line:
                assert by_line[line].values[code] == value
        if not any(c.strip() for c in cells) and line not in by_line:
            continue  # a row of blanks (but its unit) is still read; tolerated either way
        assert refused <= named
        assert (line in by_line) == (not refused)
