"""Reading a wide frame exactly, for the columnar engine (polars is imported by the caller).

Every item column becomes two columns: ``ok<i>`` (Boolean: ``null`` not reported, ``True`` the
value passes its unit check, ``False`` it fails it) and ``v<i>`` (Int64: the value in integer units
of the item's scale, counts as they are, 万元 × 10^6; ``null`` unless ``ok<i>``).

Cells are read as the row engine reads them (:func:`~wennuan_rules.form.validate.parse_value`):
a count's plain ASCII integer (``12``, ``-3``) by polars' exact integer parse (``to_integer``:
an integer or null, never rounded), other plain ASCII numbers (``0.1234567``) split into digits
by vectorised string operations, never through a float or a Decimal cast (casts round silently);
every other cell
(full-width digits, thousands separators, 是/否 …) is read once per distinct text by
``parse_value`` itself. A value that cannot be read, a float not exact at 15 significant digits,
digits of another script, or a number of 10^15 or more (10^12 万元: beyond Int64 in 分-of-万元)
is an input problem, listed with its row and column, never rounded.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable
from decimal import Decimal
from typing import Any, Final

import attrs

from wennuan_rules.errors import WennuanError
from wennuan_rules.form.model import FormTemplate, LineItem
from wennuan_rules.form.validate import parse_value

__all__ = ["SCALE", "Problem", "read_items"]

#: Decimal places kept per unit check kind: counts whole, 万元 to 6 decimals (分-of-万元 ×100).
SCALE: Final = {"whole": 0, "amount": 6, "yes-no": 0}
#: The most integer digits a value may have: counts < 10^15, 万元 < 10^12 (× 10^6 fits Int64).
_DIGITS: Final = {"whole": 15, "amount": 12, "yes-no": 15}
_FAST: Final = r"^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)$"
_YES_WORDS: Final = ["是", "yes", "y", "true", "有", "√"]
_YES_NO_WORDS: Final = [
    "是",
    "否",
    "yes",
    "no",
    "y",
    "n",
    "true",
    "false",
    "有",
    "无",
    "無",
    "√",
    "×",
]
#: what the slow path maps a cell to (besides a plain number): blank, a boolean, unreadable
_BLANK, _BOOL, _BAD = "", "\x00bool", "\x00bad"


@attrs.frozen
class Problem:
    """A cell the columnar engine refuses: its row (0-based), column, text and why."""

    row: int
    column: str
    value: str
    reason: str


def _foreign_digit(text: str) -> bool:
    """Digits of a script other than ASCII or full-width (٣, ३ …)."""
    return any(
        unicodedata.category(ch) == "Nd" and not ("0" <= ch <= "9" or "０" <= ch <= "９")
        for ch in text
    )


def _canonical(raw: object, item: LineItem, from_float: bool) -> tuple[str, str]:
    """``(canonical text, problem)`` of one cell read the row engine's way."""
    if from_float:
        try:
            d = Decimal(str(raw))
        except ArithmeticError:
            return _BAD, "not a number"
        if not d.is_finite() or len(d.normalize().as_tuple().digits) > 15:
            return _BAD, "a float not exact at 15 significant digits"
        return format(d, "f"), ""
    if isinstance(raw, str) and _foreign_digit(raw):
        return _BAD, "digits of another script"
    try:
        value = parse_value(raw, item)
    except WennuanError as exc:
        return _BAD, exc.message("en")
    if value is None:
        return _BLANK, ""
    if isinstance(value, bool):
        return ("是" if value else "否") if item.is_yes_no else _BOOL, ""
    return format(value, "f"), ""


#: the least count read as "too large" (10^15; 万元 have their own bound, ``_DIGITS``)
_COUNT_LIMIT: Final = 10**15


def _respelt(raw: str, item: LineItem, from_float: bool) -> tuple[str, str]:
    """:func:`_canonical`, a count's whole number written as an integer (``12.000`` → ``12``,
    ``-0`` → ``0``) so that the integer fast path reads it, one of 10^15 or more refused as
    ``_too_large`` refuses the others."""
    text, problem = _canonical(raw, item, from_float)
    if problem or item.unit_kind != "whole" or text in (_BLANK, _BOOL):
        return text, problem
    value = Decimal(text)
    if value != value.to_integral_value():
        return text, ""  # not whole: a unit check failure
    if value >= _COUNT_LIMIT:
        return _BAD, "10^15 or more"
    return str(int(value)), ""


