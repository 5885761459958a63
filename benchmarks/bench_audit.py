"""Benchmark: auditing a payment roster of pingdingshan-2010, library against a hand-written
checker.

    python benchmarks/bench_audit.py                     # 1,000,000 rows, writes the doc
    python benchmarks/bench_audit.py --n 2000 --no-write

The roster is generated once with a seeded ``random.Random`` as strings, exactly what a program
reading JSON or CSV hands the library: a list of dicts (``name``, ``id_number``, ``amount``,
``paid_on``, ``fund_source``, ``channel``, ``file_category``, ``filed_on``, ``group``), and the same
rows as a CSV file. About 0.1 % of the rows break each rule. Two works:

(a) rows from dicts: ``wr.audit_payments(dicts, "pingdingshan-2010")`` against ``audit_rows`` over
    the dicts' values;
(b) a roster file end to end: ``wr.audit_payments(wr.iter_payments(path), …)`` against
    ``csv.reader`` + ``audit_rows``.

``audit_rows`` is the hand-written checker of the same rules of 平工总［2009］38号, parsing
included: 实名制 (a name; an 18-character ID number with its check digit, a real birth date
and a region code in use in the birth year, from python-stdnum's table as the library reads
it), 先建档后帮扶 (on file, and filed on or before the payment), spending deadlines of the
central and provincial special funds, the campaign period, amounts positive to the 分, one
payment per person and fund source, a known recipient group; fund source, channel and file
category must be known ids and dates real (else it stops, as the library raises). Both sides
must count the same failures per rule in every run. Interleaved pairs (``--pairs``, at least
5). Memory: peak resident set (``VmHWM``) of fresh processes streaming n/10 and n rows of the
file through each side.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import itertools
import os
import random
import sys
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from operator import mul

import _harness as h
import wennuan_rules as wr

CAMPAIGN = "pingdingshan-2010"
HEADING = "## Audits: `benchmarks/bench_audit.py`"
COLUMNS = (
    "name", "id_number", "amount", "paid_on", "fund_source", "channel", "file_category",
    "filed_on", "group",
)  # fmt: skip
RULES = (
    "real-name", "file-before-aid", "spending-deadline/central-fiscal",
    "spending-deadline/provincial-fiscal", "period", "amount", "duplicate", "group",
)  # fmt: skip

# -- the hand-written checker ---------------------------------------------------------------------

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)  # GB 11643-1999
CHECK = "10X98765432"
SOURCES = frozenset(
    (
        "central-fiscal", "provincial-fiscal", "local-fiscal", "government-grant", "union-funds",
        "social-donation", "administrative", "other",
    )
)  # fmt: skip
CHANNELS = frozenset(("bank-card", "union-card", "cash", "goods"))
CATEGORIES = frozenset(("extreme", "deep", "relative", "accident"))
GROUPS = frozenset(("worker", "model-worker", "migrant-worker"))
# 平工总［2009］38号 五(三): central money spent by 2009-12-31, provincial by 春节 2010-02-13;
# the campaign runs from 2009-12-21 to 春节
CENTRAL_LAST, PROVINCIAL_LAST = dt.date(2009, 12, 31), dt.date(2010, 2, 13)
START, END = dt.date(2009, 12, 21), dt.date(2010, 2, 13)
CENT = Decimal("0.01")
_D = Decimal
_date = dt.date.fromisoformat


def regions() -> dict[str, int | None]:
    """6-digit region code -> last year in use (None: still in use), from python-stdnum's table
    (the data the library's check reads), computed once."""
    from stdnum import numdb

    out: dict[str, int | None] = {}
    for _l, province, _h, _i, counties in numdb.get("cn/loc").prefixes:
        for _cl, lo, hi, info, _k in counties:
            text = info.get("county", "")
            if not text or lo != hi:
                continue
            last: int | None = -1
            for part in text.split(","):
                if not part.startswith("["):
                    last = None
                    break
                end = part[1:].split("]")[0].partition("-")[2]
                if not end:
                    last = None
                    break
                last = max(last or -1, int(end))
            out[province + lo] = last
    return out


def audit_rows(rows: Iterable[Sequence[str]], known: Mapping[str, int | None]) -> dict[str, int]:
    """Failures per rule of rows given as strings in ``COLUMNS`` order ("" for a blank)."""
    real_name = filed_first = central = provincial = period = amounts = dupes = groups = 0
    seen: set[tuple[str, str]] = set()
    add = seen.add
    for name, number, amount, paid, source, channel, category, filed, group in rows:
        if (
            source not in SOURCES
            or channel not in CHANNELS
            or (category and category not in CATEGORIES)
        ):
            raise SystemExit(f"unknown id in {source!r}, {channel!r}, {category!r}")  # fmt: skip
        paid_on = _date(paid)
        number = number.upper()
        # 实名制
        ok = False
        if (
            name
            and len(number) == 18
            and number[:17].isdigit()
            and CHECK[sum(map(mul, map(int, number[:17]), WEIGHTS)) % 11] == number[17]
        ):
            try:
                year = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14])).year
            except ValueError:
                year = 0
            if year:
                last = known.get(number[:6], -1)
                ok = last is None or (last != -1 and last >= year)
        if not ok:
            real_name += 1
        # 先建档后帮扶
        if filed:
            if paid_on < _date(filed):
                filed_first += 1
        elif not category:
            filed_first += 1
        if source == "central-fiscal" and paid_on > CENTRAL_LAST:
            central += 1
        elif source == "provincial-fiscal" and paid_on > PROVINCIAL_LAST:
            provincial += 1
        if not START <= paid_on <= END:
            period += 1
        x = _D(amount)
        if x <= 0 or (
            len(amount) - amount.find(".") > 3 and "." in amount and x != x.quantize(CENT)
        ):
            amounts += 1  # fmt: skip
        key = (source, number)
        if key in seen:
            dupes += 1
        else:
            add(key)
        if group not in GROUPS:
            groups += 1
    counts = (real_name, filed_first, central, provincial, period, amounts, dupes, groups)
    return dict(zip(RULES, counts, strict=True))


