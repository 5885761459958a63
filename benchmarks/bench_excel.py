"""Benchmark: reading Excel workbooks (.xlsx, .xls) and writing the marked-up copy.

    python benchmarks/bench_excel.py                  # 10,000 rows, writes docs/performance.md
    python benchmarks/bench_excel.py --n 500 --no-write

Works (interleaved pairs against the fastest hand-written code I know for the same job):

(a) the cells of a 10,000 × 90 sheet of numbers: ``_io.excel.read_sheets`` (calamine, every float
    to a Decimal at 15 significant digits, lost-digit check) against calamine's ``to_python`` and
    a list comprehension converting each cell with the same fast paths as the library, inline
    (a whole float as ``Decimal(int(x))``; ``Decimal(repr(x))`` when ``repr`` has at most 15
    digits and no exponent; else ``Decimal(format(x, ".15g"))``); before timing, every cell the
    library reads is checked against ``Decimal(format(x, ".15g"))``;
(b) returns from a wide sheet of wuhan-2015:center (unit + 85 line items, 10,000 rows):
    ``wr.read_returns`` against the same conversion building one dict per row;
(c) ``check FILE.xlsx --annotate OUT.xlsx`` in Python, as the command does it (``iter_workbook``
    → ``validate_many`` → ``annotate``, one row at a time: read, validate, write the copy with
    marks, comments and the 审核结果 sheet; about 10 % of rows have one broken item) against
    reading with calamine and copying every value with xlsxwriter in constant memory (no checks,
    no marks).

(a) and (b) run on .xlsx (written by xlsxwriter) and .xls (written by xlwt when it is installed;
not a dependency). Memory: peak resident set (``VmHWM``) of fresh processes doing (c), the
baseline's copy, and calamine alone loading the sheet (the input held in calamine's own memory),
for n/10, n and 10 n rows (``--memory-sizes`` to change).
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any

import _harness as h
import wennuan_rules as wr
from wennuan_rules._io.excel import Book, read_sheets
from wennuan_rules.cli.check import sample_path
from wennuan_rules.excel.annotate import annotate
from wennuan_rules.form.workbook import iter_workbook

FORM = "wuhan-2015:center"
HEADING = "## Excel workbooks: `benchmarks/bench_excel.py`"
WIDTH = 90


def numbers_sheet(n: int, seed: int) -> list[list[Any]]:
    rnd = random.Random(seed)
    return [[rnd.randrange(10**6) / 100 for _ in range(WIDTH)] for _ in range(n)]


def returns_sheet(n: int, seed: int) -> list[list[Any]]:
    return list(returns_rows(n, seed))


def returns_rows(n: int, seed: int) -> Iterator[list[Any]]:
    """The rows of a wide sheet of ``n`` returns, one at a time."""
    rnd = random.Random(seed)
    form = wr.get_form(FORM)
    sample = next(wr.read_returns(sample_path(FORM))).values
    codes = form.codes
    yield ["unit", *codes]
    for i in range(n):
        row: list[Any] = [f"unit {i}"]
        for code in codes:
            v = sample.get(code)
            row.append("是" if v is True else "否" if v is False else float(v))  # type: ignore[arg-type]
        if rnd.random() < 0.1:
            k = 1 + rnd.randrange(len(codes))
            if isinstance(row[k], float):
                row[k] += 1
        yield row


def write_xlsx(path: str, rows: Iterable[list[Any]]) -> None:
    import xlsxwriter

    book = xlsxwriter.Workbook(path, {"constant_memory": True})
    ws = book.add_worksheet("S")
    for r, row in enumerate(rows):
        ws.write_row(r, 0, row)
    book.close()


def write_xls(path: str, rows: list[list[Any]]) -> bool:
    try:
        import xlwt  # type: ignore[import-not-found]
    except ImportError:
        return False
    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet("S")
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            ws.write(r, c, v)
    book.save(path)
    return True


# -- the two sides ---------------------------------------------------------------------------------


def lib_cells(path: str) -> tuple[int, Decimal]:
    (sheet,) = read_sheets(path)
    return len(sheet.rows), sum((r[0] for r in sheet.rows), Decimal(0))  # type: ignore[misc]


def base_cells(path: str) -> tuple[int, Decimal]:
    import python_calamine

    data = python_calamine.CalamineWorkbook.from_path(path).get_sheet_by_index(0).to_python()
    d, big = Decimal, 1e15
    rows = [
        [
            (
                d(int(x))
                if x.is_integer() and -big < x < big
                else d(t)
                if len(t := repr(x)) < 17 and "e" not in t
                else d(format(x, ".15g"))
            )
            if x.__class__ is float
            else d(x)
            for x in row
        ]
        for row in data
    ]
    return len(rows), sum((r[0] for r in rows), Decimal(0))


def same_cells(path: str) -> None:
    """Stop unless both sides read every cell to the same Decimal (checked once, untimed)."""
    import python_calamine

    (sheet,) = read_sheets(path)
    data = python_calamine.CalamineWorkbook.from_path(path).get_sheet_by_index(0).to_python()
    for r, (ours, raw) in enumerate(zip(sheet.rows, data, strict=True)):
        theirs = [Decimal(format(x, ".15g")) for x in raw]
        if ours != theirs:
            raise SystemExit(f"row {r}: the sides read different numbers")


def lib_returns(path: str) -> tuple[int, object]:
    rets = list(wr.read_returns(path, form=FORM))
    return len(rets), sum(r.values["05A"] for r in rets)  # type: ignore[misc]


def base_returns(path: str) -> tuple[int, object]:
    import python_calamine

    data = python_calamine.CalamineWorkbook.from_path(path).get_sheet_by_index(0).to_python()
    codes = data[0][1:]
    d, big = Decimal, 1e15
    out = []
    for row in data[1:]:
        values: dict[str, object] = {}
        for code, x in zip(codes, row[1:], strict=True):
            if x.__class__ is float:
                values[code] = (
                    d(int(x))
                    if x.is_integer() and -big < x < big
                    else d(t)
                    if len(t := repr(x)) < 17 and "e" not in t
                    else d(format(x, ".15g"))
                )
            elif x.__class__ is int:  # .xls keeps some whole numbers as integers
                values[code] = d(x)
            elif x == "":
                values[code] = None
            else:
                values[code] = x == "是"
        out.append(values)
    return len(out), sum(v["05A"] for v in out)  # type: ignore[misc]


def lib_annotate(path: str, out: str) -> int:
    book = Book(path)
    found, rets = itertools.tee(
        iter_workbook(path, os.path.basename(path), wr.get_form(FORM), book=book)
    )
    reports = wr.validate_many(f.ret for f in rets)
    return sum(len(r.findings) for r in annotate(path, found, reports, out, book=book))


def base_copy(path: str, out: str) -> int:
    import python_calamine
    import xlsxwriter

    data = python_calamine.CalamineWorkbook.from_path(path).get_sheet_by_index(0).to_python()
    book = xlsxwriter.Workbook(out, {"constant_memory": True})
    ws = book.add_worksheet("S")
    for r, row in enumerate(data):
        ws.write_row(r, 0, row)
    book.add_worksheet("findings")
    book.close()
    return len(data)


def child(args: argparse.Namespace) -> int:
    """One side of the memory figures on the file at ``--path`` (written by the parent)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "out.xlsx")
        if args.child == "library":
            lib_annotate(args.path, out)
        elif args.child == "baseline":
            base_copy(args.path, out)
        else:  # calamine alone: the sheet loaded, nothing converted
            import python_calamine

            sheet = python_calamine.CalamineWorkbook.from_path(args.path).get_sheet_by_index(0)
            assert sheet.height > 0
    h.report_child_memory()
    return 0


