"""Amounts of money and numbers as people type them, read exactly into :class:`~decimal.Decimal`.

Money in ``wennuan_rules`` is always a :class:`~decimal.Decimal` number of **yuan** (元). The
notices' forms ask for 万元 (ten thousand yuan); that unit lives only at the forms' boundary:
:func:`parse_amount` reads ``"12.5万元"`` as 125000 yuan, :func:`yuan_to_wan` / :func:`wan_to_yuan`
convert exactly, :func:`format_wan` displays yuan in 万元.

Reading accepts what people write in spreadsheets and forms (``"1,234.50"``, ``"１２３４．５"``,
``"¥1,234"``, ``"1234.5元"``, ``"12.5万元"``) and refuses, with an
:class:`~wennuan_rules.errors.InvalidValueError` naming the field and the value, anything it would
have to guess: misplaced thousands separators, scientific notation, ``NaN``, a Python :class:`float`
(which cannot hold ``0.1`` exactly), ``bool``, ``None``.

Nothing here rounds except the display functions (:func:`format_yuan`, :func:`format_wan`), which
round half up (四舍五入) as Chinese financial statements do.

>>> parse_amount("12.5万元")
Decimal('125000')
>>> format_wan(Decimal("123456"), "zh-Hans")
'12.3456万元'

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal, localcontext
from functools import cache
from typing import Final

from wennuan_rules.errors import InvalidValueError
from wennuan_rules.i18n import N_, babel_locale, normalize_lang

__all__ = [
    "MAX_TEXT_LENGTH",
    "format_wan",
    "format_yuan",
    "parse_amount",
    "parse_count",
    "parse_number",
    "wan_to_yuan",
    "yuan_to_wan",
]

#: Longest text the parsers read; longer input is refused before any other work.
MAX_TEXT_LENGTH: Final = 64

_AMOUNT_EXAMPLES: Final = "1234.50, 1,234.50, ¥1,234.50, 1234.5元, 12.5万元"
_NUMBER_EXAMPLES: Final = "12, 1,234.5, １２３４．５"
_COUNT_EXAMPLES: Final = "0, 12, 1,234"

# Full-width forms people type with a Chinese input method, and the minus signs of word processors.
# Only these are translated: a general NFKC normalisation would also turn "1²" into "12".
_WIDE: Final = str.maketrans(
    {
        **{chr(0xFF10 + i): str(i) for i in range(10)},
        "．": ".",
        "，": ",",
        "＋": "+",
        "－": "-",
        "−": "-",  # U+2212 MINUS SIGN
        "￥": "¥",
        "　": " ",  # U+3000 IDEOGRAPHIC SPACE
        "\u00a0": " ",
    }
)

_NUMBER: Final = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+"
#: The grammars of amounts and numbers, compiled on first use (:func:`_re`): the readers' fast
#: paths and a command that reads no text amount never need them.
_AMOUNT_RE: Final = (
    rf"(?P<sign>[+-]?)\s*(?P<cur>¥?)\s*(?P<sign2>[+-]?)\s*(?P<num>{_NUMBER})\s*"
    r"(?P<unit>万元|萬元|万|萬|元)?"
)
_NUMBER_RE: Final = rf"(?P<sign>[+-]?)\s*(?P<num>{_NUMBER})\s*(?P<unit>\D*)"
_DIGITS_RE: Final = r"[\d,.]+"
_EXPONENT_RE: Final = r"\d(?:\.\d*)?[eE][+-]?\d+"
_NON_FINITE: Final = frozenset(
    {"nan", "snan", "-nan", "+nan", "inf", "-inf", "+inf", "infinity", "-infinity", "+infinity"}
)


@cache
def _re(pattern: str) -> re.Pattern[str]:
    """``pattern`` (one of the grammars above) compiled, ASCII digits and spaces only."""
    return re.compile(pattern, re.ASCII)


# Simplified and Traditional spellings of the units that forms use, so that "12戶" matches
# unit="户".
_UNIT_CHARS: Final = str.maketrans(
    "萬戶個項場噸輛筆張間處組",
    "万户个项场吨辆笔张间处组",
)


def _shift(value: Decimal, places: int) -> Decimal:
    """``value × 10**places`` exactly (no context rounding), with a non-positive exponent."""
    sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)  # finite values only reach here
    exponent += places
    if exponent > 0:
        digits = digits + (0,) * exponent
        exponent = 0
    return Decimal((sign, digits, exponent))


def _type_error(value: object, what: str, expected: str) -> InvalidValueError:
    if isinstance(value, float):
        return InvalidValueError(
            N_(
                "{what}: {got} is a float, which cannot hold amounts exactly; "
                "pass a str, int or Decimal instead"
            ),
            what=what,
            expected=expected,
            got=value,
        )
    return InvalidValueError(
        N_("{what}: expected {expected}, got a value of type {type}"),
        what=what,
        expected=expected,
        got=value,
        params={"type": type(value).__name__},
    )


def _exact(value: object, what: str, expected: str) -> Decimal:
    """A finite Decimal from a Decimal or int (not bool); anything else is refused."""
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise _type_error(value, what, expected)
    if isinstance(value, int):
        return Decimal(value)
    if not value.is_finite():
        raise InvalidValueError(
            N_("{what}: {got} is not a finite number; expected {expected}"),
            what=what,
            expected=expected,
            got=value,
        )
    return value


def _check_sign(number: Decimal, value: object, what: str, allow_negative: bool) -> Decimal:
    if number.is_zero():
        return number.copy_abs()  # "-0" is zero, not a negative amount
    if number < 0 and not allow_negative:
        raise InvalidValueError(
            N_("{what}: {got} is negative; expected {expected}"),
            what=what,
            expected="≥ 0",
            got=value,
        )
    return number


def foreign_digit(text: str) -> str | None:
    """The first digit of ``text`` from another script (Arabic-Indic ``٣``, Devanagari ``३``, …),
    or ``None``. One rule for every reader: ASCII digits and full-width ``０``–``９`` only."""
    if text.isascii():
        return None
    for char in text:
        if char.isdigit() and not ("0" <= char <= "9" or "０" <= char <= "９"):
            return char
    return None


def refuse_foreign_digits(text: str, what: str) -> None:
    """Refuse ``text`` when it holds a digit of another script, naming the character (the message
    shows that character, not the rest of the text, which may be personal; ``got`` is ``text``).

    Raises:
        InvalidValueError: naming ``what`` and the character, e.g. ``٣ (U+0663)``.
    """
    char = foreign_digit(text)
    if char is None:
        return
    shown = f"{char} (U+{ord(char):04X})"
    raise InvalidValueError(
        N_("{what}: the digit {char} is of another script; expected digits 0-9 or ０-９"),
        what=what,
        expected=N_("digits 0-9 or ０-９"),
        got=text,
        params={"char": shown},
    )


def _prepare(value: str, what: str, expected: str) -> str:
    """Length check, full-width translation, trimming, and the refusals common to all readers."""
    if len(value) > MAX_TEXT_LENGTH:
        raise InvalidValueError(
            N_("{what}: the text is {length} characters long; expected at most {max} characters"),
            what=what,
            expected=expected,
            got=value,
            params={"length": len(value), "max": MAX_TEXT_LENGTH},
        )
    refuse_foreign_digits(value, what)
    text = value.translate(_WIDE).strip()
    if not text:
        raise InvalidValueError(
            N_("{what}: the text is empty; expected {expected}"),
            what=what,
            expected=expected,
            got=value,
        )
    if text.lower() in _NON_FINITE:
        raise InvalidValueError(
            N_("{what}: {got} is not a finite number; expected {expected}"),
            what=what,
            expected=expected,
            got=value,
        )
    if _re(_EXPONENT_RE).search(text):
        raise InvalidValueError(
            N_(
                "{what}: {got} is in scientific notation, which spreadsheets use to shorten "
                "numbers; expected the number written out in full, as in {expected}"
            ),
            what=what,
            expected=expected,
            got=value,
        )
    return text


def _unreadable(value: str, text: str, what: str, expected: str) -> InvalidValueError:
    """The most helpful refusal for text that does not match the grammar."""
    for run in _re(_DIGITS_RE).findall(text):
        if "," in run and run.count(".") <= 1:
            whole = run.split(".")[0]
            if not re.fullmatch(r"\d{1,3}(?:,\d{3})+", whole, re.ASCII):
                return InvalidValueError(
                    N_(
                        "{what}: the thousands separators in {got} are misplaced; expected groups "
                        "of three digits, as in {expected}"
                    ),
                    what=what,
                    expected="1,234,567.89",
                    got=value,
                )
    return InvalidValueError(
        N_("{what}: cannot read {got} as a number; expected {expected}"),
        what=what,
        expected=expected,
        got=value,
    )


def parse_amount(value: object, *, what: str = "amount", allow_negative: bool = False) -> Decimal:
    """Read an amount of money, in yuan, exactly.

    Accepted: :class:`int`, finite :class:`~decimal.Decimal` (returned unchanged), and text such as
    ``"1,234.50"``, ``"１２３４．５"`` (full-width digits and punctuation), ``"1234.5元"``,
    ``"¥1,234"``, ``"￥1,234"``, ``" 12 "``, ``"12.5万元"`` / ``"12.5萬元"`` / ``"12.5万"`` (× 10
    000, exactly: ``Decimal('125000')``). Thousands separators must group three digits.

    Args:
        value: what was typed or read.
        what: the field's name, used in error messages (``"monthly_income"``, ``"05A"``).
        allow_negative: accept amounts below zero (refunds, corrections). ``-0`` is zero either way.

    Returns:
        The amount in yuan. Never rounded; the input is never modified.

    Raises:
        InvalidValueError: for ``NaN``, infinities, empty or unreadable text, misplaced separators,
            scientific notation (``1.2E+05``, which spreadsheets use to shorten numbers), a negative
            amount unless ``allow_negative``, :class:`bool`, ``None``, any other type, and
            :class:`float` (pass ``str``, ``int`` or ``Decimal`` to keep the value exact).
    """
    if not isinstance(value, str):
        return _check_sign(_exact(value, what, _AMOUNT_EXAMPLES), value, what, allow_negative)
    text = _prepare(value, what, _AMOUNT_EXAMPLES)
    match = _re(_AMOUNT_RE).fullmatch(text)
    if match is None or (match["sign"] and match["sign2"]):
        raise _unreadable(value, text, what, _AMOUNT_EXAMPLES)
    number = Decimal(match["num"].replace(",", ""))
    if match["sign"] == "-" or match["sign2"] == "-":
        number = -number
    if match["unit"] in ("万元", "萬元", "万", "萬"):
        number = _shift(number, 4)
    return _check_sign(number, value, what, allow_negative)


def _units(unit: str | Iterable[str] | None) -> tuple[str, ...]:
    if unit is None:
        return ()
    units = (unit,) if isinstance(unit, str) else tuple(unit)
    for item in units:
        if not isinstance(item, str) or not item.strip() or _re(_DIGITS_RE).search(item):
            raise InvalidValueError(
                N_("{what}: expected {expected}, got {got}"),
                what=N_("unit"),
                expected="a unit such as 人, 人次, 户, 万元",
                got=item,
            )
    return tuple(u.strip().translate(_UNIT_CHARS) for u in units)


def parse_number(
    value: object,
    *,
    what: str = "value",
    unit: str | Iterable[str] | None = None,
    allow_negative: bool = False,
) -> Decimal:
    """Read a number exactly: a form's value or a count, without the 元 / 万元 scaling of amounts.

    The same reading as :func:`parse_amount` (full-width digits, thousands separators in groups of
    three, no floats, no scientific notation), but no currency symbol and no scaling: ``"12.5万元"``
    is 12.5 when ``unit="万元"`` (a form blank in 万元), and an error otherwise.

    Args:
        value: what was typed or read.
        what: the field's name, used in error messages.
        unit: the unit (or units) the text may end with, e.g. ``"人"``, ``("人", "人次")``,
            ``"万元"``; Simplified and Traditional spellings match (``"户"`` accepts ``"12戶"``).
            Any other unit is refused.
        allow_negative: accept numbers below zero.

    Returns:
        The number, never rounded.

    Raises:
        InvalidValueError: as :func:`parse_amount`, and for a unit in the text that is not ``unit``.
    """
    units = _units(unit)
    if not isinstance(value, str):
        return _check_sign(_exact(value, what, _NUMBER_EXAMPLES), value, what, allow_negative)
    text = _prepare(value, what, _NUMBER_EXAMPLES)
    match = _re(_NUMBER_RE).fullmatch(text)
    if match is None:
        raise _unreadable(value, text, what, _NUMBER_EXAMPLES)
    found = match["unit"].strip()
    if found and found.translate(_UNIT_CHARS) not in units:
        if not units or _re(_DIGITS_RE).search(found):
            raise _unreadable(value, text, what, _NUMBER_EXAMPLES)
        raise InvalidValueError(
            N_("{what}: {got} is given in {found}; expected a number of {expected}"),
            what=what,
            expected=", ".join(units),
            got=value,
            params={"found": found},
        )
    number = Decimal(match["num"].replace(",", ""))
    if match["sign"] == "-":
        number = -number
    return _check_sign(number, value, what, allow_negative)


def parse_count(
    value: object, *, what: str = "count", unit: str | Iterable[str] | None = None
) -> int:
    """Read a count (persons, 人次, households): a whole number ≥ 0 read as :func:`parse_number`.

    >>> parse_count("1,234人次", unit=("人", "人次"))
    1234

    Raises:
        InvalidValueError: as :func:`parse_number`, and for a number that is not whole (``"2.5"``);
            ``"12.0"`` is 12.
    """
    number = parse_number(value, what=what, unit=unit)
    if number != number.to_integral_value():
        raise InvalidValueError(
            N_("{what}: {got} is not a whole number; expected {expected}"),
            what=what,
            expected=_COUNT_EXAMPLES,
            got=value,
        )
    return int(number)


def yuan_to_wan(amount: Decimal | int) -> Decimal:
    """Yuan → 万元, exactly (the decimal point moves four places; nothing is rounded).

    >>> yuan_to_wan(Decimal("123456.78"))
    Decimal('12.345678')

    Raises:
        InvalidValueError: for anything but a finite Decimal or an int.
    """
    return _shift(_exact(amount, "amount", "Decimal"), -4)


def wan_to_yuan(amount: Decimal | int) -> Decimal:
    """万元 → yuan, exactly.

    >>> wan_to_yuan(Decimal("12.5"))
    Decimal('125000')

    Raises:
        InvalidValueError: for anything but a finite Decimal or an int.
    """
    return _shift(_exact(amount, "amount", "Decimal"), 4)


def _places(places: object) -> int:
    if isinstance(places, bool) or not isinstance(places, int) or not 0 <= places <= 12:
        raise InvalidValueError(
            N_("{what}: expected {expected}, got {got}"),
            what="places",
            expected="0–12",
            got=places,
        )
    return places


def _precision(amount: Decimal, places: int) -> int:
    """Enough significant digits to hold ``amount`` to ``places`` decimals (and a carry)."""
    return max(28, amount.adjusted() + places + 2)


def _round_half_up(amount: Decimal, places: int) -> Decimal:
    """Round half up (四舍五入) to ``places`` decimals, never losing digits to the precision."""
    with localcontext() as ctx:
        ctx.prec = _precision(amount, places)
        rounded = amount.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return rounded.copy_abs() if rounded.is_zero() else rounded


def _digits(amount: Decimal, places: int, lang: str | None) -> str:
    """``amount`` (already rounded to ``places``) with grouping, by babel, without its sign.

    The three locales group by three with ``,`` and use ``.`` for decimals (babel's data for
    zh_Hans_CN, zh_Hant_TW and en, which ``tests/test_fast_paths.py`` compares with this), so
    Python's exact Decimal formatting gives babel's text without importing babel (most of a
    command's start-up)."""
    if babel_locale(lang) in _COMMA_POINT:
        return format(amount.copy_abs(), f",.{places}f")
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "0" * places if places else "")
    with localcontext() as ctx:  # babel quantizes in the current context: keep every digit
        ctx.prec = _precision(amount, places)
        return format_decimal(
            amount.copy_abs(), format=pattern, locale=babel_locale(lang), decimal_quantization=False
        )


