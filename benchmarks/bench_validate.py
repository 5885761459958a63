"""Benchmark: validating returns of wuhan-2015:center, library against a hand-written checker.

    python benchmarks/bench_validate.py                  # 100,000 returns, writes the doc
    python benchmarks/bench_validate.py --n 2000 --no-write

Returns are generated once with a seeded ``random.Random`` as STRINGS, exactly what a program
reading JSON or CSV hands the library (``"120"``, ``"12.50"``, ``"是"``; a blank item is left out
of the dict, or an empty cell in the file). Each return is drawn so that every rule holds; then
about 10 % get one item broken, and about 5 % one item written in another way the library reads
(spaces around it, full-width digits, thousands separators, the item's unit after it, 是/否 as
words, or a figure above the plausibility bound of its unit such as an ID number typed into a
count). Two works:

(a) dicts of strings: ``wr.validate_many`` against ``check_mapping``, the fastest straight-line
    checker of the same 46 rules, 85 unit checks and plausibility bounds I could write by hand:
    a fast path for the text programs write (ASCII digits for a count, read as an int; ASCII
    digits with at most 6 decimals for 万元; 是/否), compared with its unit's bound, and a slow
    path for the rest that reads what the library reads and refuses what it refuses (digits of
    other scripts, ``1_000``, ``NaN``, ``1e3``, another unit, more than 40 digits); three-valued:
    a blank or an item failing its unit check leaves the rules that read it not evaluated; no
    intermediate dict;
(b) a wide CSV file (``unit,01A,…``) end to end: ``wr.read_returns`` + ``validate_many`` against
    ``csv.reader`` + ``check_cells`` (the same checker over the row's cells; blank rows skipped,
    the row's width checked, as the library does).

Until 2026-11-29 the baseline read counts with ``int(text)`` and amounts with ``Decimal(text)``
and compared nothing with a bound: it accepted ``٣`` and ``1_000`` (which the library refuses),
crashed on ``1,234`` (which it reads), and reported no implausible figure, so it did less than the
library and its figures were not the same work; and the generator drew returns breaking the
implication rules by chance (a fifth of them), not the 10 % its text said.

The checker is written out by hand, not generated from the form's data file, so that it is
independent of the library. Before timing, both sides must find the same failing rule ids on each
of the first 1,000 returns of each work; every timed run must count the same returns with findings
and the same findings. Library and baseline run interleaved (``--pairs``, at least 5). Memory: peak
resident set (``VmHWM``) of fresh processes streaming n/10 and n rows of the file through each side
(``--memory-sizes 10000,1000000``: other sizes, from a larger file of the same generator).
"""

from __future__ import annotations

import argparse
import csv
import itertools
import os
import random
import re
import sys
import tempfile
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any

import _harness as h
import wennuan_rules as wr

FORM = "wuhan-2015:center"
HEADING = "## Validating returns: `benchmarks/bench_validate.py`"
CHECKED = 1000

# -- the hand-written checker ----------------------------------------------------------------------