# -- the input ------------------------------------------------------------------------------------

REGIONS = (
    "410402", "410403", "410404", "410411", "410421", "410422", "410423", "410425", "410481",
    "410482", "420102", "320411", "110101", "440305",
)  # fmt: skip


def roster(n: int, seed: int) -> Iterator[dict[str, str]]:
    """``n`` rows as dicts of strings; about 0.1 % break each rule (one fault a row at most)."""
    rnd = random.Random(seed)
    sources = ("central-fiscal", "provincial-fiscal", "union-funds", "social-donation")
    surnames, given = "王李张刘陈杨黄赵吴周", ("建国", "秀英", "桂兰", "志强", "海燕", "伟", "敏")
    born0 = dt.date(1950, 1, 1)
    prev = ("", "")
    for i in range(n):
        born = born0 + dt.timedelta(days=rnd.randrange(20000))
        body = f"{rnd.choice(REGIONS)}{born:%Y%m%d}{i % 1000:03d}"
        number = body + CHECK[sum(map(mul, map(int, body), WEIGHTS)) % 11]
        source = rnd.choice(sources)
        start = dt.date(2009, 12, 21)
        paid = start + dt.timedelta(rnd.randrange(11 if source == "central-fiscal" else 54))
        row = {
            "name": rnd.choice(surnames) + rnd.choice(given),
            "id_number": number,
            "amount": rnd.choice(("500.00", "800", "1000.00", "300.50")),
            "paid_on": paid.isoformat(),
            "fund_source": source,
            "channel": rnd.choice(("cash", "bank-card", "union-card")),
            "file_category": rnd.choice(("extreme", "deep", "")),
            "filed_on": "2009-06-01",
            "group": rnd.choice(("worker", "worker", "model-worker", "migrant-worker")),
        }
        fault = rnd.randrange(1000)
        if fault == 1:
            row["id_number"] = number[:-1] + ("0" if number[-1] != "0" else "1")
        elif fault == 2:
            row["name"] = ""
        elif fault == 3:
            row["fund_source"], row["paid_on"] = "central-fiscal", "2010-01-05"
        elif fault == 4:
            row["filed_on"] = "2010-02-10"
        elif fault == 5:
            row["file_category"] = row["filed_on"] = ""
        elif fault == 6:
            row["amount"] = "0"
        elif fault == 7:
            row["amount"] = "12.345"
        elif fault == 8:
            row["paid_on"] = "2010-02-20"
        elif fault == 9:
            row["group"] = "retired"
        elif fault == 10 and prev[0]:
            row["id_number"], row["fund_source"] = prev
        elif fault == 11:
            row["id_number"] = number[:6] + "19500230" + number[14:]  # no such day
        prev = (row["id_number"], row["fund_source"])
        yield row


