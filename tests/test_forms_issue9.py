"""Issue 9, points 1–6: the readings of the forms that changed verdicts, each on a golden return
of tests/test_forms_golden.py with one figure changed and the arithmetic done by hand."""

from __future__ import annotations

from decimal import Decimal as d
from typing import Any

import attrs
import pytest

import wennuan_rules as wr
from test_forms_golden import CZ_SWN, PDS_CENTER, PDS_SWN, WUHAN_CENTER, WUHAN_SWN
from wennuan_rules.errors import DataFileError
from wennuan_rules.form import get_form
from wennuan_rules.form.rules import Answer, FormRule, FormulaError, describe, evaluate, parse
from wennuan_rules.form.rules.expression import formula


def _rules(report: Any) -> list[tuple[str, str]]:
    return [(f.rule, f.severity.value) for f in report.findings]


# -- point 1: a breakdown closed by 其他 is complete ----------------------------------------------


def test_swn_total_above_its_sources_is_an_error() -> None:
    # 武工办〔2014〕74号 附件1 05, (F)其他收入: 68.5 + 120.35 + 214.3 + 42.8 + 6.4 = 452.35;
    # 05A typed 500 = 452.35 + 47.65. Before issue 9 this return was ok (a warning only).
    report = wr.validate("wuhan-2015:swn", {**WUHAN_SWN, "05A": "500"})
    assert not report.ok
    assert _rules(report) == [("wuhan-2015:swn/05A=sum", "error")]
    assert (report.findings[0].expected, report.findings[0].actual) == ("452.35", "500")
    assert report.fix is not None and (report.fix.item, report.fix.value) == ("05A", "452.35")


@pytest.mark.parametrize(
    ("form_id", "base", "code", "typed", "rule", "expected"),
    [
        # 武工办〔2014〕74号 附件1 09, (E)其他生活服務: 1850 + 6200 + 3400 + 960 = 12410
        ("wuhan-2015:swn", WUHAN_SWN, "09A", 12500, "09A=sum", "12410"),
        # 武工办〔2014〕74号 附件2 11, (C)其他(家政、養老等)服務: 3200 + 5400 = 8600
        ("wuhan-2015:center", WUHAN_CENTER, "11A", 8700, "11A=sum", "8600"),
        # 武工办〔2014〕74号 附件2 05, (F)其他收入:
        # 850 + 1260.5 + 980.75 + 215.3 + 42.6 = 3349.15
        ("wuhan-2015:center", WUHAN_CENTER, "05A", "3400", "05A=sum", "3349.15"),
        # 平工总［2009］38号 附件2 08, (J)其它帮扶: the golden parts add up to 450 (written with the
        # parts' two decimals: 450.00)
        ("pingdingshan-2010:center", PDS_CENTER, "08A-2", "460", "08A-2=sum", "450.00"),
    ],
)
def test_catch_all_totals_are_errors(
    form_id: str,
    base: dict[str, object],
    code: str,
    typed: object,
    rule: str,
    expected: str,
) -> None:
    report = wr.validate(form_id, {**base, code: typed})
    assert not report.ok
    assert _rules(report) == [(f"{form_id}/{rule}", "error")]
    assert report.findings[0].expected == expected


# -- point 2: vehicles and people carried ---------------------------------------------------------


def test_boats_without_a_boat_is_a_warning() -> None:
    # 武工办〔2014〕74号 附件1 10(H)(I): 0 艘 carrying 400 人次; 10A 5200 still holds
    # 1200 + 460 + 2350 + 400 + 0 = 4410 people carried. Before issue 9: ok, no finding.
    report = wr.validate("wuhan-2015:swn", {**WUHAN_SWN, "10I": 400})
    assert report.ok
    assert _rules(report) == [("wuhan-2015:swn/10I>0->10H>0", "warning")]
    assert (report.findings[0].expected, report.findings[0].actual) == ("> 0", "0")


