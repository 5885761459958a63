"""The Chinese lunar calendar (农历) for campaign dates: 春节, 正月十五, and names such as 腊月十一.

Campaign notices date their periods both ways:
"2010年元月25日（农历腊月十一）开始至2010年2月1日（农历腊月十八）" (平工总［2009］38号 附件3 5).
This module converts between Gregorian dates and lunar dates, names lunar days, and reads those
names back, so that a notice's two dates can be checked against each other.

The calendar itself comes from `borax <https://github.com/kinegratii/borax>`_ (MIT, pure Python, the
official tables for 1900–2100); the tests compare it, day by day for 1950–2050, with lunar-python.
Every date outside 1900-01-31 … 2100-12-31 (Gregorian) or lunar years 1900–2100, and every lunar
date that does not exist, raises :class:`~wennuan_rules.errors.CalendarError`: borax's own
exceptions never escape.

A lunar year is numbered by the Gregorian year in which it begins: 腊月十一 of lunar year 2009
(己丑) is 2010-01-25.

>>> spring_festival(2010)
datetime.date(2010, 2, 14)
>>> str(to_lunar(date(2010, 1, 25)))
'己丑年腊月十一'

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime
import re
from typing import Final, NamedTuple, overload

import attrs
from borax.calendars.lunardate import InvalidLunarDateError, LCalendars
from borax.calendars.lunardate import LunarDate as _BoraxDate

from wennuan_rules.errors import CalendarError
from wennuan_rules.i18n import N_, Message, Text, normalize_lang

__all__ = [
    "FIRST_DATE",
    "LAST_DATE",
    "LunarDate",
    "LunarDay",
    "from_lunar",
    "lantern_festival",
    "parse_lunar_day",
    "spring_festival",
    "to_lunar",
]

date = datetime.date

#: First and last Gregorian dates covered (正月初一 of lunar 1900; the last day of 2100).
FIRST_DATE: Final = date(1900, 1, 31)
LAST_DATE: Final = date(2100, 12, 31)
_FIRST_YEAR: Final = 1900
_LAST_YEAR: Final = 2100
_YEARS: Final = "1900–2100"
_MAX_TEXT: Final = 32

_STEMS: Final = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES: Final = "子丑寅卯辰巳午未申酉戌亥"
_DIGITS: Final = "一二三四五六七八九十"
_MONTHS: Final = ("正", "二", "三", "四", "五", "六", "七", "八", "九", "十", "冬", "腊")
_HANT: Final = str.maketrans("腊闰", "臘閏")

_DAY_NAMES: Final = (
    *("初" + d for d in _DIGITS),
    *("十" + d for d in _DIGITS[:9]),
    "二十",
    *("廿" + d for d in _DIGITS[:9]),
    "三十",
)
_DAY_NUMBERS: Final = {name: i + 1 for i, name in enumerate(_DAY_NAMES)} | {
    "二十" + d: 21 + i for i, d in enumerate(_DIGITS[:9])
}
_MONTH_NUMBERS: Final = {
    **{name: i + 1 for i, name in enumerate(_MONTHS)},
    **{d: i + 1 for i, d in enumerate(_DIGITS)},
    "十一": 11,
    "十二": 12,
    "臘": 12,
}
_LUNAR_RE: Final = re.compile(
    r"(?:农历|農曆|农暦|阴历|陰曆)?\s*(?P<leap>闰|閏)?(?P<month>十一|十二|[正冬腊臘一二三四五六七八九十])月"
    r"\s*(?P<day>.*)"
)
_DAY_EXPECTED: Final = "初一…初十, 十一…十九, 二十, 廿一…廿九 (二十一…二十九), 三十"
_MONTH_EXPECTED: Final = "正月, 二月…十月, 冬月 (十一月), 腊月 (十二月), 闰二月…"
_NAME_EXPECTED: Final = "腊月十一, 正月十五, 闰二月初一, 十二月十一"


def _names(text: str) -> Text:
    """Month names in a message: 闰 and 腊 written 閏 and 臘 in zh-Hant (as printed elsewhere)."""
    return Text(text, text, text.translate(_HANT))


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _wrong(what: str, expected: str | Message, got: object) -> CalendarError:
    return CalendarError(
        N_("{what}: expected {expected}, got {got}"), what=what, expected=expected, got=got
    )


def _year(value: object, what: str = "year") -> int:
    if not _is_int(value):
        raise _wrong(what, Message.of(N_("a year {years} (int)"), years=_YEARS), value)
    assert isinstance(value, int)
    if not _FIRST_YEAR <= value <= _LAST_YEAR:
        raise CalendarError(
            N_("{what}: {got} is outside the years the calendar covers; expected {expected}"),
            what=what,
            expected=_YEARS,
            got=value,
        )
    return value


def _check_lunar(
    year: object, month: object, day: object, leap: object
) -> tuple[int, int, int, bool]:
    """Validate a lunar date's parts and that the date exists; return them normalised."""
    y = _year(year, "year")
    if not _is_int(month) or not 1 <= month <= 12:  # type: ignore[operator]
        raise _wrong("month", "1–12", month)
    if not _is_int(day) or not 1 <= day <= 30:  # type: ignore[operator]
        raise _wrong("day", "1–30", day)
    if not (isinstance(leap, bool) or (_is_int(leap) and leap in (0, 1))):
        raise _wrong("leap", "True or False", leap)
    assert isinstance(month, int) and isinstance(day, int) and isinstance(leap, int)
    is_leap = bool(leap)
    if is_leap:
        leap_month = LCalendars.leap_month(y)
        if leap_month != month:
            if leap_month == 0:
                raise CalendarError(
                    N_(
                        "{what}: lunar year {year} has no leap month, "
                        "so 闰{month_name} does not exist"
                    ),
                    what="leap",
                    expected=N_("False"),
                    got=_names(f"{y} 闰{_MONTHS[month - 1]}月"),
                    params={"year": y, "month_name": _names(_MONTHS[month - 1] + "月")},
                )
            raise CalendarError(
                N_(
                    "{what}: the leap month of lunar year {year} is 闰{leap_name}, "
                    "so 闰{month_name} does not exist"
                ),
                what="leap",
                expected=_names(f"闰{_MONTHS[leap_month - 1]}月"),
                got=_names(f"{y} 闰{_MONTHS[month - 1]}月"),
                params={
                    "year": y,
                    "month_name": _names(_MONTHS[month - 1] + "月"),
                    "leap_name": _names(_MONTHS[leap_month - 1] + "月"),
                },
            )
    days = LCalendars.ndays(y, month, int(is_leap))
    if day > days:
        name = ("闰" if is_leap else "") + _MONTHS[month - 1] + "月"
        raise CalendarError(
            N_(
                "{what}: {month_name} of lunar year {year} has {days} days, "
                "so day {day} does not exist"
            ),
            what=N_("day"),
            expected=f"1–{days}",
            got=day,
            params={"month_name": _names(name), "year": y, "days": days, "day": day},
        )
    return y, month, day, is_leap


