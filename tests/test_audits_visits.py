"""Visit plan and log audits: the 2010 quota, the concentrated window, coverage of families on
file."""

from __future__ import annotations

import datetime as dt

import pytest

from wennuan_rules.audits import FamilyOnFile, Visit, Visitee, VisitGroup, VisitPlan, audit_visits
from wennuan_rules.errors import InvalidValueError
from wennuan_rules.report import Severity

D = dt.date
DAY = D(2010, 1, 26)


def visits(group: str, unit: str, kinds: list[str], day: dt.date = DAY) -> list[Visit]:
    return [
        Visit(
            visited_on=day,
            group=group,
            household=f"{group}-{unit}-{i}",
            kind=kind,
            unit=unit,
            row=i,
        )
        for i, kind in enumerate(kinds, start=1)
    ]


def quota_findings(report) -> list[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    return [(f.where, f.expected, f.actual) for f in report.findings if f.rule.endswith("/quota")]


# 平工总［2009］38号 附件3 三2: 各组…看望慰问不少于4户，其中困难劳模1户、困难农民工1户、困难职工2户


def test_quota_met_exactly() -> None:
    log = visits("g1", "叶县", ["model-worker", "migrant-worker", "worker", "worker"])
    report = audit_visits(log, "pingdingshan-2010")
    assert quota_findings(report) == []
    # 1 total + 3 kinds = 4 quota checks passed, 4 window checks passed
    assert report.extra["rules"]["pingdingshan-2010:visits/quota"]["passed"] == 4


def test_quota_three_households_is_short() -> None:
    log = visits("g1", "叶县", ["model-worker", "migrant-worker", "worker"])
    report = audit_visits(log, "pingdingshan-2010")
    # 3 < 4 in all, and 1 困难职工 < 2; the 劳模 and the 农民工 are there
    assert quota_findings(report) == [("g1 叶县", ">= 4", "3"), ("g1 叶县", ">= 2", "1")]


def test_quota_four_without_a_model_worker_is_short() -> None:
    # 4 households, but 0 困难劳模 (and 3 困难职工): the total is met, the 1 劳模 is not
    log = visits("g1", "叶县", ["migrant-worker", "worker", "worker", "困难职工"])
    report = audit_visits(log, "pingdingshan-2010")
    assert quota_findings(report) == [("g1 叶县", ">= 1", "0")]
    # the kind is named by its label in the reader's language, not by its id
    assert "model worker in hardship" in report.findings[0].message.render("en")
    assert "困难劳模" in report.findings[0].message.render("zh-Hans")


def test_quota_same_household_twice_counts_once() -> None:
    log = visits("g1", "叶县", ["model-worker", "migrant-worker", "worker", "worker"])
    log[3] = Visit(
        visited_on=D(2010, 1, 27),
        group="g1",
        household=log[2].household,
        kind="worker",
        unit="叶县",
        row=4,
    )
    report = audit_visits(log, "pingdingshan-2010")
    assert ("g1 叶县", ">= 4", "3") in quota_findings(report)


def test_quota_per_unit_or_per_group() -> None:
    # two units with 2 households each: per unit visited (the campaign's reading) both are short;
    # per group (the other reading, quota_per="group") the group's 4 households meet the quota
    log = visits("g1", "叶县", ["model-worker", "worker"]) + visits(
        "g1", "卫东区", ["migrant-worker", "worker"]
    )
    per_unit = audit_visits(log, "pingdingshan-2010")
    assert {w for w, _e, _a in quota_findings(per_unit)} == {"g1 叶县", "g1 卫东区"}
    per_group = audit_visits(log, "pingdingshan-2010", quota_per="group")
    assert quota_findings(per_group) == []
    with pytest.raises(InvalidValueError):
        audit_visits(log, "pingdingshan-2010", quota_per="city")


def test_planned_unit_not_visited_fails() -> None:
    plan = VisitPlan(
        groups=(
            VisitGroup(id="g1", leaders=("李丰海",), liaison="唐建勋", units=("叶县", "卫东区")),
        ),
        visits=tuple(visits("g1", "叶县", ["model-worker", "migrant-worker", "worker", "worker"])),
    )
    report = audit_visits(plan, "pingdingshan-2010")
    assert ("g1 卫东区", ">= 4", "0") in quota_findings(report)


def test_plan_without_log_is_counted_from_the_plan() -> None:
    households = tuple(
        Visitee(ref=f"h{i}", kind=k, unit="叶县")
        for i, k in enumerate(["model-worker", "migrant-worker", "worker"])
    )
    plan = VisitPlan(groups=(VisitGroup(id="g1", units=("叶县",), households=households),))
    report = audit_visits(plan, "pingdingshan-2010")
    assert report.extra["quota"]["counted_from"] == "plan"
    assert ("g1 叶县", ">= 4", "3") in quota_findings(report)


def test_visit_naming_an_unknown_group() -> None:
    plan = VisitPlan(
        groups=(VisitGroup(id="g1"),), visits=(Visit(visited_on=D(2010, 1, 26), group="g9", row=7),)
    )
    report = audit_visits(plan, "pingdingshan-2010")
    assert [f.where for f in report.findings if f.rule.endswith("/group")] == ["7"]


@pytest.mark.parametrize(
    ("day", "inside"),
    [
        # 附件3 三5: 从2010年元月25日…开始至2010年2月1日…结束, both inclusive
        (D(2010, 1, 24), False),
        (D(2010, 1, 25), True),
        (D(2010, 2, 1), True),
        (D(2010, 2, 2), False),
    ],
)
def test_visiting_window(day: dt.date, inside: bool) -> None:
    report = audit_visits(
        [Visit(visited_on=day, group="g1", row=2)], "pingdingshan-2010", quota_per="group"
    )
    window = [f for f in report.findings if f.rule.endswith("/window")]
    assert (not window) is inside
    if window:
        assert window[0].source == "平工总［2009］38号 附件3 三5"


def test_window_falls_back_to_the_period() -> None:
    # 武工办〔2014〕74号 二: 2015-01-01 .. 2015-03-05 (正月十五); no concentrated window
    inside = Visit(visited_on=D(2015, 3, 5), row=2)
    outside = Visit(visited_on=D(2015, 3, 6), row=3)
    report = audit_visits([inside, outside], "wuhan-2015")
    assert [f.where for f in report.findings if f.rule.endswith("/window")] == ["3"]


@pytest.mark.parametrize(
    ("campaign", "inside", "outside"),
    [
        # issue 9 point 10: "元旦、春节期间" printed without dates runs to 正月初六:
        # henan-2018 春节 2018-02-16 + 5 days = 2018-02-21; pingdingshan-2022 2022-02-01 + 5 = 02-06
        ("henan-2018", D(2018, 2, 21), D(2018, 2, 22)),
        ("pingdingshan-2022", D(2022, 2, 6), D(2022, 2, 7)),
    ],
)
def test_outside_an_undated_period_is_a_warning(
    campaign: str, inside: dt.date, outside: dt.date
) -> None:
    report = audit_visits(
        [Visit(visited_on=inside, row=2), Visit(visited_on=outside, row=3)], campaign
    )
    window = [f for f in report.findings if f.rule.endswith("/window")]
    assert [(f.where, f.severity) for f in window] == [("3", Severity.WARNING)]
    assert report.ok  # warnings only


def test_window_message_names_the_campaign_period_where_there_is_no_window() -> None:
    # issue 9 point 13: wuhan-2015 has no concentrated window; its period (2015-01-01 ..
    # 2015-03-05) is checked and the message says so, not "集中走访慰问时间"
    from wennuan_rules.render import reports_json

    report = audit_visits([Visit(visited_on=D(2015, 3, 6), row=2)], "wuhan-2015")
    zh = reports_json([report], "zh-Hans")
    assert "2015-03-06 走访，不在活动时间 2015-01-01 至 2015-03-05 之内" in zh
    assert "集中走访慰问时间" not in zh
    assert "outside the campaign period 2015-01-01 to 2015-03-05" in reports_json([report], "en")
    assert "不在活動時間" in reports_json([report], "zh-Hant")
    # pingdingshan-2010 has a window (附件3 三5): the message names it
    p10 = audit_visits([Visit(visited_on=D(2010, 2, 2), row=2)], "pingdingshan-2010")
    assert "集中走访慰问时间 2010-01-25 至 2010-02-01" in reports_json([p10], "zh-Hans")


FAMILIES = (
    FamilyOnFile(ref="F1", name="张建国", id_number="420102197001010011", row=2),
    FamilyOnFile(ref="F2", name="王秀英", id_number="42010219710202002X", row=3),
    FamilyOnFile(ref="F3", name="李桂兰", id_number=None, row=4),
)


@pytest.mark.parametrize("campaign", ["wuhan-2015", "henan-2018"])
def test_coverage_lists_the_families_missed(campaign: str) -> None:
    day = D(2015, 1, 20) if campaign == "wuhan-2015" else D(2018, 1, 20)
    log = [
        Visit(visited_on=day, household="F1", row=2),
        # matched by ID number only, typed with a lower-case x
        Visit(visited_on=day, id_number="42010219710202002x", row=3),
    ]
    report = audit_visits(log, campaign, families=FAMILIES)
    missed = [f for f in report.findings if f.rule == f"{campaign}:visits/coverage"]
    assert [f.where for f in missed] == ["4"]
    assert report.extra["coverage"] == {"on_file": 3, "visited": 2, "missed": 1}
    # the family is named by its ref and masked name; never in clear
    text = missed[0].message.render("en")
    assert "F3" in text and "李**" in text and "李桂兰" not in text


def test_coverage_without_families_is_not_evaluated() -> None:
    report = audit_visits([Visit(visited_on=D(2015, 1, 20), row=2)], "wuhan-2015")
    assert report.not_evaluated == ("wuhan-2015:visits/coverage",)


def test_coverage_only_where_the_campaign_asks_unless_forced() -> None:
    log = [Visit(visited_on=D(2021, 1, 20), household="F1", row=2)]
    assert "coverage" not in audit_visits(log, "changzhou-edz-2021", families=FAMILIES).extra
    forced = audit_visits(log, "changzhou-edz-2021", families=FAMILIES, require_coverage=True)
    assert forced.extra["coverage"]["missed"] == 2