def test_more_trains_than_people_is_a_warning() -> None:
    # 武工办〔2014〕74号 附件1 10(B)(C): 1300 列 for 1200 人次 carried
    report = wr.validate("wuhan-2015:swn", {**WUHAN_SWN, "10B": 1300})
    assert _rules(report) == [("wuhan-2015:swn/10B<=10C", "warning")]
    assert (report.findings[0].expected, report.findings[0].actual) == ("<= 1200", "1300")


def test_pingdingshan_trains_and_buses_together_only_warn() -> None:
    # 平工总［2009］38号 附件1 09: 09A typed 2000; trains 1900 <= 2000, buses 810 <= 2000, but
    # 1900 + 810 = 2710 > 2000 (one person may take a bus, then a train): a warning, was an error
    report = wr.validate("pingdingshan-2010:swn", {**PDS_SWN, "09A": 2000})
    assert report.ok
    assert _rules(report) == [("pingdingshan-2010:swn/09B-2+09C-2<=09A", "warning")]
    assert (report.findings[0].expected, report.findings[0].actual) == ("<= 2000", "2710")


def test_pingdingshan_one_transport_above_the_total_is_an_error() -> None:
    # 平工总［2009］38号 附件1 09(B): 3700 carried by train > 09A 3600; with the buses
    # 3700 + 810 = 4510 > 3600 as well
    report = wr.validate("pingdingshan-2010:swn", {**PDS_SWN, "09B-2": 3700})
    assert not report.ok
    assert _rules(report) == [
        ("pingdingshan-2010:swn/09B-2<=09A", "error"),
        ("pingdingshan-2010:swn/09B-2+09C-2<=09A", "warning"),
    ]


def test_wuhan_transports_together_only_warn() -> None:
    # 武工办〔2014〕74号 附件1 10: 10A typed 3000 人次 helped home; trains 1200, carriages 460,
    # buses 2350, each <= 3000, but 1200 + 460 + 2350 = 4010 > 3000 (one person may take a
    # chartered bus, then a chartered train): a warning, was an error
    report = wr.validate("wuhan-2015:swn", {**WUHAN_SWN, "10A": 3000})
    assert report.ok
    assert _rules(report) == [("wuhan-2015:swn/10C+10E+10G+10I+10K<=10A", "warning")]
    assert (report.findings[0].expected, report.findings[0].actual) == ("<= 3000", "4010")


@pytest.mark.parametrize(("code", "vehicles"), [("10C", "10B"), ("10E", "10D"), ("10G", "10F"),
                                                ("10I", "10H"), ("10K", "10J")])  # fmt: skip
def test_wuhan_one_transport_above_the_total_is_an_error(code: str, vehicles: str) -> None:
    # 附件1 10 其中: 5201 人次 carried by one transport > 10A 5200 helped home (vehicles given, so
    # that only the 10 rules speak); with the others the sum is above 10A as well
    values = {**WUHAN_SWN, code: 5201, vehicles: 1}
    report = wr.validate("wuhan-2015:swn", values)
    assert not report.ok
    assert _rules(report) == [
        (f"wuhan-2015:swn/{code}<=10A", "error"),
        ("wuhan-2015:swn/10C+10E+10G+10I+10K<=10A", "warning"),
    ]
    assert report.findings[0].source == f"武工办〔2014〕74号 附件1 10({code[-1]})"


def test_pingdingshan_people_carried_without_a_bus() -> None:
    # 平工总［2009］38号 附件1 09(C): 0 辆 with 810 人次
    report = wr.validate("pingdingshan-2010:swn", {**PDS_SWN, "09C-1": 0})
    assert _rules(report) == [("pingdingshan-2010:swn/09C-2>0->09C-1>0", "warning")]


# -- point 3: free services ------------------------------------------------------------------------


def test_free_policy_advice_is_no_longer_a_warning() -> None:
    # 平工总［2009］38号 附件2 08(G): 1500 人次 of 政策咨询 given free: 08G-2 0.75 → 0 and
    # 08A-2 450 → 450 - 0.75 = 449.25 so the money still adds up. Before issue 9: a warning.
    report = wr.validate("pingdingshan-2010:center", {**PDS_CENTER, "08G-2": 0, "08A-2": "449.25"})
    assert report.ok and report.findings == ()


