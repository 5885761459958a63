"""Groups of pingdingshan-2010, pingdingshan-2022, wuhan-2015 and henan-2018: golden households."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

import wennuan_rules as wr
from wennuan_rules._data import is_bundled

ON_FILE = {"category": "relative", "filed_on": "2009-06-01"}


def h(**facts: Any) -> wr.Household:
    base: dict[str, Any] = {"members": 2, "monthly_income": "500"}
    base.update(facts)
    return wr.Household.from_mapping(base)


def groups(campaign: str, household: wr.Household, on: str, **kw: Any) -> tuple[str, ...]:
    return wr.assess(household, campaign, on, **kw).eligible


# -- pingdingshan-2010 (平工总［2009］38号 三)
# ---------------------------------------------------------
P10 = "pingdingshan-2010"
ON10 = "2010-01-25"


@pytest.mark.parametrize(
    ("facts", "group"),
    [
        ({"enterprise_in_crisis": True}, "crisis-enterprise"),
        ({"enterprise_restructured": True, "early_retired": True}, "restructured-enterprise"),
        ({"depleted_mining_area": True}, "depleted-mining-area"),
        ({"causes": ["disaster"]}, "disaster-or-emergency"),
        ({"causes": ["accident"]}, "disaster-or-emergency"),
    ],
)
def test_pingdingshan_2010_groups_need_the_circumstance_and_the_file(
    facts: dict[str, Any], group: str
) -> None:
    assert group in groups(P10, h(hardship_file=ON_FILE, **facts), ON10)
    assert group not in groups(P10, h(**facts), ON10)  # hardship neither on file nor stated
    assert group in groups(
        P10,
        h(basic_living_difficulty=True, **facts),
        ON10,
        options={"hardship": "on-file-or-stated"},
    )
    # issue 9 point 9 (三 "在对工会建档的困难职工…普遍走访慰问的基础上，重点开展对五类群体"):
    # the five groups are not limited to families on file; on-file-or-stated is the default now
    assert group in groups(P10, h(basic_living_difficulty=True, **facts), ON10)
    a = wr.assess(h(**facts), P10, ON10)
    assert a.decision(group).status == "undetermined"
    assert "basic-living-difficulty" in a.decision(group).not_stated
    # the old reading stays as an option: on file only
    on_file_only = {"hardship": "on-file"}
    stated = h(basic_living_difficulty=True, **facts)
    assert group not in groups(P10, stated, ON10, options=on_file_only)


def test_pingdingshan_2010_file_must_exist_on_the_decision_date() -> None:
    later = {"category": "deep", "filed_on": "2010-01-26"}
    assert "crisis-enterprise" not in groups(
        P10, h(hardship_file=later, enterprise_in_crisis=True), ON10
    )
    assert "crisis-enterprise" not in groups(
        P10,
        h(hardship_file=later, enterprise_in_crisis=True, basic_living_difficulty=False),
        ON10,
    )


def test_pingdingshan_2010_dibao_edge() -> None:
    yes = h(civil_affairs="dibao-edge", causes=["child-education"], basic_living_difficulty=True)
    assert "dibao-edge" in groups(P10, yes, ON10)
    other_cause = h(
        civil_affairs="dibao-edge", causes=["unemployment"], basic_living_difficulty=True
    )
    # issue 9 point 7 (平工总［2009］38号 三 五 "因家庭成员患大病、子女上学等原因"): 等 is open, so
    # unemployment counts by default; the closed reading is the option dibao_edge_any_cause=False
    assert "dibao-edge" in groups(P10, other_cause, ON10)
    closed = {"dibao_edge_any_cause": False}
    assert "dibao-edge" not in groups(P10, other_cause, ON10, options=closed)
    assert "dibao-edge" in groups(P10, other_cause, ON10, options={"dibao_edge_any_cause": True})
    unstated = wr.assess(h(civil_affairs="dibao-edge", causes=["illness"]), P10, ON10)
    assert unstated.decision("dibao-edge").status == "undetermined"


def test_pingdingshan_2010_form_line_03_categories() -> None:
    params = wr.Parameters.bundled().with_value(
        "dibao", region="pingdingshan", start=dt.date(2009, 7, 1), value="200", source="test value"
    )
    # 03B: per-capita income below 200: 2 people, < 400 (低于: strict)
    below = h(monthly_income="399.99", hardship_file=ON_FILE)
    at = h(monthly_income="400.00", hardship_file=ON_FILE)
    cats = {d.group: d.eligible for d in wr.assess(below, P10, ON10, parameters=params).categories}
    assert cats["03A"] and cats["03B"]
    cats = {d.group: d.eligible for d in wr.assess(at, P10, ON10, parameters=params).categories}
    assert cats["03A"] and not cats["03B"]
    # without a standard for the region, 03B is undetermined unless civil affairs says 低保
    d = {c.group: c for c in wr.assess(at, P10, ON10).categories}["03B"]
    assert d.status == "undetermined"
    dibao = h(civil_affairs="dibao", hardship_file=ON_FILE)
    assert {c.group: c.eligible for c in wr.assess(dibao, P10, ON10).categories}["03B"]
    # 03C: 略高于低保线 (低保边缘) with unemployment / illness / schooling; 03D: accident or
    # disaster
    c = h(civil_affairs="dibao-edge", causes=["unemployment"], hardship_file=ON_FILE)
    dd = h(causes=["disaster"], hardship_file=ON_FILE)
    assert {x.group: x.eligible for x in wr.assess(c, P10, ON10).categories}["03C"]
    assert {x.group: x.eligible for x in wr.assess(dd, P10, ON10).categories}["03D"]
    assert not {
        x.group: x.eligible for x in wr.assess(h(causes=["disaster"]), P10, ON10).categories
    }["03D"]


# -- pingdingshan-2022 ---------------------------------------------------------------------------
P22 = "pingdingshan-2022"
ON22 = "2022-01-10"


@pytest.mark.parametrize("category", ["deep", "relative", "accident"])
def test_pingdingshan_2022_categories(category: str) -> None:
    got = groups(P22, h(hardship_file={"category": category, "filed_on": "2021-05-01"}), ON22)
    assert category in got
    assert {"deep", "relative", "accident"} - {category} == {"deep", "relative", "accident"} - set(
        got
    )


def _text(a: wr.Assessment, lang: str) -> str:
    return json.dumps(a.to_dict(lang), ensure_ascii=False)


def test_pingdingshan_2022_new_form_occupation_not_named() -> None:
    # issue 9 point 7 (二(二)三 "货车司机、网约车司机、快递员、外卖配送员等群体"): a new-form
    # occupation the notice does not name is accepted and named; "named" keeps the closed reading
    hh = h(new_form_occupation="代驾司机")
    a = wr.assess(hh, P22, ON22)
    assert a.decision("new-form-workers").status == "eligible"
    assert "代驾司机" in _text(a, "zh-Hans") and "通知未列明" in _text(a, "zh-Hans")
    assert "not named in the notice" in _text(a, "en")
    closed = wr.assess(hh, P22, ON22, options={"new_form_occupations": "named"})
    assert closed.decision("new-form-workers").status == "not-eligible"
    assert "代驾司机不属于通知列明的新就业形态群体" in _text(closed, "zh-Hans")
    assert (
        wr.assess(h(new_form_occupation="courier"), P22, ON22).decision("new-form-workers").status
        == "eligible"
    )


def test_pingdingshan_2022_other_groups() -> None:
    assert "new-form-workers" in groups(P22, h(new_form_occupation="外卖配送员"), ON22)
    assert "new-form-workers" not in groups(P22, h(), ON22)
    stricken = h(causes=["work-injury"], basic_living_difficulty=True)
    assert "stricken-family" in groups(P22, stricken, ON22)
    # issue 9 point 7 (二(二)二 "…等情况"): 等 is open, any stated cause counts by default
    schooling = h(causes=["child-education"], basic_living_difficulty=True)
    assert "stricken-family" in groups(P22, schooling, ON22)
    closed = {"stricken_family_any_cause": False}
    assert "stricken-family" not in groups(P22, schooling, ON22, options=closed)
    assert "model-worker" in groups(P22, h(model_worker_level="enterprise"), ON22)
    assert "epidemic-medical" in groups(P22, h(epidemic_frontline_medical=True), ON22)
    assert "frontline-workers" in groups(P22, h(on_duty_during_festival=True), ON22)
    assert "major-project-contributors" in groups(P22, h(major_project_contributor=True), ON22)


# -- wuhan-2015
# -------------------------------------------------------------------------------------
def test_wuhan_2015_every_family_on_file() -> None:
    on = "2015-01-20"
    assert "on-file" in groups(
        "wuhan-2015", h(hardship_file={"category": "extreme", "filed_on": "2014-03-01"}), on
    )
    assert "on-file" not in groups("wuhan-2015", h(), on)
    mw = h(
        model_worker_level="city", hardship_file={"category": "extreme", "filed_on": "2014-03-01"}
    )
    assert "model-worker" in groups("wuhan-2015", mw, on)
    assert "migrant-worker" in groups(
        "wuhan-2015", h(migrant_worker=True, hardship_file=ON_FILE), on
    )


# -- henan-2018
# -----------------------------------------------------------------------------------------
def test_henan_2018_sudden_hardship_during_the_festivals() -> None:
    period = wr.get_campaign("henan-2018").period
    on = "2018-02-10"
    event = {"causes": ["accident"], "basic_living_difficulty": True}
    assert "sudden-hardship" in groups(
        "henan-2018", h(event_on=period.start.isoformat(), **event), on
    )
    assert "sudden-hardship" in groups(
        "henan-2018", h(event_on=period.end.isoformat(), **event), on
    )
    before = period.start - dt.timedelta(days=1)
    assert "sudden-hardship" not in groups(
        "henan-2018", h(event_on=before.isoformat(), **event), on
    )
    a = wr.assess(h(**event), "henan-2018", on)
    assert a.decision("sudden-hardship").status == "undetermined"  # day of the event not stated
    assert "on-file" in groups("henan-2018", h(hardship_file=ON_FILE), on)
    assert "migrant-workers-on-duty" in groups(
        "henan-2018", h(migrant_worker=True, on_duty_during_festival=True), on
    )


@pytest.mark.parametrize("campaign", [c.id for c in wr.campaigns()])
def test_every_campaign_group_is_modelled(campaign: str) -> None:
    spec = tuple(g.id for g in wr.get_campaign(campaign).groups)
    c = wr.get_campaign(campaign)
    bundled = is_bundled(c.file)  # a campaign added as data: decided in its own period
    on = "2021-01-10" if campaign.startswith("changzhou") else (None if bundled else c.period.start)
    a = wr.assess(h(), campaign, on)
    assert tuple(d.group for d in a.decisions) == spec
    for d in a.decisions:
        assert d.source and all(r.source for r in d.reasons)


def test_wuhan_migrant_worker_in_hardship_not_on_file() -> None:
    # issue 9 point 18 (武工办〔2014〕74号 二 "堅持重點人群(困難職工和農民工)重點幫扶"): a migrant
    # worker in hardship is in the priority group without being on file
    on = "2015-01-20"
    assert "migrant-worker" in groups(
        "wuhan-2015", h(migrant_worker=True, basic_living_difficulty=True), on
    )
    a = wr.assess(h(migrant_worker=True), "wuhan-2015", on)
    assert a.decision("migrant-worker").status == "undetermined"
    assert "migrant-worker" not in groups(
        "wuhan-2015", h(migrant_worker=True, basic_living_difficulty=False), on
    )
