"""The input layer (wennuan_rules._io) on its own: encodings, formats, positions, errors."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wennuan_rules import _io
from wennuan_rules.errors import InputFileError

TEXT = "姓名,金额\n张三,500.00\n"


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [("utf-8", "utf-8-sig"), ("utf-8-sig", "utf-8-sig"), ("gb18030", "gb18030")],
)
def test_encodings_are_detected_and_the_bom_is_dropped(
    tmp_path: Path, encoding: str, expected: str
) -> None:
    path = tmp_path / "roster.csv"
    path.write_bytes(TEXT.encode(encoding))
    assert _io.detect_encoding(path) == expected
    assert _io.read_text(path) == TEXT  # no BOM, Chinese intact
    assert list(_io.csv_rows(path)) == [(1, ["姓名", "金额"]), (2, ["张三", "500.00"])]


def test_detect_encoding_on_a_file_object_puts_it_back(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_bytes('{"a": "温暖"}'.encode("gb18030"))
    with path.open("rb") as fh:
        fh.read(2)
        assert _io.detect_encoding(fh) == "gb18030"
        assert fh.tell() == 2


def test_an_unreadable_file_names_it(tmp_path: Path) -> None:
    with pytest.raises(InputFileError) as info:
        _io.read_text(tmp_path / "missing.json")
    assert info.value.file == str(tmp_path / "missing.json")


def test_json_numbers_are_exact_and_constants_refused() -> None:
    assert _io.loads('{"a": 0.1, "b": 12}') == {"a": Decimal("0.1"), "b": 12}
    for constant in ("NaN", "Infinity", "-Infinity"):
        with pytest.raises(InputFileError) as info:
            _io.loads(f'{{"amount": {constant}}}', "f.json")
        assert info.value.file == "f.json"
        assert "not a number" in str(info.value.params["reason"])


def test_json_document_locates_each_record_at_its_first_line() -> None:
    text = '{"unit": "叶县",\n "payments": [\n  {"a": 1},\n\n  {"a": 2,\n   "b": 3}\n ]\n}\n'
    data, located = _io.json_document(text, "r.json", ("payments",))
    assert data == {"unit": "叶县", "payments": [{"a": 1}, {"a": 2, "b": 3}]}
    assert [line for line, _value in located["payments"]] == [3, 5]
    _data, top = _io.json_document('[\n{"a": 1},\n{"a": 2}]', "r.json", ("payments",))
    assert [line for line, _value in top["payments"]] == [2, 3]


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ('[\n  {"a": 1},\n  {"a": 2}\n  {"a": 3}\n]', 4, 3),  # a missing comma
        ('{"payments": [\n {"a": 1,}\n]}', 2, 10),  # a trailing comma
        ('[{"a": 1}]\n\nx', 3, 1),  # extra data
        ('{"a": [1, 2}', 1, 12),
    ],
)
def test_broken_json_is_located_at_line_and_column(text: str, line: int, column: int) -> None:
    with pytest.raises(InputFileError) as info:
        _io.json_document(text, "r.json", ("payments",))
    assert (info.value.file, info.value.line, info.value.column) == ("r.json", line, column)
    with pytest.raises(json.JSONDecodeError) as std:  # the same place the standard library says
        json.loads(text)
    assert (std.value.lineno, std.value.colno) == (line, column)


def test_json_items_are_parsed_one_at_a_time() -> None:
    items = _io.json_items('[\n{"a": 1},\n{"a": 2},\n{"a": }\n]', "h.json")
    assert next(items) == (2, {"a": 1})  # before the broken third item is read
    assert next(items) == (3, {"a": 2})
    with pytest.raises(InputFileError) as info:
        next(items)
    assert (info.value.line, info.value.column) == (4, 7)


def test_json_lines_count_lines_and_locate_errors() -> None:
    lines = ['{"a": 1}\n', "\n", '{"a": 2}\r\n', '{"a": 3,,}\n']
    records = _io.json_lines(lines, "p.jsonl")
    assert next(records) == (1, {"a": 1})
    assert next(records) == (3, {"a": 2})
    with pytest.raises(InputFileError) as info:
        next(records)
    assert (info.value.line, info.value.column) == (4, 9)


@pytest.mark.parametrize(
    ("text", "shape", "lines"),
    [
        ('\n\n{"a": 1,\n "b": 2}\n', "object", [3]),
        ('{"a": 1}\n', "object", [1]),
        ('{"a": 1}\n\n{"a": 2}\n', "lines", [1, 3]),
        ('[\n {"a": 1},\n {"a": 2}\n]', "list", [2, 3]),
    ],
)
def test_json_values_tells_object_list_and_lines_apart(
    tmp_path: Path, text: str, shape: str, lines: list[int]
) -> None:
    path = tmp_path / "h.json"
    path.write_bytes(text.encode("gb18030"))
    with path.open("rb") as fh:
        values = _io.json_values(fh, str(path))
        assert values.shape == shape and values.json_lines == (shape == "lines")
        assert [line for line, _value in values] == lines


def test_csv_rows_skip_blank_rows_and_give_the_line_a_row_ends_on(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text('a,b\n\n1,"two\nlines"\n , \n3,4\n', encoding="utf-8")
    assert list(_io.csv_rows(path)) == [(1, ["a", "b"]), (4, ["1", "two\nlines"]), (6, ["3", "4"])]


def test_csv_records_map_headers_and_locate_errors(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("Ｎａｍｅ, paid_on \n张三,2010-01-25\n李四,,x\n", encoding="utf-8-sig")
    records = _io.csv_records(path, fields=("name", "paid_on"), index={"姓名": "name"})
    assert next(records) == (2, {"name": "张三", "paid_on": "2010-01-25"})
    with pytest.raises(InputFileError) as info:
        next(records)
    assert (info.value.line, info.value.column) == (3, 3)  # a third cell under no header
    path.write_text("name,amount\n", encoding="utf-8")
    with pytest.raises(InputFileError) as unknown:
        list(_io.csv_records(path, fields=("name",)))
    assert (unknown.value.line, unknown.value.column, unknown.value.got) == (1, 2, "amount")
    path.write_text("name,姓名\n", encoding="utf-8")
    with pytest.raises(InputFileError) as twice:
        list(_io.csv_records(path, fields=("name",), index={"姓名": "name"}))
    assert (twice.value.line, twice.value.column) == (1, 2)
    path.write_text("\n\n", encoding="utf-8")
    with pytest.raises(InputFileError) as empty:
        list(_io.csv_records(path, fields=("name",)))
    assert empty.value.msgid == "{file} is empty; expected a header row"


@pytest.mark.parametrize(
    ("name", "head", "expected"),
    [
        ("a.json", "", "json"),
        ("a.JSONL", "", "jsonl"),
        ("a.ndjson", "", "jsonl"),
        ("a.csv", "{", "csv"),
        ("a.txt", "  [", "json"),
        ("a.txt", "姓名,金额", "csv"),
    ],
)
def test_file_format_by_suffix_then_first_character(name: str, head: str, expected: str) -> None:
    assert _io.file_format(name, head) == expected


@settings(max_examples=50, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 3),  # blank lines before the record
            st.dictionaries(st.sampled_from(["a", "名"]), st.integers(-5, 5), max_size=2),
        ),
        max_size=6,
    )
)
def test_every_record_of_a_list_knows_its_line(records: list[tuple[int, dict[str, int]]]) -> None:
    parts, expected, line = ["["], [], 1
    for i, (blank, record) in enumerate(records):
        line += blank + 1
        parts.append("\n" * (blank + 1) + json.dumps(record, ensure_ascii=False))
        parts.append("," if i < len(records) - 1 else "")
        expected.append((line, record))
    text = "".join(parts) + "\n]"
    assert _io.json_document(text, "x.json")[1].get("", []) == expected
    assert list(_io.json_items(text, "x.json")) == expected
