"""Hypothesis strategies for payment rosters: ID numbers, dates around deadlines, payments, rosters.

Every strategy builds valid data directly (the check digit is computed, the date drawn inside the
allowed span), never by filtering; arguments are keyword-only and impossible ones raise
:class:`hypothesis.errors.InvalidArgument`. Nothing is computed at import time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from wennuan_rules.vocabulary import FundSource, HardshipCategory, PaymentChannel

if TYPE_CHECKING:
    from wennuan_rules.audits.roster import Payment
    from wennuan_rules.campaign import Campaign

__all__ = [
    "dates_around",
    "deadline_dates",
    "id_numbers",
    "invalid_id_numbers",
    "payments",
    "region_codes",
    "rosters",
]


@cache
def _stable_regions() -> tuple[str, ...]:
    """County codes of stdnum's table that were never renamed or abolished (valid for any birth
    year)."""
    from stdnum import numdb

    out = []
    for _len, province, _hi, _info, counties in numdb.get("cn/loc").prefixes:
        for _clen, county, chi, cinfo, _kids in counties:
            name = cinfo.get("county", "")
            if county == chi and name and not name.startswith("[") and not county.endswith("00"):
                out.append(province + county)
    return tuple(out)


def region_codes() -> st.SearchStrategy[str]:
    """6-digit county codes that python-stdnum accepts for any birth year (e.g. ``110101``)."""
    return st.sampled_from(_stable_regions())


def _check_digit(body: str) -> str:
    from stdnum.cn import ric

    return str(ric.calc_check_digit(body + "0"))


def id_numbers(
    *,
    regions: Sequence[str] | None = None,
    born_after: dt.date = dt.date(1940, 1, 1),
    born_before: dt.date = dt.date(2005, 12, 31),
) -> st.SearchStrategy[str]:
    """Valid 18-character 居民身份证 numbers: a region code, a birth date, a sequence, the check
    digit.

    Args:
        regions: county codes to draw from (default: every code stdnum accepts for any birth year).
        born_after: the earliest birth date (inclusive).
        born_before: the latest birth date (inclusive).

    Raises:
        InvalidArgument: ``born_after`` after ``born_before``, an empty ``regions``, or a code that
            is not a 6-digit region stdnum knows.
    """
    if born_after > born_before:
        raise InvalidArgument(f"born_after={born_after} is after born_before={born_before}")
    if regions is not None:
        codes = tuple(regions)
        if not codes:
            raise InvalidArgument("regions must not be empty")
        from wennuan_rules.audits.roster import _region_valid

        for code in codes:
            if not (
                isinstance(code, str) and len(code) == 6 and code.isdigit()
            ) or not _region_valid(code, born_before.year, False):
                raise InvalidArgument(
                    f"{code!r} is not a region code valid for births up to {born_before}"
                )
        region = st.sampled_from(codes)
    else:
        region = region_codes()

    @st.composite
    def build(draw: st.DrawFn) -> str:
        code = draw(region)
        born = draw(st.dates(min_value=born_after, max_value=born_before))
        seq = draw(st.integers(min_value=1, max_value=999))
        body = f"{code}{born:%Y%m%d}{seq:03d}"
        return body + _check_digit(body)

    return build()


_PROBLEMS = ("length", "format", "checksum", "birth-date", "region")


def invalid_id_numbers(*, problem: str) -> st.SearchStrategy[str]:
    """ID numbers that fail in exactly one way: ``length``, ``format``, ``checksum``,
    ``birth-date``, ``region`` (the names of :data:`wennuan_rules.audits.roster.ID_PROBLEMS`).

    Raises:
        InvalidArgument: an unknown ``problem``.
    """
    if problem not in _PROBLEMS:
        raise InvalidArgument(f"problem={problem!r}; expected one of {', '.join(_PROBLEMS)}")
    valid = id_numbers()
    if problem == "length":
        return st.tuples(valid, st.integers(min_value=1, max_value=17)).map(lambda t: t[0][: t[1]])
    if problem == "format":
        return st.tuples(valid, st.integers(min_value=0, max_value=16)).map(
            lambda t: t[0][: t[1]] + "A" + t[0][t[1] + 1 :]
        )
    if problem == "checksum":

        def wrong(number: str, shift: int) -> str:
            digits = "0123456789X"
            return number[:17] + digits[(digits.index(number[17]) + shift) % 11]

        return st.tuples(valid, st.integers(min_value=1, max_value=10)).map(lambda t: wrong(*t))
    if problem == "birth-date":

        @st.composite
        def bad_date(draw: st.DrawFn) -> str:
            code = draw(region_codes())
            year = draw(st.integers(min_value=1940, max_value=2005))
            month, day = draw(
                st.sampled_from([(2, 30), (2, 31), (4, 31), (13, 1), (0, 10), (6, 0)])
            )
            body = f"{code}{year:04d}{month:02d}{day:02d}{draw(st.integers(1, 999)):03d}"
            return body + _check_digit(body)

        return bad_date()

    @st.composite
    def bad_region(draw: st.DrawFn) -> str:
        # 99xxxx is no province; 4199xx is a province with no such county (stdnum raises KeyError)
        code = draw(st.sampled_from(["990101", "000000", "419999", "429998"]))
        born = draw(st.dates(min_value=dt.date(1940, 1, 1), max_value=dt.date(2005, 12, 31)))
        body = f"{code}{born:%Y%m%d}{draw(st.integers(1, 999)):03d}"
        return body + _check_digit(body)

    return bad_region()


def dates_around(day: dt.date, *, days: int = 3) -> st.SearchStrategy[dt.date]:
    """Dates within ``days`` of ``day`` (both sides, inclusive): the boundary and its neighbours.

    Raises:
        InvalidArgument: a negative ``days``.
    """
    if days < 0:
        raise InvalidArgument(f"days={days} must be >= 0")
    return st.integers(min_value=-days, max_value=days).map(lambda n: day + dt.timedelta(days=n))


def deadline_dates(
    *, campaign: Campaign | str, days: int = 3
) -> st.SearchStrategy[tuple[FundSource, dt.date]]:
    """``(fund source, date)`` pairs within ``days`` of each spending deadline of ``campaign``
    (pingdingshan-2010: central money around 2009-12-31, provincial money around 2010-02-13).

    Raises:
        InvalidArgument: a campaign without spending deadlines, or a negative ``days``.
    """
    camp = _campaign(campaign)
    if not camp.spending_deadlines:
        raise InvalidArgument(f"{camp.id} has no spending deadlines")
    if days < 0:
        raise InvalidArgument(f"days={days} must be >= 0")
    pairs = sorted(camp.spending_deadlines.items(), key=lambda kv: kv[0].id)
    return st.one_of(
        *(
            st.tuples(st.just(source), dates_around(deadline.last_day, days=days))
            for source, deadline in pairs
        )
    )


def _campaign(campaign: Campaign | str) -> Campaign:
    from wennuan_rules.audits.payments import resolve_campaign

    return resolve_campaign(campaign)


def _amounts() -> st.SearchStrategy[Decimal]:
    return st.integers(min_value=1, max_value=1_000_000).map(
        lambda cents: Decimal(cents).scaleb(-2)
    )


def payments(
    *,
    campaign: Campaign | str,
    fund_sources: Sequence[FundSource] | None = None,
    id_number: st.SearchStrategy[str] | None = None,
) -> st.SearchStrategy[Payment]:
    """Payments that pass every rule of ``campaign``: real name and valid ID number, on file before
    being paid, paid inside the period and by each source's spending deadline, through the required
    channel, a positive amount to the 分; where the campaign says whom aid may go to (its audit
    data's ``[recipients]``), an allowed group and an employer with a union.

    Args:
        campaign: a campaign or its id.
        fund_sources: the sources to draw from (default: every source).
        id_number: a strategy for the ID number (default: :func:`id_numbers`).

    Raises:
        InvalidArgument: an empty ``fund_sources``, or a source whose deadline falls before the
            period.
    """
    camp = _campaign(campaign)
    sources = tuple(fund_sources) if fund_sources is not None else tuple(FundSource)
    if not sources:
        raise InvalidArgument("fund_sources must not be empty")
    for source in sources:
        deadline = camp.spending_deadlines.get(source)
        if deadline is not None and deadline.last_day < camp.period.start:
            raise InvalidArgument(f"{source.id} money cannot be spent in time in {camp.id}")
    rules = camp.payment
    required = (
        tuple(rules.channels.value) if rules.channels is not None and rules.channels.value else ()
    )
    governed = frozenset(rules.channel_applies_to)
    ids = id_number if id_number is not None else id_numbers()
    # whom aid may go to (pingdingshan-2010 附件3 三1): an allowed group, an employer with a union
    from wennuan_rules.audits.data import audit_data

    recipients = audit_data(camp.id).recipients
    groups = recipients.groups if recipients is not None else ()
    unionised = True if recipients is not None and recipients.unionised_employer else None

    @st.composite
    def build(draw: st.DrawFn) -> Payment:
        from wennuan_rules.audits.roster import Payment

        source = draw(st.sampled_from(sources))
        last = camp.period.end
        deadline = camp.spending_deadlines.get(source)
        if deadline is not None:
            last = min(last, deadline.last_day)
        paid = draw(st.dates(min_value=camp.period.start, max_value=last))
        filed = draw(st.dates(min_value=paid - dt.timedelta(days=3 * 365), max_value=paid))
        if required and (not governed or source in governed):
            channel = draw(st.sampled_from(required))
        else:
            channel = draw(st.sampled_from(tuple(PaymentChannel)))
        return Payment(
            name=draw(st.sampled_from(["张", "王", "李", "赵", "刘"]))
            + draw(st.sampled_from(["建国", "秀英", "桂兰", "志强", "玉梅"])),
            id_number=draw(ids),
            amount=draw(_amounts()),
            paid_on=paid,
            fund_source=source,
            channel=channel,
            file_category=draw(st.sampled_from(tuple(HardshipCategory))),
            filed_on=filed,
            card_number=draw(st.from_regex(r"62[0-9]{14,17}", fullmatch=True)),
            group=draw(st.sampled_from(groups)) if groups else None,
            employer_has_union=unionised,
        )

    return build()


def rosters(
    *,
    campaign: Campaign | str,
    min_size: int = 0,
    max_size: int = 20,
    fund_sources: Sequence[FundSource] | None = None,
) -> st.SearchStrategy[list[Payment]]:
    """Lists of valid payments (see :func:`payments`) with distinct ID numbers, numbered as rows 2,
    3, … of a CSV file.

    Raises:
        InvalidArgument: ``min_size`` < 0 or > ``max_size``.
    """
    if min_size < 0 or min_size > max_size:
        raise InvalidArgument(f"min_size={min_size}, max_size={max_size}")
    import attrs

    base = payments(campaign=campaign, fund_sources=fund_sources)
    return st.lists(
        base, min_size=min_size, max_size=max_size, unique_by=lambda p: p.id_number
    ).map(lambda rows: [attrs.evolve(p, row=i) for i, p in enumerate(rows, start=2)])
