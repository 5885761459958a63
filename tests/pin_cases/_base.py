"""The shape of a boundary case and the helpers that build the tables (see __init__.py)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import attrs

E, N, U = "eligible", "not-eligible", "undetermined"
CENT = Decimal("0.01")

# the decision dates used below: inside each campaign's period, except henan-2018's, the day
# after its period (2018-01-01 .. 2018-02-21, 正月初六: issue 9 point 10) so that events at both
# ends of it are in the past
ON = {
    "changzhou-edz-2021": "2021-01-10",
    "pingdingshan-2010": "2010-01-25",
    "wuhan-2015": "2015-01-20",
    "henan-2018": "2018-02-22",
    "pingdingshan-2022": "2022-01-20",
}

# a user's 低保 standard for pingdingshan (none is bundled): 200 元/人/月 from 2009-07-01
PDS_DIBAO = "200"
PDS_DIBAO_START = dt.date(2009, 7, 1)


@attrs.frozen
class Case:
    campaign: str
    group: str
    name: str
    facts: dict[str, Any]
    status: str
    mets: tuple[bool | None, ...]
    limit: str | None = None  # the explanation's values.limit (income reasons only)
    category: bool = False  # a household category (pingdingshan-2010 line 03), not a group
    pds_dibao: bool = False  # assess with the user's pingdingshan 低保 standard above

    @property
    def id(self) -> str:
        return f"{self.campaign}/{self.group}/{self.name}"

    @property
    def on(self) -> str:
        return ON[self.campaign]


def on_file(category: str, filed_on: str) -> dict[str, Any]:
    return {"hardship_file": {"category": category, "filed_on": filed_on}}


# income that never matters (the groups below do not read it) and is under no limit: 1 person
RICH = {"members": 1, "monthly_income": "100000.00"}


def income(members: int, period: str, amount: Decimal) -> dict[str, Any]:
    key = "monthly_income" if period == "monthly" else "annual_income"
    return {"members": members, key: str(amount)}


def around(
    campaign: str,
    group: str,
    base: dict[str, Any],
    limits: dict[tuple[int, str], str],
    before: tuple[bool | None, ...] = (),
    after: tuple[bool | None, ...] = (),
    *,
    strict: bool = False,
    category: bool = False,
    pds_dibao: bool = False,
) -> list[Case]:
    """Cases 1 分 below, at and 1 分 above each hand-computed limit: eligible exactly when the
    income is within (``≤``; ``<`` when ``strict``). ``before`` / ``after``: the ``met`` of the
    reasons before and after the income reason."""
    out = []
    for (members, period), limit in limits.items():
        for offset, label in ((-CENT, "below"), (Decimal(0), "at"), (CENT, "above")):
            amount = Decimal(limit) + offset
            within = amount < Decimal(limit) if strict else amount <= Decimal(limit)
            out.append(
                Case(
                    campaign,
                    group,
                    f"{period}-{members}p-{label}-{limit}",
                    {**base, **income(members, period, amount)},
                    E if within else N,
                    (*before, within, *after),
                    limit,
                    category,
                    pds_dibao,
                )
            )
    return out