def test_money_for_free_services_without_anyone_served_warns() -> None:
    # 武工办〔2014〕74号 附件2 09(M)(N): 09M 6400 → 0 人次 with 3.2 万元; 09A 36680 → 30280
    report = wr.validate("wuhan-2015:center", {**WUHAN_CENTER, "09M": 0, "09A": 36680 - 6400})
    assert _rules(report) == [("wuhan-2015:center/09N>0->09M>0", "warning")]
    assert (report.findings[0].expected, report.findings[0].actual) == ("> 0", "0")


# -- point 4: one-way implications ----------------------------------------------------------------


def test_people_and_money_involved_without_a_case() -> None:
    # 武工办〔2014〕74号 附件2 12: 0 件 with 640 人 and 356.2 万元 involved
    report = wr.validate("wuhan-2015:center", {**WUHAN_CENTER, "12A": 0})
    assert _rules(report) == [
        ("wuhan-2015:center/12B>0->12A>0", "warning"),
        ("wuhan-2015:center/12C>0->12A>0", "warning"),
    ]
    # 平工总［2009］38号 附件2 10(A): 0 件 with 312 人
    report = wr.validate("pingdingshan-2010:center", {**PDS_CENTER, "10A-1": 0})
    assert _rules(report) == [("pingdingshan-2010:center/10A-2>0->10A-1>0", "warning")]


def test_staff_at_a_level_without_a_centre() -> None:
    # 武工办〔2014〕74号 附件2 01、02(B): no provincial centre (01B 0) but 2 provincial staff;
    # 02A 96 → 96 + 2 = 98 so 02A = 02B + 02C + 02D = 2 + 18 + 78 still holds
    report = wr.validate("wuhan-2015:center", {**WUHAN_CENTER, "02B": 2, "02A": 98})
    assert _rules(report) == [("wuhan-2015:center/02B>0->01B>0", "warning")]


def test_fund_in_the_budget_without_a_fund() -> None:
    # 武工办〔2014〕74号 附件2 06: 06A 0 万元 (golden) with 06B 资金是否纳入财政预算 = 是
    report = wr.validate("wuhan-2015:center", {**WUHAN_CENTER, "06B": "是"})
    assert report.ok
    assert _rules(report) == [("wuhan-2015:center/06B=是->06A>0", "warning")]
    (finding,) = report.to_dict("zh-Hans")["findings"]
    assert finding["items"] == ["06B", "06A"]
    assert (finding["expected"], finding["actual"]) == ("> 0", "0")
    assert "06B = 是" in finding["message"]
    # 否 with no fund, or 是 with a fund of 120 万元, is fine
    assert wr.validate("wuhan-2015:center", {**WUHAN_CENTER, "06B": "否"}).findings == ()
    fund = {**WUHAN_CENTER, "06A": "120", "06B": "是"}
    assert wr.validate("wuhan-2015:center", fund).findings == ()
    # 06B left blank: the rule is not evaluated
    blank = wr.validate("wuhan-2015:center", {**WUHAN_CENTER, "06B": None})
    assert "wuhan-2015:center/06B=是->06A>0" in blank.not_evaluated


# -- point 5: 武汉 附件1 04 and 08 ---------------------------------------------------------------


def test_migrant_families_above_hardship_families_only_warn() -> None:
    # 武工办〔2014〕74号 附件1 04: 04F 2500 > 04E 2410 but <= 04D 2760: a warning, was an error
    report = wr.validate("wuhan-2015:swn", {**WUHAN_SWN, "04F": 2500})
    assert report.ok
    assert _rules(report) == [("wuhan-2015:swn/04F<=04E", "warning")]


def test_migrant_families_above_all_families_is_an_error() -> None:
    # 04F 2800 > 04D 2760 (and > 04E 2410)
    report = wr.validate("wuhan-2015:swn", {**WUHAN_SWN, "04F": 2800})
    assert not report.ok
    assert _rules(report) == [
        ("wuhan-2015:swn/04F<=04D", "error"),
        ("wuhan-2015:swn/04F<=04E", "warning"),
    ]
    assert (report.findings[0].expected, report.findings[0].actual) == ("<= 2760", "2800")