P = FORM + "/"
MICRO = Decimal("0.000001")
# the 85 line items of 武工办〔2014〕74号 附件2 in the form's order, with their unit:
# C: a count (个 人 人次 户 件: a whole number >= 0), M: money (元: >= 0, at most 6 decimals),
# Y: 是/否
ITEMS = (
    ("01A", "C"), ("01B", "C"), ("01C", "C"), ("01D", "C"),
    ("02A", "C"), ("02B", "C"), ("02C", "C"), ("02D", "C"), ("03A", "C"),
    ("04A", "C"), ("04B", "C"), ("04C", "C"), ("04D", "C"), ("04E", "C"), ("04F", "C"),
    ("05A", "M"), ("05B", "M"), ("05C", "M"), ("05D", "M"), ("05E", "M"), ("05F", "M"),
    ("06A", "M"), ("06B", "Y"), ("07A", "C"), ("07B", "M"), ("07C", "C"),
    ("08A", "C"), ("08B", "M"), ("08C", "C"),
    ("09A", "C"), ("09B", "M"), ("09C", "C"), ("09D", "M"), ("09E", "C"), ("09F", "M"),
    ("09G", "C"), ("09H", "M"), ("09I", "C"), ("09J", "M"), ("09K", "C"), ("09L", "M"),
    ("09M", "C"), ("09N", "M"), ("09O", "C"), ("09P", "M"), ("09Q", "C"), ("09R", "M"),
    ("09S", "C"), ("09T", "M"), ("09U", "C"),
    ("10A", "C"), ("10B", "M"), ("10C", "C"), ("10D", "M"), ("10E", "C"), ("10F", "M"),
    ("10G", "C"), ("10H", "M"), ("10I", "C"), ("10J", "M"), ("10K", "C"), ("10L", "M"),
    ("10M", "C"), ("10N", "M"), ("10O", "C"), ("10P", "M"), ("10Q", "C"), ("10R", "M"),
    ("10S", "C"), ("10T", "M"),
    ("11A", "C"), ("11B", "C"), ("11C", "C"), ("12A", "C"), ("12B", "C"), ("12C", "M"),
    ("13A", "M"), ("13B", "M"),
    ("14A", "C"), ("14B", "C"), ("14C", "C"), ("14D", "C"), ("14E", "C"), ("14F", "C"),
    ("14G", "C"),
)  # fmt: skip
CODES = tuple(code for code, _ in ITEMS)
UNIT_FAIL = {code: P + code + ":unit" for code in CODES}
PLAUSIBLE = {code: P + code + "=plausible" for code in CODES}
_D = Decimal
# the unit printed beside each item (for a unit typed after the number, "12人次"), and the
# plausibility bound of that unit (data/plausibility.toml, written out: 个 1,000,000; 人 and 人次
# 10,000,000; 户 5,000,000; 万元 10,000,000; 件 none)
UNIT = {
    **dict.fromkeys(("01", "04", "07A", "07C", "08A", "08C", "14"), "个"),
    **dict.fromkeys(("02", "03", "12B"), "人"),
    **dict.fromkeys(("09", "10", "11"), "人次"),
    "09U": "户", "12A": "件", "06B": "",
}  # fmt: skip
MONEY_UNITS = ("万元", "萬元")
COUNT_UNITS = {
    "个": ("个", "個"),
    "人": ("人",),
    "人次": ("人次",),
    "户": ("户", "戶"),
    "件": ("件",),
}
BOUND_OF_UNIT = {"个": 10**6, "人": 10**7, "人次": 10**7, "户": 5 * 10**6, "万元": 10**7}
NO_BOUND = 10**40 - 1  # 件: no bound, only a figure longer than any real one (40 digits)


def _unit(code: str, kind: str) -> str:
    if kind == "M":
        return "万元"
    if kind == "Y":
        return ""
    return UNIT.get(code) or UNIT.get(code[:3]) or UNIT[code[:2]]


UNITS = {code: _unit(code, kind) for code, kind in ITEMS}
BOUND = {code: BOUND_OF_UNIT.get(UNITS[code], NO_BOUND) for code in CODES}
_NUMBER = re.compile(r"([+-]?)((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)(\D*)", re.ASCII)
_YES = frozenset({"是", "yes", "y", "true", "有", "√"})
_NO = frozenset({"否", "no", "n", "false", "无", "無", "×"})


def _slow(s: str, code: str, kind: str) -> Decimal | bool | None:
    """Text off the fast path, read as people type it: spaces around it, full-width digits and
    point (NFKC), thousands separators in groups of three, the item's own unit after the number;
    a yes-no item's words. Anything else (digits of other scripts, ``1_000``, ``NaN``, ``1e3``,
    another unit) raises ValueError, as the library raises."""
    t = unicodedata.normalize("NFKC", s).strip()
    if not t:
        return None
    if kind == "Y":
        low = t.lower()
        if low in _YES:
            return True
        if low in _NO:
            return False
    m = _NUMBER.fullmatch(t)
    if m is None:
        raise ValueError(f"{code}: cannot read {s!r}")
    sign, digits, unit = m.groups()
    unit = unit.strip()
    if unit and unit not in (MONEY_UNITS if kind == "M" else COUNT_UNITS.get(UNITS[code], ())):
        raise ValueError(f"{code}: {s!r} is in another unit")
    d = _D(digits.replace(",", ""))
    if len(d.as_tuple().digits) > 40:
        raise ValueError(f"{code}: {s!r} has more digits than any real figure")
    return -d if sign == "-" else d


