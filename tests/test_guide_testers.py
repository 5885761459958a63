"""The property test shown in the testers' guide (docs/guide/testers.md includes this file).

常州经开区 2021 二(一)1(3): a family with serious illness is eligible only when its income per
person is within 3 × the dibao standard (900 yuan): at the line it qualifies, one 分 above it does
not.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import given, settings

import wennuan_rules as wr
from wennuan_rules.strategies import boundary_households

CAMPAIGN = "changzhou-edz-2021"
ON = dt.date(2021, 1, 10)


@settings(max_examples=200)
@given(boundary_households(standard=900, multiples=(3,), offsets=(-1, 0, 1)))
def test_serious_illness_income_line_is_inclusive_and_exact(household: wr.Household) -> None:
    months = 1 if household.monthly_income is not None else 12
    income = household.monthly_income or household.annual_income
    assert income is not None
    line = 3 * Decimal(900) * household.members * months  # 以内: the line itself qualifies

    decision = wr.assess(household, CAMPAIGN, on=ON).decision("serious-illness")
    reason = {r.criterion: r for r in decision.reasons}["income-within"]

    assert reason.met is (income <= line)
    assert reason.source.startswith("江苏常州经济开发区总工会 2021-01-06 二(一)1(3)")
    if income > line:
        assert not decision.eligible
