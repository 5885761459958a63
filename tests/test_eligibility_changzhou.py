"""changzhou-edz-2021 (江苏常州经济开发区总工会 2021-01-06 二(一)1): golden households computed by
hand.

低保 standard 900 元/人/月. 3 × 900 = 2700 per person per month; 2 × 900 = 1800.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

import pytest

import wennuan_rules as wr
from wennuan_rules.errors import ParameterError, UnknownIdError

C = "changzhou-edz-2021"
ON = dt.date(2021, 1, 10)


def h(**facts: Any) -> wr.Household:
    base: dict[str, Any] = {"members": 3, "monthly_income": "0"}
    base.update(facts)
    return wr.Household.from_mapping(base)


def groups(household: wr.Household, on: dt.date = ON, **kw: Any) -> tuple[str, ...]:
    return wr.assess(household, C, on, **kw).eligible


ILL = {"has_labour_contract": True, "major_illness": True}


# -- (3) serious illness: income ≤ 3 × 900 × members (以内: inclusive); costs > 10000 (超过:
# strict) ----
@pytest.mark.parametrize(
    ("income", "costs", "expected"),
    [
        (
            "8100.00",
            "10000.01",
            True,
        ),  # 3 people: 8100.00 ≤ 3 × 900 × 3 = 8100 (at the line); 10000.01 > 10000
        ("8099.99", "10000.01", True),  # one 分 under
        (
            "8100.01",
            "10000.01",
            False,
        ),  # one 分 over: 8100.01 / 3 = 2700.0033… > 2700 (never rounded)
        ("8100.00", "10000.00", False),  # 超过10000: exactly 10000 is not over
        ("8100.00", "9999.99", False),
    ],
)
def test_serious_illness_boundaries(income: str, costs: str, expected: bool) -> None:
    hh = h(monthly_income=income, annual_medical_out_of_pocket=costs, **ILL)
    assert ("serious-illness" in groups(hh)) is expected


def test_serious_illness_annual_income_is_times_12() -> None:
    # 2 people, annual: 3 × 900 × 2 × 12 = 64800
    at = h(
        members=2,
        monthly_income=None,
        annual_income="64800",
        annual_medical_out_of_pocket=12000,
        **ILL,
    )
    over = h(
        members=2,
        monthly_income=None,
        annual_income="64800.01",
        annual_medical_out_of_pocket=12000,
        **ILL,
    )
    assert "serious-illness" in groups(at)
    assert "serious-illness" not in groups(over)


def test_serious_illness_needs_labour_contract_and_illness() -> None:
    base = {"monthly_income": "3000", "annual_medical_out_of_pocket": "20000"}
    assert "serious-illness" not in groups(h(has_labour_contract=False, major_illness=True, **base))
    assert "serious-illness" not in groups(h(has_labour_contract=True, major_illness=False, **base))


def test_the_reason_shows_the_exact_comparison_and_the_parameter() -> None:
    a = wr.assess(h(monthly_income="8100.01", annual_medical_out_of_pocket="12000", **ILL), C, ON)
    reason = a.decision("serious-illness").reasons[0]
    assert reason.criterion == "income-within" and reason.met is False
    values = dict(reason.values)
    assert values["per_capita"] == "2700.0033…"  # not "2700.00"
    assert values["limit"] == "8100" and values["standard"] == "900" and values["comparison"] == ">"
    assert reason.parameter is not None and reason.parameter.value == 900
    text = reason.to_dict("zh-Hans")["message"]
    assert "人均月收入 2700.0033… 元 > 3 × 900 元" in text
    ok = wr.assess(h(monthly_income="8100.00", annual_medical_out_of_pocket="12000", **ILL), C, ON)
    assert (
        "人均月收入 2700.00 元 ≤ 3 × 900 元"
        in ok.decision("serious-illness").reasons[0].to_dict("zh-Hans")["message"]
    )
    assert "(3)" in reason.source


# -- (4) living difficulty ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("income", "expected"),
    [("5400.00", True), ("5399.99", True), ("5400.01", False)],  # 2 × 900 × 3 = 5400
)
def test_living_difficulty_first_clause_boundary(income: str, expected: bool) -> None:
    hh = h(
        monthly_income=income,
        has_labour_contract=True,
        causes=["child-education"],
        stable_labour_relation=False,
    )
    assert ("living-difficulty" in groups(hh)) is expected


def test_living_difficulty_first_clause_causes() -> None:
    for cause, expected in (
        ("illness", True),
        ("disaster", True),
        ("child-education", True),
        ("unemployment", False),
    ):
        hh = h(
            monthly_income="100",
            has_labour_contract=True,
            causes=[cause],
            stable_labour_relation=False,
        )
        assert ("living-difficulty" in groups(hh)) is expected, cause


def test_migrant_clause_is_not_bound_by_the_income_test_by_default() -> None:
    # 9000 for 3 people is far above 2 × 900 × 3 = 5400; no contract; stable relation and basic
    # living in difficulty
    def migrant(income: str, contract: bool) -> wr.Household:
        return h(
            monthly_income=income,
            migrant_worker=True,
            has_labour_contract=contract,
            stable_labour_relation=True,
            basic_living_difficulty=True,
            causes=[],
        )

    hh = migrant("9000", contract=False)
    assert "living-difficulty" in groups(hh)
    other = {"living_difficulty_income_test_binds_migrant_clause": True}
    assert "living-difficulty" not in groups(hh, options=other)
    poor = migrant("5400", contract=True)
    assert "living-difficulty" in groups(poor, options=other)


def test_basic_living_difficulty_not_stated_is_undetermined_not_eligible() -> None:
    hh = h(monthly_income="9000", stable_labour_relation=True, has_labour_contract=True, causes=[])
    a = wr.assess(hh, C, ON)
    d = a.decision("living-difficulty")
    assert d.eligible is False and d.status == "undetermined"
    assert "basic-living-difficulty" in d.not_stated
    assert "living-difficulty" in a.undetermined


# -- (2) dibao edge --------------------------------------------------------------------------------
def test_dibao_edge() -> None:
    yes = h(civil_affairs="dibao-edge", major_illness=True, has_labour_contract=True)
    assert "dibao-edge" in groups(yes)
    assert "dibao-edge" not in groups(
        h(civil_affairs="dibao", major_illness=True, has_labour_contract=True)
    )
    assert "dibao-edge" not in groups(
        h(civil_affairs="dibao-edge", major_illness=True, has_labour_contract=False)
    )


# -- (1) hardship family and the 2021-01-01 change of filing scheme --------------------------------
@pytest.mark.parametrize(
    ("category", "filed_on", "expected"),
    [
        ("extreme", "2020-12-31", True),  # 2021年1月1日前在档管理的特困
        ("extreme", "2021-01-01", False),  # the 特困 scheme ended
        ("deep", "2021-01-01", True),  # 2021年1月1日起申报认定
        ("relative", "2021-01-05", True),
        ("accident", "2021-01-09", True),
        ("deep", "2020-12-31", False),  # the new categories start 2021-01-01
        ("deep", "2021-01-11", False),  # filed after the decision date (2021-01-10)
    ],
)
def test_hardship_family(category: str, filed_on: str, expected: bool) -> None:
    hh = h(hardship_file={"category": category, "filed_on": filed_on})
    assert ("hardship-family" in groups(hh)) is expected


# -- (5) model workers -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("level", "causes", "expected"),
    [
        ("district", ["illness"], True),  # 区级以上: district counts
        ("national", ["unemployment"], True),
        ("city", ["accident"], True),
        ("enterprise", ["illness"], False),  # below district
        (None, ["illness"], False),
        # issue 9 point 7 (二(一)1(5) "因患病、失业、突发意外等情况"): 等 is open, any cause counts
        ("city", ["child-education"], True),
        ("city", [], False),  # no cause at all
    ],
)
def test_model_worker(level: str | None, causes: list[str], expected: bool) -> None:
    # economic_hardship stated (issue 9 point 8: "…引发家庭经济困难的区级以上劳动模范")
    hh = h(model_worker_level=level, causes=causes, economic_hardship=True)
    assert ("model-worker" in groups(hh)) is expected


def test_model_worker_needs_economic_hardship() -> None:
    """Issue 9 point 8, 二(一)1(5) "因患病…等情况引发家庭经济困难的区级以上劳动模范": a district
    model worker with 60,000 元 a month (3 people: 20,000 元 each, 22 × the 900 元 低保) and cause
    illness was eligible; the hardship is the test, so without it the decision is undetermined and
    names the fact, and with economic_hardship = false it is not eligible."""
    rich = {"model_worker_level": "district", "causes": ["illness"], "monthly_income": "60000"}
    a = wr.assess(h(**rich), C, ON)
    d = a.decision("model-worker")
    assert d.status == "undetermined"
    assert "economic-hardship" in d.not_stated
    assert "家庭是否经济困难：未说明" in json.dumps(a.to_dict("zh-Hans"), ensure_ascii=False)
    assert "家庭是否經濟困難：未說明" in json.dumps(a.to_dict("zh-Hant"), ensure_ascii=False)
    assert "family in economic hardship: not stated" in json.dumps(a.to_dict("en"))
    assert "model-worker" not in groups(h(**rich, economic_hardship=False))
    assert "model-worker" in groups(h(**rich, economic_hardship=True))


def test_model_worker_any_cause_option() -> None:
    hh = h(model_worker_level="city", causes=["child-education"], economic_hardship=True)
    assert "model-worker" in groups(hh, options={"model_worker_any_cause": True})
    # the closed reading of 等 stays as an option (issue 9 point 7)
    assert "model-worker" not in groups(hh, options={"model_worker_any_cause": False})


# -- documents and the 2021-01-18 deadline
# -------------------------------------------------------------
ALL_DOCS = [
    "申请表",
    "家庭困难申请",
    "收入证明",
    "户口簿",
    "劳动合同",
    "身份证",
    "工会卡",
    "公示资料",
]


def test_documents_checklist_for_serious_illness() -> None:
    hh = h(
        monthly_income="3000",
        annual_medical_out_of_pocket="12000",
        documents=ALL_DOCS,
        submitted_on="2021-01-18",
        **ILL,
    )
    docs = wr.assess(hh, C, ON).documents
    assert docs is not None
    assert [d.id for d in docs.missing] == ["diagnosis", "medical-receipts"]  # 患大病的还需…
    assert docs.on_time is True  # 2021-01-18 is still on time
    assert docs.complete is False

    def every_document(submitted_on: str) -> wr.Household:
        return h(
            monthly_income="3000",
            annual_medical_out_of_pocket="12000",
            documents=[*ALL_DOCS, "诊断记录", "医疗费收据"],
            submitted_on=submitted_on,
            **ILL,
        )

    full = every_document("2021-01-18")
    assert wr.assess(full, C, ON).documents.complete is True  # type: ignore[union-attr]
    late = every_document("2021-01-19")
    assert wr.assess(late, C, ON).documents.complete is False  # type: ignore[union-attr]


def test_documents_not_stated_and_not_required() -> None:
    hh = h(monthly_income="3000", annual_medical_out_of_pocket="12000", **ILL)
    docs = wr.assess(hh, C, ON).documents
    assert docs is not None and docs.complete is None and len(docs.missing) == 10
    model = h(model_worker_level="city", causes=["illness"])
    docs = wr.assess(model, C, ON).documents
    assert docs is not None and docs.applies == () and docs.complete is True


# -- decision date and parameters
# --------------------------------------------------------------------
def test_a_decision_date_before_the_standard_is_a_clear_error() -> None:
    with pytest.raises(ParameterError):
        wr.assess(h(monthly_income="1"), C, dt.date(2020, 6, 1))


def test_a_region_with_its_own_standard() -> None:
    params = wr.Parameters.bundled().with_value(
        "dibao", region="wujin", start=dt.date(2021, 1, 1), value="1000", source="my table"
    )
    # 3 × 1000 × 3 = 9000
    hh = h(region="wujin", monthly_income="9000", annual_medical_out_of_pocket="12000", **ILL)
    assert "serious-illness" in groups(hh, parameters=params)
    with pytest.raises(ParameterError):
        groups(hh)


def test_json_shape_of_an_assessment() -> None:
    hh = h(ref="A-1", monthly_income="8100.00", annual_medical_out_of_pocket="12000", **ILL)
    data = wr.assess(hh, C, ON).to_dict("en")
    assert set(data) >= {"campaign", "ref", "on", "eligible", "decisions", "documents"}
    assert data["eligible"] == ["serious-illness"]
    assert [d["group"] for d in data["decisions"]] == [
        "hardship-family",
        "dibao-edge",
        "serious-illness",
        "living-difficulty",
        "model-worker",
    ]
    reason = data["decisions"][2]["reasons"][0]
    assert set(reason) >= {"criterion", "met", "message", "source", "values"}
    assert all(isinstance(v, str) for v in reason["values"].values())


def test_unknown_campaign_and_option() -> None:
    with pytest.raises(UnknownIdError):
        wr.assess(h(), "nowhere-2030", ON)
    with pytest.raises(UnknownIdError):
        wr.assess(h(), C, ON, options={"be_generous": True})


def test_groups_match_the_campaign_data_file() -> None:
    campaign = wr.get_campaign(C)
    assert tuple(g.id for g in campaign.groups) == wr.assess(h(), C, ON)._program.ids
    assert campaign.application_deadline is not None
    assert campaign.application_deadline.last_day == dt.date(2021, 1, 18)


def test_no_float_reaches_a_decision() -> None:
    with pytest.raises(wr.InvalidValueError):
        wr.Household(members=3, monthly_income=8100.0)  # type: ignore[arg-type]
    assert Decimal("8100.01") / 3 != Decimal("2700.00")


def test_alternatives_of_living_difficulty_are_marked() -> None:
    # 二(一)1(4) has two clauses joined by "；": reasons of clause 1 are [1], of clause 2 are [2]
    hh = h(monthly_income="100", has_labour_contract=True, causes=["illness"])
    reasons = wr.assess(hh, C, ON).decision("living-difficulty").reasons
    assert [r.alternative for r in reasons] == ["1", "1", "1", "2", "2"]
    assert [r.met for r in reasons] == [True, True, True, None, None]


def test_documents_deadline_is_the_campaign_data() -> None:
    # 二(一)1: 于2021年1月18日前 — the day comes from [application_deadline] of the campaign's data
    from wennuan_rules.eligibility.campaigns import changzhou_edz_2021 as rules

    deadline = wr.get_campaign(C).application_deadline
    assert deadline is not None and rules.application_deadline() is deadline
    docs = wr.assess(h(monthly_income="3000", **ILL), C, ON).documents
    assert docs is not None and docs.deadline == deadline.last_day == dt.date(2021, 1, 18)
    assert deadline.source in docs.deadline_source


def test_repr_masks_an_id_number_given_as_ref() -> None:
    a = wr.assess(h(ref="320402199001011234"), C, ON)
    assert "320402199001011234" not in repr(a) and "1234" in repr(a)
