"""What a user sees of the eligibility criteria, through ``wr.assess`` and the assessment JSON of
contract.md (``decisions[].reasons[]``): the verdict at each boundary and the exact reason (met,
message in English and Chinese, values compared). Written to kill the mutants mutation testing
found alive in ``eligibility/criteria.py`` (docs/reliability.md)."""

from __future__ import annotations

import datetime as dt
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


# -- henan-2018 sudden-hardship: the event falls in 2018-01-01 … 2018-02-16, both days included

HENAN = {
    "members": 2,
    "monthly_income": "100",
    "causes": ["illness"],
    "basic_living_difficulty": True,
}
SPAN = {"start": "2018-01-01", "end": "2018-02-16"}


@pytest.mark.parametrize(
    ("day", "status", "english", "chinese"),
    [
        (
            "2017-12-31",
            "not-eligible",
            "the event on 2017-12-31 falls outside 2018-01-01 to 2018-02-16",
            "事件发生于 2017-12-31，不在 2018-01-01 至 2018-02-16 之间",
        ),
        (
            "2018-01-01",
            "eligible",
            "the event on 2018-01-01 falls within 2018-01-01 to 2018-02-16",
            "事件发生于 2018-01-01，在 2018-01-01 至 2018-02-16 之间",
        ),
        (
            "2018-02-16",
            "eligible",
            "the event on 2018-02-16 falls within 2018-01-01 to 2018-02-16",
            "事件发生于 2018-02-16，在 2018-01-01 至 2018-02-16 之间",
        ),
        (
            "2018-02-17",
            "not-eligible",
            "the event on 2018-02-17 falls outside 2018-01-01 to 2018-02-16",
            "事件发生于 2018-02-17，不在 2018-01-01 至 2018-02-16 之间",
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
        "day of the event: not stated (needed 2018-01-01 to 2018-02-16)",
        {"event_on": "null", **SPAN},
    )
    assert (
        _reason(zh, "event-within")[1]
        == "事件发生日期：未说明（须在 2018-01-01 至 2018-02-16 之间）"
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