def _plausible(code: str, d: Decimal | int, fails: list[str]) -> None:
    """A figure above the bound of its unit: a finding (an ID- or card-shaped whole number an
    error, else a warning: the same rule id either way); more than 40 digits raises ValueError."""
    if (len(str(d)) if d.__class__ is int else len(d.as_tuple().digits)) > 40:
        raise ValueError(f"{code}: {d} has more digits than any real figure")
    if UNITS[code] in BOUND_OF_UNIT:
        fails.append(PLAUSIBLE[code])


SPEC = tuple((code, kind, BOUND[code]) for code, kind in ITEMS)


def _slow_value(code: str, kind: str, s: str, vals: list[object], fails: list[str]) -> None:
    """The value of text off the fast paths (rare): read, looked at, unit-checked, appended."""
    d = _slow(s, code, kind)
    if d is None or d is True or d is False:
        vals.append(d)
        return
    if d > BOUND[code]:
        _plausible(code, d, fails)
    if kind == "Y" or d < 0 or d % (1 if kind == "C" else MICRO):
        fails.append(UNIT_FAIL[code])
        vals.append(None)
    else:
        vals.append(d)


def check_mapping(raw: Mapping[str, str]) -> list[str]:
    """The failing rule ids of one return given as a dict of strings (blank: missing or "").

    Fast paths for what programs write (ASCII digits for a count, read as an int; ASCII digits
    with at most 6 decimals for 万元; 是/否), each compared with its unit's plausibility bound;
    everything else through ``_slow_value``."""
    fails: list[str] = []
    vals: list[object] = []
    add = vals.append
    get = raw.get
    for code, kind, bound in SPEC:
        s = get(code)
        if not s:
            add(None)
        elif kind == "C":
            if s.isdigit() and s.isascii():
                x = int(s)
                if x > bound:
                    _plausible(code, x, fails)
                add(x)
            else:
                _slow_value(code, kind, s, vals, fails)
        elif kind == "M":
            if s.replace(".", "", 1).isdigit() and s.isascii() and s.find(".", 0, -7) < 0:
                d = _D(s)
                if d > bound:
                    _plausible(code, d, fails)
                add(d)
            else:
                _slow_value(code, kind, s, vals, fails)
        elif s == "是":
            add(True)
        elif s == "否":
            add(False)
        else:
            _slow_value(code, kind, s, vals, fails)
    _rules(vals, fails)
    return fails


def check_cells(cells: Sequence[str]) -> list[str]:
    """The same over one wide CSV row's 85 cells (in ``CODES`` order, blank: ""): the parsing
    loop is written out again rather than shared, as a hand-written reader would."""
    fails: list[str] = []
    vals: list[object] = []
    add = vals.append
    for (code, kind, bound), s in zip(SPEC, cells, strict=True):
        if not s:
            add(None)
        elif kind == "C":
            if s.isdigit() and s.isascii():
                x = int(s)
                if x > bound:
                    _plausible(code, x, fails)
                add(x)
            else:
                _slow_value(code, kind, s, vals, fails)
        elif kind == "M":
            if s.replace(".", "", 1).isdigit() and s.isascii() and s.find(".", 0, -7) < 0:
                d = _D(s)
                if d > bound:
                    _plausible(code, d, fails)
                add(d)
            else:
                _slow_value(code, kind, s, vals, fails)
        elif s == "是":
            add(True)
        elif s == "否":
            add(False)
        else:
            _slow_value(code, kind, s, vals, fails)
    _rules(vals, fails)
    return fails


