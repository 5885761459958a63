"""Property tests of the audits of lists: each finding follows from the rule as the notice states
it, whatever the families, statuses and goods drawn (issue 9 points 19 and 20)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import wennuan_rules as wr
from wennuan_rules.audits.lists_records import CivilAffairsEntry, GoodsLine, HardshipRecord
from wennuan_rules.audits.rules.lists import PLAN_PARTS
from wennuan_rules.render import reports_json
from wennuan_rules.strategies._rosters import id_numbers
from wennuan_rules.vocabulary import CivilAffairs

_TEXT = st.one_of(st.none(), st.sampled_from(["区总", "2018-12-31", "岗位推荐", "就业脱困"]))
_STATUS = st.one_of(st.none(), st.sampled_from(list(CivilAffairs)))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.fixed_dictionaries({f: _TEXT for f in PLAN_PARTS}), max_size=8))
def test_each_missing_part_is_named(plans: list[dict[str, str | None]]) -> None:
    records = [HardshipRecord(ref=f"H{i}", row=i + 2, **p) for i, p in enumerate(plans)]
    report = wr.audit_files(records, "henan-2018")
    wanted = {
        str(i + 2): tuple(f for f in PLAN_PARTS if p[f] is None)
        for i, p in enumerate(plans)
        if None in p.values()
    }
    assert {f.where: f.items for f in report.findings} == wanted
    assert report.counts["passed"] + report.counts["error"] == len(plans)
    assert report.ok == (not wanted)


@st.composite
def _households(draw: st.DrawFn) -> tuple[list[HardshipRecord], list[CivilAffairsEntry]]:
    numbers = draw(st.lists(id_numbers(), min_size=1, max_size=8, unique=True))
    union, civil = [], []
    for i, number in enumerate(numbers):
        if draw(st.booleans()):
            union.append(HardshipRecord(ref=f"H{i}", id_number=number, civil_affairs=draw(_STATUS)))
        status = draw(_STATUS)
        if status is not None:
            civil.append(CivilAffairsEntry(id_number=number, status=status))
    return union, civil


@settings(max_examples=60, deadline=None)
@given(_households(), st.booleans())
def test_mismatches_are_exactly_the_differences(
    lists: tuple[list[HardshipRecord], list[CivilAffairsEntry]], not_on_file: bool
) -> None:
    union, civil = lists
    report = wr.audit_civil_affairs(union, civil, "henan-2018", not_on_file=not_on_file)
    listed = {e.id_number: e.status for e in civil}
    on_file = {r.id_number for r in union}
    expected = sum(
        1 for r in union if listed.get(r.id_number) is not r.civil_affairs
    )  # a status recorded but not listed, or a status that differs
    if not_on_file:
        expected += sum(
            1 for n, s in listed.items() if s is CivilAffairs.DIBAO and n not in on_file
        )
    assert report.counts["warning"] == expected and report.counts["error"] == 0
    # masked unless asked: no ID number appears in clear
    text = reports_json([report], "en")
    assert not any(r.id_number and r.id_number in text for r in union)
    assert not any(e.id_number and e.id_number in text for e in civil)


_CATEGORIES = ["烟酒", "粮油", "购物卡", "被褥", "Gift Cards"]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.one_of(st.none(), st.sampled_from(_CATEGORIES)), max_size=10),
    st.one_of(st.none(), st.lists(st.sampled_from(_CATEGORIES), min_size=1, max_size=3)),
)
def test_goods_flagged_exactly_when_their_category_is_prohibited(
    categories: list[str | None], banned: list[str] | None
) -> None:
    goods = [GoodsLine(item=f"物品{i}", category=c, row=i + 2) for i, c in enumerate(categories)]
    # the list as a user types it: another case and spaces still match
    typed = None if banned is None else [f" {b.upper()} " for b in banned]
    report = wr.audit_goods(goods, "pingdingshan-2022", prohibited=typed)
    if banned is None:  # the notice names no list: not evaluated, never passed
        assert report.findings == () and report.counts["passed"] == 0
        assert report.counts["not_evaluated"] == 1
        return
    flagged = [str(i + 2) for i, c in enumerate(categories) if c in banned]
    assert [f.where for f in report.findings] == flagged
    assert report.counts["not_evaluated"] == categories.count(None)
    assert report.ok == (not flagged)