def _solar(year: int, month: int, day: int, leap: bool) -> date:
    try:
        result: date = _BoraxDate(year, month, day, int(leap)).to_solar_date()
    except (
        InvalidLunarDateError,
        ValueError,
        OverflowError,
    ) as exc:  # pragma: no cover
        raise _wrong(
            "date", N_("a lunar date that exists"), f"{year}-{month}-{day} leap={leap}"
        ) from exc
    if result > LAST_DATE:
        raise CalendarError(
            N_("{what}: {got} is outside the years the calendar covers; expected {expected}"),
            what=N_("date"),
            expected=f"{FIRST_DATE.isoformat()} … {LAST_DATE.isoformat()}",
            got=result.isoformat(),
        )
    return result


@attrs.frozen
class LunarDate:
    """A date of the Chinese lunar calendar that exists (lunar years 1900–2100, to 2100-12-31).

    Built with :func:`to_lunar` or directly: ``LunarDate(2009, 12, 11)`` is 己丑年腊月十一
    (2010-01-25). An impossible date (a 30th day of a 29-day month, a leap month the year lacks)
    raises :class:`~wennuan_rules.errors.CalendarError`.

    Attributes:
        year: the lunar year, numbered by the Gregorian year in which it begins.
        month: 1–12 (1 = 正月, 11 = 冬月, 12 = 腊月).
        day: 1–30.
        leap: whether the month is the year's leap month (闰月).
    """

    year: int
    month: int
    day: int
    leap: bool = False

    def __attrs_post_init__(self) -> None:
        _, _, _, leap = _check_lunar(self.year, self.month, self.day, self.leap)
        object.__setattr__(self, "leap", leap)
        _solar(self.year, self.month, self.day, leap)

    @property
    def cyclic_year(self) -> str:
        """The year's name in the sexagenary cycle (干支): ``"己丑"`` for 2009."""
        return _STEMS[(self.year - 4) % 10] + _BRANCHES[(self.year - 4) % 12]

    @property
    def month_name(self) -> str:
        """``"正月"``, ``"二月"`` … ``"十月"``, ``"冬月"``, ``"腊月"``; leap months ``"闰二月"``."""
        return ("闰" if self.leap else "") + _MONTHS[self.month - 1] + "月"

    @property
    def day_name(self) -> str:
        """``"初一"`` … ``"初十"``, ``"十一"`` … ``"二十"``, ``"廿一"`` … ``"廿九"``, ``"三十"``."""
        return _DAY_NAMES[self.day - 1]

    @property
    def name(self) -> str:
        """Month and day, as notices write them: ``"腊月十一"``, ``"闰二月初一"``."""
        return self.month_name + self.day_name

    @property
    def cyclic_name(self) -> str:
        """With the 干支 year: ``"己丑年腊月十一"`` (also ``str(lunar_date)``)."""
        return f"{self.cyclic_year}年{self.name}"

    @property
    def numbered_name(self) -> str:
        """With the lunar year's number: ``"2009年腊月十一"`` (not the Gregorian year)."""
        return f"{self.year}年{self.name}"

    def text(self, lang: str | None = None) -> str:
        """The date for people reading ``lang``.

        ``己丑年腊月十一`` (zh-Hans), ``己丑年臘月十一`` (zh-Hant),
        ``腊月十一 (day 11 of month 12, lunar year 2009, 己丑)`` (en).
        """
        locale = normalize_lang(lang)
        if locale == "zh-Hant":
            return self.cyclic_name.translate(_HANT)
        if locale == "en":
            month = f"leap month {self.month}" if self.leap else f"month {self.month}"
            year = f"lunar year {self.year}, {self.cyclic_year}"
            return f"{self.name} (day {self.day} of {month}, {year})"
        return self.cyclic_name

    def to_date(self) -> date:
        """The Gregorian date: ``LunarDate(2009, 12, 11).to_date() == date(2010, 1, 25)``."""
        return _solar(self.year, self.month, self.day, self.leap)

    def __str__(self) -> str:
        return self.cyclic_name