def _text_column(pl: Any, frame: Any, name: str, yes_no: bool) -> tuple[Any, bool]:
    """The column as a String expression, and whether it came from floats."""
    dtype = frame.schema[name]
    col = pl.col(name)
    if dtype == pl.String:
        return col, False
    if dtype == pl.Boolean:
        if yes_no:
            return pl.when(col).then(pl.lit("是")).when(~col).then(pl.lit("否")), False
        return pl.when(col.is_not_null()).then(pl.lit(_BOOL)), False
    if dtype.is_float():  # "12.0" read as "12" (the integer fast path of counts)
        return pl.when(~col.is_nan()).then(col.cast(pl.String).str.strip_suffix(".0")), True
    if dtype.is_integer() or dtype.is_decimal() or dtype == pl.Null:
        return col.cast(pl.String), False
    return None, False


def read_items(
    pl: Any, frame: Any, form: FormTemplate, columns: dict[str, str]
) -> tuple[Any, list[Problem]]:
    """``frame`` with ``ok<i>``/``v<i>`` for every item of ``form`` (``columns``: code → column
    name), and the input problems found. Computed in stages, each column once (``t<i>`` the
    stripped text, then its parts, then ``ok<i>``, then ``v<i>``)."""
    problems: list[Problem] = []
    floats: dict[int, bool] = {}
    texts: list[Any] = []
    for i, item in enumerate(form.items):
        name = columns.get(item.code)
        if name is None:
            continue
        expr, from_float = _text_column(pl, frame, name, item.is_yes_no)
        if expr is None:  # Object and other dtypes: every cell through parse_value
            values = frame.get_column(name).to_list()
            texts_of = [_object_text(v, item.is_yes_no) for v in values]
            frame = frame.with_columns(pl.Series(name, texts_of, dtype=pl.String))
            expr, from_float = pl.col(name), False
        floats[i] = from_float
        texts.append(expr.str.strip_chars().alias(f"t{i}"))
    frame = frame.with_columns(texts)
    slow = []
    for i in floats:
        t = pl.col(f"t{i}")
        if form.items[i].unit_kind == "whole":  # counts: what is not an Int64 integer
            odd = t.str.to_integer(strict=False).is_null() & (t != "") & (t != _BOOL)
        else:
            odd = ~t.str.contains(_FAST) & (t != "") & (t != _BOOL)
        if form.items[i].is_yes_no:
            odd = odd & ~t.str.to_lowercase().is_in(_YES_NO_WORDS)
        if floats[i]:
            odd = odd | (t.str.replace_all(r"[^0-9]", "").str.strip_chars("0").str.len_bytes() > 15)
        slow.append(t.filter(odd).unique().implode().alias(f"s{i}"))
    odd_values = frame.select(slow).row(0) if slow else ()
    respelt = []
    for i, found in zip(floats, odd_values, strict=True):
        if not found:
            continue
        item = form.items[i]
        mapping: dict[str, str] = {}
        for raw in found:
            text, problem = _respelt(raw, item, floats[i])
            mapping[raw] = text
            if problem:
                hit = frame.with_row_index("_row").filter(pl.col(f"t{i}") == raw)
                rows = hit.get_column("_row")
                problems += [Problem(r, columns[item.code], raw, problem) for r in rows]
        respelt.append(pl.col(f"t{i}").replace(mapping))
    lazy = frame.lazy().with_columns(respelt)
    for stage in range(3):
        exprs = []
        for i, item in enumerate(form.items):
            if i in floats:
                exprs += _item_columns(pl, i, item, stage)
            elif stage == 2:
                dtype = pl.Boolean if item.is_yes_no else pl.Int64
                exprs += [
                    pl.lit(None, pl.Boolean).alias(f"ok{i}"),
                    pl.lit(None, dtype).alias(f"v{i}"),
                ]
        lazy = lazy.with_columns(exprs)
    frame = lazy.collect()
    problems += _too_large(pl, frame, form, columns)
    return frame, problems


