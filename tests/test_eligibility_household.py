"""Household.from_mapping: exact amounts, strict keys, every bad value refused with the field
named."""

from __future__ import annotations

import contextlib
import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings

import wennuan_rules as wr
from wennuan_rules.errors import WennuanError
from wennuan_rules.strategies._households import households

CONTRACT_EXAMPLE: dict[str, Any] = {
    "ref": "caller's own reference, optional",
    "members": 3,
    "monthly_income": "8100.00",
    "annual_income": None,
    "has_labour_contract": True,
    "migrant_worker": False,
    "stable_labour_relation": True,
    "major_illness": True,
    "annual_medical_out_of_pocket": "12000",
    "causes": ["illness", "child-education", "disaster", "accident", "unemployment"],
    "model_worker_level": "district",
    "hardship_file": {"category": "deep", "filed_on": "2021-01-05"},
    "civil_affairs": "dibao-edge",
    "region": "changzhou-edz",
}


def test_the_contract_example_reads_exactly() -> None:
    snapshot = repr(CONTRACT_EXAMPLE)
    hh = wr.Household.from_mapping(CONTRACT_EXAMPLE)
    assert hh.monthly_income == Decimal("8100.00") and hh.annual_income is None
    assert hh.annual_medical_out_of_pocket == Decimal("12000")
    assert hh.hardship_file is not None and hh.hardship_file.filed_on == dt.date(2021, 1, 5)
    assert len(hh.causes or ()) == 5
    assert repr(CONTRACT_EXAMPLE) == snapshot  # the input is never modified


def test_labels_in_either_script_are_read() -> None:
    hh = wr.Household.from_mapping(
        {
            "members": 1,
            "monthly_income": 1,
            "causes": ["子女讀書", "患病"],
            "civil_affairs": "低保邊緣",
            "model_worker_level": "市级",
        }
    )
    assert {c.id for c in hh.causes or ()} == {"child-education", "illness"}
    assert hh.civil_affairs is not None and hh.civil_affairs.id == "dibao-edge"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"colour": "red"}, "colour"),
        ({"members": 0}, "members"),
        ({"members": True}, "members"),
        ({"members": 2.0}, "members"),
        ({"monthly_income": 8100.0}, "monthly_income"),
        ({"monthly_income": "-1"}, "monthly_income"),
        ({"monthly_income": "NaN"}, "monthly_income"),
        ({"monthly_income": "lots"}, "monthly_income"),
        ({"annual_income": "100"}, "monthly_income/annual_income"),
        ({"monthly_income": None}, "monthly_income/annual_income"),
        ({"has_labour_contract": "yes"}, "has_labour_contract"),
        ({"major_illness": 1}, "major_illness"),
        ({"annual_medical_out_of_pocket": 1e4}, "annual_medical_out_of_pocket"),
        ({"causes": "illness"}, "causes"),
        ({"causes": ["boredom"]}, "causes[0]"),
        ({"model_worker_level": "galactic"}, "model_worker_level"),
        ({"hardship_file": {"category": "deep"}}, "hardship_file.filed_on"),
        (
            {"hardship_file": {"category": "deep", "filed_on": "2021-13-01"}},
            "hardship_file.filed_on",
        ),
        (
            {"hardship_file": {"category": "deep", "filed_on": "2021-01-01", "x": 1}},
            "hardship_file.x",
        ),
        ({"hardship_file": "deep"}, "hardship_file"),
        ({"civil_affairs": "rich"}, "civil_affairs"),
        ({"region": ""}, "region"),
        ({"event_on": "yesterday"}, "event_on"),
        ({"documents": ["passport"]}, "documents[0]"),
        ({"ref": 12}, "ref"),
    ],
)
def test_every_bad_value_is_refused_with_the_field_named(
    change: dict[str, Any], field: str
) -> None:
    data = {**CONTRACT_EXAMPLE, **change}
    with pytest.raises(WennuanError) as info:
        wr.Household.from_mapping(data)
    assert info.value.what == field