def _rules(v: list[Any], fails: list[str]) -> None:
    """The 46 rules of 武工办〔2014〕74号 附件2 over the parsed values (in form order),
    straight-line."""
    (
        v01a, v01b, v01c, v01d, v02a, v02b, v02c, v02d, _v03a, _v04a,
        _v04b, _v04c, v04d, v04e, v04f, v05a, v05b, v05c, v05d, v05e,
        v05f, v06a, v06b, v07a, v07b, v07c, v08a, v08b, v08c, v09a,
        v09b, v09c, v09d, v09e, v09f, v09g, v09h, v09i, v09j, v09k,
        v09l, v09m, v09n, v09o, v09p, v09q, v09r, v09s, v09t, _v09u,
        v10a, v10b, v10c, v10d, v10e, v10f, v10g, v10h, v10i, v10j,
        v10k, v10l, v10m, v10n, v10o, v10p, v10q, v10r, v10s, v10t,
        v11a, v11b, v11c, v12a, v12b, v12c, _v13a, _v13b, _v14a, _v14b,
        _v14c, _v14d, _v14e, _v14f, _v14g,
    ) = v  # fmt: skip
    # 01, 02: centres and their staff by level
    if v01a is not None and v01b is not None and v01c is not None and v01d is not None:
        t = v01b + v01c + v01d
        if t > v01a:
            fails.append(P + "01B+01C+01D<=01A")
        if t != v01a:
            fails.append(P + "01A=sum")
    if v02a is not None and v02b is not None and v02c is not None and v02d is not None:
        t = v02b + v02c + v02d
        if t > v02a:
            fails.append(P + "02B+02C+02D<=02A")
        if t != v02a:
            fails.append(P + "02A=sum")
    for staff, centres, name in (
        (v02b, v01b, "02B>0->01B>0"),
        (v02c, v01c, "02C>0->01C>0"),
        (v02d, v01d, "02D>0->01D>0"),
    ):
        if staff is not None and centres is not None and staff and not centres:
            fails.append(P + name)
    # 04: enterprise assistance points
    if v04e is not None and v04d is not None and v04e > v04d:
        fails.append(P + "04E<=04D")
    if v04f is not None and v04d is not None and v04f > v04d:
        fails.append(P + "04F<=04D")
    # 05: funds by source
    if (
        v05a is not None
        and v05b is not None
        and v05c is not None
        and v05d is not None
        and v05e is not None
        and v05f is not None
    ):
        t = v05b + v05c + v05d + v05e + v05f
        if t != v05a:
            fails.append(P + "05A=sum")
    # 06: a provincial fund in the budget needs a fund
    if v06b is True and v06a is not None and not v06a:
        fails.append(P + "06B=是->06A>0")
    # 07, 08: governments with a dedicated fund
    if v07c is not None and v07a is not None and v07c > v07a:
        fails.append(P + "07C<=07A")
    if v07a is not None and v01c is not None and v07a > v01c:
        fails.append(P + "07A<=01C")
    if v07a is not None and v07b is not None and (not v07a) != (not v07b):
        fails.append(P + "07A~07B")
    if v08c is not None and v08a is not None and v08c > v08a:
        fails.append(P + "08C<=08A")
    if v08a is not None and v01d is not None and v08a > v01d:
        fails.append(P + "08A<=01D")
    if v08a is not None and v08b is not None and (not v08a) != (not v08b):
        fails.append(P + "08A~08B")
    # 09: persons (A, C, E … S) and amounts (B, D, F … T)
    if (
        v09a is not None
        and v09c is not None
        and v09e is not None
        and v09g is not None
        and v09i is not None
        and v09k is not None
        and v09m is not None
        and v09o is not None
        and v09q is not None
        and v09s is not None
    ):
        t = v09c + v09e + v09g + v09i + v09k + v09m + v09o + v09q + v09s
        if t != v09a:
            fails.append(P + "09A=sum")
    if (
        v09b is not None
        and v09d is not None
        and v09f is not None
        and v09h is not None
        and v09j is not None
        and v09l is not None
        and v09n is not None
        and v09p is not None
        and v09r is not None
        and v09t is not None
    ):
        t = v09d + v09f + v09h + v09j + v09l + v09n + v09p + v09r + v09t
        if t != v09b:
            fails.append(P + "09B=sum")
    if v09a is not None and v09b is not None and (not v09a) != (not v09b):
        fails.append(P + "09A~09B")
    if v09c is not None and v09d is not None and (not v09c) != (not v09d):
        fails.append(P + "09C~09D")
    if v09e is not None and v09f is not None and (not v09e) != (not v09f):
        fails.append(P + "09E~09F")
    if v09g is not None and v09h is not None and (not v09g) != (not v09h):
        fails.append(P + "09G~09H")
    if v09i is not None and v09j is not None and v09j and not v09i:
        fails.append(P + "09J>0->09I>0")
    if v09k is not None and v09l is not None and (not v09k) != (not v09l):
        fails.append(P + "09K~09L")
    if v09m is not None and v09n is not None and v09n and not v09m:
        fails.append(P + "09N>0->09M>0")
    if v09o is not None and v09p is not None and v09p and not v09o:
        fails.append(P + "09P>0->09O>0")
    if v09q is not None and v09r is not None and (not v09q) != (not v09r):
        fails.append(P + "09Q~09R")
    if v09s is not None and v09t is not None and (not v09s) != (not v09t):
        fails.append(P + "09S~09T")
    # 10: persons (A, C, E … S) and amounts (B, D, F … T)
    if (
        v10a is not None
        and v10c is not None
        and v10e is not None
        and v10g is not None
        and v10i is not None
        and v10k is not None
        and v10m is not None
        and v10o is not None
        and v10q is not None
        and v10s is not None
    ):
        t = v10c + v10e + v10g + v10i + v10k + v10m + v10o + v10q + v10s
        if t != v10a:
            fails.append(P + "10A=sum")
    if (
        v10b is not None
        and v10d is not None
        and v10f is not None
        and v10h is not None
        and v10j is not None
        and v10l is not None
        and v10n is not None
        and v10p is not None
        and v10r is not None
        and v10t is not None
    ):
        t = v10d + v10f + v10h + v10j + v10l + v10n + v10p + v10r + v10t
        if t != v10b:
            fails.append(P + "10B=sum")
    if v10a is not None and v10b is not None and (not v10a) != (not v10b):
        fails.append(P + "10A~10B")
    if v10c is not None and v10d is not None and (not v10c) != (not v10d):
        fails.append(P + "10C~10D")
    if v10e is not None and v10f is not None and (not v10e) != (not v10f):
        fails.append(P + "10E~10F")
    if v10g is not None and v10h is not None and (not v10g) != (not v10h):
        fails.append(P + "10G~10H")
    if v10i is not None and v10j is not None and v10j and not v10i:
        fails.append(P + "10J>0->10I>0")
    if v10k is not None and v10l is not None and (not v10k) != (not v10l):
        fails.append(P + "10K~10L")
    if v10m is not None and v10n is not None and v10n and not v10m:
        fails.append(P + "10N>0->10M>0")
    if v10o is not None and v10p is not None and v10p and not v10o:
        fails.append(P + "10P>0->10O>0")
    if v10q is not None and v10r is not None and (not v10q) != (not v10r):
        fails.append(P + "10Q~10R")
    if v10s is not None and v10t is not None and (not v10s) != (not v10t):
        fails.append(P + "10S~10T")
    if v10a is not None and v09a is not None and v10a > v09a:
        fails.append(P + "10A<=09A")
    if v10b is not None and v09b is not None and v10b > v09b:
        fails.append(P + "10B<=09B")
    # 11: services
    if v11a is not None and v11b is not None and v11c is not None:
        t = v11b + v11c
        if t != v11a:
            fails.append(P + "11A=sum")
    # 12: people and money involved need cases
    if v12b is not None and v12a is not None and v12b and not v12a:
        fails.append(P + "12B>0->12A>0")
    if v12c is not None and v12a is not None and v12c and not v12a:
        fails.append(P + "12C>0->12A>0")


