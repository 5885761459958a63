"""Groups written as data (``criteria = [...]`` in a campaign file) decide exactly as the same
criteria written in Python, and a mistake in them names the file and key."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import wennuan_rules as wr
from wennuan_rules.eligibility import AllOf, CausesAny, Context, IncomeWithin
from wennuan_rules.eligibility.from_data import group_criterion
from wennuan_rules.errors import DataFileError, InvalidValueError
from wennuan_rules.parameters import Parameters
from wennuan_rules.vocabulary import Cause

ON = dt.date(2021, 1, 10)
SPECS = (
    {"kind": "income-within", "times": "1.5", "source": "S 1"},
    {"kind": "causes", "causes": ["illness", "disaster"], "source": "S 2"},
)
PYTHON = AllOf(
    (
        IncomeWithin(Decimal("1.5"), "S 1"),
        CausesAny(frozenset({Cause.ILLNESS, Cause.DISASTER}), "S 2"),
    )
)


@settings(max_examples=200, deadline=None)
@given(
    members=st.integers(min_value=1, max_value=8),
    cents=st.integers(min_value=0, max_value=2_000_000),
    causes=st.lists(
        st.sampled_from(["illness", "disaster", "accident", "unemployment"]), unique=True
    ),
)
def test_data_criteria_decide_as_python_ones(members: int, cents: int, causes: list[str]) -> None:
    ctx = Context(on=ON, parameters=Parameters.bundled(), default_region="changzhou-edz")
    data = group_criterion(SPECS, "f.toml", "groups[0]")
    household = wr.Household.from_mapping(
        {"members": members, "monthly_income": str(Decimal(cents) / 100), "causes": causes}
    )
    assert data.compile(ctx)(household) == PYTHON.compile(ctx)(household)
    assert data.explain(household, ctx) == PYTHON.explain(household, ctx)


def test_the_limit_is_inclusive() -> None:
    # 以内: 1.5 × 900 × 2 = 2700.00 is within, 2700.01 is not
    ctx = Context(on=ON, parameters=Parameters.bundled(), default_region="changzhou-edz")
    test = group_criterion(SPECS, "f.toml", "groups[0]").compile(ctx)
    h = {"members": 2, "causes": ["illness"]}
    assert test(wr.Household.from_mapping({**h, "monthly_income": "2700.00"})) is True
    assert test(wr.Household.from_mapping({**h, "monthly_income": "2700.01"})) is False


@pytest.mark.parametrize(
    ("spec", "key"),
    [
        ({"kind": "income-within", "times": 1.5, "source": "S"}, "groups[0].criteria[0].times"),
        ({"kind": "income-with", "source": "S"}, "groups[0].criteria[0].kind"),
        ({"kind": "causes", "causses": ["illness"], "source": "S"}, "groups[0].criteria[0].causes"),
        (
            {"kind": "causes", "causes": ["illnes"], "source": "S"},
            "groups[0].criteria[0].causes[0]",
        ),
        ({"kind": "fact", "name": "rich", "source": "S"}, "groups[0].criteria[0].name"),
        ({"kind": "fact", "name": "migrant_worker"}, "groups[0].criteria[0].source"),
    ],
)
def test_mistakes_name_the_file_and_key(spec: dict[str, object], key: str) -> None:
    with pytest.raises(DataFileError) as info:
        group_criterion((spec,), "my.toml", "groups[0]")
    assert info.value.file == "my.toml" and info.value.what == key


def test_add_data_dir_needs_a_directory(tmp_path: Path) -> None:
    with pytest.raises(InvalidValueError):
        wr.add_data_dir(tmp_path / "missing")


def test_a_users_file_replaces_the_bundled_one(tmp_path: Path) -> None:
    from importlib import resources

    bundled = resources.files("wennuan_rules").joinpath("data", "campaigns", "wuhan-2015.toml")
    folder = tmp_path / "campaigns"
    folder.mkdir()
    text = bundled.read_text(encoding="utf-8").replace("困难劳模", "困难劳动模范", 1)
    (folder / "wuhan-2015.toml").write_text(text, encoding="utf-8")
    wr.add_data_dir(tmp_path)
    try:
        assert wr.get_campaign("wuhan-2015").group("model-worker").label.zh_hans == "困难劳动模范"
        a = wr.assess({"members": 1, "monthly_income": "0"}, "wuhan-2015", "2015-01-10")
        assert a.decision("model-worker").label.zh_hans == "困难劳动模范"
        assert len(wr.campaigns()) == len({c.id for c in wr.campaigns()})
    finally:
        wr.remove_data_dir(tmp_path)
    assert wr.get_campaign("wuhan-2015").group("model-worker").label.zh_hans == "困难劳模"