def write_csv(rows: Iterable[Mapping[str, str]], path: str) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(COLUMNS)
        for r in rows:
            out.writerow([r[c] for c in COLUMNS])


# -- the sides ------------------------------------------------------------------------------------


def _failed(report: wr.Report) -> dict[str, int]:
    prefix = CAMPAIGN + ":payments/"
    rules = report.extra["rules"]
    return {rule: rules[prefix + rule]["failed"] if prefix + rule in rules else 0 for rule in RULES}


def library_dicts(rows: Iterable[Mapping[str, str]]) -> dict[str, int]:
    return _failed(wr.audit_payments(rows, CAMPAIGN))


def baseline_dicts(
    rows: Iterable[Mapping[str, str]], known: Mapping[str, int | None]
) -> dict[str, int]:
    return audit_rows(
        (
            (r["name"], r["id_number"], r["amount"], r["paid_on"], r["fund_source"],
             r["channel"], r["file_category"], r["filed_on"], r["group"])
            for r in rows
        ),
        known,
    )  # fmt: skip


def library_csv(path: str, n: int | None = None) -> dict[str, int]:
    return _failed(wr.audit_payments(itertools.islice(wr.iter_payments(path), n), CAMPAIGN))


def baseline_csv(
    path: str, known: Mapping[str, int | None], n: int | None = None
) -> dict[str, int]:
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        if tuple(next(reader)) != COLUMNS:
            raise SystemExit(f"{path}: unexpected columns")
        return audit_rows(itertools.islice(reader, n), known)


def child(side: str, path: str, n: int) -> None:
    if side == "library":
        print(library_csv(path, n))
    else:
        print(baseline_csv(path, regions(), n))
    h.report_child_memory()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    h.add_common(parser, n=1_000_000)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child, args.path, args.n)
        return 0
    n, small = args.n, max(1, args.n // 10)
    rows = list(roster(n, args.seed))
    known = regions()
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "roster.csv")
        write_csv(rows, path)
        a = h.interleaved(lambda: library_dicts(rows), lambda: baseline_dicts(rows, known),
                          args.pairs)  # fmt: skip
        failed = library_dicts(rows)
        b = h.interleaved(lambda: library_csv(path), lambda: baseline_csv(path, known),
                          args.pairs)  # fmt: skip
        if library_csv(path) != failed:
            raise SystemExit("the file and the dicts give different failures")
        script = os.path.abspath(__file__)
        mem = {}
        if not args.no_memory:
            mem = {
                side: [
                    h.peak_kib(script, ["--child", side, "--path", path, "--n", str(k)])
                    for k in (small, n)
                ]
                for side in ("library", "baseline")
            }
    lines = [*h.header(sys.argv[1:] if argv is None else argv), ""]
    lines += [
        f"A roster of {n:,} rows of `{CAMPAIGN}`, generated with `random.Random({args.seed})` as "
        "strings (dicts, and the same rows as a CSV file); failures per rule, the same on both "
        "sides in every run: " + ", ".join(f"{r} {c:,}" for r, c in failed.items()) + ".",
        "",
        *h.pairs_table(
            [
                ("(a) rows from dicts: `audit_payments` vs `audit_rows`", a),
                (
                    "(b) roster file: `iter_payments` + `audit_payments` vs `csv.reader` + "
                    "`audit_rows`",
                    b,
                ),
            ],
            n,
            "row",
        ),
        "",
        "Target (issue 11): payment audit from a roster file ≤ 2×. The region table is built "
        "once outside the timed runs on the baseline's side, as the library builds its own once "
        "per process.",
    ]
    if mem:
        lines += [
            "",
            f"Peak resident memory (`VmHWM`) of a fresh process auditing the first {small:,} and "
            f"all {n:,} rows of the file (the duplicate check remembers one key per person and "
            "fund source, so some growth is expected on both sides):",
            "",
            f"| side | {small:,} rows | {n:,} rows |",
            "|---|---|---|",
            *(f"| {side} | {h.mib(lo)} | {h.mib(hi)} |" for side, (lo, hi) in mem.items()),
        ]
    h.finish(HEADING, lines, args.no_write)
    return 0


if __name__ == "__main__":
    sys.exit(main())