# -- the input: strings, as JSON or CSV gives them ------------------------------------------------


def _money(rnd: random.Random, hi: int) -> int:
    """An amount in 分 (0 about one time in eight)."""
    return 0 if rnd.random() < 0.125 else rnd.randint(1, hi * 100)


def _yuan(cents: int) -> str:
    return f"{cents // 100}.{cents % 100:02d}"


_FULL = str.maketrans("0123456789.", "０１２３４５６７８９．")


def _odd(rnd: random.Random, code: str, kind: str, text: str) -> str:
    """``text`` written as people also write it, which the library accepts (spaces around it,
    full-width digits, thousands separators, the item's unit after it, 是/否 as words), or a figure
    above the bound of its unit (an ID number typed into a count; ten times the bound)."""
    if kind == "Y":
        return rnd.choice(
            (f" {text} ", "yes" if text == "是" else "no", "有" if text == "是" else "无")
        )
    way = rnd.randrange(6)
    if way == 0:
        return f" {text}\t"
    if way == 1:
        return text.translate(_FULL)
    if way == 2:
        whole, _, frac = text.partition(".")
        return f"{int(whole):,}" + (f".{frac}" if frac else "")
    if way == 3:
        return text + UNITS[code]
    if way == 4 and kind == "C":
        return "410402195501010113"
    return str(10 * BOUND_OF_UNIT.get(UNITS[code], 10**6)) + (".5" if kind == "M" else "")