class LunarDay(NamedTuple):
    """A lunar month and day without a year, as :func:`parse_lunar_day` reads ``"腊月十一"``."""

    month: int
    day: int
    leap: bool


def to_lunar(day: date) -> LunarDate:
    """The lunar date of a Gregorian date.

    >>> to_lunar(date(2010, 1, 25)).numbered_name
    '2009年腊月十一'

    Args:
        day: a :class:`datetime.date` from 1900-01-31 to 2100-12-31 (a :class:`datetime.datetime` is
            read as its calendar date).

    Raises:
        CalendarError: for any other type, or a date outside that range.
    """
    if not isinstance(day, date):
        raise _wrong("date", "a datetime.date", day)
    if isinstance(day, datetime.datetime):
        day = day.date()
    if not FIRST_DATE <= day <= LAST_DATE:
        raise CalendarError(
            N_("{what}: {got} is outside the years the calendar covers; expected {expected}"),
            what=N_("date"),
            expected=f"{FIRST_DATE.isoformat()} … {LAST_DATE.isoformat()}",
            got=day.isoformat(),
        )
    found = _BoraxDate.from_solar(day)
    return LunarDate(found.year, found.month, found.day, bool(found.leap))


def from_lunar(year: int, month: int, day: int, leap: bool = False) -> date:
    """The Gregorian date of a lunar date.

    >>> from_lunar(2009, 12, 11)
    datetime.date(2010, 1, 25)

    Args:
        year: the lunar year (1900–2100), numbered by the Gregorian year in which it begins.
        month: 1–12.
        day: 1–30.
        leap: the year's leap month (闰月) rather than the ordinary month of that number.

    Raises:
        CalendarError: for wrong types, a year outside 1900–2100, a date that does not exist (day 30
            of a 29-day month, a leap month the year lacks), or a result after 2100-12-31.
    """
    y, m, d, is_leap = _check_lunar(year, month, day, leap)
    return _solar(y, m, d, is_leap)


