"""Renderers read results as data: exact values, items not reported, unit checks, exact per-capita
incomes; the methods users call on results reach the renderers through the package's hook."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

import wennuan_rules as wr
from wennuan_rules.render import report_text, summary_text
from wennuan_rules.results import Report

C, ON = "changzhou-edz-2021", dt.date(2021, 1, 10)
ILL = {
    "has_labour_contract": True,
    "major_illness": True,
    "members": 3,
    "annual_medical_out_of_pocket": "12000",
}


def test_items_not_reported_come_from_the_report_not_from_rule_ids() -> None:
    report = wr.validate("wuhan-2015:swn", {"05A": "425.35", "05B": "100"})
    assert "05C" in report.not_reported and "05A" not in report.not_reported
    assert report.not_evaluated[-len(report.not_reported) :] == tuple(
        f"wuhan-2015:swn/{code}:unit" for code in report.not_reported
    )
    assert all(not r.endswith(":unit") for r in report.not_evaluated_rules)
    text = report_text(report, "en").replace("\n    ", " ")
    shown = text.split("Not reported: ", 1)[1].split("\n", 1)[0].split(", ")
    assert shown == list(report.not_reported)
    # a report built by hand names what was not reported itself: nothing is read from the ids
    bare = Report("wuhan-2015:swn", None, (), 0, ("wuhan-2015:swn/05C:unit",))
    assert "Not reported" not in report_text(bare, "en")


def test_text_figures_come_from_exact_values_in_each_language() -> None:
    values = {"05A": "425.35", "05B": "100", "05C": "20", "05D": "300", "05E": "32.35", "05F": "0"}
    report = wr.validate("wuhan-2015:swn", values)
    (finding,) = [f for f in report.findings if f.rule.endswith("05A=sum")]
    assert finding.actual_value == Decimal("425.35") and finding.unit == "万元"
    assert "¥4,253,500" in report_text(report, "en")
    assert "4253500" not in finding.actual  # the contract's string stays the exact figure


def test_a_unit_check_finding_carries_the_value_given() -> None:
    report = wr.validate("wuhan-2015:swn", {"05A": "-3"})
    (finding,) = [f for f in report.findings if f.rule.endswith("05A:unit")]
    assert finding.actual == "-3" and finding.actual_value == Decimal(-3)


def test_summary_methods_reach_the_renderers() -> None:
    reports = [wr.validate("wuhan-2015:swn", {"05A": "1"}), wr.validate("wuhan-2015:swn", {})]
    summary = wr.summarize(reports)
    assert summary.to_text("en") == summary_text(summary, "en")
    assert summary.to_csv().startswith("rule,severity,items,passed,failed,not_evaluated,source")
    assert any(r.unit_check for r in summary.rules)
    assert not any(r.unit_check for r in summary.rules if not r.rule.endswith(":unit"))


@settings(max_examples=60, deadline=None)
@given(
    cents=st.integers(min_value=0, max_value=10**9),
    members=st.integers(min_value=1, max_value=9),
)
def test_per_capita_is_given_exactly_beside_its_display_string(cents: int, members: int) -> None:
    income = Decimal(cents) / 100
    household = wr.Household.from_mapping(
        {**ILL, "members": members, "monthly_income": str(income)}
    )
    reason = wr.assess(household, C, ON).decision("serious-illness").reasons[0]
    values = dict(reason.values)
    exact = dict(reason.exact)["per_capita"]
    assert exact == Fraction(income) / members
    assert "per_capita_exact" not in values  # the JSON values stay as contract.md has them
    shown = values["per_capita"]
    if shown.endswith("…"):
        assert (
            Fraction(Decimal(shown[:-1]))
            <= exact
            < Fraction(Decimal(shown[:-1])) + Fraction(1, 10**4)
        )
    else:
        assert Fraction(Decimal(shown)) == exact
