"""Payment roster audits: golden rosters at and around every rule's boundary, computed by hand from
the
seeds (the dates and clauses are in the comments)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs
import pytest
from stdnum.cn import ric

from wennuan_rules.audits import Payment, audit_payments
from wennuan_rules.errors import InvalidValueError, UnknownIdError
from wennuan_rules.report import Severity
from wennuan_rules.vocabulary import FundSource, HardshipCategory, PaymentChannel

D = dt.date


def valid_id(region: str = "410402", born: str = "19650315", seq: int = 123) -> str:
    body = f"{region}{born}{seq:03d}"
    return body + ric.calc_check_digit(body + "0")


ID_A = valid_id(seq=11)
ID_B = valid_id("420102", "19700101", 22)


def pay(**kw: object) -> Payment:
    base: dict[str, object] = {
        "name": "张建国",
        "id_number": ID_A,
        "amount": Decimal("500.00"),
        "paid_on": D(2010, 1, 26),
        "fund_source": FundSource.UNION_FUNDS,
        "channel": PaymentChannel.CASH,
        "file_category": HardshipCategory.EXTREME,
        "filed_on": D(2009, 6, 1),
        "row": 2,
    }
    base.update(kw)
    return Payment(**base)  # type: ignore[arg-type]


def rules_failed(report, rule: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [f.where for f in report.findings if f.rule.endswith("/" + rule)]


def test_clean_row_passes_every_rule() -> None:
    report = audit_payments([pay()], "pingdingshan-2010")
    assert report.ok and not report.findings
    # real-name, file-before-aid, period, amount, duplicate: 5 checks on one row (no channel rule,
    # union funds have no spending deadline in 平工总［2009］38号 五(三))
    assert report.passed == 5
    assert report.form == "pingdingshan-2010:payments"


# -- 实名制 (平工总［2009］38号 五(三) "实名制发放") -----------------------------------------------


@pytest.mark.parametrize(
    ("id_number", "problem_word"),
    [
        (None, "no ID number"),
        (ID_A[:17], "17 characters"),
        (ID_A[:-1] + ("0" if ID_A[-1] != "0" else "1"), "check digit"),
        # 1965-02-30 does not exist; the check digit is made right so only the date is wrong
        (valid_id(born="19650230"), "birth date"),
        # 419999: province 41 (河南) has no county 9999 (stdnum raises KeyError there; we report it)
        (valid_id(region="419999"), "region code 419999"),
        (valid_id(region="990101"), "region code 990101"),
    ],
)
def test_real_name_id_problems(id_number: str | None, problem_word: str) -> None:
    report = audit_payments([pay(id_number=id_number)], "pingdingshan-2010")
    found = [f for f in report.findings if f.rule == "pingdingshan-2010:payments/real-name"]
    assert len(found) == 1
    assert problem_word in found[0].message.render("en")
    assert found[0].source == "平工总［2009］38号 五(三)"


def test_real_name_missing_name() -> None:
    report = audit_payments([pay(name=None)], "pingdingshan-2010")
    assert rules_failed(report, "real-name") == ["2"]


def test_region_code_newer_than_birth_year() -> None:
    # 410402 (新华区) is in stdnum's table from 1983; a worker born in 1955 holds it since 1984's
    # first
    # issue of numbers: accepted by default, refused by stdnum's strict reading (strict_region=True)
    old = valid_id("410402", "19550101", 13)
    assert audit_payments([pay(id_number=old)], "pingdingshan-2010").ok
    strict = audit_payments([pay(id_number=old)], "pingdingshan-2010", strict_region=True)
    assert rules_failed(strict, "real-name") == ["2"]
    assert ric.is_valid(old) is False  # that is stdnum's own answer


def test_henan_rules_bind_only_central_and_provincial_money() -> None:
    # 豫工文〔2017〕61号 三4:
    # "使用中央财政、省财政帮扶资金送温暖，要严格执行…实名制…通过银行卡（存折）发放"
    union = pay(
        id_number=None,
        file_category=None,
        filed_on=None,
        paid_on=D(2018, 1, 20),
        fund_source=FundSource.UNION_FUNDS,
        channel=PaymentChannel.CASH,
    )
    central = attrs.evolve(union, fund_source=FundSource.CENTRAL_FISCAL, row=3)
    report = audit_payments([union, central], "henan-2018")
    assert rules_failed(report, "real-name") == ["3"]
    assert rules_failed(report, "file-before-aid") == ["3"]
    assert rules_failed(report, "channel") == ["3"]


# -- 先建档、后帮扶 --------------------------------------------------------------------------------


def test_file_before_aid_boundary() -> None:
    # paid on the filing day: on file (passes); the day before: not yet on file (fails)
    same_day = pay(filed_on=D(2010, 1, 26), row=2)
    day_before = pay(filed_on=D(2010, 1, 27), id_number=ID_B, row=3)
    report = audit_payments([same_day, day_before], "pingdingshan-2010")
    assert rules_failed(report, "file-before-aid") == ["3"]
    finding = next(f for f in report.findings if f.rule.endswith("file-before-aid"))
    assert finding.expected == ">= 2010-01-27" and finding.actual == "2010-01-26"


def test_no_file_is_an_error_and_unknown_filing_date_is_not_evaluated() -> None:
    no_file = pay(file_category=None, filed_on=None)
    no_date = pay(filed_on=None, id_number=ID_B, row=3)
    report = audit_payments([no_file, no_date], "wuhan-2015")
    assert rules_failed(report, "file-before-aid") == ["2"]
    assert report.not_evaluated == ("wuhan-2015:payments/file-before-aid [3]",)
    assert report.counts["not_evaluated"] == 1


def test_no_file_rule_where_the_campaign_has_none() -> None:
    # 平顶山市总工会办公室 2022 sets no payment rules: no real-name, file or channel checks at all
    report = audit_payments(
        [pay(id_number=None, file_category=None, filed_on=None, paid_on=D(2022, 1, 20))],
        "pingdingshan-2022",
    )
    assert report.ok
    assert set(report.extra["rules"]) == {
        "pingdingshan-2022:payments/period",
        "pingdingshan-2022:payments/amount",
    }


# -- spending deadlines and period (平工总［2009］38号 二, 五(三)) ---------------------------------


@pytest.mark.parametrize(
    ("paid", "source", "late"),
    [
        # 中央财政专项资金必须在2009年12月31号之前用完: 12-31 is the last day
        (D(2009, 12, 31), FundSource.CENTRAL_FISCAL, False),
        (D(2010, 1, 1), FundSource.CENTRAL_FISCAL, True),
        # 省财政专项资金必须在春节前使用完毕: 春节 2010-02-14, last day 除夕 2010-02-13
        (D(2010, 2, 13), FundSource.PROVINCIAL_FISCAL, False),
        (D(2010, 2, 14), FundSource.PROVINCIAL_FISCAL, True),
        # union money has no spending deadline of its own
        (D(2010, 2, 13), FundSource.UNION_FUNDS, False),
    ],
)
def test_spending_deadlines(paid: dt.date, source: FundSource, late: bool) -> None:
    report = audit_payments([pay(paid_on=paid, fund_source=source)], "pingdingshan-2010")
    rule = f"pingdingshan-2010:payments/spending-deadline/{source.id}"
    assert any(f.rule == rule for f in report.findings) is late


@pytest.mark.parametrize(
    ("paid", "inside"),
    [
        # 2009年12月下旬至2010年春节前: 2009-12-21 .. 2010-02-13
        (D(2009, 12, 20), False),
        (D(2009, 12, 21), True),
        (D(2010, 2, 13), True),
        (D(2010, 2, 14), False),
    ],
)
def test_campaign_period(paid: dt.date, inside: bool) -> None:
    report = audit_payments([pay(paid_on=paid, filed_on=D(2009, 1, 1))], "pingdingshan-2010")
    assert (rules_failed(report, "period") == []) is inside


# -- channel ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("campaign", "paid", "channel", "ok"),
    [
        # 武工办〔2014〕74号 四(二): 幫扶款項要通過工會卡發放
        ("wuhan-2015", D(2015, 2, 1), PaymentChannel.UNION_CARD, True),
        ("wuhan-2015", D(2015, 2, 1), PaymentChannel.BANK_CARD, False),
        ("wuhan-2015", D(2015, 2, 1), PaymentChannel.CASH, False),
        # goods (年货) cannot go onto a card: exempt
        ("wuhan-2015", D(2015, 2, 1), PaymentChannel.GOODS, True),
        # 江苏常州经济开发区总工会 2021-01-06 三(三): 发放到困难职工的银行卡
        ("changzhou-edz-2021", D(2021, 1, 20), PaymentChannel.BANK_CARD, True),
        ("changzhou-edz-2021", D(2021, 1, 20), PaymentChannel.UNION_CARD, False),
        # 平工总［2009］38号 names no channel
        ("pingdingshan-2010", D(2010, 1, 26), PaymentChannel.CASH, True),
    ],
)
def test_channel(campaign: str, paid: dt.date, channel: PaymentChannel, ok: bool) -> None:
    report = audit_payments([pay(paid_on=paid, channel=channel)], campaign)
    assert (rules_failed(report, "channel") == []) is ok


def test_goods_exemption_can_be_lifted() -> None:
    row = pay(paid_on=D(2015, 2, 1), channel=PaymentChannel.GOODS)
    report = audit_payments([row], "wuhan-2015", exempt_goods=False)
    assert rules_failed(report, "channel") == ["2"]


# -- amounts and duplicates ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "ok"),
    [
        ("0.01", True),
        ("500", True),
        ("100.10", True),
        ("0", False),
        ("-5.00", False),
        ("0.001", False),
        ("99.999", False),
    ],
)
def test_amount_positive_to_the_fen(amount: str, ok: bool) -> None:
    report = audit_payments([pay(amount=Decimal(amount))], "pingdingshan-2010")
    assert (rules_failed(report, "amount") == []) is ok


def test_duplicate_same_person_same_source_is_a_warning() -> None:
    first = pay(row=2)
    # the same number typed with spaces and a lower-case x normalises to the same person
    spaced = ID_A[:6] + " " + ID_A[6:14] + " " + ID_A[14:].lower()
    again = pay(row=5, id_number=spaced)
    other_source = pay(row=6, fund_source=FundSource.SOCIAL_DONATION)
    report = audit_payments([first, again, other_source], "pingdingshan-2010")
    dups = [f for f in report.findings if f.rule.endswith("/duplicate")]
    assert [(f.where, f.severity) for f in dups] == [("5", Severity.WARNING)]
    assert dups[0].actual == "2"
    assert report.ok  # a warning does not make the roster fail


# -- totals and reconciliation ---------------------------------------------------------------------


def _pdsh_roster() -> list[Payment]:
    return [
        pay(row=2, amount=Decimal("500.00"), group="model-worker"),
        pay(
            row=3,
            id_number=ID_B,
            amount=Decimal("800.00"),
            group="困难农民工",
            fund_source=FundSource.CENTRAL_FISCAL,
            paid_on=D(2009, 12, 28),
        ),
        pay(
            row=4,
            id_number=valid_id(seq=33),
            amount=Decimal("1234.56"),
            group="worker",
            fund_source=FundSource.SOCIAL_DONATION,
        ),
    ]


def test_totals_per_source_and_group() -> None:
    report = audit_payments(_pdsh_roster(), "pingdingshan-2010")
    totals = report.extra["totals"]
    # 500.00 + 800.00 + 1234.56 = 2534.56
    assert totals["amount"] == "2534.56"
    assert totals["by_fund_source"] == {
        "central-fiscal": "800.00",
        "social-donation": "1234.56",
        "union-funds": "500.00",
    }
    assert totals["by_group"]["model-worker"] == "500.00"


def test_reconciliation_exact_in_wan() -> None:
    # 06A = 2534.56 元 = 0.253456 万元; 06B (model workers) 500 元 = 0.05; 06C (migrant workers,
    # given by
    # its Chinese label 困难农民工) 800 元 = 0.08; 05B 政府拨款 ≥ 800 元 central money = 0.08;
    # 05C 工会拨款 ≥ 0.05; 05D 社会募集 ≥ 0.123456; 05A ≥ 0.253456
    values = {
        "06A": Decimal("0.253456"),
        "06B": Decimal("0.05"),
        "06C": Decimal("0.08"),
        "05A": Decimal("0.3"),
        "05B": Decimal("0.08"),
        "05C": Decimal("0.05"),
        "05D": Decimal("0.123456"),
    }
    report = audit_payments(_pdsh_roster(), "pingdingshan-2010", return_values=values)
    assert report.ok, [f.message.render("en") for f in report.findings]
    assert {r["item"]: r["ok"] for r in report.extra["reconciliation"]} == dict.fromkeys(
        values, True
    )


def test_reconciliation_one_fen_off_fails_unless_tolerated() -> None:
    values = {"06A": Decimal("0.253457")}  # one 分 (0.000001 万元) more than the roster
    report = audit_payments(_pdsh_roster(), "pingdingshan-2010", return_values=values)
    found = [f for f in report.findings if f.rule == "pingdingshan-2010:payments/reconcile/06A"]
    assert [(f.expected, f.actual) for f in found] == [("0.253457", "0.253456")]
    tolerated = audit_payments(
        _pdsh_roster(), "pingdingshan-2010", return_values=values, tolerance=Decimal("0.000001")
    )
    assert not [f for f in tolerated.findings if "reconcile" in f.rule]


def test_reconciliation_le_and_not_reported() -> None:
    # 05D 社会募集 0.12 万元 < 0.123456 paid out of donations: more paid than raised
    values = {"05D": Decimal("0.12"), "06A": None}
    report = audit_payments(_pdsh_roster(), "pingdingshan-2010", return_values=values)
    assert [f.rule for f in report.findings] == ["pingdingshan-2010:payments/reconcile/05D"]
    assert report.findings[0].expected == "<= 0.12"
    # 06A is not reported, nor are the other items: not evaluated, never passed
    assert "pingdingshan-2010:payments/reconcile/06A" in report.not_evaluated
    assert len([r for r in report.not_evaluated if "/reconcile/" in r]) == 6
    # and the three rows (lines 2 to 4) do not say whether the employer has a union
    # (附件3 三1, issue 9 point 14): one more entry, never a pass
    assert "pingdingshan-2010:payments/employer-union [2..4]" in report.not_evaluated
    assert report.counts["not_evaluated"] == 6 + 1


def test_changzhou_counts_person_times() -> None:
    # C11 (建档困难职工 慰问对象 人次) counts rows; D11 their amount: 2 rows, 1000 + 500 = 0.15 万元
    rows = [
        pay(
            row=2,
            paid_on=D(2021, 1, 20),
            channel=PaymentChannel.BANK_CARD,
            group="on-file",
            amount=Decimal("1000"),
        ),
        pay(
            row=3,
            paid_on=D(2021, 1, 21),
            channel=PaymentChannel.BANK_CARD,
            group="on-file",
            id_number=ID_B,
        ),
    ]
    good = audit_payments(
        rows,
        "changzhou-edz-2021",
        return_values={"C11": 2, "D11": Decimal("0.15"), "C": 2, "D": "0.15"},
    )
    assert good.ok, [f.message.render("en") for f in good.findings]
    bad = audit_payments(rows, "changzhou-edz-2021", return_values={"C11": 3})
    assert [f.rule for f in bad.findings] == ["changzhou-edz-2021:payments/reconcile/C11"]


def test_unknown_group_is_reported() -> None:
    report = audit_payments([pay(group="retired")], "pingdingshan-2010")
    assert rules_failed(report, "group") == ["2"]


def test_bad_arguments() -> None:
    with pytest.raises(UnknownIdError):
        audit_payments([], "nowhere-1999")
    with pytest.raises(InvalidValueError):
        audit_payments([], "pingdingshan-2010", tolerance=0.01)  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError):
        audit_payments([], "pingdingshan-2010", tolerance=Decimal(-1))


def test_generator_is_read_once_and_empty_roster_is_ok() -> None:
    rows = (pay(row=i, id_number=valid_id(seq=i)) for i in range(2, 50))
    report = audit_payments(rows, "pingdingshan-2010")
    assert report.extra["rows"] == 48 and report.ok
    empty = audit_payments([], "pingdingshan-2010")
    assert empty.ok and empty.passed == 0 and empty.extra["totals"]["amount"] == "0"


def test_reconciliation_with_a_return_read_by_the_forms_readers(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from wennuan_rules.form import read_returns

    path = tmp_path / "return.json"
    # 2534.56 元 = 0.253456 万元 (see test_reconciliation_exact_in_wan)
    path.write_text(
        '{"form": "pingdingshan-2010:swn", "values": {"06A": "0.253456"}}', encoding="utf-8"
    )
    (found,) = list(read_returns(path))
    report = audit_payments(_pdsh_roster(), "pingdingshan-2010", return_values=found)
    assert report.ok and report.extra["reconciliation"][0]["ok"] is True
    other = tmp_path / "other.json"
    other.write_text('{"form": "wuhan-2015:swn", "values": {"06A": "1"}}', encoding="utf-8")
    (wrong,) = list(read_returns(other))
    with pytest.raises(InvalidValueError):
        audit_payments(_pdsh_roster(), "pingdingshan-2010", return_values=wrong)


def test_payment_outside_the_period_is_a_warning() -> None:
    """Issue 9 point 13: no clause limits payment dates beyond the spending deadlines, so a payment
    outside the campaign period (pingdingshan-2010: 2009-12-21 .. 2010-02-13, 二 "2009年12月下旬至
    2010年春节前") is a warning; 2010-02-14 is the first day after it."""
    rows = [
        {
            "name": "张建国",
            "id_number": "410402198503150121",
            "amount": "500",
            "paid_on": "2010-02-14",
            "fund_source": "union-funds",
            "channel": "bank-card",
            "file_category": "extreme",
            "filed_on": "2009-06-01",
        }
    ]
    report = audit_payments(rows, "pingdingshan-2010")
    period = [f for f in report.findings if f.rule.endswith("/period")]
    assert [(f.severity, f.actual) for f in period] == [(Severity.WARNING, "2010-02-14")]
    assert report.ok


def test_changzhou_file_and_card_bind_only_aid_to_families_on_file() -> None:
    """Issue 9 point 11 (江苏常州经济开发区总工会 2021-01-06 三(三) "坚持依档帮扶…确保
    帮扶资金…发放到困难职工的银行卡"): 依档帮扶 and the bank card bind aid to 困难职工 on file
    (form line C11), not 慰问 of front-line workers (C1–C10, J). Three rows paid in cash without a
    file: the C7 worker on duty over the festival has no finding; the C11 family on file has one
    of each rule; a row naming no group is still held to both."""
    base = {
        "name": "张建国",
        "amount": "800",
        "paid_on": "2021-01-20",
        "fund_source": "union-funds",
        "channel": "cash",
    }
    rows = [
        {**base, "id_number": "410402198503150121", "group": "festival-front-line"},
        {**base, "id_number": "42010219700101001" + "1", "group": "on-file"},
        {**base, "id_number": "42010219710202002X"},
    ]
    report = audit_payments(rows, "changzhou-edz-2021")
    found = sorted(
        (f.where, f.rule.rsplit("/", 1)[-1])
        for f in report.findings
        if f.rule.endswith(("/file-before-aid", "/channel"))
    )
    assert found == [
        ("2", "channel"),
        ("2", "file-before-aid"),
        ("3", "channel"),
        ("3", "file-before-aid"),
    ]