def test_wage_recovery_above_rights_work_warns() -> None:
    # 武工办〔2014〕74号 附件1 08: 08C 700 人次 helped to recover wages > 08A 640 人次 rights work
    report = wr.validate("wuhan-2015:swn", {**WUHAN_SWN, "08C": 700})
    assert _rules(report) == [("wuhan-2015:swn/08C<=08A", "warning")]


# -- point 6: 常州 D ≤ B, and single-blank citations -----------------------------------------------


def test_changzhou_distributed_above_raised_warns() -> None:
    # J2 11: D + J2 = 31.25 + 11 = 42.25 > B 41.91; D alone 31.25 <= 41.91
    report = wr.validate("changzhou-edz-2021:swn", {**CZ_SWN, "J2": "11"})
    assert report.ok
    assert _rules(report) == [("changzhou-edz-2021:swn/D+J2<=B", "warning")]
    assert (report.findings[0].expected, report.findings[0].actual) == ("<= 41.91", "42.25")
    # D2 4.2 → 18.2 and D 31.25 → 45.25: D > B 41.91, and D + J2 = 45.25 + 2 = 47.25 > B
    report = wr.validate("changzhou-edz-2021:swn", {**CZ_SWN, "D2": "18.2", "D": "45.25"})
    assert _rules(report) == [
        ("changzhou-edz-2021:swn/D<=B", "warning"),
        ("changzhou-edz-2021:swn/D+J2<=B", "warning"),
    ]
    assert report.findings[0].source == "江苏常州经济开发区总工会 2021-01-06 附件 编号2 B、编号3 D"


def test_changzhou_single_blank_cites_row_and_code() -> None:
    # the notice has one attachment: C7 is on row (编号) 3
    report = wr.validate("changzhou-edz-2021:swn", {**CZ_SWN, "C7": -1})
    finding = next(f for f in report.findings if f.rule.endswith("C7:unit"))
    assert finding.source == "江苏常州经济开发区总工会 2021-01-06 附件 编号3 C7"
    form = get_form("changzhou-edz-2021:swn")
    assert form.item_source("A") == "江苏常州经济开发区总工会 2021-01-06 附件 编号1 A"
    # forms whose codes begin with their line cite the line, as before
    assert get_form("wuhan-2015:swn").item_source("05B") == "武工办〔2014〕74号 附件1 05"


# -- the yes-no answer in the AST -----------------------------------------------------------------


def test_an_answer_parses_prints_and_evaluates() -> None:
    expr = parse("06B = 是 -> 06A > 0")
    assert expr.premise == Answer("06B", yes=True)  # type: ignore[union-attr]
    assert parse(formula(expr)) == expr
    assert formula(parse("06B=否->06A>0")) == "06B = 否 -> 06A > 0"
    assert describe(expr, "en") == "if 06B = 是, then 06A > 0"
    assert describe(expr, "zh-Hans") == "若 06B = 是，则 06A > 0"
    assert evaluate(expr, {"06B": True, "06A": d(0)}) is False
    assert evaluate(expr, {"06B": False, "06A": d(0)}) is True
    assert evaluate(expr, {"06B": True, "06A": d(5)}) is True
    assert evaluate(expr, {"06B": None, "06A": d(0)}) is None
    assert evaluate(expr, {"06B": d(1), "06A": d(0)}) is None  # a number is no answer


@pytest.mark.parametrize(
    ("text", "position"),
    [("06B = 是", 7), ("06B = 是 <-> 06A > 0", 8), ("06A > 0 -> 06B = 是", 17)],
)
def test_an_answer_is_only_a_premise(text: str, position: int) -> None:
    with pytest.raises(FormulaError) as info:
        parse(text)
    assert info.value.position == position


def test_an_answer_reads_a_yes_no_item() -> None:
    form = get_form("wuhan-2015:center")
    bad = FormRule("05A=是->06A>0", parse("05A = 是 -> 06A > 0"))
    with pytest.raises(DataFileError):
        attrs.evolve(form, rules=(*form.rules, bad))
