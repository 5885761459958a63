"""The lunar calendar: the seeds' dates, lunar day names, refusals, and every day of 1950–2050
checked against an independent computation (lunar-python)."""

from __future__ import annotations

import datetime
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import wennuan_rules as wr
from wennuan_rules.errors import CalendarError, InvalidValueError
from wennuan_rules.lunar import (
    FIRST_DATE,
    LAST_DATE,
    LunarDate,
    LunarDay,
    from_lunar,
    lantern_festival,
    parse_lunar_day,
    spring_festival,
    to_lunar,
)

# ---------------------------------------------------------------- golden values from the seeds


@pytest.mark.parametrize(
    ("year", "day"),
    [
        (2010, date(2010, 2, 14)),  # 平工总［2009］38号, 2010 元旦春节
        (2015, date(2015, 2, 19)),  # 武工办〔2014〕74号
        (2018, date(2018, 2, 16)),  # 豫工文〔2017〕61号
        (2021, date(2021, 2, 12)),  # 江苏常州经济开发区总工会 2021-01-06
        (2022, date(2022, 2, 1)),  # 平顶山市总工会办公室 2022
    ],
)
def test_spring_festival_of_each_campaign(year: int, day: date) -> None:
    assert spring_festival(year) == day
    assert wr.spring_festival(year) == day
    assert to_lunar(day).name == "正月初一"


def test_lantern_festival_2015() -> None:
    # 武工办〔2014〕74号: the campaign runs "至2015年3月5日(正月十五)"
    assert lantern_festival(2015) == date(2015, 3, 5)
    assert wr.lantern_festival(2015) == date(2015, 3, 5)


def test_pingdingshan_2010_campaign_dates() -> None:
    # 平工总［2009］38号 附件3 5:
    # "2010年元月25日（农历腊月初十一）开始至2010年2月1日（农历腊月十八）"
    start = to_lunar(date(2010, 1, 25))
    assert (start.year, start.month, start.day, start.leap) == (2009, 12, 11, False)
    assert start.cyclic_year == "己丑"
    assert start.name == "腊月十一"
    assert str(start) == "己丑年腊月十一"
    assert start.numbered_name == "2009年腊月十一"
    assert start.to_date() == date(2010, 1, 25)
    assert to_lunar(date(2010, 2, 1)).name == "腊月十八"
    assert parse_lunar_day("腊月十一", year=2009) == date(2010, 1, 25)
    assert parse_lunar_day("农历腊月十八", year=2009) == date(2010, 2, 1)
    # the notice's "初十一" is not a day name; the error suggests the intended 十一
    with pytest.raises(CalendarError) as info:
        parse_lunar_day("腊月初十一")
    assert "腊月十一" in info.value.message("en")
    assert "腊月十一" in info.value.message("zh-Hans")
    with pytest.raises(CalendarError):
        parse_lunar_day("初十一")


# ---------------------------------------------------------------- names


def test_month_and_day_names() -> None:
    assert LunarDate(2009, 12, 11).month_name == "腊月"
    assert LunarDate(2010, 1, 1).month_name == "正月"
    assert LunarDate(2023, 2, 1, leap=True).month_name == "闰二月"
    assert LunarDate(2023, 11, 23).month_name == "冬月"
    assert LunarDate(2023, 10, 1).month_name == "十月"
    names = {
        1: "初一",
        10: "初十",
        11: "十一",
        19: "十九",
        20: "二十",
        21: "廿一",
        23: "廿三",
        29: "廿九",
        30: "三十",
    }
    for day, name in names.items():
        assert LunarDate(2009, 2, day).day_name == name  # 2009 二月 has 30 days
    assert LunarDate(2023, 2, 1, leap=True).name == "闰二月初一"
    assert LunarDate(2023, 2, 1, leap=True).to_date() == date(2023, 3, 22)


def test_text_in_each_locale() -> None:
    d = LunarDate(2009, 12, 11)
    assert d.text("zh-Hans") == "己丑年腊月十一"
    assert d.text("zh-Hant") == "己丑年臘月十一"
    assert d.text("en") == "腊月十一 (day 11 of month 12, lunar year 2009, 己丑)"
    assert "leap month 2" in LunarDate(2023, 2, 1, True).text("en")


