"""Benchmark: auditing a payment roster of pingdingshan-2010, library against a hand-written
checker.

    python benchmarks/bench_audit.py                     # 1,000,000 rows, writes the doc
    python benchmarks/bench_audit.py --n 2000 --no-write

The roster is generated once with a seeded ``random.Random`` as strings, exactly what a program
reading JSON or CSV hands the library: a list of dicts (``name``, ``id_number``, ``amount``,
``paid_on``, ``fund_source``, ``channel``, ``file_category``, ``filed_on``, ``group``), and the same
rows as a CSV file (with a blank line and a row of empty cells after every 500th row, which the
readers skip). About 0.1 % of the rows break each rule, and about 0.1 % hold each kind of odd
but valid value of :data:`ODD` (spaces around a value, ``1,000.00``, full-width digits, ``¥``,
``元``, ``万元``, ``2010/1/5``, ``2010年1月5日``, ID numbers with spaces, hyphens, full-width
digits or a small ``x``, labels for ids and groups, blank groups and categories, and amounts the
rule reports: negative, above 50,000 元, an ID number typed into the column). Two works:

(a) rows from dicts: ``wr.audit_payments(dicts, "pingdingshan-2010")`` against ``audit_rows`` over
    the dicts' values;
(b) a roster file end to end: ``wr.audit_payments(wr.iter_payments(path), …)`` against
    ``csv.reader`` + ``audit_rows``.

``audit_rows`` (``audit_baseline.py``, whose docstring says cell by cell what it reads and
refuses) is the hand-written checker of the same rules of 平工总［2009］38号, parsing included,
with the same reading as the library: a fast path for plain text and a slow path for the rest.
Per row it does what the library does: 实名制 (a name; an ID number normalised, 18 characters, its
check digit, a real birth date, a region code in use in or after the birth year, from
python-stdnum's table as the library reads it), 先建档后帮扶, the spending deadlines of the
central and provincial special funds, the campaign period, amounts positive, to the 分 and
plausible, one payment per person and fund source, a known recipient group, the recipient
category and the employer's union (not evaluated: no 单位是否建会 column), and the totals (all
rows, per fund source, per group). Both sides must give the same failures per rule, checks not
evaluated, rows and totals in every run. Before timing, :func:`check_cells` checks row by row
that both sides read each odd value alike (from dicts and from a file) and refuse each junk
value of :data:`JUNK` the library refuses (other scripts' digits, ``1e3``, ``NaN``, ``1,00``, 41
digits, ``5.``, ``20100105``, ``2010-W01-1``, impossible days, unknown ids) and a row with more
cells than the header; junk never enters the timed rosters. The baseline reads the file's header
as the fixed columns it was written with (the library maps any header through its aliases, once
per file). Interleaved pairs (``--pairs``, at least 5). Memory: peak resident set (``VmHWM``) of
fresh processes streaming n/10 and n rows of the file through each side.
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
from collections.abc import Callable, Iterable, Iterator, Mapping
from operator import mul
from pathlib import Path

import _harness as h
import wennuan_rules as wr
from audit_baseline import CHECK, GROUPS, RULES, UNEVALUATED, WEIGHTS, Refused, audit_rows, regions

CAMPAIGN = "pingdingshan-2010"
HEADING = "## Audits: `benchmarks/bench_audit.py`"
COLUMNS = (
    "name", "id_number", "amount", "paid_on", "fund_source", "channel", "file_category",
    "filed_on", "group",
)  # fmt: skip

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
        odd = rnd.randrange(1000)
        if odd < len(ODD):
            column, make = ODD[odd]
            row[column] = make(row)
        prev = (row["id_number"], row["fund_source"])
        yield row


_WIDE_DIGITS = str.maketrans("0123456789-", "０１２３４５６７８９－")
_LABELS = {
    "central-fiscal": "中央财政", "provincial-fiscal": "省財政", "union-funds": "工会经费",
    "social-donation": "社会捐助", "cash": "现金", "bank-card": "银行卡", "union-card": "工會卡",
}  # fmt: skip


def _slashed(text: str) -> str:
    day = dt.date.fromisoformat(text)
    return f"{day.year}/{day.month}/{day.day}"


def _chinese(text: str) -> str:
    day = dt.date.fromisoformat(text)
    return f"{day.year}年{day.month}月{day.day}日"


#: Odd but valid values: what the library accepts and reads by its slow paths (rows with one,
#: about 0.1 % of the rows for each kind), and what the amount rule reports (an ID number typed
#: into the amount column, an amount above 50,000 元, a negative one).
ODD: tuple[tuple[str, Callable[[dict[str, str]], str]], ...] = (
    ("amount", lambda r: f" {r['amount']} "),
    ("amount", lambda r: "1,000.00"),
    ("amount", lambda r: r["amount"].translate(_WIDE_DIGITS).replace(".", "．")),
    ("amount", lambda r: f"¥{r['amount']}"),
    ("amount", lambda r: f"{r['amount']}元"),
    ("amount", lambda r: "0.08万元"),
    ("amount", lambda r: "-300"),
    ("amount", lambda r: r["id_number"].replace("X", "0")),
    ("amount", lambda r: "60000"),
    ("paid_on", lambda r: _slashed(r["paid_on"])),
    ("paid_on", lambda r: _chinese(r["paid_on"])),
    ("paid_on", lambda r: r["paid_on"].translate(_WIDE_DIGITS)),
    ("paid_on", lambda r: f" {r['paid_on']} "),
    ("filed_on", lambda r: "2009/6/1"),
    ("id_number", lambda r: f"{r['id_number'][:6]} {r['id_number'][6:14]} {r['id_number'][14:]}"),
    ("id_number", lambda r: f"{r['id_number'][:6]}-{r['id_number'][6:]}"),
    ("id_number", lambda r: r["id_number"].translate(_WIDE_DIGITS)),
    ("id_number", lambda r: r["id_number"].lower()),
    ("name", lambda r: "   "),
    ("fund_source", lambda r: _LABELS[r["fund_source"]]),
    ("fund_source", lambda r: f" {r['fund_source']} "),
    ("channel", lambda r: _LABELS[r["channel"]]),
    ("channel", lambda r: f"{r['channel'].upper()} "),
    ("file_category", lambda r: "特困" if r["file_category"] else ""),
    ("file_category", lambda r: "  "),
    ("group", lambda r: "困难劳模"),
    ("group", lambda r: f" {r['group']} "),
    ("group", lambda r: ""),
)

#: Junk the library refuses with an error: both sides must refuse each (checked apart, never in
#: the timed rosters).
JUNK: tuple[tuple[str, str], ...] = (
    ("amount", "٨٠٠"), ("amount", "1e3"), ("amount", "NaN"), ("amount", "1,00"),
    ("amount", "8" * 41), ("amount", "800_0"), ("amount", "5."), ("amount", "800美元"),
    ("amount", ""), ("paid_on", "20100105"), ("paid_on", "2010-W01-1"),
    ("paid_on", "2010-02-30"), ("paid_on", "٢٠١٠-٠١-٠٥"), ("filed_on", "next week"),
    ("fund_source", "bonus"), ("channel", "card"), ("file_category", "poor"),
)  # fmt: skip


def write_csv(rows: Iterable[Mapping[str, str]], path: str | Path) -> None:
    """The rows as a CSV file, with a blank line and a row of empty cells (both skipped by the
    readers) after every 500th row."""
    with open(path, "w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(COLUMNS)
        for i, r in enumerate(rows, start=1):
            out.writerow([r[c] for c in COLUMNS])
            if i % 500 == 0:
                out.writerows([[], [""] * len(COLUMNS)])


# -- the sides ------------------------------------------------------------------------------------


def _result(report: wr.Report) -> dict[str, object]:
    """What both sides must agree on: failures and checks not evaluated per rule, rows, totals
    (the groups' totals of the known groups: the library masks the others)."""
    prefix = CAMPAIGN + ":payments/"
    rules = report.extra["rules"]
    totals = report.extra["totals"]

    def count(rule: str, what: str) -> int:
        return int(rules.get(prefix + rule, {}).get(what, 0))

    return {
        "failed": {rule: count(rule, "failed") for rule in RULES},
        "not_evaluated": {rule: count(rule, "not_evaluated") for rule in UNEVALUATED},
        "rows": report.extra["rows"],
        "amount": totals["amount"],
        "by_fund_source": totals["by_fund_source"],
        "by_group": {k: v for k, v in totals["by_group"].items() if k in GROUPS},
    }


def library_dicts(rows: Iterable[Mapping[str, str]]) -> dict[str, object]:
    return _result(wr.audit_payments(rows, CAMPAIGN))


def baseline_dicts(
    rows: Iterable[Mapping[str, str]], known: Mapping[str, int | None]
) -> dict[str, object]:
    return audit_rows(
        (
            (r["name"], r["id_number"], r["amount"], r["paid_on"], r["fund_source"],
             r["channel"], r["file_category"], r["filed_on"], r["group"])
            for r in rows
        ),
        known,
    )  # fmt: skip


def library_csv(path: str | Path, n: int | None = None) -> dict[str, object]:
    return _result(wr.audit_payments(itertools.islice(wr.iter_payments(path), n), CAMPAIGN))


def baseline_csv(
    path: str | Path, known: Mapping[str, int | None], n: int | None = None
) -> dict[str, object]:
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        if tuple(next(reader)) != COLUMNS:
            raise SystemExit(f"{path}: unexpected columns")
        return audit_rows(itertools.islice(reader, n), known)


#: a plain row, the ground of the checks of single cells
PLAIN = {
    "name": "王建国", "id_number": "410402195001010012", "amount": "500.00",
    "paid_on": "2010-01-05", "fund_source": "union-funds", "channel": "cash",
    "file_category": "deep", "filed_on": "2009-06-01", "group": "worker",
}  # fmt: skip


def _refused(fn: Callable[..., object], *args: object) -> bool:
    try:
        fn(*args)
    except (wr.WennuanError, Refused):
        return True
    return False


def check_cells(known: Mapping[str, int | None], tmp: str) -> tuple[int, int]:
    """Row by row, before timing: both sides read each odd value of :data:`ODD` alike (from
    dicts and from a file), and refuse each value of :data:`JUNK` and a row with a cell more
    than the header. The numbers of odd and junk rows checked."""
    path = Path(tmp, "cells.csv")
    for column, make in ODD:
        rows = [PLAIN, {**PLAIN, column: make(PLAIN)}]
        write_csv(rows, path)
        if library_csv(path) != baseline_csv(path, known) or library_dicts(rows) != baseline_dicts(
            rows, known
        ):
            raise SystemExit(f"the sides read {column} {rows[1][column]!r} differently")
    for column, text in JUNK:
        rows = [PLAIN, {**PLAIN, column: text}]
        write_csv(rows, path)
        if not (
            _refused(library_csv, path)
            and _refused(baseline_csv, path, known)
            and _refused(library_dicts, rows)
            and _refused(baseline_dicts, rows, known)
        ):
            raise SystemExit(f"{column} {text!r} is not refused by both sides")
    path.write_text(",".join(COLUMNS) + "\n" + ",".join(PLAIN.values()) + ",x\n", "utf-8")
    if not (_refused(library_csv, path) and _refused(baseline_csv, path, known)):
        raise SystemExit("a row with more cells than the header is not refused by both sides")
    return len(ODD), len(JUNK) + 1


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
        odd, junk = check_cells(known, tmp)
        path = os.path.join(tmp, "roster.csv")
        write_csv(rows, path)
        a = h.interleaved(lambda: library_dicts(rows), lambda: baseline_dicts(rows, known),
                          args.pairs)  # fmt: skip
        result = library_dicts(rows)
        b = h.interleaved(lambda: library_csv(path), lambda: baseline_csv(path, known),
                          args.pairs)  # fmt: skip
        if library_csv(path) != result:
            raise SystemExit("the file and the dicts give different results")
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
        "strings (dicts, and the same rows as a CSV file, with a blank line and a row of empty "
        "cells after every 500th row); about 0.1 % of the rows break each rule, and about 0.1 % "
        f"hold each of {odd} kinds of odd but valid value (spaces around a value, `1,000.00`, "
        "full-width digits, `¥`, `元`, `万元`, `2010/1/5`, `2010年1月5日`, ID numbers with "
        "spaces or hyphens, labels for ids, an ID number in the amount column …). Failures per "
        "rule, the same on both sides in every run: "
        + ", ".join(f"{r} {c:,}" for r, c in result["failed"].items())  # type: ignore[attr-defined]
        + "; the checks not evaluated and the totals (all rows, per fund source and group) "
        f"agree too. Before timing, each odd value is read alike and each of {junk} junk rows "
        "the library refuses (other scripts' digits, `1e3`, `NaN`, `1,00`, 41 digits, "
        "`20100105`, unknown ids, a cell more than the header …) is refused by both sides.",
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
