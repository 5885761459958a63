"""Dates a notice gives by a rule ("12月下旬", "春节前", "正月十五"), computed from the calendar."""

from __future__ import annotations

import datetime as dt
import types
from collections.abc import Callable, Mapping
from typing import Final

from dateutil.relativedelta import relativedelta

from wennuan_rules._data import Table
from wennuan_rules.errors import (
    WennuanError,
)
from wennuan_rules.i18n import N_, Message

__all__ = ["DATE_RULES", "resolve_date"]

# --------------------------------------------------------------------------------------------------
# dates given by rule


def _spring_festival(year: int) -> dt.date:
    from wennuan_rules.lunar import spring_festival

    return spring_festival(year)


def _lantern_festival(year: int) -> dt.date:
    from wennuan_rules.lunar import lantern_festival

    return lantern_festival(year)


def _from_lunar(year: int, month: int, day: int, leap: bool = False) -> dt.date:
    from wennuan_rules.lunar import from_lunar

    return from_lunar(year, month, day, leap=leap)


def _month_part(first: int, last: int | None) -> Callable[[Table, bool], dt.date]:
    """A rule for part of a month: 上旬 (1–10), 中旬 (11–20), 下旬 (21–end), or the whole month."""

    def rule(spec: Table, is_end: bool) -> dt.date:
        year = _year(spec)
        month = spec.get("month", int)
        if not 1 <= month <= 12:
            raise spec.error("month", N_("a month 1–12"), month)
        start = dt.date(year, month, 1)
        if not is_end:
            return start + relativedelta(day=first)
        if last is None:  # to the end of the month, whatever its length
            return start + relativedelta(day=31)
        return start + relativedelta(day=last)

    return rule


def _year(spec: Table) -> int:
    year = spec.get("year", int)
    if not 1901 <= year <= 2099:
        raise spec.error("year", N_("a year 1901–2099"), year)
    return year


def _rule_new_year(spec: Table, is_end: bool) -> dt.date:
    return dt.date(_year(spec), 1, 1)


def _rule_spring_festival(spec: Table, is_end: bool) -> dt.date:
    return _spring_festival(_year(spec))


def _rule_before_spring_festival(spec: Table, is_end: bool) -> dt.date:
    return _spring_festival(_year(spec)) - dt.timedelta(days=1)


def _rule_spring_festival_holiday_end(spec: Table, is_end: bool) -> dt.date:
    # the last day of the 春节 public holiday, 正月初六 (除夕 to 初六 in 2008–2013, and the days
    # off the State Council set for 2018 and 2022: 2018-02-15..21, 2022-01-31..02-06)
    return _from_lunar(_year(spec), 1, 6)


def _rule_lantern_festival(spec: Table, is_end: bool) -> dt.date:
    return _lantern_festival(_year(spec))


def _rule_lunar(spec: Table, is_end: bool) -> dt.date:
    year = _year(spec)
    month = spec.get("month", int)
    day = spec.get("day", int)
    leap = spec.get("leap", bool, False)
    try:
        return _from_lunar(year, month, day, leap)
    except WennuanError as exc:
        raise spec.error("day", N_("a lunar date that exists"), f"{year}-{month}-{day}") from exc


#: The rules a data file may use for a date (``{rule = "late-month", year = 2009, month = 12}``).
#: Each resolves to a day; month rules give the first day as a start and the last day as an end.
DATE_RULES: Final[Mapping[str, Callable[[Table, bool], dt.date]]] = types.MappingProxyType(
    {
        "early-month": _month_part(1, 10),  # 上旬
        "mid-month": _month_part(11, 20),  # 中旬
        "late-month": _month_part(21, None),  # 下旬
        "month": _month_part(1, None),  # "2021年1月"
        "new-year": _rule_new_year,  # 元旦
        "spring-festival": _rule_spring_festival,  # 春节 (正月初一)
        "before-spring-festival": _rule_before_spring_festival,  # 春节前: 除夕
        "spring-festival-holiday-end": _rule_spring_festival_holiday_end,  # 正月初六
        "lantern-festival": _rule_lantern_festival,  # 元宵 (正月十五)
        "lunar": _rule_lunar,  # any lunar date
    }
)


def resolve_date(
    value: object, *, is_end: bool = False, where: Table | None = None, key: str = "date"
) -> dt.date:
    """The day a data file's date value stands for.

    Args:
        value: a date (``2010-02-01``), an ISO string, or a rule table such as
            ``{"rule": "late-month", "year": 2009, "month": 12}`` (see :data:`DATE_RULES`).
        is_end: whether the date ends a period (month rules then give the month's or decade's
            last day).
        where: the table the value was read from (for errors naming file and key).
        key: the key of ``value`` in ``where``.

    >>> resolve_date({"rule": "late-month", "year": 2009, "month": 12})
    datetime.date(2009, 12, 21)
    >>> resolve_date({"rule": "before-spring-festival", "year": 2010}, is_end=True)
    datetime.date(2010, 2, 13)
    """
    parent = where if where is not None else Table({key: value}, "<date>", "")
    if isinstance(value, Mapping):
        spec = Table(dict(value), parent.file, parent.key_path(key))
        rule_name = spec.get("rule", str)
        rule = DATE_RULES.get(rule_name)
        if rule is None:
            raise spec.error(
                "rule", Message.of(N_("one of {known}"), known=", ".join(DATE_RULES)), rule_name
            )
        result = rule(spec, is_end)
        spec.close()
        return result
    return Table({key: value}, parent.file, parent.path).date(key)