def test_cyclic_year_matches_the_sexagenary_cycle() -> None:
    # 1984 is 甲子, the start of a cycle; 2009 己丑; 2021 辛丑; 2022 壬寅
    assert LunarDate(1984, 1, 1).cyclic_year == "甲子"
    assert LunarDate(2009, 1, 1).cyclic_year == "己丑"
    assert LunarDate(2021, 1, 1).cyclic_year == "辛丑"
    assert LunarDate(2022, 1, 1).cyclic_year == "壬寅"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("腊月十一", (12, 11, False)),
        ("正月十五", (1, 15, False)),
        ("腊月初十", (12, 10, False)),
        ("闰二月初一", (2, 1, True)),
        ("冬月廿三", (11, 23, False)),
        ("冬月二十三", (11, 23, False)),
        ("十二月十一", (12, 11, False)),
        ("十一月初一", (11, 1, False)),
        ("十月十一", (10, 11, False)),
        ("一月初一", (1, 1, False)),
        ("二月二十", (2, 20, False)),
        ("二月三十", (2, 30, False)),
        ("臘月十一", (12, 11, False)),  # Traditional
        ("閏二月初一", (2, 1, True)),
        ("农历腊月十八", (12, 18, False)),
        ("農曆正月十五", (1, 15, False)),
        (" 腊月十一 ", (12, 11, False)),
    ],
)
def test_parse_lunar_day_names(text: str, expected: tuple[int, int, bool]) -> None:
    parsed = parse_lunar_day(text)
    assert parsed == expected
    assert isinstance(parsed, LunarDay)


@pytest.mark.parametrize(
    "text",
    [
        "初十一",
        "腊月初十一",
        "腊月三十二",
        "腊月三十一",
        "腊月四十",
        "十三月初一",
        "零月初一",
        "腊月",
        "腊月十",  # the tenth is 初十
        "腊月廿",
        "腊月初零",
        "十一",
        "abc",
        "",
        "腊月十一日",
    ],
)
def test_impossible_names_are_refused(text: str) -> None:
    with pytest.raises(CalendarError) as info:
        parse_lunar_day(text)
    assert info.value.got == text
    assert info.value.expected  # says what was expected


def test_names_that_do_not_exist_in_the_given_year() -> None:
    # 2023 has 闰二月 but no 闰三月; 2010 has no leap month at all
    assert parse_lunar_day("闰二月初一", year=2023) == date(2023, 3, 22)
    with pytest.raises(CalendarError) as info:
        parse_lunar_day("闰三月初一", year=2023)
    assert "闰二月" in info.value.message("en")
    with pytest.raises(CalendarError):
        parse_lunar_day("闰三月初一", year=2010)
    # 正月 of lunar 2009 has 30 days; 二月 of lunar 2010 has 29 (lunar-python agrees)
    assert parse_lunar_day("正月三十", year=2009) == date(2009, 2, 24)
    with pytest.raises(CalendarError) as info:
        parse_lunar_day("二月三十", year=2010)
    assert "29" in info.value.message("en")


# ---------------------------------------------------------------- refusals


@pytest.mark.parametrize(
    "call",
    [
        lambda: spring_festival(1899),
        lambda: spring_festival(2101),
        lambda: lantern_festival(0),
        lambda: to_lunar(date(1900, 1, 30)),  # still lunar 1899
        lambda: to_lunar(date(1899, 12, 31)),
        lambda: to_lunar(date(2101, 1, 1)),
        lambda: from_lunar(1899, 12, 1),
        lambda: from_lunar(2101, 1, 1),
        lambda: from_lunar(2100, 12, 29),  # 2101-01-28: past the last Gregorian year covered
        lambda: from_lunar(2010, 2, 30),  # 二月 of 2010 has 29 days
        lambda: from_lunar(2010, 2, 1, leap=True),  # no leap month in 2010
        lambda: from_lunar(2023, 3, 1, leap=True),  # 2023's leap month is the second
        lambda: from_lunar(2010, 13, 1),
        lambda: from_lunar(2010, 0, 1),
        lambda: from_lunar(2010, 1, 0),
        lambda: from_lunar(2010, 1, 31),
        lambda: from_lunar(2010, 1, 1, leap=2),
        lambda: from_lunar("2010", 1, 1),
        lambda: from_lunar(2010.0, 1, 1),
        lambda: from_lunar(True, 1, 1),
        lambda: from_lunar(2010, None, 1),
        lambda: spring_festival("2010"),
        lambda: spring_festival(None),
        lambda: to_lunar("2010-01-25"),
        lambda: to_lunar(None),
        lambda: parse_lunar_day("腊月十一", year=1899),
        lambda: parse_lunar_day("腊月十一", year="2009"),
        lambda: parse_lunar_day(None),
        lambda: LunarDate(2010, 2, 30),
        lambda: LunarDate(2010, 2, 1, True),
    ],
)
def test_refusals_are_calendar_errors_never_borax_errors(call: object) -> None:
    with pytest.raises(CalendarError) as info:
        call()  # type: ignore[operator]
    assert type(info.value).__module__ == "wennuan_rules.errors"
    assert isinstance(info.value, InvalidValueError)
    assert info.value.__cause__ is None or isinstance(info.value.__cause__, ValueError)