def one_return(rnd: random.Random, invalid: float, odd: float = 0.05) -> dict[str, str]:
    """A return whose rules hold, then (share ``invalid``) one item broken or left blank, and
    (share ``odd``) one item written in one of the other ways the library reads (``_odd``)."""
    r: dict[str, int | str] = {}
    centres = [rnd.randint(0, 20) for _ in "BCD"]
    staff = [rnd.randint(0, 20) if c else 0 for c in centres]  # 02X>0 -> 01X>0
    for line, parts in (("01", centres), ("02", staff)):
        r.update({line + "A": sum(parts), line + "B": parts[0], line + "C": parts[1]})
        r[line + "D"] = parts[2]
    r["03A"] = rnd.randint(0, 500)
    for x in "ABCD":
        r["04" + x] = rnd.randint(0, 300)
    r["04E"], r["04F"] = rnd.randint(0, int(r["04D"])), rnd.randint(0, int(r["04D"]))
    cents = [_money(rnd, 100_000) for _ in "BCDEF"]
    r["05A"] = _yuan(sum(cents))
    r.update({"05" + x: _yuan(c) for x, c in zip("BCDEF", cents, strict=True)})
    fund = _money(rnd, 50_000)
    r["06A"], r["06B"] = _yuan(fund), rnd.choice(("是", "否")) if fund else "否"  # 06B=是->06A>0
    for line, cap in (("07", "01C"), ("08", "01D")):
        a = rnd.randint(0, int(r[cap]))
        r[line + "A"], r[line + "C"] = a, rnd.randint(0, a)
        r[line + "B"] = _yuan(rnd.randint(1, 10_000_000) if a else 0)
    persons09 = [0 if rnd.random() < 0.2 else rnd.randint(1, 60) for _ in range(9)]
    money09 = [rnd.randint(100, 200_000) * p for p in persons09]
    for line, persons, money in (
        ("09", persons09, money09),
        ("10", [p // 2 for p in persons09], [m // 2 if p // 2 else 0 for p, m in
                                             zip(persons09, money09, strict=True)]),
    ):  # fmt: skip
        r[line + "A"], r[line + "B"] = sum(persons), _yuan(sum(money))
        for x, y, p, m in zip("CEGIKMOQS", "DFHJLNPRT", persons, money, strict=True):
            r[line + x], r[line + y] = p, _yuan(m)
    r["09U"] = rnd.randint(0, 100)
    b, c = rnd.randint(0, 400), rnd.randint(0, 400)
    r.update({"11A": b + c, "11B": b, "11C": c, "12A": rnd.randint(0, 50)})
    helped = r["12A"] != 0  # 12B>0 -> 12A>0, 12C>0 -> 12A>0
    r.update({"12B": rnd.randint(0, 50) if helped else 0})
    r["12C"] = _yuan(_money(rnd, 20_000) if helped else 0)
    r.update({"13A": _yuan(_money(rnd, 80_000)), "13B": _yuan(_money(rnd, 80_000))})
    r.update({"14" + x: rnd.randint(0, 90) for x in "ABCDEFG"})
    out = {code: str(value) for code, value in r.items()}
    if rnd.random() < invalid:
        code, kind = rnd.choice(ITEMS)
        fault = rnd.randrange(4)
        if fault == 0:
            del out[code]  # not reported: the rules reading it are not evaluated
        elif kind == "Y":
            out[code] = "否" if out[code] == "是" else "是"
        elif fault == 1:
            out[code] = "-" + out[code] if out[code] not in ("0", "0.00") else "-1"
        elif fault == 2:
            out[code] = out[code] + (".5" if kind == "C" else "0001")
        else:
            out[code] = str(Decimal(out[code]) + 1)
    if rnd.random() < odd:
        code, kind = rnd.choice(ITEMS)
        if out.get(code):
            out[code] = _odd(rnd, code, kind, out[code])
    return out


