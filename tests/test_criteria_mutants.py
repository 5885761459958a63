"""What a user sees of the eligibility criteria, through ``wr.assess`` and the assessment JSON of
contract.md (``decisions[].reasons[]``): the verdict at each boundary and the exact reason (met,
message in English and Chinese, values compared). Written to kill the mutants mutation testing
found alive in ``eligibility/criteria.py`` (docs/reliability.md)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

import wennuan_rules as wr


def _decision(
    facts: dict[str, Any], campaign: str, on: str, group: str, lang: str
) -> dict[str, Any]:
    assessment = wr.assess(facts, campaign, on)
    for decision in assessment.to_dict(lang)["decisions"]:
        if decision["group"] == group:
            found: dict[str, Any] = decision
            return found
    raise AssertionError(f"{group} not decided")


def _reason(decision: dict[str, Any], criterion: str) -> tuple[Any, str, dict[str, str]]:
    for reason in decision["reasons"]:
        if reason["criterion"] == criterion:
            return reason["met"], reason["message"], reason["values"]
    raise AssertionError(f"no {criterion} reason in {decision['group']}")


# -- henan-2018 sudden-hardship: the event falls in 2018-01-01 … 2018-02-21, both days included
# (issue 9 point 10: the undated 元旦、春节期间 runs to 正月初六, 2018-02-21; 春节 2018-02-16 + 5 days)

HENAN = {
    "members": 2,
    "monthly_income": "100",
    "causes": ["illness"],
    "basic_living_difficulty": True,
}
SPAN = {"start": "2018-01-01", "end": "2018-02-21"}


@pytest.mark.parametrize(
    ("day", "status", "english", "chinese"),
    [
        (
            "2017-12-31",
            "not-eligible",
            "the event on 2017-12-31 falls outside 2018-01-01 to 2018-02-21",
            "事件发生于 2017-12-31，不在 2018-01-01 至 2018-02-21 之间",
        ),
        (
            "2018-01-01",
            "eligible",
            "the event on 2018-01-01 falls within 2018-01-01 to 2018-02-21",
            "事件发生于 2018-01-01，在 2018-01-01 至 2018-02-21 之间",
        ),
        (
            "2018-02-21",
            "eligible",
            "the event on 2018-02-21 falls within 2018-01-01 to 2018-02-21",
            "事件发生于 2018-02-21，在 2018-01-01 至 2018-02-21 之间",
        ),
        (
            "2018-02-22",
            "not-eligible",
            "the event on 2018-02-22 falls outside 2018-01-01 to 2018-02-21",
            "事件发生于 2018-02-22，不在 2018-01-01 至 2018-02-21 之间",
        ),
    ],
)
def test_the_event_counts_from_the_first_to_the_last_day_of_the_festivals(
    day: str, status: str, english: str, chinese: str
) -> None:
    facts = {**HENAN, "event_on": day}
    en = _decision(facts, "henan-2018", "2018-01-10", "sudden-hardship", "en")
    zh = _decision(facts, "henan-2018", "2018-01-10", "sudden-hardship", "zh-Hans")
    assert en["status"] == status
    met = status == "eligible"
    assert _reason(en, "event-within") == (met, english, {"event_on": day, **SPAN})
    assert _reason(zh, "event-within")[1] == chinese
    eligible = wr.assess(facts, "henan-2018", dt.date(2018, 1, 10)).eligible
    assert ("sudden-hardship" in eligible) is met
    many = next(wr.assess_many([facts], "henan-2018", dt.date(2018, 1, 10)))
    assert many.eligible == eligible


def test_an_event_day_not_stated_leaves_the_group_undetermined() -> None:
    facts = {**HENAN, "event_on": None}
    en = _decision(facts, "henan-2018", "2018-01-10", "sudden-hardship", "en")
    zh = _decision(facts, "henan-2018", "2018-01-10", "sudden-hardship", "zh-Hans")
    assert en["status"] == "undetermined"
    assert _reason(en, "event-within") == (
        None,
        "day of the event: not stated (needed 2018-01-01 to 2018-02-21)",
        {"event_on": "null", **SPAN},
    )
    assert (
        _reason(zh, "event-within")[1]
        == "事件发生日期：未说明（须在 2018-01-01 至 2018-02-21 之间）"
    )
    assert "sudden-hardship" in wr.assess(facts, "henan-2018", "2018-01-10").undetermined


# -- pingdingshan-2022 new-form-workers: one of the four occupations


@pytest.mark.parametrize(
    ("occupation", "english", "chinese"),
    [
        ("truck-driver", "new-form worker: truck driver", "新就业形态劳动者：货车司机"),
        (
            "ride-hailing-driver",
            "new-form worker: ride-hailing driver",
            "新就业形态劳动者：网约车司机",
        ),
        ("courier", "new-form worker: courier", "新就业形态劳动者：快递员"),
        ("food-delivery", "new-form worker: food delivery rider", "新就业形态劳动者：外卖配送员"),
        (
            None,
            "not a new-form worker (truck or ride-hailing driver, courier, food delivery rider)",
            "不是新就业形态劳动者（货车司机、网约车司机、快递员、外卖配送员）",
        ),
    ],
)
def test_new_form_workers_are_the_four_occupations(
    occupation: str | None, english: str, chinese: str
) -> None:
    facts = {"members": 2, "monthly_income": "100", "new_form_occupation": occupation}
    group = "new-form-workers"
    en = _decision(facts, "pingdingshan-2022", "2022-01-10", group, "en")
    zh = _decision(facts, "pingdingshan-2022", "2022-01-10", group, "zh-Hans")
    met = occupation is not None
    assert en["status"] == ("eligible" if met else "not-eligible")
    shown = occupation if occupation is not None else "null"
    assert _reason(en, "new-form-occupation") == (met, english, {"new_form_occupation": shown})
    assert _reason(zh, "new-form-occupation")[1] == chinese
    eligible = wr.assess(facts, "pingdingshan-2022", "2022-01-10").eligible
    assert (group in eligible) is met


# -- changzhou-edz-2021 serious-illness: annual income at the line is within (以内)


@pytest.mark.parametrize(
    ("income", "status", "comparison", "per_capita"),
    [("64800", "eligible", "≤", "32400.00"), ("64800.01", "not-eligible", ">", "32400.0050…")],
)
def test_annual_income_at_the_line_is_within_and_one_fen_over_is_not(
    income: str, status: str, comparison: str, per_capita: str
) -> None:
    # 2 people, annual: 3 × 900 × 12 × 2 = 64800
    facts = {
        "members": 2,
        "annual_income": income,
        "annual_medical_out_of_pocket": "12000",
        "has_labour_contract": True,
        "major_illness": True,
    }
    en = _decision(facts, "changzhou-edz-2021", "2021-01-10", "serious-illness", "en")
    zh = _decision(facts, "changzhou-edz-2021", "2021-01-10", "serious-illness", "zh-Hans")
    assert en["status"] == status
    met, english, values = _reason(en, "income-within")
    assert met is (status == "eligible")
    assert english == (
        f"per-capita annual income {per_capita} yuan {comparison} 3 × 900 yuan × 12 "
        f"(household {income} yuan ÷ 2 people; limit 64800 yuan)"
    )
    assert _reason(zh, "income-within")[1] == (
        f"人均年收入 {per_capita} 元 {comparison} 3 × 900 元 × 12（家庭年收入 {income} 元 ÷ 2 人；"
        "上限 64800 元）"
    )
    assert values == {
        "income": income,
        "period": "annual",
        "members": "2",
        "per_capita": per_capita,
        "multiple": "3",
        "standard": "900",
        "limit_per_capita": "32400",
        "limit": "64800",
        "comparison": comparison,
    }


# -- changzhou-edz-2021: medical costs over 10000 (超过: strict), monthly income, the hardship file
# (alternative 1: 特困 filed before 2021-01-01; alternative 2: 深度/相对/意外 filed from 2021-01-01;
# neither counts when filed after the decision date). Each row: facts, group, criterion, status, and
# per reason of that criterion (alternative, met, English, Chinese, values).

Row = tuple[str | None, bool | None, str, str, dict[str, str]]

CHANGZHOU: list[tuple[dict[str, Any], str, str, str, list[Row]]] = [
    (
        {
            "has_labour_contract": True,
            "major_illness": True,
            "members": 3,
            "monthly_income": "8100",
            "annual_medical_out_of_pocket": "10000.01",
        },
        "serious-illness",
        "medical-costs-over",
        "eligible",
        [
            (
                None,
                True,
                "medical costs paid by the household in the year 10000.01 yuan > 10000 yuan",
                "年个人自负和自费医疗费 10000.01 元 > 10000 元",
                {"annual_medical_out_of_pocket": "10000.01", "limit": "10000", "comparison": ">"},
            )
        ],
    ),
    (
        {
            "has_labour_contract": True,
            "major_illness": True,
            "members": 3,
            "monthly_income": "8100",
            "annual_medical_out_of_pocket": "10000",
        },
        "serious-illness",
        "medical-costs-over",
        "not-eligible",
        [
            (
                None,
                False,
                "medical costs paid by the household in the year 10000 yuan ≤ 10000 yuan",
                "年个人自负和自费医疗费 10000 元 ≤ 10000 元",
                {"annual_medical_out_of_pocket": "10000", "limit": "10000", "comparison": "≤"},
            )
        ],
    ),
    (
        {
            "has_labour_contract": True,
            "major_illness": True,
            "members": 3,
            "monthly_income": "8100",
            "annual_medical_out_of_pocket": None,
        },
        "serious-illness",
        "medical-costs-over",
        "undetermined",
        [
            (
                None,
                None,
                "medical costs paid by the household in the year: not stated (needed over 10000 yuan)",
                "年个人自负和自费医疗费：未说明（须超过 10000 元）",
                {"annual_medical_out_of_pocket": "null", "limit": "10000"},
            )
        ],
    ),
    (
        {
            "has_labour_contract": True,
            "major_illness": True,
            "members": 3,
            "monthly_income": "8100",
            "annual_medical_out_of_pocket": "12000",
        },
        "serious-illness",
        "income-within",
        "eligible",
        [
            (
                None,
                True,
                "per-capita monthly income 2700.00 yuan ≤ 3 × 900 yuan (household 8100 yuan ÷ 3 people; limit 8100 yuan)",
                "人均月收入 2700.00 元 ≤ 3 × 900 元（家庭月收入 8100 元 ÷ 3 人；上限 8100 元）",
                {
                    "income": "8100",
                    "period": "monthly",
                    "members": "3",
                    "per_capita": "2700.00",
                    "multiple": "3",
                    "standard": "900",
                    "limit_per_capita": "2700",
                    "limit": "8100",
                    "comparison": "≤",
                },
            )
        ],
    ),
    (
        {
            "members": 2,
            "monthly_income": "100",
            "hardship_file": {"category": "extreme", "filed_on": "2021-01-01"},
        },
        "hardship-family",
        "on-file",
        "not-eligible",
        [
            (
                "1",
                False,
                "on file as extreme hardship (scheme before 2021) since 2021-01-01; this category counts only if filed before 2021-01-01",
                "自 2021-01-01 建档为特困职工；该类别须在 2021-01-01 前建档",
                {
                    "category": "extreme",
                    "filed_on": "2021-01-01",
                    "categories": "extreme",
                    "filed_before": "2021-01-01",
                    "on": "2021-01-10",
                },
            ),
            (
                "2",
                False,
                "on file as extreme hardship (scheme before 2021), not one of deep hardship, relative hardship, hardship caused by accident",
                "建档类别为特困职工，不属于：深度困难、相对困难、意外致困",
                {
                    "category": "extreme",
                    "filed_on": "2021-01-01",
                    "categories": "deep,relative,accident",
                    "filed_from": "2021-01-01",
                    "on": "2021-01-10",
                },
            ),
        ],
    ),
    (
        {
            "members": 2,
            "monthly_income": "100",
            "hardship_file": {"category": "deep", "filed_on": "2020-12-31"},
        },
        "hardship-family",
        "on-file",
        "not-eligible",
        [
            (
                "1",
                False,
                "on file as deep hardship, not one of extreme hardship (scheme before 2021)",
                "建档类别为深度困难，不属于：特困职工",
                {
                    "category": "deep",
                    "filed_on": "2020-12-31",
                    "categories": "extreme",
                    "filed_before": "2021-01-01",
                    "on": "2021-01-10",
                },
            ),
            (
                "2",
                False,
                "on file as deep hardship since 2020-12-31; this category counts only if filed on or after 2021-01-01",
                "自 2020-12-31 建档为深度困难；该类别须在 2021-01-01 起申报认定",
                {
                    "category": "deep",
                    "filed_on": "2020-12-31",
                    "categories": "deep,relative,accident",
                    "filed_from": "2021-01-01",
                    "on": "2021-01-10",
                },
            ),
        ],
    ),
    (
        {
            "members": 2,
            "monthly_income": "100",
            "hardship_file": {"category": "deep", "filed_on": "2021-01-10"},
        },
        "hardship-family",
        "on-file",
        "eligible",
        [
            (
                "1",
                False,
                "on file as deep hardship, not one of extreme hardship (scheme before 2021)",
                "建档类别为深度困难，不属于：特困职工",
                {
                    "category": "deep",
                    "filed_on": "2021-01-10",
                    "categories": "extreme",
                    "filed_before": "2021-01-01",
                    "on": "2021-01-10",
                },
            ),
            (
                "2",
                True,
                "on file as deep hardship since 2021-01-10",
                "自 2021-01-10 建档为深度困难",
                {
                    "category": "deep",
                    "filed_on": "2021-01-10",
                    "categories": "deep,relative,accident",
                    "filed_from": "2021-01-01",
                    "on": "2021-01-10",
                },
            ),
        ],
    ),
    (
        {
            "members": 2,
            "monthly_income": "100",
            "hardship_file": {"category": "deep", "filed_on": "2021-01-11"},
        },
        "hardship-family",
        "on-file",
        "not-eligible",
        [
            (
                "1",
                False,
                "on file as deep hardship, not one of extreme hardship (scheme before 2021)",
                "建档类别为深度困难，不属于：特困职工",
                {
                    "category": "deep",
                    "filed_on": "2021-01-11",
                    "categories": "extreme",
                    "filed_before": "2021-01-01",
                    "on": "2021-01-10",
                },
            ),
            (
                "2",
                False,
                "on file as deep hardship only from 2021-01-11, after the decision date 2021-01-10",
                "2021-01-11 才建档为深度困难，晚于认定日期 2021-01-10",
                {
                    "category": "deep",
                    "filed_on": "2021-01-11",
                    "categories": "deep,relative,accident",
                    "filed_from": "2021-01-01",
                    "on": "2021-01-10",
                },
            ),
        ],
    ),
]


@pytest.mark.parametrize(("facts", "group", "criterion", "status", "rows"), CHANGZHOU)
def test_changzhou_reasons_at_each_boundary(
    facts: dict[str, Any], group: str, criterion: str, status: str, rows: list[Row]
) -> None:
    en = _decision(facts, "changzhou-edz-2021", "2021-01-10", group, "en")
    zh = _decision(facts, "changzhou-edz-2021", "2021-01-10", group, "zh-Hans")
    assert en["status"] == status
    found = [
        (e.get("alternative"), e["met"], e["message"], z["message"], e["values"])
        for e, z in zip(en["reasons"], zh["reasons"], strict=True)
        if e["criterion"] == criterion
    ]
    assert found == rows


# -- found by the 2026-11-29 sample (docs/reliability.md) -------------------------------------------


def test_unknown_fact_in_a_data_file_names_what_was_written() -> None:
    from wennuan_rules.eligibility.from_data import group_criterion
    from wennuan_rules.errors import DataFileError

    with pytest.raises(DataFileError) as info:
        group_criterion(({"kind": "fact", "name": "rich", "source": "S"},), "my.toml", "groups[0]")
    assert (info.value.got, info.value.expected) == (
        "rich",
        "a household fact such as has_labour_contract",
    )
    assert info.value.message("en").endswith(
        "expected a household fact such as has_labour_contract, got rich"
    )


def test_a_decision_to_dict_in_the_language_asked() -> None:
    a = wr.assess({"members": 1, "monthly_income": "1"}, "pingdingshan-2010", on="2010-01-10")
    decision = a.decisions[0]
    label = "workers and migrant workers in hardship in enterprises hit by the financial crisis"
    assert decision.to_dict("en")["label"] == label
    assert decision.to_dict("zh-Hans")["label"] == "受金融危机冲击困难企业的困难职工和农民工"


def test_line_03c_without_a_standard_says_why_income_was_not_compared() -> None:
    # 平工总［2009］38号 附件2 line 03(C): "not below the standard" holds where no standard is known
    a = wr.assess(
        {
            "members": 1,
            "monthly_income": "0",
            "civil_affairs": "dibao-edge",
            "causes": ["illness"],
            "hardship_file": {"category": "deep", "filed_on": "2009-01-01"},
        },
        "pingdingshan-2010",
        on="2010-01-25",
    )
    (c,) = [d for d in a.to_dict("en")["categories"] if d["category"] == "03C"]
    assert (c["status"], c["eligible"]) == ("eligible", True)
    assert c["reasons"][2]["message"] == (
        "income not compared: no dibao standard in force for pingdingshan on 2010-01-25 "
        "(needed only where one is known)"
    )


# -- found by the second sample after the redesign (seed 20261130, docs/reliability.md) ----------


def test_a_professional_the_notice_does_not_name_is_accepted_and_said_so() -> None:
    # 豫工文〔2017〕61号 二3二 ends its list in 等专业人才: another kind is read as included
    facts = {"members": 2, "monthly_income": "9000", "professional": "首席技师"}
    decision = {d.group: d for d in wr.assess(facts, "henan-2018").decisions}["frontline-workers"]
    (reason,) = [r for r in decision.reasons if r.criterion == "professional"]
    assert reason.met is True
    assert reason.message.render("en") == (
        "professional: 首席技师 (not named in the notice, whose list ends in "
        "'and other professionals' and is read as open)"
    )
    assert reason.message.render("zh-Hans") == (
        "专业人才：首席技师（通知未列明；所列人才以“等”结尾，按开放列举理解）"
    )


@pytest.mark.parametrize(
    ("stated", "met", "message"),
    [
        ({"migrant_worker": True}, True, "is a migrant worker"),
        ({"migrant_worker": False}, False, "is not a migrant worker"),
        ({}, None, "migrant worker: not stated"),
    ],
)
def test_a_fact_written_in_a_data_file_decides_on_that_fact(
    stated: dict[str, bool], met: bool | None, message: str
) -> None:
    from wennuan_rules.eligibility import Context
    from wennuan_rules.eligibility.from_data import group_criterion
    from wennuan_rules.parameters import Parameters

    spec = {"kind": "fact", "name": "migrant_worker", "source": "S 3"}
    criterion = group_criterion((spec,), "my.toml", "groups[0]")
    ctx = Context(on=dt.date(2021, 1, 10), parameters=Parameters.bundled())
    household = wr.Household.from_mapping({"members": 1, "monthly_income": "1", **stated})
    assert criterion.compile(ctx)(household) is met
    (reason,) = criterion.explain(household, ctx)
    assert (reason.criterion, reason.met, reason.source) == ("migrant-worker", met, "S 3")
    assert reason.message.render("en") == message


@pytest.mark.parametrize(
    ("option", "expected"),
    [
        ({"hardship": "maybe"}, "'on-file-or-stated' or 'on-file'"),
        ({"dibao_edge_any_cause": "yes"}, "True or False"),
    ],
)
def test_an_option_of_a_value_not_offered_names_the_choices(
    option: dict[str, str], expected: str
) -> None:
    ((name, value),) = option.items()
    with pytest.raises(wr.InvalidValueError) as info:
        wr.assess({"members": 1, "monthly_income": "1"}, "pingdingshan-2010", options=option)
    assert (info.value.what, info.value.expected, info.value.got) == (name, expected, value)
    assert info.value.message("en") == f"{name}: expected {expected}, got {value}"


@pytest.mark.parametrize(
    ("inclusive", "cost", "met", "message"),
    [
        (True, "9999.99", False, "9999.99 yuan < 10000 yuan"),
        (True, "10000", True, "10000 yuan ≥ 10000 yuan"),  # 不低于: the limit itself is enough
        (False, "10000", False, "10000 yuan ≤ 10000 yuan"),  # 超过 (the default): it is not
        (False, "10000.01", True, "10000.01 yuan > 10000 yuan"),
    ],
)
def test_medical_costs_at_the_limit_count_only_when_the_data_says_inclusive(
    inclusive: bool, cost: str, met: bool, message: str
) -> None:
    from wennuan_rules.eligibility import Context
    from wennuan_rules.eligibility.from_data import group_criterion
    from wennuan_rules.parameters import Parameters

    spec = {"kind": "medical-costs-over", "amount": "10000", "inclusive": inclusive, "source": "S"}
    criterion = group_criterion((spec,), "my.toml", "groups[0]")
    ctx = Context(on=dt.date(2021, 1, 10), parameters=Parameters.bundled())
    household = wr.Household.from_mapping(
        {"members": 1, "monthly_income": "1", "annual_medical_out_of_pocket": cost}
    )
    assert criterion.compile(ctx)(household) is met
    (reason,) = criterion.explain(household, ctx)
    assert reason.met is met
    assert reason.message.render("en") == (
        f"medical costs paid by the household in the year {message}"
    )


def test_line_03b_without_a_standard_gives_the_reason_income_was_not_compared() -> None:
    # 平工总［2009］38号 附件1 03(B): pingdingshan has no bundled 低保 standard for 2010
    a = wr.assess(
        {
            "members": 1,
            "monthly_income": "0",
            "civil_affairs": "dibao-edge",
            "hardship_file": {"category": "deep", "filed_on": "2009-01-01"},
        },
        "pingdingshan-2010",
        on="2010-01-25",
    )
    (b,) = [c for c in a.to_dict("en")["categories"] if c["category"] == "03B"]
    (income,) = [r for r in b["reasons"] if r["criterion"] == "income-within"]
    assert (b["status"], income["met"]) == ("undetermined", None)
    assert income["message"] == (
        "cannot compare income: no dibao standard in force for pingdingshan on 2010-01-25"
    )
    assert income["values"] == {
        "error": "no dibao value for region pingdingshan (known regions: changzhou-edz)"
    }


def test_medical_costs_not_stated_leave_an_inclusive_limit_undetermined() -> None:
    from wennuan_rules.eligibility import Context, MedicalCostsOver
    from wennuan_rules.parameters import Parameters

    criterion = MedicalCostsOver(Decimal(10000), "S", inclusive=True)
    ctx = Context(on=dt.date(2021, 1, 10), parameters=Parameters.bundled())
    household = wr.Household.from_mapping({"members": 1, "monthly_income": "1"})
    assert criterion.compile(ctx)(household) is None
    (reason,) = criterion.explain(household, ctx)
    assert reason.met is None


def test_a_standard_without_any_region_is_refused_naming_the_region() -> None:
    from wennuan_rules.eligibility import Context
    from wennuan_rules.errors import ParameterError
    from wennuan_rules.parameters import Parameters

    ctx = Context(on=dt.date(2021, 1, 10), parameters=Parameters.bundled())  # no default region
    with pytest.raises(ParameterError) as info:
        ctx.standard(None)
    assert (info.value.what, info.value.expected) == ("region", "a region id such as changzhou-edz")
    assert info.value.message("en") == (
        "no region given for the dibao standard, and the campaign has none"
    )


def test_or_adds_a_criterion_to_an_any_of_keeping_its_source() -> None:
    from wennuan_rules.eligibility import AnyOf, CausesAny
    from wennuan_rules.vocabulary import Cause

    a, b, c = (CausesAny(frozenset({cause}), "S") for cause in list(Cause)[:3])
    either = AnyOf((a, b), "03(B)") | c
    assert either == AnyOf((a, b, c), "03(B)")
    assert either.source == "03(B)"


def test_assessing_under_an_unknown_campaign_lists_the_known_ones() -> None:
    known = "pingdingshan-2010, wuhan-2015, henan-2018, changzhou-edz-2021, pingdingshan-2022"
    with pytest.raises(wr.UnknownIdError) as info:
        wr.assess({"members": 1, "monthly_income": "1"}, "nowhere-2020")
    e = info.value
    assert (e.what, e.got, e.expected) == ("campaign", "nowhere-2020", known)
    assert e.message("en") == f"unknown campaign nowhere-2020; expected one of {known}"
    assert e.message("zh-Hans") == f"未知的活动 nowhere-2020；应为以下之一：{known}"


def test_two_assessments_of_the_same_household_are_equal() -> None:
    facts = {"members": 1, "monthly_income": "1"}
    a = wr.assess(facts, "pingdingshan-2010", on="2010-01-10")
    b = wr.assess(facts, "pingdingshan-2010", on="2010-01-10")
    assert a is not b and a == b and hash(a) == hash(b)
    assert a != wr.assess(facts, "pingdingshan-2010", on="2010-01-26")  # another day
    assert a != "pingdingshan-2010"
