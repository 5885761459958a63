"""Benchmark: validating returns of wuhan-2015:center, library against a hand-written checker.

    python benchmarks/bench_validate.py                  # 100,000 returns, writes the doc
    python benchmarks/bench_validate.py --n 2000 --no-write

Returns are generated once with a seeded ``random.Random`` as STRINGS, exactly what a program
reading JSON or CSV hands the library (``"120"``, ``"12.50"``, ``"是"``; a blank item is left out
of the dict, or an empty cell in the file), about 10 % with one item broken. Two works:

(a) dicts of strings: ``wr.validate_many`` against ``check_mapping``, the fastest straight-line
    checker of the same 46 rules and 85 unit checks I could write by hand (each string parsed to a
    Decimal inline, three-valued: a blank or an item failing its unit check leaves the rules that
    read it not evaluated; no intermediate dict);
(b) a wide CSV file (``unit,01A,…``) end to end: ``wr.read_returns`` + ``validate_many`` against
    ``csv.reader`` + ``check_cells`` (the same checker over the row's cells).

The checker is written out by hand, not generated from the form's data file, so that it is
independent of the library. Before timing, both sides must find the same failing rule ids on each
of the first 1,000 returns of each work; every timed run must count the same returns with findings
and the same findings. Library and baseline run interleaved (``--pairs``, at least 5). Memory: peak
resident set (``VmHWM``) of fresh processes streaming n/10 and n rows of the file through each side.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import os
import random
import sys
import tempfile
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
_D = Decimal


def check_mapping(raw: Mapping[str, str]) -> list[str]:
    """The failing rule ids of one return given as a dict of strings (blank: missing or "")."""
    fails: list[str] = []
    vals: list[object] = []
    add = vals.append
    get = raw.get
    for code, kind in ITEMS:
        s = get(code)
        if not s:
            add(None)
        elif kind == "C":
            # a count: an int when the text is one (exact, and faster than a Decimal), else a
            # Decimal that must be whole ("3.0"); InvalidOperation on text that is no number
            try:
                x = int(s)
                if x < 0:
                    fails.append(UNIT_FAIL[code])
                    add(None)
                else:
                    add(x)
            except ValueError:
                d = _D(s)
                if d < 0 or d != d.to_integral_value():
                    fails.append(UNIT_FAIL[code])
                    add(None)
                else:
                    add(d)
        elif kind == "M":
            # money: a Decimal >= 0 with at most 6 decimals ("-0" is 0; the exact compare only
            # when the text has more than 6 digits after its ".")
            d = _D(s)
            if (s[0] == "-" and d) or (
                len(s) - s.find(".") > 7 and "." in s and d != d.quantize(MICRO)
            ):
                fails.append(UNIT_FAIL[code])
                add(None)
            else:
                add(d)
        elif s == "是":
            add(True)
        elif s == "否":
            add(False)
        else:
            fails.append(UNIT_FAIL[code])
            add(None)
    _rules(vals, fails)
    return fails


def check_cells(cells: Sequence[str]) -> list[str]:
    """The same over one wide CSV row's 85 cells (in ``CODES`` order, blank: ""): the parsing
    loop is written out again rather than shared, as a hand-written reader would."""
    fails: list[str] = []
    vals: list[object] = []
    add = vals.append
    for (code, kind), s in zip(ITEMS, cells, strict=True):
        if not s:
            add(None)
        elif kind == "C":
            # a count: an int when the text is one (exact, and faster than a Decimal), else a
            # Decimal that must be whole ("3.0"); InvalidOperation on text that is no number
            try:
                x = int(s)
                if x < 0:
                    fails.append(UNIT_FAIL[code])
                    add(None)
                else:
                    add(x)
            except ValueError:
                d = _D(s)
                if d < 0 or d != d.to_integral_value():
                    fails.append(UNIT_FAIL[code])
                    add(None)
                else:
                    add(d)
        elif kind == "M":
            # money: a Decimal >= 0 with at most 6 decimals ("-0" is 0; the exact compare only
            # when the text has more than 6 digits after its ".")
            d = _D(s)
            if (s[0] == "-" and d) or (
                len(s) - s.find(".") > 7 and "." in s and d != d.quantize(MICRO)
            ):
                fails.append(UNIT_FAIL[code])
                add(None)
            else:
                add(d)
        elif s == "是":
            add(True)
        elif s == "否":
            add(False)
        else:
            fails.append(UNIT_FAIL[code])
            add(None)
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


def one_return(rnd: random.Random, invalid: float) -> dict[str, str]:
    """A return whose rules hold, then (share ``invalid``) one item broken or left blank."""
    r: dict[str, int | str] = {}
    for line in ("01", "02"):
        parts = [rnd.randint(0, 20) for _ in "BCD"]
        r.update({line + "A": sum(parts), line + "B": parts[0], line + "C": parts[1]})
        r[line + "D"] = parts[2]
    r["03A"] = rnd.randint(0, 500)
    for x in "ABCD":
        r["04" + x] = rnd.randint(0, 300)
    r["04E"], r["04F"] = rnd.randint(0, int(r["04D"])), rnd.randint(0, int(r["04D"]))
    cents = [_money(rnd, 100_000) for _ in "BCDEF"]
    r["05A"] = _yuan(sum(cents))
    r.update({"05" + x: _yuan(c) for x, c in zip("BCDEF", cents, strict=True)})
    r["06A"], r["06B"] = _yuan(_money(rnd, 50_000)), rnd.choice(("是", "否"))
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
    r.update({"12B": rnd.randint(0, 50), "12C": _yuan(_money(rnd, 20_000))})
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
    return out


def make_pool(n: int, seed: int, invalid: float = 0.1) -> list[dict[str, str]]:
    rnd = random.Random(seed)
    return [one_return(rnd, invalid) for _ in range(n)]


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
        for row in rows:
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


def agree(pool: Sequence[Mapping[str, str]], path: str) -> None:
    """Same failing rule ids on each of the first returns of each work, or stop."""
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
        if not args.no_memory:
            mem = {
                side: [
                    h.peak_kib(script, ["--child", side, "--path", path, "--n", str(k)])
                    for k in (small, n)
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
            f"Peak resident memory (`VmHWM`) of a fresh process streaming the first {small:,} and "
            f"all {n:,} rows of the file through each side ((a): rows read with `csv.DictReader`):",
            "",
            f"| side | {small:,} returns | {n:,} returns |",
            "|---|---|---|",
            *(f"| {side} | {h.mib(lo)} | {h.mib(hi)} |" for side, (lo, hi) in mem.items()),
        ]
    h.finish(HEADING, lines, args.no_write)
    return 0


if __name__ == "__main__":
    sys.exit(main())