#: Locales whose numbers babel writes as 1,234.5 (checked against babel by the tests).
_COMMA_POINT: Final = frozenset(("zh_Hans_CN", "zh_Hant_TW", "en"))


def format_yuan(amount: Decimal | int, lang: str | None = None, *, places: int = 2) -> str:
    """An amount of yuan for display, ``¥1,234.50``, rounded half up (四舍五入).

    The symbol is ``¥`` in every locale: the campaigns are mainland China's, where ``¥`` is the yuan
    (babel's zh-Hant and en currency formats would print ``CN¥``).

    >>> format_yuan(Decimal("1234.505"))
    '¥1,234.51'
    >>> format_yuan(-5, "en")
    '-¥5.00'

    Args:
        amount: yuan, a Decimal or an int.
        lang: ``zh-Hans``, ``zh-Hant`` or ``en`` (default: the default locale).
        places: decimals shown, 0–12.

    Raises:
        InvalidValueError: for a float, NaN or anything but a Decimal or an int; for ``places``
            outside 0–12.
        UnknownIdError: for an unknown ``lang``.
    """
    value = _exact(amount, "amount", "Decimal")
    digits = _places(places)
    normalize_lang(lang)
    rounded = _round_half_up(value, digits)
    sign = "-" if rounded < 0 else ""
    return f"{sign}¥{_digits(rounded, digits, lang)}"