def make_pool(n: int, seed: int, invalid: float = 0.1, odd: float = 0.05) -> list[dict[str, str]]:
    rnd = random.Random(seed)
    return [one_return(rnd, invalid, odd) for _ in range(n)]


def pool_stream(n: int, seed: int, invalid: float = 0.1) -> Iterator[dict[str, str]]:
    """The returns of :func:`make_pool`, one at a time (the same ones: its first items are the
    timed pool's), for files too large to hold as dicts."""
    rnd = random.Random(seed)
    for _ in range(n):
        yield one_return(rnd, invalid, 0.05)


def write_csv(pool: Iterable[Mapping[str, str]], path: str) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["unit", *CODES])
        for k, r in enumerate(pool):
            out.writerow([f"U{k:06d}", *(r.get(c, "") for c in CODES)])


# -- the two works, each side ---------------------------------------------------------------------


def _count(reports: Iterable[wr.Report]) -> tuple[int, int]:
    bad = findings = 0
    for report in reports:
        if report.findings:
            bad += 1
            findings += len(report.findings)
    return bad, findings


def library_dicts(pool: Iterable[Mapping[str, str]]) -> tuple[int, int]:
    return _count(wr.validate_many((FORM, r, None) for r in pool))


def baseline_dicts(pool: Iterable[Mapping[str, str]]) -> tuple[int, int]:
    bad = findings = 0
    for r in pool:
        fails = check_mapping(r)
        if fails:
            bad += 1
            findings += len(fails)
    return bad, findings


def library_csv(path: str, n: int | None = None) -> tuple[int, int]:
    return _count(wr.validate_many(itertools.islice(wr.read_returns(path, form=FORM), n)))


