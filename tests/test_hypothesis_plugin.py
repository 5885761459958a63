"""``st.from_type`` draws the library's value types once the package is installed (entry point)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import wennuan_rules as wr
from wennuan_rules.lunar import LunarDate


@settings(max_examples=25)
@given(st.from_type(wr.Household))
def test_households_from_type_are_households(household: wr.Household) -> None:
    assert isinstance(household, wr.Household)
    assert household.members >= 1


@settings(max_examples=25)
@given(st.from_type(LunarDate))
def test_lunar_dates_from_type_round_trip(lunar: LunarDate) -> None:
    assert wr.to_lunar(lunar.to_date()) == lunar