def test_range_ends() -> None:
    assert to_lunar(FIRST_DATE) == LunarDate(1900, 1, 1)
    assert spring_festival(1900) == FIRST_DATE
    last = to_lunar(LAST_DATE)
    assert last.year == 2100 and last.to_date() == LAST_DATE
    assert to_lunar(datetime.datetime(2010, 1, 25, 23, 59)) == LunarDate(2009, 12, 11)


def test_lunar_date_is_frozen_and_normalises_leap() -> None:
    d = LunarDate(2023, 2, 1, 1)  # type: ignore[arg-type]
    assert d.leap is True
    assert d == LunarDate(2023, 2, 1, True)
    with pytest.raises(AttributeError):
        d.day = 2  # type: ignore[misc]


# ---------------------------------------------------------------- cross-check with lunar-python


def _lunar_python_table(first: date, last: date) -> dict[date, tuple[int, int, int, bool]]:
    """Every day from ``first`` to ``last`` → (year, month, day, leap), computed by lunar-python.

    Built from lunar-python's months (first day and length of each lunar month, which it computes
    from the astronomical new moons): calling ``Solar.getLunar()`` for 37 000 days takes half a
    minute, this takes a fraction of a second and gives the same answer (checked on a sample below).
    """
    from lunar_python import LunarYear, Solar

    table: dict[date, tuple[int, int, int, bool]] = {}
    for lunar_year in range(first.year - 1, last.year + 1):
        for month in LunarYear.fromYear(lunar_year).getMonths():
            solar = Solar.fromJulianDay(month.getFirstJulianDay())
            start = date(solar.getYear(), solar.getMonth(), solar.getDay())
            number = month.getMonth()
            for offset in range(month.getDayCount()):
                day = start + timedelta(days=offset)
                if first <= day <= last:
                    table[day] = (month.getYear(), abs(number), offset + 1, number < 0)
    return table


def test_every_day_1950_to_2050_agrees_with_lunar_python() -> None:
    from lunar_python import Solar

    first, last = date(1950, 1, 1), date(2050, 12, 31)
    table = _lunar_python_table(first, last)
    assert len(table) == (last - first).days + 1  # 36890 days, none missing
    # the month table gives what Solar.getLunar() gives, on a sample of days
    for day in list(table)[::97]:
        lunar = Solar.fromYmd(day.year, day.month, day.day).getLunar()
        month = lunar.getMonth()
        assert table[day] == (lunar.getYear(), abs(month), lunar.getDay(), month < 0)
    disagreements = []
    for day, expected in table.items():
        ours = to_lunar(day)
        if (ours.year, ours.month, ours.day, ours.leap) != expected:
            disagreements.append((day, ours, expected))
        elif from_lunar(ours.year, ours.month, ours.day, ours.leap) != day:
            disagreements.append((day, ours, "round trip"))
    assert not disagreements, disagreements[:5]


@settings(max_examples=200)
@given(st.dates(min_value=FIRST_DATE, max_value=LAST_DATE))
def test_round_trips_over_the_whole_range(day: date) -> None:
    lunar = to_lunar(day)
    assert lunar.to_date() == day
    assert from_lunar(lunar.year, lunar.month, lunar.day, lunar.leap) == day
    assert parse_lunar_day(lunar.name) == (lunar.month, lunar.day, lunar.leap)
    assert parse_lunar_day(lunar.name, year=lunar.year) == day
    assert spring_festival(lunar.year) <= day