def format_wan(amount: Decimal | int, lang: str | None = None, *, places: int = 4) -> str:
    """An amount of **yuan** shown in 万元, as the forms ask, rounded half up (四舍五入).

    ``12.3456万元`` (zh-Hans), ``12.3456萬元`` (zh-Hant), ``12.3456 wan yuan (¥123,456)`` (en: "wan"
    is not English, so the same figure follows in yuan, with the decimals it has at this precision).

    >>> format_wan(Decimal("123456"), "zh-Hant")
    '12.3456萬元'
    >>> format_wan(Decimal("123456.78"), "en", places=6)
    '12.345678 wan yuan (¥123,456.78)'

    Args:
        amount: yuan (not 万元), a Decimal or an int.
        lang: ``zh-Hans``, ``zh-Hant`` or ``en`` (default: the default locale).
        places: decimals of 万元 shown, 0–12 (4 = to the yuan).

    Raises:
        InvalidValueError: for a float, NaN or anything but a Decimal or an int; for ``places``
            outside 0–12.
        UnknownIdError: for an unknown ``lang``.
    """
    value = _exact(amount, "amount", "Decimal")
    digits = _places(places)
    locale = normalize_lang(lang)
    wan = _round_half_up(_shift(value, -4), digits)
    sign = "-" if wan < 0 else ""
    text = _digits(wan, digits, lang)
    if locale == "zh-Hant":
        return f"{sign}{text}萬元"
    if locale == "en":
        yuan_places = max(digits - 4, 0)
        yuan = _digits(_shift(wan, 4), yuan_places, lang)
        return f"{sign}{text} wan yuan ({sign}¥{yuan})"
    return f"{sign}{text}万元"
