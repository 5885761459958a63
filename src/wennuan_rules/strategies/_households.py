"""Hypothesis strategies for households (eligibility property tests).

* :func:`households`: any valid household, bounds keyword-only;
* :func:`boundary_households`: households whose income sits exactly at ``k × standard × members``
    (× 12 for annual income) or one 分 either side, and whose medical costs sit at 10000 yuan or
    one 分 either
  side: the places where "以内" (≤), "低于" (<) and "超过" (>) differ.

Data is built directly (never filtered): amounts are whole numbers of 分 turned into exact Decimals.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, Final

import attrs
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from wennuan_rules.eligibility.documents import Document
from wennuan_rules.eligibility.household import BOOLEAN_FACTS, HardshipFile, Household
from wennuan_rules.vocabulary import (
    Cause,
    CivilAffairs,
    HardshipCategory,
    ModelWorkerLevel,
    MonitoringCategory,
    NewFormWorker,
    Professional,
)

__all__ = ["boundary_households", "households"]

_CENT = Decimal("0.01")


def _yuan(cents: int) -> Decimal:
    return Decimal(cents) * _CENT


def _check_amount(name: str, value: object) -> Decimal:
    if isinstance(value, float) or not isinstance(value, (int, Decimal)) or isinstance(value, bool):
        raise InvalidArgument(f"{name}={value!r} must be an int or Decimal (never a float)")
    amount = Decimal(value)
    if not amount.is_finite() or amount < 0:
        raise InvalidArgument(f"{name}={value!r} must be a finite amount of zero or more")
    return amount


def _facts(stated: bool) -> st.SearchStrategy[bool | None]:
    return st.booleans() if stated else st.none() | st.booleans()


@st.composite
def _household(
    draw: st.DrawFn,
    *,
    min_members: int,
    max_members: int,
    max_income_cents: int,
    max_medical_cents: int,
    annual: bool | None,
    regions: tuple[str | None, ...],
    stated: bool,
    file_from: dt.date,
    file_to: dt.date,
) -> Household:
    members = draw(st.integers(min_members, max_members))
    is_annual = draw(st.booleans()) if annual is None else annual
    cents = draw(st.integers(0, max_income_cents * (12 if is_annual else 1)))
    kwargs: dict[str, Any] = {
        "members": members,
        "annual_income" if is_annual else "monthly_income": _yuan(cents),
    }
    for name in BOOLEAN_FACTS:
        kwargs[name] = draw(_facts(stated))
    medical = (
        draw(st.integers(0, max_medical_cents))
        if stated
        else draw(st.none() | st.integers(0, max_medical_cents))
    )
    kwargs["annual_medical_out_of_pocket"] = None if medical is None else _yuan(medical)
    causes = st.frozensets(st.sampled_from(list(Cause)), max_size=4)
    kwargs["causes"] = draw(causes if stated else st.none() | causes)
    kwargs["model_worker_level"] = draw(st.none() | st.sampled_from(list(ModelWorkerLevel)))
    kwargs["civil_affairs"] = draw(st.none() | st.sampled_from(list(CivilAffairs)))
    kwargs["hardship_file"] = draw(
        st.none()
        | st.builds(
            HardshipFile,
            category=st.sampled_from(list(HardshipCategory)),
            filed_on=st.dates(file_from, file_to),
        )
    )
    kwargs["region"] = draw(st.sampled_from(regions))
    kwargs["new_form_occupation"] = draw(
        st.none() | st.sampled_from(list(NewFormWorker)) | st.sampled_from(_OTHER_OCCUPATIONS)
    )
    kwargs["monitoring"] = draw(st.none() | st.sampled_from(list(MonitoringCategory)))
    kwargs["professional"] = draw(
        st.none() | st.sampled_from(list(Professional)) | st.sampled_from(_OTHER_PROFESSIONALS)
    )
    kwargs["event_on"] = draw(st.none() | st.dates(file_from, file_to))
    kwargs["documents"] = draw(st.none() | st.frozensets(st.sampled_from(list(Document))))
    kwargs["submitted_on"] = draw(st.none() | st.dates(file_from, file_to))
    kwargs["ref"] = draw(st.none() | st.text(max_size=12))
    return Household(**kwargs)


#: new-form occupations the notice does not name (its list ends in 等: open; issue 9 point 7)
_OTHER_OCCUPATIONS: Final = ("代驾司机", "网络主播", "家政服务员")
#: 专业人才 the 2018 Henan notice does not name (its list ends in 等: open)
_OTHER_PROFESSIONALS: Final = ("首席技师", "科研骨干")


def households(
    *,
    min_members: int = 1,
    max_members: int = 8,
    max_monthly_income: int | Decimal = 20000,
    max_medical_costs: int | Decimal = 50000,
    annual: bool | None = None,
    regions: Sequence[str | None] = ("changzhou-edz", None),
    stated: bool = False,
    filed_from: dt.date = dt.date(2015, 1, 1),
    filed_to: dt.date = dt.date(2022, 12, 31),
) -> st.SearchStrategy[Household]:
    """Valid households.

    Args:
        min_members: fewest people (≥ 1).
        max_members: most people (≤ 100).
        max_monthly_income: the largest household monthly income in yuan (annual: 12 ×).
        max_medical_costs: the largest annual out-of-pocket medical costs in yuan.
        annual: True for annual income only, False for monthly only, None for either.
        regions: the regions to draw from (``None``: the campaign's own).
        stated: every yes/no fact, the causes and the medical costs stated (never ``None``).
        filed_from: earliest hardship-file, event and submission date.
        filed_to: latest such date.
    """
    if not isinstance(min_members, int) or not isinstance(max_members, int):
        raise InvalidArgument("min_members and max_members must be int")
    if not 1 <= min_members <= max_members <= 100:
        raise InvalidArgument(
            f"need 1 <= min_members <= max_members <= 100, got {min_members}, {max_members}"
        )
    income = _check_amount("max_monthly_income", max_monthly_income)
    medical = _check_amount("max_medical_costs", max_medical_costs)
    if annual not in (None, True, False):
        raise InvalidArgument(f"annual={annual!r} must be True, False or None")
    regions = tuple(regions)
    if not regions:
        raise InvalidArgument("regions must not be empty")
    if filed_from > filed_to:
        raise InvalidArgument(f"filed_from={filed_from} is after filed_to={filed_to}")
    return _household(
        min_members=min_members,
        max_members=max_members,
        max_income_cents=int(income * 100),
        max_medical_cents=int(medical * 100),
        annual=annual,
        regions=regions,
        stated=stated,
        file_from=filed_from,
        file_to=filed_to,
    )


@st.composite
def _boundary(
    draw: st.DrawFn,
    *,
    standard: Decimal,
    multiples: tuple[Decimal, ...],
    medical_limit: Decimal,
    offsets: tuple[int, ...],
    max_members: int,
    base: st.SearchStrategy[Household],
) -> Household:
    h = draw(base)
    members = draw(st.integers(1, max_members))
    multiple = draw(st.sampled_from(multiples))
    offset = _yuan(draw(st.sampled_from(offsets)))
    annual = h.annual_income is not None
    limit = multiple * standard * members * (12 if annual else 1)
    income = max(Decimal(0), limit + offset)
    medical = max(Decimal(0), medical_limit + _yuan(draw(st.sampled_from(offsets))))
    changes: dict[str, Any] = {
        "members": members,
        "monthly_income": None if annual else income,
        "annual_income": income if annual else None,
        "annual_medical_out_of_pocket": medical,
    }
    return attrs.evolve(h, **changes)


def boundary_households(
    *,
    standard: int | Decimal = 900,
    multiples: Sequence[int | Decimal] = (1, 2, 3),
    medical_limit: int | Decimal = 10000,
    offsets: Sequence[int] = (-1, 0, 1),
    max_members: int = 8,
    stated: bool = True,
) -> st.SearchStrategy[Household]:
    """Households whose income is exactly ``multiple × standard × members`` (× 12 when annual) plus
    one of ``offsets`` 分, and whose medical costs are ``medical_limit`` plus one of ``offsets``
    分.

    Args:
        standard: the 低保 standard, yuan per person per month (changzhou-edz 2021: 900).
        multiples: the multiples of the standard to sit at (2 and 3 for changzhou-edz-2021).
        medical_limit: the medical-costs threshold (10000 yuan).
        offsets: offsets in 分 (default: one 分 below, exactly at, one 分 above).
        max_members: most people.
        stated: every other fact stated (see :func:`households`).
    """
    std = _check_amount("standard", standard)
    if std <= 0:
        raise InvalidArgument(f"standard={standard!r} must be above zero")
    mults = tuple(_check_amount("multiples", m) for m in multiples)
    if not mults:
        raise InvalidArgument("multiples must not be empty")
    limit = _check_amount("medical_limit", medical_limit)
    offs = tuple(offsets)
    if not offs or not all(isinstance(o, int) and not isinstance(o, bool) for o in offs):
        raise InvalidArgument(f"offsets={offsets!r} must be a non-empty sequence of int (分)")
    if not isinstance(max_members, int) or not 1 <= max_members <= 100:
        raise InvalidArgument(f"max_members={max_members!r} must be an int from 1 to 100")
    return _boundary(
        standard=std,
        multiples=mults,
        medical_limit=limit,
        offsets=offs,
        max_members=max_members,
        base=households(stated=stated, regions=("changzhou-edz",)),
    )