def test_missing_members_and_a_non_mapping() -> None:
    with pytest.raises(WennuanError) as info:
        wr.Household.from_mapping({"monthly_income": "1"})
    assert info.value.what == "members"
    for junk in (None, "", [], 3, object(), "😴"):
        with pytest.raises(WennuanError):
            wr.Household.from_mapping(junk)  # type: ignore[arg-type]


def test_errors_carry_the_file_and_line() -> None:
    with pytest.raises(WennuanError) as info:
        wr.Household.from_mapping({"members": 0, "monthly_income": 1}, file="f.json", line=7)
    assert (info.value.file, info.value.line) == ("f.json", 7)


@settings(max_examples=100)
@given(households())
def test_to_dict_round_trips(hh: wr.Household) -> None:
    assert wr.Household.from_mapping(hh.to_dict()) == hh


JUNK: list[object] = [
    None,
    "",
    " ",
    "😴",
    "x" * 100_000,
    0,
    -1,
    10**30,
    1.5,
    float("nan"),
    True,
    [],
    {},
    [None],
    {"category": None},
    object(),
    b"bytes",
    Decimal("NaN"),
    Decimal("-0"),
    Decimal("1E+30"),
    dt.datetime(2021, 1, 1, 12),
    dt.date(2021, 1, 1),
    "2021-02-30",
    ["illness", "illness"],
]


@pytest.mark.parametrize("key", wr.eligibility.household.KEYS)
def test_every_key_fed_junk_answers_with_a_wennuan_error_or_a_household(key: str) -> None:
    for junk in JUNK:
        data = {**CONTRACT_EXAMPLE, key: junk}
        try:
            wr.Household.from_mapping(data)
        except WennuanError as exc:
            assert exc.what, (key, junk)


@pytest.mark.parametrize("junk", JUNK)
def test_assess_and_parameters_fed_junk(junk: object) -> None:
    hh = wr.Household.from_mapping(CONTRACT_EXAMPLE)
    for call in (
        lambda: wr.assess(hh, junk, "2021-01-10"),
        lambda: wr.assess(hh, "changzhou-edz-2021", junk),
        lambda: wr.assess(junk, "changzhou-edz-2021", "2021-01-10"),  # type: ignore[arg-type]
        lambda: wr.dibao_standard(junk, dt.date(2021, 1, 10)),  # type: ignore[arg-type]
        lambda: wr.dibao_standard("changzhou-edz", junk),  # type: ignore[arg-type]
        lambda: wr.assess(hh, "changzhou-edz-2021", "2021-01-10", options={"x": junk}),
    ):
        with contextlib.suppress(WennuanError):
            call()


@pytest.mark.parametrize("amount", ["1000000000000", "1.5e400000", "10.123456789"])
def test_amounts_beyond_exact_arithmetic_are_refused(amount: str) -> None:
    # 28-digit decimal arithmetic stays exact for 12 digits of yuan and 8 decimals (times the
    # multiple, the standard, 12 months and 100 members); anything beyond is a data error
    with pytest.raises(wr.InvalidValueError, match="monthly_income"):
        wr.Household.from_mapping({"members": 1, "monthly_income": amount})
    assert wr.Household.from_mapping({"members": 1, "monthly_income": "999999999999.99"})


def test_monitoring_category_is_a_household_fact() -> None:
    # issue 9 point 20 (平顶山市总工会办公室 2022 二(三)四 "重点对脱困不稳定户、边缘易致困户…
    # 实施常态化监测"): the two monitoring categories, read by id or label in either script
    from wennuan_rules.vocabulary import MonitoringCategory

    facts = {"members": 1, "monthly_income": "0", "monitoring": "邊緣易致困戶"}
    h = wr.Household.from_mapping(facts)
    assert h.monitoring is MonitoringCategory.EDGE_AT_RISK
    assert h.to_dict()["monitoring"] == "edge-at-risk"
    assert MonitoringCategory.from_text("unstable-exit").label.zh_hans == "脱困不稳定户"
    with pytest.raises(WennuanError, match="monitoring"):
        wr.Household.from_mapping({"members": 1, "monthly_income": "0", "monitoring": "x"})