def spring_festival(year: int) -> date:
    """春节, 正月初一 of lunar year ``year``: ``spring_festival(2010) == date(2010, 2, 14)``.

    Raises:
        CalendarError: for a year outside 1900–2100 or not an int.
    """
    return from_lunar(_year(year), 1, 1)


def lantern_festival(year: int) -> date:
    """元宵节, 正月十五 of lunar year ``year``: ``lantern_festival(2015) == date(2015, 3, 5)``.

    Raises:
        CalendarError: for a year outside 1900–2100 or not an int.
    """
    return from_lunar(_year(year), 1, 15)


def _day_number(text: str, whole: str) -> int:
    found = _DAY_NUMBERS.get(text)
    if found is not None:
        return found
    if text.startswith("初") and len(text) > 2 and text[1] == "十" and text[2:] in _DIGITS[:9]:
        # 初十一: the typo of 平工总［2009］38号 附件3 5 for 十一.
        raise CalendarError(
            N_(
                "{what}: {got} is not a lunar day name: 初 is followed only by 一 to 十 "
                "(初一…初十); did you mean {suggestion}?"
            ),
            what=N_("lunar day"),
            expected=_DAY_EXPECTED,
            got=whole,
            params={"suggestion": whole.replace(text, text[1:])},
        )
    raise CalendarError(
        N_("{what}: {got} is not a lunar day name; expected {expected}"),
        what=N_("lunar day"),
        expected=_DAY_EXPECTED,
        got=whole,
    )


@overload
def parse_lunar_day(text: str, *, year: None = None) -> LunarDay: ...


@overload
def parse_lunar_day(text: str, *, year: int) -> date: ...


def parse_lunar_day(text: str, *, year: int | None = None) -> LunarDay | date:
    """Read a lunar day name: ``"腊月十一"`` → ``LunarDay(month=12, day=11, leap=False)``.

    Months: 正月 (一月), 二月 … 十月, 冬月 (十一月), 腊月 / 臘月 (十二月), with 闰 / 閏
    for a leap month. Days: 初一 … 初十, 十一 … 十九, 二十, 廿一 … 廿九 (or 二十一 …
    二十九), 三十. A leading 农历 / 農曆 is allowed, as notices write "（农历腊月十八）".

    >>> parse_lunar_day("闰二月初一")
    LunarDay(month=2, day=1, leap=True)
    >>> parse_lunar_day("腊月十一", year=2009)
    datetime.date(2010, 1, 25)

    Args:
        text: the name.
        year: the lunar year (1900–2100). With it, the Gregorian date is returned and the name must
            exist in that year (a leap month it has, a day its month has). Note that 腊月 of lunar
            year 2009 falls in January–February 2010.

    Returns:
        :class:`LunarDay` without ``year``; the :class:`datetime.date` with it.

    Raises:
        CalendarError: for a name that is not a lunar month and day ("初十一", "三十二",
            "十三月初一"), a date that does not exist in ``year``, or wrong types.
    """
    if year is not None:
        _year(year)
    if not isinstance(text, str):
        raise _wrong("lunar day", _NAME_EXPECTED, text)
    if len(text) > _MAX_TEXT:
        raise _wrong("lunar day", _NAME_EXPECTED, text)
    stripped = text.strip()
    match = _LUNAR_RE.fullmatch(stripped)
    if match is None:
        raise CalendarError(
            N_("{what}: {got} does not begin with a lunar month name; expected {expected}"),
            what=N_("lunar day"),
            expected=_MONTH_EXPECTED,
            got=text,
        )
    month = _MONTH_NUMBERS[match["month"]]
    leap = match["leap"] is not None
    day = _day_number(match["day"].strip(), text)
    if year is None:
        return LunarDay(month, day, leap)
    return from_lunar(year, month, day, leap)
