"""Amounts are read exactly as people type them, refused when they would have to be guessed, and
rounded half up (四舍五入) only for display."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wennuan_rules.errors import InvalidValueError, UnknownIdError
from wennuan_rules.money import (
    format_wan,
    format_yuan,
    parse_amount,
    parse_count,
    parse_number,
    wan_to_yuan,
    yuan_to_wan,
)

# ---------------------------------------------------------------- reading amounts


@pytest.mark.parametrize(
    ("text", "yuan"),
    [
        ("1,234.50", "1234.50"),
        ("１２３４.５", "1234.5"),  # full-width digits
        ("１２３４．５", "1234.5"),  # and full-width full stop
        ("１，２３４．５", "1234.5"),  # and full-width comma
        ("1234.5元", "1234.5"),
        ("12.5万元", "125000"),  # 12.5 × 10 000
        ("12.5萬元", "125000"),  # Traditional (武工办〔2014〕74号 is in Traditional script)
        ("12.5万", "125000"),
        (
            "0.0001万元",
            "1",
        ),  # 0.0001 × 10 000: the smallest 万元 figure the forms' four places hold
        ("¥1,234", "1234"),
        ("￥1,234", "1234"),  # full-width yen sign
        ("¥ 1,234.00 元", "1234.00"),
        (" 12 ", "12"),
        ("\u3000１２\u3000", "12"),  # ideographic spaces
        ("0", "0"),
        ("-0", "0"),  # zero is not negative
        (".5", "0.5"),
        ("1,234,567.891", "1234567.891"),
        ("0.1", "0.1"),
        (1234, "1234"),
        (Decimal("1234.50"), "1234.50"),
    ],
)
def test_parse_amount_reads_what_people_type(text: object, yuan: str) -> None:
    result = parse_amount(text)
    assert isinstance(result, Decimal)
    assert result == Decimal(yuan)
    assert str(result) == yuan  # the exact digits typed are kept (1234.50 stays 1234.50)


def test_wan_amounts_are_exact_and_plain() -> None:
    # 12.5万元 = 125000 yuan, written without an exponent (str would give "1.25E+5" with scaleb)
    assert str(parse_amount("12.5万元")) == "125000"
    # 12.3456万元 = 123456 yuan; 0.12345678万元 = 1234.5678 yuan: no digit is lost to rounding
    assert parse_amount("12.3456万元") == Decimal("123456")
    assert str(parse_amount("0.12345678万元")) == "1234.5678"
    # 30 significant digits survive (Decimal's default precision is 28)
    assert parse_amount("123456789012345678901234567.891万元") == Decimal(
        "1234567890123456789012345678910"
    )


def test_negative_amounts_only_when_allowed() -> None:
    with pytest.raises(InvalidValueError) as info:
        parse_amount("-5")
    assert info.value.what == "amount"
    assert info.value.got == "-5"
    assert parse_amount("-5", allow_negative=True) == Decimal(-5)
    assert parse_amount("-¥5", allow_negative=True) == Decimal(-5)
    assert parse_amount("¥-5", allow_negative=True) == Decimal(-5)
    assert parse_amount("－1.5万元", allow_negative=True) == Decimal(-15000)
    with pytest.raises(InvalidValueError):
        parse_amount(Decimal("-0.01"))
    with pytest.raises(InvalidValueError):
        parse_amount(-1)


@pytest.mark.parametrize(
    "value",
    [
        "NaN",
        "nan",
        "Infinity",
        "-Infinity",
        "inf",
        "",
        "   ",
        "abc",
        "1.2.3",
        "1,23,4",  # misplaced thousands separators
        "1,2345",
        "12,34.5",
        "5.",
        "1 234",
        "1_000",  # Python's own literal syntax is not what people type
        "١٢",  # Arabic-Indic digits, which Decimal() would accept
        "1²",  # NFKC would read this as 12
        "1e3",  # scientific notation: spreadsheets' shortened display
        "1.2E+05",
        "12人",
        "+-5",
        "¥¥5",
        "5元元",
        True,
        False,
        None,
        1.5,
        0.1,
        Decimal("NaN"),
        Decimal("sNaN"),
        Decimal("Infinity"),
        [1],
        b"12",
    ],
)
def test_parse_amount_refuses_what_it_would_have_to_guess(value: object) -> None:
    with pytest.raises(InvalidValueError) as info:
        parse_amount(value, what="05A")
    error = info.value
    assert error.what == "05A"
    assert error.got is value  # the input, as given
    assert "05A" in str(error)


def test_float_refusal_explains_how_to_keep_the_value_exact() -> None:
    with pytest.raises(InvalidValueError) as info:
        parse_amount(0.1, what="monthly_income")
    english = info.value.message("en")
    assert "monthly_income" in english and "float" in english
    assert "str, int or Decimal" in english
    assert "float" in info.value.message("zh-Hans")


def test_misplaced_separator_message_shows_the_right_grouping() -> None:
    with pytest.raises(InvalidValueError) as info:
        parse_amount("1,23,4")
    assert "1,234,567.89" in info.value.message("en")
    assert "1,23,4" in info.value.message("zh-Hans")


def test_parsers_never_mutate_and_return_the_same_value_for_decimals() -> None:
    value = Decimal("1234.5600")
    assert parse_amount(value) is value
    text = "１２.５万元"
    parse_amount(text)
    assert text == "１２.５万元"


# ---------------------------------------------------------------- numbers and counts


def test_parse_number_does_not_scale_and_strips_only_the_given_unit() -> None:
    assert parse_number("12") == Decimal(12)
    assert parse_number("1,234.5") == Decimal("1234.5")
    assert parse_number("１２３４．５") == Decimal("1234.5")
    assert parse_number("12人", unit="人") == Decimal(12)
    assert parse_number("12 人次", unit=("人", "人次")) == Decimal(12)
    assert parse_number("12戶", unit="户") == Decimal(12)  # Traditional spelling of the unit
    # a form blank in 万元 receives "12.5万元": the number is 12.5 (万元), not 125000
    assert parse_number("12.5万元", unit="万元") == Decimal("12.5")
    assert parse_number("12.5萬元", unit="万元") == Decimal("12.5")
    assert parse_number("-3", allow_negative=True) == Decimal(-3)


@pytest.mark.parametrize(
    ("value", "unit"),
    [
        ("12人", None),  # no unit allowed
        ("12人", "户"),  # another unit
        ("12.5万元", None),
        ("12.5万元", "元"),
        ("¥12", None),  # no currency for plain numbers
        ("-3", None),
        ("1,23", None),
        ("NaN", None),
        (1.0, None),
        (True, None),
        ("12", ""),  # an empty unit is a programming error, reported as such
        ("12", "3"),
    ],
)
def test_parse_number_refusals(value: object, unit: str | None) -> None:
    with pytest.raises(InvalidValueError):
        parse_number(value, what="03A", unit=unit)


def test_wrong_unit_message_names_both_units() -> None:
    with pytest.raises(InvalidValueError) as info:
        parse_number("12人", what="02A", unit="户")
    text = info.value.message("en")
    assert "人" in text and "户" in text and "02A" in text


def test_parse_count() -> None:
    assert parse_count("1,234人次", unit=("人", "人次")) == 1234
    assert parse_count("12.0") == 12
    assert parse_count(7) == 7
    for bad in ("2.5", "-1", 2.0, "abc"):
        with pytest.raises(InvalidValueError):
            parse_count(bad)


# ---------------------------------------------------------------- 万元 conversions


def test_yuan_wan_conversions_are_exact() -> None:
    assert yuan_to_wan(Decimal("123456.78")) == Decimal("12.345678")
    assert yuan_to_wan(125000) == Decimal("12.5")
    assert wan_to_yuan(Decimal("12.5")) == Decimal(125000)
    assert str(wan_to_yuan(Decimal("12.5"))) == "125000"
    assert wan_to_yuan(Decimal("0.0001")) == Decimal(1)
    for bad in (1.5, "12", None, True, Decimal("NaN")):
        with pytest.raises(InvalidValueError):
            yuan_to_wan(bad)  # type: ignore[arg-type]
        with pytest.raises(InvalidValueError):
            wan_to_yuan(bad)  # type: ignore[arg-type]


# ---------------------------------------------------------------- display


@pytest.mark.parametrize("lang", ["zh-Hans", "zh-Hant", "en"])
def test_format_yuan_is_the_same_in_every_locale(lang: str) -> None:
    assert format_yuan(Decimal("1234.5"), lang) == "¥1,234.50"
    assert format_yuan(1234, lang) == "¥1,234.00"
    assert format_yuan(Decimal("1234.505"), lang) == "¥1,234.51"  # 四舍五入, not banker's rounding
    assert format_yuan(Decimal("0.125"), lang) == "¥0.13"  # half-even would give 0.12
    assert format_yuan(Decimal("-5"), lang) == "-¥5.00"
    assert format_yuan(Decimal("-0.004"), lang) == "¥0.00"  # no "-¥0.00"
    assert format_yuan(Decimal("1234567.5"), lang, places=0) == "¥1,234,568"


def test_format_wan_in_each_locale() -> None:
    # 123456 yuan = 12.3456万元
    assert format_wan(Decimal("123456")) == "12.3456万元"
    assert format_wan(Decimal("123456"), "zh-Hans") == "12.3456万元"
    assert format_wan(Decimal("123456"), "zh-Hant") == "12.3456萬元"
    assert format_wan(Decimal("123456"), "en") == "12.3456 wan yuan (¥123,456)"
    # 123456.5 yuan = 12.34565万元 → 12.3457 (half up at the fifth decimal)
    assert format_wan(Decimal("123456.5"), "zh-Hans") == "12.3457万元"
    assert format_wan(Decimal("123456.5"), "en") == "12.3457 wan yuan (¥123,457)"
    # six places: 12.345678万元 = 123456.78 yuan, both figures shown exactly
    assert format_wan(Decimal("123456.78"), "en", places=6) == "12.345678 wan yuan (¥123,456.78)"
    assert format_wan(Decimal("12345678"), "zh-Hans", places=2) == "1,234.57万元"
    assert format_wan(Decimal("-50000"), "zh-Hans") == "-5.0000万元"


def test_format_refuses_floats_bad_places_and_unknown_languages() -> None:
    with pytest.raises(InvalidValueError):
        format_yuan(1.5)  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError):
        format_wan(Decimal("NaN"))
    with pytest.raises(InvalidValueError):
        format_yuan(Decimal(1), places=-1)
    with pytest.raises(InvalidValueError):
        format_wan(Decimal(1), places=True)
    with pytest.raises(UnknownIdError):
        format_yuan(Decimal(1), "fr")


def test_format_does_not_change_the_value() -> None:
    value = Decimal("1234.505")
    format_yuan(value)
    format_wan(value)
    assert value == Decimal("1234.505") and str(value) == "1234.505"


# ---------------------------------------------------------------- properties

# Amounts with at most six decimals, up to a thousand billion yuan, as Decimals.
amounts = st.decimals(
    min_value=Decimal("-1e12"), max_value=Decimal("1e12"), places=6, allow_nan=False
)
positive_amounts = st.decimals(min_value=0, max_value=Decimal("1e12"), places=6, allow_nan=False)


@settings(max_examples=200)
@given(amounts)
def test_parse_amount_reads_str_of_a_decimal_back_exactly(d: Decimal) -> None:
    assert parse_amount(str(d), allow_negative=True) == d


@settings(max_examples=200)
@given(positive_amounts)
def test_parse_amount_reads_grouped_and_wan_forms_back_exactly(d: Decimal) -> None:
    assert parse_amount(f"{d:,f}") == d
    assert parse_amount(f"¥{d:,f}元") == d
    assert parse_amount(f"{yuan_to_wan(d):f}万元") == d


@settings(max_examples=200)
@given(amounts)
def test_yuan_wan_yuan_is_the_identity(d: Decimal) -> None:
    assert wan_to_yuan(yuan_to_wan(d)) == d
    assert yuan_to_wan(wan_to_yuan(d)) == d
    assert yuan_to_wan(d) * 10000 == d


@settings(max_examples=200)
@given(amounts, st.integers(min_value=0, max_value=6))
def test_display_rounds_half_up_and_only_the_display(d: Decimal, places: int) -> None:
    original = Decimal(d)
    expected = d.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = format_yuan(d, "en", places=places)
    shown = parse_amount(text, allow_negative=True)  # the display reads back as the rounded value
    assert shown == expected
    assert abs(shown - d) <= Decimal("0.5") * Decimal(1).scaleb(-places)
    assert d == original  # the amount itself is not rounded