def baseline_rows(path: str) -> Iterator[list[str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        rows = csv.reader(fh)
        if next(rows) != ["unit", *CODES]:
            raise SystemExit(f"{path}: not a wide file of {FORM}")
        width = len(CODES) + 1
        for row in rows:
            # as the library: a blank row skipped, a row of another width refused (the library
            # names it and reads on), the unit stripped
            unit = row[0].strip() if row else ""
            if not unit and not any(cell.strip() for cell in row):
                continue
            if len(row) != width:
                raise SystemExit(f"{path}:{rows.line_num}: {len(row)} cells, expected {width}")
            yield check_cells(row[1:])


def baseline_csv(path: str, n: int | None = None) -> tuple[int, int]:
    bad = findings = 0
    for fails in itertools.islice(baseline_rows(path), n):
        if fails:
            bad += 1
            findings += len(fails)
    return bad, findings


def _dict_rows(path: str, n: int) -> Iterator[dict[str, str]]:
    """The file's rows as dicts of strings (csv.DictReader): the input of (a) in the memory run."""
    with open(path, encoding="utf-8", newline="") as fh:
        for row in itertools.islice(csv.DictReader(fh), n):
            del row["unit"]
            yield row


SIDES = {
    "library, dicts": lambda path, n: library_dicts(_dict_rows(path, n)),
    "baseline, dicts": lambda path, n: baseline_dicts(_dict_rows(path, n)),
    "library, CSV": library_csv,
    "baseline, CSV": baseline_csv,
}


#: text both sides must refuse (the library with an error, the baseline with ValueError)
JUNK = ("٣", "३४", "1_000", "NaN", "Infinity", "1e3", "12 34", "1,23", "12元", "abc", "1" * 41)


def refuse_the_same(pool: Sequence[Mapping[str, str]]) -> None:
    """Junk in a count, a 万元 item and a yes-no item: both sides refuse it, or stop."""
    for text in JUNK:
        for code in ("01B", "05B", "06B"):
            r = {**pool[0], code: text}
            try:
                wr.validate(FORM, r)
            except wr.WennuanError:
                pass
            else:
                if code != "06B":
                    raise SystemExit(f"the library accepts {text!r} in {code}")
            try:
                fails = check_mapping(r)
            except (ValueError, ArithmeticError):
                continue
            if code == "06B" and UNIT_FAIL[code] in fails:
                continue  # a number given for a yes-no item: a unit failure on both sides
            raise SystemExit(f"the baseline accepts {text!r} in {code}")


def agree(pool: Sequence[Mapping[str, str]], path: str) -> None:
    """Same failing rule ids on each of the first returns of each work, and the same refusals,
    or stop."""
    refuse_the_same(pool)
    first = pool[:CHECKED]
    for k, (r, report) in enumerate(
        zip(first, wr.validate_many((FORM, r, None) for r in first), strict=True)
    ):
        lib, mine = sorted(f.rule for f in report.findings), sorted(check_mapping(r))
        if lib != mine:
            raise SystemExit(f"return {k} (dict): library {lib} != baseline {mine}")
    from_file = wr.validate_many(itertools.islice(wr.read_returns(path, form=FORM), CHECKED))
    by_hand = itertools.islice(baseline_rows(path), CHECKED)
    for k, (report, fails) in enumerate(zip(from_file, by_hand, strict=True)):
        lib, mine = sorted(f.rule for f in report.findings), sorted(fails)
        if lib != mine:
            raise SystemExit(f"row {k + 2} (csv): library {lib} != baseline {mine}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    h.add_common(parser, n=100_000)
    parser.add_argument("--invalid", type=float, default=0.1, help="share with one item broken")
    parser.add_argument(
        "--memory-sizes",
        default=None,
        help="returns streamed by the memory children, comma separated (default n/10,n); sizes "
        "above n are read from a larger file of the same generator",
    )
    args = parser.parse_args(argv)
    if args.child:
        print(SIDES[args.child](args.path, args.n))
        h.report_child_memory()
        return 0
    if tuple(wr.get_form(FORM).codes) != CODES:
        raise SystemExit(f"the hand-written item list no longer matches {FORM}")
    n, small = args.n, max(1, args.n // 10)
    pool = make_pool(n, args.seed, args.invalid)
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "returns.csv")
        write_csv(pool, path)
        size = os.path.getsize(path)
        agree(pool, path)
        print(f"library and baseline agree on the first {min(n, CHECKED):,} returns of each work")
        a = h.interleaved(lambda: library_dicts(pool), lambda: baseline_dicts(pool), args.pairs)
        bad, findings = library_dicts(pool)
        b = h.interleaved(lambda: library_csv(path), lambda: baseline_csv(path), args.pairs)
        script = os.path.abspath(__file__)
        mem = {}
        sizes = (
            [small, n]
            if args.memory_sizes is None
            else [int(x) for x in args.memory_sizes.split(",")]
        )
        if not args.no_memory:
            big = path
            if max(sizes) > n:
                big = os.path.join(tmp, "returns-memory.csv")
                write_csv(pool_stream(max(sizes), args.seed, args.invalid), big)
            mem = {
                side: [
                    h.peak_kib(script, ["--child", side, "--path", big, "--n", str(k)])
                    for k in sizes
                ]
                for side in SIDES
            }
    lines = [*h.header(sys.argv[1:] if argv is None else argv), ""]
    lines += [
        f"{n:,} returns of `{FORM}` (85 line items, 46 rules + 85 unit checks), generated with "
        f"`random.Random({args.seed})` as strings; {bad:,} have findings ({findings:,} in all). "
        f"Both sides find the same failing rule ids on each of the first {min(n, CHECKED):,} "
        f"returns of each work. The CSV file is {size / 1e6:.1f} MB.",
        "",
        *h.pairs_table(
            [
                ("(a) dicts of strings: `validate_many` vs `check_mapping`", a),
                (
                    "(b) wide CSV file: `read_returns` + `validate_many` vs `csv.reader` + "
                    "`check_cells`",
                    b,
                ),
            ],
            n,
            "return",
        ),
        "",
        "Targets (issue 11): (a) ≤ 1.3×, (b) ≤ 1.3×.",
    ]
    if mem:
        lines += [
            "",
            "Peak resident memory (`VmHWM`) of a fresh process streaming the first "
            + " and the first ".join(f"{k:,}" for k in sizes)
            + " rows of a file of these returns through each side ((a): rows read with "
            "`csv.DictReader`):",
            "",
            "| side | " + " | ".join(f"{k:,} returns" for k in sizes) + " |",
            "|---" * (len(sizes) + 1) + "|",
            *(f"| {side} | " + " | ".join(map(h.mib, kib)) + " |" for side, kib in mem.items()),
        ]
    h.finish(HEADING, lines, args.no_write)
    return 0


if __name__ == "__main__":
    sys.exit(main())