def _object_text(value: object, yes_no: bool) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, bool):
        return ("是" if value else "否") if yes_no else _BOOL
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _item_columns(pl: Any, i: int, item: LineItem, stage: int) -> list[Any]:
    """Stage 0: the parts of the canonical text ``t<i>`` (``w<i>`` integer digits, ``q<i>``
    decimals without trailing zeros); 1: ``ok<i>`` and ``big<i>`` (too many integer digits);
    2: ``v<i>``."""
    t = pl.col(f"t{i}")
    if item.is_yes_no:
        if stage < 2:
            return []
        reported = t.is_not_null() & (t != _BLANK) & (t != _BAD)
        ok = pl.when(reported).then(t.str.to_lowercase().is_in(_YES_NO_WORDS))
        # the answer (``v<i>`` is a Boolean for a yes-no item), null unless ok
        yes = pl.when(ok).then(t.str.to_lowercase().is_in(_YES_WORDS))
        return [
            ok.alias(f"ok{i}"),
            yes.alias(f"v{i}"),
            pl.lit(False).alias(f"big{i}"),
        ]
    kind = item.unit_kind
    if kind == "whole":
        return _count_columns(pl, i, stage)
    scale = SCALE[kind]
    if stage == 0:
        parts = t.str.split_exact(".", 1)
        return [
            parts.struct.field("field_0").str.strip_chars_start("+-0").alias(f"w{i}"),
            parts.struct.field("field_1").fill_null("").str.strip_chars_end("0").alias(f"q{i}"),
        ]
    whole, frac = pl.col(f"w{i}"), pl.col(f"q{i}")
    if stage == 1:
        reported = t.is_not_null() & (t != _BLANK) & (t != _BAD)
        negative = t.str.starts_with("-") & ((whole != "") | (frac != ""))
        ok = pl.when(reported).then((t != _BOOL) & ~negative & (frac.str.len_bytes() <= scale))
        big = ok.fill_null(False) & (whole.str.len_bytes() > _DIGITS[kind])
        return [ok.alias(f"ok{i}"), big.alias(f"big{i}")]
    digits = pl.concat_str([pl.lit("0"), whole, frac.str.pad_end(scale, "0")])
    value = pl.when(pl.col(f"ok{i}") & ~pl.col(f"big{i}")).then(digits.cast(pl.Int64, strict=False))
    return [value.alias(f"v{i}")]


def _count_columns(pl: Any, i: int, stage: int) -> list[Any]:
    """A count's stages: 0 ``n<i>``, the integer of its text (every count cell is an integer, a
    number that is not whole, blank, ``_BAD`` or ``_BOOL`` once respelt); 1 ``ok<i>`` (an
    integer >= 0) and ``big<i>`` (10^15 or more); 2 ``v<i>``."""
    t = pl.col(f"t{i}")
    if stage == 0:
        return [t.str.to_integer(strict=False).alias(f"n{i}")]
    n = pl.col(f"n{i}")
    if stage == 1:
        reported = t.is_not_null() & (t != _BLANK) & (t != _BAD)
        ok = pl.when(reported).then(n.is_not_null() & (n >= 0))
        big = ok.fill_null(False) & (n >= _COUNT_LIMIT)
        return [ok.alias(f"ok{i}"), big.alias(f"big{i}")]
    return [pl.when(pl.col(f"ok{i}") & ~pl.col(f"big{i}")).then(n).alias(f"v{i}")]


def _too_large(pl: Any, frame: Any, form: FormTemplate, columns: dict[str, str]) -> list[Problem]:
    out: list[Problem] = []
    bigs = [f"big{i}" for i, item in enumerate(form.items) if item.code in columns]
    if not bigs or not frame.select(pl.any_horizontal(bigs).any()).item():
        return out
    indexed = frame.with_row_index("_row")
    for i, item in enumerate(form.items):
        name = columns.get(item.code)
        if name is None:
            continue
        hit = indexed.filter(pl.col(f"big{i}")).select("_row", pl.col(name).cast(pl.String))
        limit = "10^12 万元" if item.unit_kind == "amount" else "10^15"
        out += [Problem(r, name, str(v), f"{limit} or more") for r, v in hit.iter_rows()]
    return out


#: Converter of one raw cell to canonical text (exposed for the row-engine explanations).
canonical_cell: Callable[[object, LineItem, bool], tuple[str, str]] = _canonical
