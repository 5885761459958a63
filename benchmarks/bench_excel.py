"""Benchmark: reading Excel workbooks (.xlsx, .xls) and writing the marked-up copy.

    python benchmarks/bench_excel.py                  # 10,000 rows, writes docs/performance.md
    python benchmarks/bench_excel.py --n 500 --no-write

Works (interleaved pairs against the fastest hand-written code I know for the same job):

(a) the cells of a 10,000 × 90 sheet of numbers: ``_io.excel.read_sheets`` (calamine, every float
    to a Decimal at 15 significant digits, lost-digit check) against calamine's ``to_python`` and
    ``Decimal(format(x, ".15g"))`` per cell in a list comprehension;
(b) returns from a wide sheet of wuhan-2015:center (unit + 85 line items, 10,000 rows):
    ``wr.read_returns`` against the same comprehension building one dict per row;
(c) ``check FILE.xlsx --annotate OUT.xlsx`` in Python (read, validate, write the copy with marks,
    comments and the 审核结果 sheet; about 10 % of rows have one broken item) against reading with
    calamine and copying every value with xlsxwriter in constant memory (no checks, no marks).

(a) and (b) run on .xlsx (written by xlsxwriter) and .xls (written by xlwt when it is installed;
not a dependency). Memory: peak resident set (``VmHWM``) of fresh processes doing (c) for n/4 and
n rows.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
from decimal import Decimal
from typing import Any

import _harness as h
import wennuan_rules as wr
from wennuan_rules._io.excel import read_sheets
from wennuan_rules.cli.check import sample_path
from wennuan_rules.excel.annotate import write_annotated
from wennuan_rules.form.workbook import read_workbook

FORM = "wuhan-2015:center"
HEADING = "## Excel workbooks: `benchmarks/bench_excel.py`"
WIDTH = 90


def numbers_sheet(n: int, seed: int) -> list[list[Any]]:
    rnd = random.Random(seed)
    return [[rnd.randrange(10**6) / 100 for _ in range(WIDTH)] for _ in range(n)]


def returns_sheet(n: int, seed: int) -> list[list[Any]]:
    rnd = random.Random(seed)
    form = wr.get_form(FORM)
    sample = next(wr.read_returns(sample_path(FORM))).values
    codes = form.codes
    rows: list[list[Any]] = [["unit", *codes]]
    for i in range(n):
        row: list[Any] = [f"unit {i}"]
        for code in codes:
            v = sample.get(code)
            row.append("是" if v is True else "否" if v is False else float(v))  # type: ignore[arg-type]
        if rnd.random() < 0.1:
            k = 1 + rnd.randrange(len(codes))
            if isinstance(row[k], float):
                row[k] += 1
        rows.append(row)
    return rows


def write_xlsx(path: str, rows: list[list[Any]]) -> None:
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
    rows = [[Decimal(format(x, ".15g")) for x in row] for row in data]
    return len(rows), sum((r[0] for r in rows), Decimal(0))


def lib_returns(path: str) -> tuple[int, object]:
    rets = list(wr.read_returns(path, form=FORM))
    return len(rets), sum(r.values["05A"] for r in rets)  # type: ignore[misc]


def base_returns(path: str) -> tuple[int, object]:
    import python_calamine

    data = python_calamine.CalamineWorkbook.from_path(path).get_sheet_by_index(0).to_python()
    codes = data[0][1:]
    out = []
    for row in data[1:]:
        values: dict[str, object] = {}
        for code, x in zip(codes, row[1:], strict=True):
            if x.__class__ is float:
                values[code] = Decimal(format(x, ".15g"))
            elif x == "":
                values[code] = None
            else:
                values[code] = x == "是"
        out.append(values)
    return len(out), sum(v["05A"] for v in out)  # type: ignore[misc]


def lib_annotate(path: str, out: str) -> int:
    found = read_workbook(path, os.path.basename(path), wr.get_form(FORM))
    reports = list(wr.validate_many(f.ret for f in found))
    return write_annotated(path, found, reports, out)


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
    rows = returns_sheet(args.n, args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "r.xlsx")
        write_xlsx(path, rows)
        del rows
        lib_annotate(path, os.path.join(tmp, "out.xlsx"))
    h.report_child_memory()
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    h.add_common(parser, 10_000)
    args = parser.parse_args(argv)
    if args.child:
        return child(args)
    n = args.n
    lines = h.header(argv if argv is not None else sys.argv[1:])
    rows_table: list[tuple[str, h.Pairs]] = []
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
    if not args.no_memory:
        small = h.peak_kib(__file__, ["--child", "1", "--n", str(n // 4)])
        big = h.peak_kib(__file__, ["--child", "1", "--n", str(n)])
        lines += [
            "",
            f"Peak memory of (c), fresh processes: {h.mib(small)} for {n // 4:,} rows, "
            f"{h.mib(big)} for {n:,} rows.",
        ]
    h.finish(HEADING, lines, args.no_write)
    return 0


if __name__ == "__main__":
    sys.exit(main())
