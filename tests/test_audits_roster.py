"""Roster, visit log and family-list readers: formats, encodings, field names, and refusals."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest
from stdnum.cn import ric

from wennuan_rules.audits import (
    id_number_problem,
    iter_payments,
    read_families,
    read_roster,
    read_visits,
)
from wennuan_rules.audits.roster import Payment, parse_date
from wennuan_rules.errors import InputFileError, InvalidValueError, UnknownIdError
from wennuan_rules.vocabulary import FundSource, HardshipCategory, PaymentChannel

ID = "410402198503150113"
assert ric.is_valid(ID)

HEADER_ZH = "姓名,身份证号,金额（元）,发放日期,资金来源,发放方式,档案类别,建档日期,银行卡号,类别\n"
ROW_ZH = (
    f'张建国,{ID},"1,000.50",2010年1月26日,中央财政,银行卡,特困职工,2009/6/1,'
    "6217002200000001,困难劳模\n"
)


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_csv_with_chinese_headers_in_each_encoding(tmp_path: Path, encoding: str) -> None:
    path = write(tmp_path, "r.csv", HEADER_ZH + ROW_ZH, encoding)
    (p,) = list(iter_payments(path))
    assert p == Payment(
        name="张建国",
        id_number=ID,
        amount=Decimal("1000.50"),
        paid_on=dt.date(2010, 1, 26),
        fund_source=FundSource.CENTRAL_FISCAL,
        channel=PaymentChannel.BANK_CARD,
        file_category=HardshipCategory.EXTREME,
        filed_on=dt.date(2009, 6, 1),
        card_number="6217002200000001",
        group="困难劳模",
        row=2,
    )


def test_csv_traditional_and_english_headers(tmp_path: Path) -> None:
    text = (
        "name,id_number,amount,paid_on,fund_source,channel\n"
        f"王秀英,{ID},300,2015-02-03,工會經費,工會卡\n"
    )
    (p,) = read_roster(write(tmp_path, "r.csv", text)).payments
    assert p.fund_source is FundSource.UNION_FUNDS and p.channel is PaymentChannel.UNION_CARD
    assert p.file_category is None and p.filed_on is None


def test_json_roster_reads_numbers_exactly(tmp_path: Path) -> None:
    data = (
        '{"campaign": "wuhan-2015", "unit": "江岸区总工会", "payments": ['
        f'{{"name": "王", "id_number": "{ID}", "amount": 0.1, "paid_on": "2015-02-03", '
        '"fund_source": "union-funds", "channel": "union-card", "ref": 7}]}'
    )
    roster = read_roster(write(tmp_path, "r.json", data))
    assert roster.unit == "江岸区总工会" and roster.campaign == "wuhan-2015"
    assert roster.payments[0].amount == Decimal("0.1")  # never the float 0.1000000000000000055…
    assert roster.payments[0].ref == "7" and roster.payments[0].row == 1


@pytest.mark.parametrize(
    ("text", "what"),
    [
        ("姓名,身份证号,金额,发放日期,资金来源,发放方式,备注\n", "column"),
        # an unknown label: the error names the field (fund_source), not the vocabulary's class
        (HEADER_ZH + ROW_ZH.replace("中央财政", "彩票公益金"), "fund_source"),
        (HEADER_ZH + ROW_ZH.replace('"1,000.50"', "一千"), "amount"),
        (HEADER_ZH + ROW_ZH.replace('"1,000.50"', "1.5E+03"), "amount"),
        (HEADER_ZH + ROW_ZH.replace("2010年1月26日", "2010-02-30"), "paid_on"),
        (HEADER_ZH + ROW_ZH.replace("2010年1月26日", ""), "paid_on"),
        (HEADER_ZH + ROW_ZH.replace("银行卡,", "支票,", 1), "channel"),
        ("", "file"),
    ],
)
def test_unreadable_rosters_name_file_line_and_field(tmp_path: Path, text: str, what: str) -> None:
    path = write(tmp_path, "bad.csv", text)
    with pytest.raises(InputFileError) as info:
        list(iter_payments(path))
    err = info.value
    assert err.file == str(path)
    if what != "file":
        assert err.line in (1, 2)
        assert what in (err.what or "") or what == err.column or what in str(err.column)
        assert "FundSource" not in str(err) and "PaymentChannel" not in str(err)


def test_json_refusals(tmp_path: Path) -> None:
    with pytest.raises(InputFileError) as info:
        read_roster(write(tmp_path, "a.json", '{"payments": [], "extra": 1}'))
    assert info.value.what == "key"
    with pytest.raises(InputFileError):
        read_roster(write(tmp_path, "b.json", '{"payments": [1]}'))
    with pytest.raises(InputFileError) as info:
        read_roster(write(tmp_path, "c.json", '{"payments": [{"amount": 1'))
    assert info.value.line == 1
    # an ID number given as a JSON number is refused, and the error does not repeat it
    bad = json.dumps(
        {
            "payments": [
                {
                    "name": "王",
                    "id_number": 410402198503150113,
                    "amount": 5,
                    "paid_on": "2010-01-26",
                    "fund_source": "other",
                    "channel": "cash",
                }
            ]
        }
    )
    with pytest.raises(InputFileError) as info:
        read_roster(write(tmp_path, "d.json", bad))
    assert "410402198503150113" not in str(info.value)
    assert info.value.column == "id_number"


def test_payment_validators_refuse_floats() -> None:
    with pytest.raises(InvalidValueError):
        Payment(
            name="王",
            id_number=ID,
            amount=0.5,
            paid_on=dt.date(2010, 1, 1),  # type: ignore[arg-type]
            fund_source=FundSource.OTHER,
            channel=PaymentChannel.CASH,
        )
    with pytest.raises(InvalidValueError):
        Payment.from_mapping(
            {"amount": 0.5, "paid_on": "2010-01-01", "fund_source": "other", "channel": "cash"}
        )
    with pytest.raises(UnknownIdError):
        Payment.from_mapping(
            {
                "amount": 1,
                "paid_on": "2010-01-01",
                "fund_source": "other",
                "channel": "cash",
                "nickname": "x",
            }
        )


def test_parse_date_forms() -> None:
    for text in ("2010-01-25", "2010/1/25", "2010.1.25", "2010年1月25日", "２０１０-０１-２５"):
        assert parse_date(text, what="d") == dt.date(2010, 1, 25)
    for bad in ("25/01/2010", "2010-13-01", 20100125, dt.datetime(2010, 1, 25)):
        with pytest.raises(InvalidValueError):
            parse_date(bad, what="d")


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        (ID, None),
        (" 410402 19850315 0113 ", None),
        ("", "missing"),
        (None, "missing"),
        ("41040219850315011", "length"),
        ("4104021985031501A3", "format"),
        ("410402198503150111", "checksum"),
    ],
)
def test_id_number_problem(value: str | None, problem: str | None) -> None:
    assert id_number_problem(value) == problem


def test_junk_never_raises_anything_but_a_clean_answer() -> None:
    # python-stdnum's robustness idea: every validator answers junk cleanly
    for junk in ("😴" * 18, "x" * 18, "０" * 18, "-" * 40, "\x00" * 18):
        assert id_number_problem(junk) is not None


def test_visits_csv_and_families(tmp_path: Path) -> None:
    log = write(
        tmp_path,
        "v.csv",
        "group,date,household,kind,unit,name,id_number\ng1,2010-01-26,H1,困难劳模,叶县,张,\n",
    )
    plan = read_visits(log)
    assert plan.visits[0].kind == "困难劳模" and plan.visits[0].row == 2
    fams = write(
        tmp_path, "f.csv", "ref,name,id_number,file_category,filed_on\nF1,王,,深度困难,2021-01-05\n"
    )
    (family,) = read_families(fams)
    assert family.file_category is HardshipCategory.DEEP and family.row == 2
    with pytest.raises(InputFileError):
        read_families(write(tmp_path, "g.csv", "ref,name\n,王\n"))  # neither ref nor ID number
    with pytest.raises(InputFileError):
        read_visits(write(tmp_path, "h.json", '{"visits": [{"date": "2010-01-26", "when": 1}]}'))


def test_json_schemas_name_the_fields_the_readers_accept() -> None:
    from importlib import resources

    from wennuan_rules.audits.roster import _REQUIRED, PAYMENT_FIELDS
    from wennuan_rules.audits.visits import FAMILY_FIELDS, GROUP_FIELDS, VISIT_FIELDS

    folder = resources.files("wennuan_rules").joinpath("data", "schemas")
    roster = json.loads(folder.joinpath("roster.schema.json").read_text(encoding="utf-8"))
    payment = roster["$defs"]["payment"]
    assert tuple(payment["properties"]) == PAYMENT_FIELDS
    assert tuple(payment["required"]) == _REQUIRED
    visits = json.loads(folder.joinpath("visits.schema.json").read_text(encoding="utf-8"))
    assert tuple(visits["$defs"]["visit"]["properties"]) == VISIT_FIELDS
    assert tuple(visits["$defs"]["group"]["properties"]) == GROUP_FIELDS
    assert tuple(visits["$defs"]["family"]["properties"]) == FAMILY_FIELDS


def test_bundled_samples_follow_the_schemas() -> None:
    from importlib import resources

    folder = Path(str(resources.files("wennuan_rules").joinpath("data", "samples")))
    roster = read_roster(folder / "wuhan-2015-roster.json")
    assert len(roster.payments) == 12 and roster.campaign == "wuhan-2015"
    assert len(read_roster(folder / "pingdingshan-2010-roster.csv").payments) == 24
    plan = read_visits(folder / "pingdingshan-2010-visits.json")
    # 附件4: five groups; 5 + 5 + 5 + 5 + 3 units × 4 households = 92 planned, one visit dropped
    assert len(plan.groups) == 5 and len(plan.visits) == 91
    assert plan.groups[0].leaders == ("李丰海",) and plan.groups[0].liaison == "唐建勋"
    assert len(read_families(folder / "wuhan-2015-visits-on-file.json")) == 12


def test_visit_log_and_families_with_chinese_headers(tmp_path: Path) -> None:
    log = write(
        tmp_path,
        "v.csv",
        "组别,走访日期,户号,类别,走访单位,姓名,身份证号\ng1,2010年1月26日,H1,困难农民工,叶县,张,\n",
    )
    (visit,) = read_visits(log).visits
    assert (visit.group, visit.visited_on, visit.household, visit.unit) == (
        "g1",
        dt.date(2010, 1, 26),
        "H1",
        "叶县",
    )
    fams = write(
        tmp_path,
        "f.csv",
        "编号,姓名,身份证号,档案类别,建档日期\nF1,王,,特困职工,2009-06-01\n",
        "gb18030",
    )
    (family,) = read_families(fams)
    assert family.ref == "F1" and family.file_category is HardshipCategory.EXTREME
