"""Personal data typed into the wrong column is never echoed in clear (issue 10, point 14).

A name, a 居民身份证 number, a bank card or a phone number that lands in a date, amount, source or
category column is masked wherever the value is echoed: in every error (stderr) and in findings.
The value of a personal-data column itself (name, ID number, card number) is never echoed in an
error: the column and what was expected are named, nothing else.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wennuan_rules.cli.main import main
from wennuan_rules.errors import InvalidValueError
from wennuan_rules.privacy import mask_personal_in

HEAD = "序号,姓名,身份证号,金额（元）,发放日期,资金来源,发放方式,档案类别,建档日期,银行卡号,类别\n"
ROW = "1,张建国,410402195501010113,500,2009-12-22,中央财政,现金,特困职工,2009-03-15,,困难职工\n"
ID = "410402195501010113"
CARD = "6217002200000000018"


def _audit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], row: str, *extra: str
) -> tuple[int, str, str]:
    path = tmp_path / "roster.csv"
    path.write_text(HEAD + row, "utf-8")
    code = main(["audit", "payments", str(path), "--campaign", "pingdingshan-2010", *extra])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize(
    ("column", "typed"),
    [
        ("2009-12-22", "王小明"),  # a name in the date column
        ("2009-03-15", "王小明"),  # a name in the filed-on date column
        (",500,", ",王小明,"),  # a name in the amount column
        ("2009-12-22", f"王小明 {ID}"),  # a name and an ID number
        ("中央财政", f"王小明 {ID}"),  # in the source column
        ("中央财政", "王小明 13812345678"),  # a name and a phone number
        ("现金", f"王小明 {CARD}"),  # a name and a card number in the channel column
    ],
)
def test_a_name_or_number_in_the_wrong_column_is_masked_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], column: str, typed: str
) -> None:
    code, _out, err = _audit(tmp_path, capsys, ROW.replace(column, typed, 1))
    assert code == 2 and err.count("\n") == 1
    assert "王小明" not in err and "王**" in err, err
    assert ID not in err and CARD not in err and "13812345678" not in err


def test_a_name_and_id_in_the_category_column_is_masked_in_findings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    row = ROW.replace(",困难职工", f",张建国 {ID}")
    for fmt in ("text", "json", "csv"):
        _code, out, _err = _audit(tmp_path, capsys, row, "--format", fmt)
        shown = out.replace(f'"id_number": "{ID}"', "")
        assert "张建国 " not in shown and f"张** {ID[:6]}********{ID[-4:]}" in shown, out


def test_personal_data_shown_when_asked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    row = ROW.replace(",困难职工", f",张建国 {ID}")
    _code, out, _err = _audit(tmp_path, capsys, row, "--format", "json", "--show-personal-data")
    assert f"张建国 {ID}" in out


@pytest.mark.parametrize("field", ["id_number", "card_number", "name"])
def test_the_value_of_a_personal_column_is_never_echoed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], field: str
) -> None:
    record = {
        "name": "张建国",
        "id_number": ID,
        "amount": "500",
        "paid_on": "2009-12-22",
        "fund_source": "中央财政",
        "channel": "现金",
        field: 410402195501010113,  # a number, not text: refused
    }
    path = tmp_path / "roster.json"
    path.write_text(json.dumps([record]), "utf-8")
    code = main(["audit", "payments", str(path), "--campaign", "pingdingshan-2010"])
    err = capsys.readouterr().err
    assert code == 2 and field in err
    assert "4104" not in err and "0113" not in err and "<int>" not in err and "int" not in err


def test_a_name_in_the_date_column_of_a_visit_log_is_masked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "visits.csv"
    path.write_text(
        "group,date,household,kind,unit,name,id_number\n"
        "江岸区总工会,王小明,JA-F01,worker,,张建国,\n",
        "utf-8",
    )
    code = main(["audit", "visits", str(path), "--campaign", "wuhan-2015"])
    err = capsys.readouterr().err
    assert code == 2 and "王小明" not in err and "王**" in err


def test_errors_mask_what_they_echo() -> None:
    error = InvalidValueError("{what}: got {got}", what="class", got=f"张建国 {ID}")
    for lang in ("zh-Hans", "zh-Hant", "en"):
        assert ID not in error.message(lang) and "张建国" not in error.message(lang)
        assert "张建国" not in str(error.to_dict(lang))


@given(
    name=st.text(alphabet="张王李赵建国明华小红", min_size=2, max_size=4),
    number=st.from_regex(r"[1-6][0-9]{16}[0-9X]", fullmatch=True),
    sep=st.sampled_from(["", " ", "，", "/"]),
)
def test_a_name_beside_an_id_number_is_masked(name: str, number: str, sep: str) -> None:
    shown = mask_personal_in(name + sep + number)
    assert number not in shown and name not in shown
    assert shown.startswith(name[0]) and shown.endswith(number[-4:])


@given(st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True))
def test_phone_numbers_are_masked(phone: str) -> None:
    shown = mask_personal_in(f"电话 {phone}")
    assert phone not in shown and shown.endswith(phone[-4:]) and phone[:3] in shown


@pytest.mark.parametrize("typo", ["中央才政", "12月22号", "2009年12月22日", "银行 卡"])
def test_typos_without_personal_data_are_echoed(typo: str) -> None:
    assert mask_personal_in(typo, expects_digits="月" in typo) == typo
