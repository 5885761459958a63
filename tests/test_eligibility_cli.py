"""``wennuan-rules assess``: one household or a list, text/json/csv, --lang, exit status 2 on bad
input."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from wennuan_rules.cli import main

ONE = {
    "ref": "A-1",
    "members": 3,
    "monthly_income": 8100.01,
    "has_labour_contract": True,
    "major_illness": True,
    "annual_medical_out_of_pocket": "12000",
    "causes": ["illness"],
    "documents": ["申请表"],
    "submitted_on": "2021-01-19",
}


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _assess(
    capsys: pytest.CaptureFixture[str], path: Path, *args: str, on: str = "2021-01-10"
) -> tuple[int, str, str]:
    """``wennuan-rules assess PATH --campaign changzhou-edz-2021 --on ON ARGS…``."""
    return _run(capsys, "assess", str(path), "--campaign", "changzhou-edz-2021", "--on", on, *args)


def test_text_explains_the_decision(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "h.json"
    path.write_text(json.dumps(ONE), encoding="utf-8")
    code, out, _ = _assess(capsys, path)
    assert code == 0
    # JSON number 8100.01 read exactly: 8100.01 / 3 = 2700.0033… > 3 × 900
    assert "人均月收入 2700.0033… 元 > 3 × 900 元" in out
    assert "江苏常州经济开发区总工会 2021-01-06 二(一)1(3)" in out
    assert "所属类别无须报送申请材料" in out  # in no group that applies with documents
    path.write_text(json.dumps({**ONE, "monthly_income": "8100.00"}), encoding="utf-8")
    code, out, _ = _assess(capsys, path)
    assert "人均月收入 2700.00 元 ≤ 3 × 900 元" in out
    assert "晚于截止日期 2021-01-18" in out  # handed in on 2021-01-19
    assert "缺少：医院诊断记录" in out


def test_english_and_traditional(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "h.json"
    path.write_text(json.dumps(ONE), encoding="utf-8")
    _, out, _ = _assess(capsys, path, "--lang", "en")
    assert "per-capita monthly income 2700.0033… yuan > 3 × 900 yuan" in out
    _, out, _ = _assess(capsys, path, "--lang", "zh-Hant")
    assert "大病困難職工家庭" in out


def test_json_list_and_json_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ok = {**ONE, "ref": "B", "monthly_income": "8100.00"}
    path = tmp_path / "list.json"
    path.write_text(json.dumps([ONE, ok]), encoding="utf-8")
    code, out, _ = _assess(capsys, path, "--format", "json")
    data = json.loads(out)
    assert code == 0 and [d["eligible"] for d in data] == [[], ["serious-illness"]]
    lines = tmp_path / "h.jsonl"
    lines.write_text(json.dumps(ONE) + "\n" + json.dumps(ok) + "\n", encoding="gb18030")
    code, out, _ = _assess(capsys, lines, "--format", "json")
    # JSON lines in, JSON lines out (one assessment per line, streamed)
    assert [json.loads(ln)["ref"] for ln in out.splitlines()] == ["A-1", "B"]


def test_csv_one_row_per_reason(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "h.json"
    path.write_text(json.dumps({**ONE, "ref": "=HYPERLINK(1)"}), encoding="utf-8")
    _, out, _ = _assess(capsys, path, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows[0]["ref"].startswith("'=")  # formula-safe
    income = [
        r for r in rows if r["group"] == "serious-illness" and r["criterion"] == "income-within"
    ]
    assert income and income[0]["met"] == "false"


def test_bad_household_is_one_line_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "list.json"
    path.write_text(json.dumps([ONE, {**ONE, "colour": "red"}]), encoding="utf-8")
    code, _, err = _assess(capsys, path)
    assert code == 2 and "colour" in err and str(path) in err and err.count("\n") == 1


def test_no_standard_on_that_date_is_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "h.json"
    path.write_text(json.dumps(ONE), encoding="utf-8")
    code, _, err = _assess(capsys, path, on="2020-01-10")
    assert code == 2 and "changzhou-edz" in err and "2020-01-10" in err


def test_user_parameters_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    params = tmp_path / "p.toml"
    params.write_text(
        'name = "dibao"\n[[values]]\nregion = "changzhou-edz"\nstart = 2020-01-01\n'
        'value = "800"\nsource = "my table"\n',
        encoding="utf-8",
    )
    path = tmp_path / "h.json"
    path.write_text(json.dumps({**ONE, "monthly_income": "7200"}), encoding="utf-8")
    code, out, _ = _assess(
        capsys, path, "--parameters", str(params), "--format", "json", on="2020-06-01"
    )
    # 3 × 800 × 3 = 7200: at the line, inclusive
    assert code == 0 and json.loads(out)["eligible"] == ["serious-illness"]


def test_bad_json_names_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "h.json"
    path.write_text('{"members": 3,\n "monthly_income": }', encoding="utf-8")
    code, _, err = _run(capsys, "assess", str(path), "--campaign", "changzhou-edz-2021")
    assert code == 2 and ":2:" in err


def test_bad_item_of_a_json_list_is_located_at_its_own_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "list.json"
    # item 2 starts on line 4 of the file (line 1 "[", item 1 on lines 2-3)
    path.write_text(
        '[\n  {"members": 1,\n   "monthly_income": "1"},\n'
        '  {"members": 0, "monthly_income": "1"}\n]',
        encoding="utf-8",
    )
    code, _, err = _assess(capsys, path)
    assert code == 2 and f"{path}:4:" in err and "members" in err


def test_json_lines_stream_out_before_a_later_bad_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "h.jsonl"
    good = json.dumps({"ref": "first", "members": 1, "monthly_income": "1"})
    path.write_text(good + "\n" + good + "\n" + '{"members": "x"}\n', encoding="utf-8")
    code, out, err = _assess(capsys, path, "--format", "json")
    # the households before the bad line were already written, one JSON object per line
    assert code == 2 and f"{path}:3:" in err
    assert [json.loads(line)["ref"] for line in out.splitlines()] == ["first", "first"]


def test_unknown_campaign_is_reported_before_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _run(capsys, "assess", str(tmp_path / "absent.json"), "--campaign", "x-2030")
    assert code == 2 and "x-2030" in err and "changzhou-edz-2021" in err


def test_empty_list_says_none_were_assessed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "empty.json"
    path.write_text("[]", encoding="utf-8")
    code, out, _ = _assess(capsys, path, "--lang", "en")
    assert code == 0 and "0 households assessed" in out
    code, out, _ = _assess(capsys, path, "--format", "json")
    assert json.loads(out) == []


def test_text_names_the_parameter_and_uses_chinese_colons(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "h.json"
    path.write_text(json.dumps({**ONE, "monthly_income": "8100.00"}), encoding="utf-8")
    _, out, _ = _assess(capsys, path)
    assert "参数：低保标准 changzhou-edz = 900" in out
    assert "申请材料：" in out  # not "申请材料:"


def test_bad_single_object_names_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "h.json"
    path.write_text('\n\n{"members": 2,\n "monthly_income": 1.5e400000}', encoding="gb18030")
    code, _, err = _assess(capsys, path)
    assert code == 2 and f"{path}:3:" in err and "monthly_income" in err