def memory(args: argparse.Namespace, tmp: str) -> list[str]:
    sizes = [int(x) for x in args.memory_sizes.split(",")] if args.memory_sizes else []
    sizes = sizes or [max(args.n // 10, 1), args.n, args.n * 10]
    sides = (
        ("library", "library: check + `--annotate`"),
        ("baseline", "baseline: calamine `to_python` + xlsxwriter copy"),
        ("calamine", "calamine alone: the sheet loaded (the input)"),
    )
    peaks: dict[str, list[str]] = {side: [] for side, _ in sides}
    for size in sizes:
        path = os.path.join(tmp, f"m{size}.xlsx")
        write_xlsx(path, returns_rows(size, args.seed))
        for side, _ in sides:
            peak = h.peak_kib(__file__, ["--child", side, "--path", path])
            peaks[side].append(h.mib(peak))
        os.remove(path)
    head = " | ".join(f"{size:,} rows" for size in sizes)
    lines = [
        "",
        "Peak resident memory (`VmHWM`) of fresh processes on a wide .xlsx sheet of "
        "wuhan-2015:center (unit + 85 items):",
        "",
        f"| side | {head} |",
        "|---|" + "---|" * len(sizes),
    ]
    lines += [f"| {label} | " + " | ".join(peaks[side]) + " |" for side, label in sides]
    return lines


def _calamine_alone(path: str, runs: int) -> list[float]:
    """Seconds of python-calamine loading the sheet as Python values, nothing converted: the
    floor under any reader built on it."""
    import python_calamine

    times = []
    for _ in range(runs):
        start = time.perf_counter()
        python_calamine.CalamineWorkbook.from_path(path).get_sheet_by_index(0).to_python()
        times.append(time.perf_counter() - start)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    h.add_common(parser, 10_000)
    parser.add_argument(
        "--memory-sizes", default="", help="rows of the memory runs, comma-separated"
    )
    args = parser.parse_args(argv)
    if args.child:
        return child(args)
    n = args.n
    lines = h.header(argv if argv is not None else sys.argv[1:])
    rows_table: list[tuple[str, h.Pairs]] = []
    alone: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        numbers, returns = numbers_sheet(n, args.seed), returns_sheet(n, args.seed)
        for ext in ("xlsx", "xls"):
            a, b = os.path.join(tmp, f"a.{ext}"), os.path.join(tmp, f"b.{ext}")
            if ext == "xlsx":
                write_xlsx(a, numbers)
                write_xlsx(b, returns)
            elif not (write_xls(a, numbers) and write_xls(b, returns)):
                lines.append("(.xls skipped: xlwt is not installed.)")
                continue
            same_cells(a)
            alone[ext] = _calamine_alone(a, args.pairs)
            rows_table.append(
                (
                    f"(a) {n:,} × {WIDTH} cells, .{ext}",
                    h.interleaved(lambda a=a: lib_cells(a), lambda a=a: base_cells(a), args.pairs),
                )
            )
            rows_table.append(
                (
                    f"(b) {n:,} returns × 85 items, .{ext}",
                    h.interleaved(
                        lambda b=b: lib_returns(b), lambda b=b: base_returns(b), args.pairs
                    ),
                )
            )
        b = os.path.join(tmp, "b.xlsx")
        out = os.path.join(tmp, "out.xlsx")
        findings = lib_annotate(b, out)
        rows_table.append(
            (
                f"(c) check + `--annotate` of {n:,} returns ({findings:,} findings), .xlsx",
                h.interleaved(
                    lambda: lib_annotate(b, out) > 0,
                    lambda: base_copy(b, out + ".base.xlsx") > 0,
                    args.pairs,
                ),
            )
        )
    lines += ["", *h.pairs_table(rows_table, n, "row")]
    whole = ["", "Whole runs, seconds (median):", ""]
    whole += [f"- {label}: {p.library.median:.2f} s" for label, p in rows_table]
    lines += whole
    lines += ["", "Targets (issue 12): (a) ≤ 1 s for each format; (c) ≤ 10 s, memory flat."]
    lines += [
        "",
        f"python-calamine alone, the {n:,} × {WIDTH} sheet loaded as Python values "
        "(`CalamineWorkbook.from_path(…).get_sheet_by_index(0).to_python()`, floats, no "
        "conversion), seconds, median (min–max) of the same number of runs:",
        "",
    ]
    lines += [
        f"- .{ext}: {statistics.median(t):.2f} s ({min(t):.2f}–{max(t):.2f})"
        for ext, t in alone.items()
    ]
    if not args.no_memory:
        with tempfile.TemporaryDirectory() as tmp:
            lines += memory(args, tmp)
    h.finish(HEADING, lines, args.no_write)
    return 0


if __name__ == "__main__":
    sys.exit(main())
