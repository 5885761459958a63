"""What a user sees of ``wennuan_rules.lunar`` at its edges: the exact refusal (field, what was
expected, the message in English and in Chinese) for each impossible input, and the first and last
values each check accepts. Written to kill the mutants mutation testing found alive
(docs/reliability.md)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

import wennuan_rules as wr
from wennuan_rules.errors import CalendarError
from wennuan_rules.lunar import (
    FIRST_DATE,
    LunarDate,
    LunarDay,
    from_lunar,
    lantern_festival,
    parse_lunar_day,
    spring_festival,
    to_lunar,
)

# (call, (what, expected), English message, Chinese message)
REFUSALS: list[tuple[Callable[[], object], tuple[str, str], str, str]] = [
    (
        lambda: from_lunar("2010", 1, 1),
        ("year", "a year 1900–2100 (int)"),
        "year: expected a year 1900–2100 (int), got 2010",
        "year：应为 1900–2100 之间的年份（整数），实为 2010",
    ),
    (
        lambda: from_lunar(1899, 1, 1),
        ("year", "1900–2100"),
        "year: 1899 is outside the years the calendar covers; expected 1900–2100",
        "year：1899 超出历法覆盖的年份范围，应在 1900–2100 之内",
    ),
    (
        lambda: from_lunar(2101, 1, 1),
        ("year", "1900–2100"),
        "year: 2101 is outside the years the calendar covers; expected 1900–2100",
        "year：2101 超出历法覆盖的年份范围，应在 1900–2100 之内",
    ),
    (
        lambda: from_lunar(2010, 13, 1),
        ("month", "1–12"),
        "month: expected 1–12, got 13",
        "month：应为 1–12，实为 13",
    ),
    (
        lambda: from_lunar(2010, 0, 1),
        ("month", "1–12"),
        "month: expected 1–12, got 0",
        "month：应为 1–12，实为 0",
    ),
    (
        lambda: from_lunar(2010, True, 1),
        ("month", "1–12"),
        "month: expected 1–12, got True",
        "month：应为 1–12，实为 True",
    ),
    (
        lambda: from_lunar(2010, 1, 31),
        ("day", "1–30"),
        "day: expected 1–30, got 31",
        "day：应为 1–30，实为 31",
    ),
    (
        lambda: from_lunar(2010, 1, 0),
        ("day", "1–30"),
        "day: expected 1–30, got 0",
        "day：应为 1–30，实为 0",
    ),
    (
        lambda: from_lunar(2010, 1, True),
        ("day", "1–30"),
        "day: expected 1–30, got True",
        "day：应为 1–30，实为 True",
    ),
    (
        lambda: from_lunar(2010, 1, 1, leap=2),
        ("leap", "True or False"),
        "leap: expected True or False, got 2",
        "leap：应为 True or False，实为 2",
    ),
    (
        lambda: from_lunar(2010, 1, 1, leap=None),
        ("leap", "True or False"),
        "leap: expected True or False, got None",
        "leap：应为 True or False，实为 None",
    ),
    (
        lambda: from_lunar(2010, 2, 1, leap=True),
        ("leap", "False"),
        "leap: lunar year 2010 has no leap month, so 闰二月 does not exist",
        "leap：农历 2010 年没有闰月，不存在闰二月",
    ),
    (
        lambda: from_lunar(2023, 3, 1, leap=True),
        ("leap", "闰二月"),
        "leap: the leap month of lunar year 2023 is 闰二月, so 闰三月 does not exist",
        "leap：农历 2023 年的闰月是闰二月，不存在闰三月",
    ),
    (
        lambda: from_lunar(2010, 2, 30),
        ("day", "1–29"),
        "day: 二月 of lunar year 2010 has 29 days, so day 30 does not exist",
        "day：农历 2010 年二月只有 29 天，不存在第 30 天",
    ),
    (
        lambda: from_lunar(2023, 2, 30, leap=True),
        ("day", "1–29"),
        "day: 闰二月 of lunar year 2023 has 29 days, so day 30 does not exist",
        "day：农历 2023 年闰二月只有 29 天，不存在第 30 天",
    ),
    (
        lambda: from_lunar(2100, 12, 29),
        ("date", "1900-01-31 … 2100-12-31"),
        "date: 2101-01-28 is outside the years the calendar covers; expected 1900-01-31 … 2100-12-31",
        "date：2101-01-28 超出历法覆盖的年份范围，应在 1900-01-31 … 2100-12-31 之内",
    ),
    (
        lambda: spring_festival(1899),
        ("year", "1900–2100"),
        "year: 1899 is outside the years the calendar covers; expected 1900–2100",
        "year：1899 超出历法覆盖的年份范围，应在 1900–2100 之内",
    ),
    (
        lambda: lantern_festival("2015"),
        ("year", "a year 1900–2100 (int)"),
        "year: expected a year 1900–2100 (int), got 2015",
        "year：应为 1900–2100 之间的年份（整数），实为 2015",
    ),
    (
        lambda: to_lunar("2010-01-25"),
        ("date", "a datetime.date"),
        "date: expected a datetime.date, got 2010-01-25",
        "date：应为 a datetime.date，实为 2010-01-25",
    ),
    (
        lambda: to_lunar(date(1900, 1, 30)),
        ("date", "1900-01-31 … 2100-12-31"),
        "date: 1900-01-30 is outside the years the calendar covers; expected 1900-01-31 … 2100-12-31",
        "date：1900-01-30 超出历法覆盖的年份范围，应在 1900-01-31 … 2100-12-31 之内",
    ),
    (
        lambda: to_lunar(date(2101, 1, 1)),
        ("date", "1900-01-31 … 2100-12-31"),
        "date: 2101-01-01 is outside the years the calendar covers; expected 1900-01-31 … 2100-12-31",
        "date：2101-01-01 超出历法覆盖的年份范围，应在 1900-01-31 … 2100-12-31 之内",
    ),
    (
        lambda: LunarDate(2010, 2, 30),
        ("day", "1–29"),
        "day: 二月 of lunar year 2010 has 29 days, so day 30 does not exist",
        "day：农历 2010 年二月只有 29 天，不存在第 30 天",
    ),
    (
        lambda: parse_lunar_day("腊月初十一"),
        ("lunar day", "初一…初十, 十一…十九, 二十, 廿一…廿九 (二十一…二十九), 三十"),
        "lunar day: 腊月初十一 is not a lunar day name: 初 is followed only by 一 to 十 (初一…初十); did you mean 腊月十一?",
        "lunar day：腊月初十一 不是农历日期名称：“初”后只能接一至十（初一…初十）；是否应为 腊月十一？",
    ),
    (
        lambda: parse_lunar_day("腊月三十二"),
        ("lunar day", "初一…初十, 十一…十九, 二十, 廿一…廿九 (二十一…二十九), 三十"),
        "lunar day: 腊月三十二 is not a lunar day name; expected 初一…初十, 十一…十九, 二十, 廿一…廿九 (二十一…二十九), 三十",
        "lunar day：腊月三十二 不是农历日期名称，应为 初一…初十, 十一…十九, 二十, 廿一…廿九 (二十一…二十九), 三十",
    ),
    (
        lambda: parse_lunar_day("十三月初一"),
        ("lunar day", "正月, 二月…十月, 冬月 (十一月), 腊月 (十二月), 闰二月…"),
        "lunar day: 十三月初一 does not begin with a lunar month name; expected 正月, 二月…十月, 冬月 (十一月), 腊月 (十二月), 闰二月…",
        "lunar day：十三月初一 不以农历月份名称开头，月份应为 正月, 二月…十月, 冬月 (十一月), 腊月 (十二月), 闰二月…",
    ),
    (
        lambda: parse_lunar_day(None),
        ("lunar day", "腊月十一, 正月十五, 闰二月初一, 十二月十一"),
        "lunar day: expected 腊月十一, 正月十五, 闰二月初一, 十二月十一, got None",
        "lunar day：应为 腊月十一, 正月十五, 闰二月初一, 十二月十一，实为 None",
    ),
    (
        lambda: parse_lunar_day("腊" * 33),
        ("lunar day", "腊月十一, 正月十五, 闰二月初一, 十二月十一"),
        "lunar day: expected 腊月十一, 正月十五, 闰二月初一, 十二月十一, got 腊腊腊腊腊腊腊腊腊腊腊腊腊腊腊腊腊腊腊腊腊腊腊腊腊腊腊腊腊腊腊腊腊",
        "lunar day：应为 腊月十一, 正月十五, 闰二月初一, 十二月十一，实为 腊腊腊腊腊腊腊腊腊腊腊腊腊腊腊腊腊腊腊腊腊腊腊腊腊腊腊腊腊腊腊腊腊",
    ),
    (
        lambda: parse_lunar_day("腊月十一", year=1899),
        ("year", "1900–2100"),
        "year: 1899 is outside the years the calendar covers; expected 1900–2100",
        "year：1899 超出历法覆盖的年份范围，应在 1900–2100 之内",
    ),
    (
        lambda: parse_lunar_day("腊月十一", year="2009"),
        ("year", "a year 1900–2100 (int)"),
        "year: expected a year 1900–2100 (int), got 2009",
        "year：应为 1900–2100 之间的年份（整数），实为 2009",
    ),
    (
        lambda: parse_lunar_day("闰三月初一", year=2023),
        ("leap", "闰二月"),
        "leap: the leap month of lunar year 2023 is 闰二月, so 闰三月 does not exist",
        "leap：农历 2023 年的闰月是闰二月，不存在闰三月",
    ),
    (
        lambda: parse_lunar_day("二月三十", year=2010),
        ("day", "1–29"),
        "day: 二月 of lunar year 2010 has 29 days, so day 30 does not exist",
        "day：农历 2010 年二月只有 29 天，不存在第 30 天",
    ),
]


@pytest.mark.parametrize(("call", "fields", "english", "chinese"), REFUSALS)
def test_each_refusal_names_the_field_what_was_expected_and_says_so_in_both_languages(
    call: Callable[[], object], fields: tuple[str, str], english: str, chinese: str
) -> None:
    with pytest.raises(CalendarError) as info:
        call()
    error = info.value
    assert (error.what, error.expected) == fields
    assert error.message("en") == english
    assert error.message("zh-Hans") == chinese


def test_a_name_that_is_not_text_is_reported_as_given() -> None:
    with pytest.raises(CalendarError) as info:
        parse_lunar_day(12)  # type: ignore[call-overload]
    assert info.value.got == 12
    assert info.value.message("en").endswith(", got 12")


def test_a_missing_leap_month_reports_the_month_asked_for() -> None:
    with pytest.raises(CalendarError) as info:
        from_lunar(2010, 2, 1, leap=True)
    assert info.value.got == "2010 闰二月"
    with pytest.raises(CalendarError) as info:
        from_lunar(2023, 3, 1, leap=True)
    assert info.value.got == "2023 闰三月"
    with pytest.raises(CalendarError) as info:
        from_lunar(2010, 2, 30)
    assert info.value.got == 30


def test_the_first_and_last_values_of_each_range_are_accepted() -> None:
    assert from_lunar(1900, 1, 1) == FIRST_DATE  # the first year
    assert from_lunar(2100, 1, 1) == date(2100, 2, 9)  # the last year
    assert from_lunar(2009, 12, 30) == date(2010, 2, 13)  # month 12, day 30
    assert from_lunar(2023, 2, 1, leap=1) == date(2023, 3, 22)  # leap given as 1
    assert from_lunar(2023, 2, 1, leap=0) == date(2023, 2, 20)  # and as 0
    assert LunarDate(2023, 2, 1, leap=0).leap is False  # type: ignore[arg-type]
    assert to_lunar(date(2100, 12, 31)).to_date() == date(2100, 12, 31)
    assert spring_festival(2100) == date(2100, 2, 9)
    assert lantern_festival(1900) == date(1900, 2, 14)
    assert wr.to_lunar(date(2023, 3, 22)) == LunarDate(2023, 2, 1, True)


def test_names_up_to_32_characters_are_read() -> None:
    text = "腊月十一".center(32)
    assert len(text) == 32
    assert parse_lunar_day(text) == LunarDay(12, 11, False)
    assert parse_lunar_day("腊月 十一") == LunarDay(12, 11, False)
    assert parse_lunar_day("农历 腊月十一", year=2009) == date(2010, 1, 25)


def test_only_初_followed_by_十_and_a_digit_gets_a_suggestion() -> None:
    with pytest.raises(CalendarError) as info:
        parse_lunar_day("腊月初十十")
    assert "did you mean" not in info.value.message("en")
    with pytest.raises(CalendarError) as info:
        parse_lunar_day("腊月初十九")
    assert info.value.message("en").endswith("did you mean 腊月十九?")


def test_leap_month_text_in_each_locale() -> None:
    d = LunarDate(2023, 2, 1, True)
    assert d.text("en") == "闰二月初一 (day 1 of leap month 2, lunar year 2023, 癸卯)"
    assert d.text("zh-Hant") == "癸卯年閏二月初一"
    assert d.text("zh-Hans") == "癸卯年闰二月初一"
    assert d.numbered_name == "2023年闰二月初一"
    assert str(LunarDate(2023, 11, 1)) == "癸卯年冬月初一"
