"""What a user sees of ``wennuan_rules.money``: the exact refusal (field, what was expected, the
message in English and in Chinese) for every way of getting it wrong, and the display at the edges
(zero, below one 万元, 12 places, 30-digit amounts). Written to kill the mutants mutation testing
found alive (docs/reliability.md)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest

import wennuan_rules as wr
from wennuan_rules.errors import InvalidValueError
from wennuan_rules.money import (
    format_wan,
    format_yuan,
    parse_amount,
    parse_count,
    parse_number,
    wan_to_yuan,
    yuan_to_wan,
)

# (call, (what, expected), English message, Chinese message)
REFUSALS: list[tuple[Callable[[], object], tuple[str, str], str, str]] = [
    (
        lambda: parse_amount(1.5, what="05A"),
        ("05A", "1234.50, 1,234.50, ¥1,234.50, 1234.5元, 12.5万元"),
        "05A: 1.5 is a float, which cannot hold amounts exactly; pass a str, int or Decimal instead",
        "05A：1.5 是浮点数（float），无法精确表示金额；请改用 str、int 或 Decimal",
    ),
    (
        lambda: parse_amount([1]),
        ("amount", "1234.50, 1,234.50, ¥1,234.50, 1234.5元, 12.5万元"),
        "amount: expected 1234.50, 1,234.50, ¥1,234.50, 1234.5元, 12.5万元, got a value of type list",
        "amount：应为 1234.50, 1,234.50, ¥1,234.50, 1234.5元, 12.5万元，实为 list 类型的值",
    ),
    (
        lambda: parse_amount(Decimal("NaN")),
        ("amount", "1234.50, 1,234.50, ¥1,234.50, 1234.5元, 12.5万元"),
        "amount: Decimal('NaN') is not a finite number; expected 1234.50, 1,234.50, ¥1,234.50, 1234.5元, 12.5万元",
        "amount：Decimal('NaN') 不是有限数值，应为 1234.50, 1,234.50, ¥1,234.50, 1234.5元, 12.5万元",
    ),
    (
        lambda: parse_amount("1,23,4"),
        ("amount", "1,234,567.89"),
        "amount: the thousands separators in 1,23,4 are misplaced; expected groups of three digits, as in 1,234,567.89",
        "amount：1,23,4 中的千位分隔符位置不对，应每三位一组，如 1,234,567.89",
    ),
    (
        lambda: parse_amount("1,23.4"),
        ("amount", "1,234,567.89"),
        "amount: the thousands separators in 1,23.4 are misplaced; expected groups of three digits, as in 1,234,567.89",
        "amount：1,23.4 中的千位分隔符位置不对，应每三位一组，如 1,234,567.89",
    ),
    (
        lambda: parse_amount("1,23.4.5"),
        ("amount", "1234.50, 1,234.50, ¥1,234.50, 1234.5元, 12.5万元"),
        "amount: cannot read 1,23.4.5 as a number; expected 1234.50, 1,234.50, ¥1,234.50, 1234.5元, 12.5万元",
        "amount：无法将 1,23.4.5 读作数字，应为 1234.50, 1,234.50, ¥1,234.50, 1234.5元, 12.5万元",
    ),
    (
        lambda: parse_amount("1,234.5元元"),
        ("amount", "1234.50, 1,234.50, ¥1,234.50, 1234.5元, 12.5万元"),
        "amount: cannot read 1,234.5元元 as a number; expected 1234.50, 1,234.50, ¥1,234.50, 1234.5元, 12.5万元",
        "amount：无法将 1,234.5元元 读作数字，应为 1234.50, 1,234.50, ¥1,234.50, 1234.5元, 12.5万元",
    ),
    (
        lambda: parse_amount("5元元"),
        ("amount", "1234.50, 1,234.50, ¥1,234.50, 1234.5元, 12.5万元"),
        "amount: cannot read 5元元 as a number; expected 1234.50, 1,234.50, ¥1,234.50, 1234.5元, 12.5万元",
        "amount：无法将 5元元 读作数字，应为 1234.50, 1,234.50, ¥1,234.50, 1234.5元, 12.5万元",
    ),
    (
        lambda: parse_amount("abc"),
        ("amount", "1234.50, 1,234.50, ¥1,234.50, 1234.5元, 12.5万元"),
        "amount: cannot read abc as a number; expected 1234.50, 1,234.50, ¥1,234.50, 1234.5元, 12.5万元",
        "amount：无法将 abc 读作数字，应为 1234.50, 1,234.50, ¥1,234.50, 1234.5元, 12.5万元",
    ),
    (
        lambda: parse_amount(""),
        ("amount", "1234.50, 1,234.50, ¥1,234.50, 1234.5元, 12.5万元"),
        "amount: the text is empty; expected 1234.50, 1,234.50, ¥1,234.50, 1234.5元, 12.5万元",
        "amount：内容为空，应为 1234.50, 1,234.50, ¥1,234.50, 1234.5元, 12.5万元",
    ),
    (
        lambda: parse_amount("1" * 65),
        ("amount", "1234.50, 1,234.50, ¥1,234.50, 1234.5元, 12.5万元"),
        "amount: the text is 65 characters long; expected at most 64 characters",
        "amount：文本长 65 个字符，最多应为 64 个字符",
    ),
    (
        lambda: parse_amount("nan"),
        ("amount", "1234.50, 1,234.50, ¥1,234.50, 1234.5元, 12.5万元"),
        "amount: nan is not a finite number; expected 1234.50, 1,234.50, ¥1,234.50, 1234.5元, 12.5万元",
        "amount：nan 不是有限数值，应为 1234.50, 1,234.50, ¥1,234.50, 1234.5元, 12.5万元",
    ),
    (
        lambda: parse_amount("1e3"),
        ("amount", "1234.50, 1,234.50, ¥1,234.50, 1234.5元, 12.5万元"),
        "amount: 1e3 is in scientific notation, which spreadsheets use to shorten numbers; expected the number written out in full, as in 1234.50, 1,234.50, ¥1,234.50, 1234.5元, 12.5万元",
        "amount：1e3 是科学计数法（电子表格用它缩写数字），请写出完整数字，如 1234.50, 1,234.50, ¥1,234.50, 1234.5元, 12.5万元",
    ),
    (
        lambda: parse_amount("-5"),
        ("amount", "≥ 0"),
        "amount: -5 is negative; expected ≥ 0",
        "amount：-5 为负数，应为 ≥ 0",
    ),
    (
        lambda: parse_amount(-5, what="05A"),
        ("05A", "≥ 0"),
        "05A: -5 is negative; expected ≥ 0",
        "05A：-5 为负数，应为 ≥ 0",
    ),
    (
        lambda: parse_number(None),
        ("value", "12, 1,234.5, １２３４．５"),
        "value: expected 12, 1,234.5, １２３４．５, got a value of type NoneType",
        "value：应为 12, 1,234.5, １２３４．５，实为 NoneType 类型的值",
    ),
    (
        lambda: parse_number(-3, what="03A"),
        ("03A", "≥ 0"),
        "03A: -3 is negative; expected ≥ 0",
        "03A：-3 为负数，应为 ≥ 0",
    ),
    (
        lambda: parse_number("", what="03A"),
        ("03A", "12, 1,234.5, １２３４．５"),
        "03A: the text is empty; expected 12, 1,234.5, １２３４．５",
        "03A：内容为空，应为 12, 1,234.5, １２３４．５",
    ),
    (
        lambda: parse_number("x", unit="3"),
        ("unit", "a unit such as 人, 人次, 户, 万元"),
        "unit: expected a unit such as 人, 人次, 户, 万元, got 3",
        "unit：应为 a unit such as 人, 人次, 户, 万元，实为 3",
    ),
    (
        lambda: parse_number("12人", unit="户"),
        ("value", "户"),
        "value: 12人 is given in 人; expected a number of 户",
        "value：12人 的单位是 人，应为以 户 计的数字",
    ),
    (
        lambda: parse_number("12人"),
        ("value", "12, 1,234.5, １２３４．５"),
        "value: cannot read 12人 as a number; expected 12, 1,234.5, １２３４．５",
        "value：无法将 12人 读作数字，应为 12, 1,234.5, １２３４．５",
    ),
    (
        lambda: parse_number("1,23人", what="03A"),
        ("03A", "1,234,567.89"),
        "03A: the thousands separators in 1,23人 are misplaced; expected groups of three digits, as in 1,234,567.89",
        "03A：1,23人 中的千位分隔符位置不对，应每三位一组，如 1,234,567.89",
    ),
    (
        lambda: parse_count("2.5"),
        ("count", "0, 12, 1,234"),
        "count: 2.5 is not a whole number; expected 0, 12, 1,234",
        "count：2.5 不是整数，应为 0, 12, 1,234",
    ),
    (
        lambda: parse_count("x"),
        ("count", "12, 1,234.5, １２３４．５"),
        "count: cannot read x as a number; expected 12, 1,234.5, １２３４．５",
        "count：无法将 x 读作数字，应为 12, 1,234.5, １２３４．５",
    ),
    (
        lambda: parse_count("1.5人", what="02A", unit="人"),
        ("02A", "0, 12, 1,234"),
        "02A: 1.5人 is not a whole number; expected 0, 12, 1,234",
        "02A：1.5人 不是整数，应为 0, 12, 1,234",
    ),
    (
        lambda: parse_count(""),
        ("count", "12, 1,234.5, １２３４．５"),
        "count: the text is empty; expected 12, 1,234.5, １２３４．５",
        "count：内容为空，应为 12, 1,234.5, １２３４．５",
    ),
    (
        lambda: yuan_to_wan(1.5),
        ("amount", "Decimal"),
        "amount: 1.5 is a float, which cannot hold amounts exactly; pass a str, int or Decimal instead",
        "amount：1.5 是浮点数（float），无法精确表示金额；请改用 str、int 或 Decimal",
    ),
    (
        lambda: yuan_to_wan("1"),
        ("amount", "Decimal"),
        "amount: expected Decimal, got a value of type str",
        "amount：应为 Decimal，实为 str 类型的值",
    ),
    (
        lambda: wan_to_yuan("1"),
        ("amount", "Decimal"),
        "amount: expected Decimal, got a value of type str",
        "amount：应为 Decimal，实为 str 类型的值",
    ),
    (
        lambda: wan_to_yuan(Decimal("Infinity")),
        ("amount", "Decimal"),
        "amount: Decimal('Infinity') is not a finite number; expected Decimal",
        "amount：Decimal('Infinity') 不是有限数值，应为 Decimal",
    ),
    (
        lambda: format_yuan(None),
        ("amount", "Decimal"),
        "amount: expected Decimal, got a value of type NoneType",
        "amount：应为 Decimal，实为 NoneType 类型的值",
    ),
    (
        lambda: format_yuan(Decimal("1"), places=13),
        ("places", "0–12"),
        "places: expected 0–12, got 13",
        "places：应为 0–12，实为 13",
    ),
    (
        lambda: format_wan(1.5),
        ("amount", "Decimal"),
        "amount: 1.5 is a float, which cannot hold amounts exactly; pass a str, int or Decimal instead",
        "amount：1.5 是浮点数（float），无法精确表示金额；请改用 str、int 或 Decimal",
    ),
    (
        lambda: format_wan("1"),
        ("amount", "Decimal"),
        "amount: expected Decimal, got a value of type str",
        "amount：应为 Decimal，实为 str 类型的值",
    ),
    (
        lambda: format_wan(Decimal("1"), places=-1),
        ("places", "0–12"),
        "places: expected 0–12, got -1",
        "places：应为 0–12，实为 -1",
    ),
]


@pytest.mark.parametrize(("call", "fields", "english", "chinese"), REFUSALS)
def test_each_refusal_names_the_field_what_was_expected_and_says_so_in_both_languages(
    call: Callable[[], object], fields: tuple[str, str], english: str, chinese: str
) -> None:
    with pytest.raises(InvalidValueError) as info:
        call()
    error = info.value
    assert (error.what, error.expected) == fields
    assert error.message("en") == english
    assert error.message("zh-Hans") == chinese


def test_a_unit_outside_several_allowed_names_them_all() -> None:
    with pytest.raises(InvalidValueError) as info:
        parse_number("12人", what="02A", unit=("户", "个"))
    assert info.value.expected == "户, 个"
    assert info.value.message("en") == "02A: 12人 is given in 人; expected a number of 户, 个"


def test_a_negative_number_typed_is_refused_with_the_text_typed() -> None:
    with pytest.raises(InvalidValueError) as info:
        parse_number("-3", what="03A")
    assert (info.value.what, info.value.got) == ("03A", "-3")
    assert info.value.message("en") == "03A: -3 is negative; expected ≥ 0"


def test_the_value_refused_is_kept_as_given() -> None:
    for call, value in [
        (lambda: parse_number(-3), -3),
        (lambda: parse_number("12人"), "12人"),
        (lambda: parse_count("2.5"), "2.5"),
        (lambda: parse_number("x", unit="3"), "3"),
        (lambda: format_yuan(Decimal(1), places=13), 13),
    ]:
        with pytest.raises(InvalidValueError) as info:
            call()
        assert info.value.got == value


def test_numbers_below_zero_are_read_when_allowed() -> None:
    assert parse_number(-3, allow_negative=True) == Decimal(-3)
    assert parse_number(Decimal("-0.5"), allow_negative=True) == Decimal("-0.5")
    assert wr.parse_amount(-5, allow_negative=True) == Decimal(-5)


def test_texts_up_to_64_characters_are_read_and_longer_ones_refused_as_typed() -> None:
    assert parse_amount(" " * 60 + "1234") == Decimal(1234)
    assert parse_number("0" * 63 + "7") == Decimal(7)
    long = "1" * 65
    with pytest.raises(InvalidValueError) as info:
        parse_amount(long)
    assert info.value.got is long


def test_every_spelling_of_wan_multiplies_by_ten_thousand() -> None:
    for unit in ("万元", "萬元", "万", "萬"):
        assert parse_amount("12.5" + unit) == Decimal(125000), unit


def test_wan_amounts_are_written_without_an_exponent() -> None:
    # 0.001万元 = 10 yuan: shown "10", not "1E+1"
    assert str(parse_amount("0.001万元")) == "10"
    assert str(wan_to_yuan(Decimal("0.001"))) == "10"
    assert str(wr.parse_amount("0.0001万")) == "1"


def test_display_at_the_edges() -> None:
    assert format_wan(0) == "0.0000万元"  # zero has no sign
    assert format_wan(Decimal("5000")) == "0.5000万元"  # below one 万元 is not negative
    assert format_wan(Decimal("-5000"), "zh-Hant") == "-0.5000萬元"
    assert format_yuan(Decimal(1), places=12) == "¥1.000000000000"  # 12 places is allowed
    assert format_wan(Decimal(1), places=12) == "0.000100000000万元"
    assert format_wan(Decimal(1), places=0) == "0万元"
    # in English the yuan figure shows the decimals the 万元 figure holds
    assert format_wan(Decimal("123400"), "en", places=6) == "12.340000 wan yuan (¥123,400.00)"
    assert format_wan(Decimal("123400"), "en", places=5) == "12.34000 wan yuan (¥123,400.0)"
    assert format_wan(Decimal("123400"), "en", places=3) == "12.340 wan yuan (¥123,400)"


def test_thirty_digit_amounts_are_shown_in_full() -> None:
    # parse_amount reads up to 64 characters, so a display must not fail on what it read
    huge = parse_amount("1" * 30)
    assert format_yuan(huge) == "¥" + "{:,}".format(int("1" * 30)) + ".00"
    assert format_wan(huge) == "{:,}".format(int("1" * 26)) + ".1111万元"
    assert format_wan(huge, "en", places=0).startswith("{:,}".format(int("1" * 26)) + " wan yuan")
    assert format_yuan(Decimal("9" * 29) + Decimal("0.995")) == "¥1" + f"{10**29:,}"[1:] + ".00"
