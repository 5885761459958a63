"""Benchmark: the columnar engine on a wide CSV of wuhan-2015:center returns.

    nice -n 10 python benchmarks/bench_columnar.py                 # 100,000 and 1,000,000
    python benchmarks/bench_columnar.py --n 2000 --no-write --sizes 2000

The returns are bench_validate's (seeded strings, about 10 % with one item broken or blank),
written once as a wide CSV (``unit,01A,…``). Each side reads the file with ``polars.read_csv``
(every column as text) and checks every return:

* library: ``wr.validate_frame`` (rules compiled from the form's AST to polars expressions);
* hand-written polars: the same 46 rules and 85 unit checks written out by hand below (not
  generated from the form), parsing counts to Int64 and 万元 to Int64 millionths exactly, blanks
  not evaluated, giving the same per-return error and warning counts and failed rule ids;
* pandera (``pandera.polars``): the same unit checks and rules as column and frame checks, lazy
  validation collecting the failure cases (pandera has no "not evaluated": a check reading a blank
  is written to pass, so the comparison is of failure counts only);
* DuckDB: ``wr.form_sql`` over ``read_csv(all_varchar=true)``.

Both sides of a pair must give the same totals (returns with errors, error and warning findings).
"""

from __future__ import annotations

import argparse
import functools
import os
import sys
import tempfile
import time
from typing import Any

import polars as pl

import _harness as h
import bench_validate as bv
import wennuan_rules as wr

FORM = "wuhan-2015:center"
HEADING = "## Columnar engine and SQL: `benchmarks/bench_columnar.py`"
P = FORM + "/"

# -- the hand-written polars checker ---------------------------------------------------------------

# the rules of 武工办〔2014〕74号 附件2, written out: (kind, total, parts, severity);
# le: Σ parts <= total, sum: total = Σ parts, paired: total > 0 <-> part > 0
_PAIRS9 = [("09" + a, "09" + b) for a, b in zip("ACEGIKMOQS", "BDFHJLNPRT", strict=True)]
_PAIRS10 = [("10" + a, "10" + b) for a, b in zip("ACEGIKMOQS", "BDFHJLNPRT", strict=True)]
RULES: list[tuple[str, str, tuple[str, ...], str, str]] = [
    ("le", "01A", ("01B", "01C", "01D"), "E", "01B+01C+01D<=01A"),
    ("sum", "01A", ("01B", "01C", "01D"), "W", "01A=sum"),
    ("le", "02A", ("02B", "02C", "02D"), "E", "02B+02C+02D<=02A"),
    ("sum", "02A", ("02B", "02C", "02D"), "W", "02A=sum"),
    ("le", "04D", ("04E",), "E", "04E<=04D"),
    ("le", "04D", ("04F",), "E", "04F<=04D"),
    ("le", "05A", ("05B", "05C", "05D", "05E", "05F"), "E", "05B+05C+05D+05E+05F<=05A"),
    ("sum", "05A", ("05B", "05C", "05D", "05E", "05F"), "W", "05A=sum"),
    ("le", "07A", ("07C",), "E", "07C<=07A"),
    ("le", "01C", ("07A",), "W", "07A<=01C"),
    ("paired", "07A", ("07B",), "W", "07A~07B"),
    ("le", "08A", ("08C",), "E", "08C<=08A"),
    ("le", "01D", ("08A",), "W", "08A<=01D"),
    ("paired", "08A", ("08B",), "W", "08A~08B"),
]
for _line, _pairs in (("09", _PAIRS9), ("10", _PAIRS10)):
    _persons = tuple(a for a, _ in _pairs[1:])
    _money = tuple(b for _, b in _pairs[1:])
    RULES += [
        ("le", _line + "A", _persons, "E", "+".join(_persons) + f"<={_line}A"),
        ("sum", _line + "A", _persons, "W", f"{_line}A=sum"),
        ("le", _line + "B", _money, "E", "+".join(_money) + f"<={_line}B"),
        ("sum", _line + "B", _money, "W", f"{_line}B=sum"),
    ]
    RULES += [("paired", a, (b,), "W", f"{a}~{b}") for a, b in _pairs]
RULES += [
    ("le", "09A", ("10A",), "W", "10A<=09A"),
    ("le", "09B", ("10B",), "W", "10B<=09B"),
    ("le", "11A", ("11B", "11C"), "E", "11B+11C<=11A"),
    ("sum", "11A", ("11B", "11C"), "W", "11A=sum"),
]


def _item(code: str, kind: str) -> tuple[pl.Expr, pl.Expr]:
    """(value or null, unit check failed) of one text column."""
    s = pl.col(code).str.strip_chars()
    blank = s.is_null() | (s == "")
    if kind == "Y":
        bad = ~blank & ~s.is_in(["是", "否"])
        return pl.lit(None, pl.Int64), bad
    if kind == "C":
        v = s.str.to_integer(strict=False)
        bad = ~blank & (v.is_null() | (v < 0))
        return pl.when(~bad).then(v), bad
    parts = s.str.split_exact(".", 1)
    whole, frac = parts.struct.field("field_0"), parts.struct.field("field_1").fill_null("")
    frac = frac.str.strip_chars_end("0")
    ok = s.str.contains(r"^[0-9]*\.?[0-9]*$") & (frac.str.len_bytes() <= 6)
    v = pl.concat_str([pl.lit("0"), whole, frac.str.pad_end(6, "0")]).cast(pl.Int64, strict=False)
    bad = ~blank & ~(ok & v.is_not_null())
    return pl.when(~bad).then(v), bad


def hand_polars(path: str) -> tuple[int, int, int]:
    df = pl.read_csv(path, infer_schema=False)
    cols: list[pl.Expr] = []
    for code, kind in bv.ITEMS:
        v, bad = _item(code, kind)
        cols += [v.alias("v" + code), bad.alias("u" + code)]
    df = df.lazy().with_columns(cols)
    fails: list[tuple[pl.Expr, str, str]] = []
    for kind, total, parts, sev, name in RULES:
        t = pl.col("v" + total)
        if kind == "paired":
            f = (t > 0) != (pl.col("v" + parts[0]) > 0)
        else:
            s = pl.col("v" + parts[0])
            for p in parts[1:]:
                s = s + pl.col("v" + p)
            f = s > t if kind == "le" else s != t
        fails.append((f.fill_null(False), sev, P + name))
    unit_bad = [pl.col("u" + code) for code, _ in bv.ITEMS]
    errors = pl.sum_horizontal([f for f, sev, _ in fails if sev == "E"] + unit_bad)
    warnings = pl.sum_horizontal([f for f, sev, _ in fails if sev == "W"])
    failed = pl.concat_list(
        [pl.when(f).then(pl.lit(rid)) for f, _, rid in fails]
        + [
            pl.when(u).then(pl.lit(P + code + ":unit"))
            for u, (code, _) in zip(unit_bad, bv.ITEMS, strict=True)
        ]
    ).list.drop_nulls()
    out = df.select(
        "unit",
        (errors == 0).alias("ok"),
        errors.alias("errors"),
        warnings.alias("warnings"),
        failed.alias("failed"),
    ).collect()
    return _totals(out)


def _totals(out: pl.DataFrame) -> tuple[int, int, int]:
    return (
        int((~out.get_column("ok")).sum()),
        int(out.get_column("errors").sum()),
        int(out.get_column("warnings").sum()),
    )


# -- the library, pandera, DuckDB ------------------------------------------------------------------


def library(path: str) -> tuple[int, int, int]:
    frame = pl.read_csv(path, infer_schema=False)
    return _totals(wr.validate_frame(frame, FORM).returns)


def pandera_schema() -> Any:
    import pandera.polars as pa

    def value(code: str, kind: str) -> pl.Expr:
        return _item(code, kind)[0]

    kinds = dict(bv.ITEMS)
    columns = {}
    for code, kind in bv.ITEMS:

        def unit_ok(data: Any, code: str = code, kind: str = kind) -> pl.LazyFrame:
            return data.lazyframe.select(~_item(code, kind)[1])

        columns[code] = pa.Column(str, nullable=True, checks=[pa.Check(unit_ok, name=code)])
    checks = []
    for kind, total, parts, _sev, name in RULES:

        def rule(data: Any, kind: str = kind, total: str = total, parts: tuple = parts) -> Any:
            t = value(total, kinds[total])
            if kind == "paired":
                f = (t > 0) != (value(parts[0], kinds[parts[0]]) > 0)
            else:
                s = sum((value(p, kinds[p]) for p in parts[1:]), value(parts[0], kinds[parts[0]]))
                f = s > t if kind == "le" else s != t
            return data.lazyframe.select(~f.fill_null(False))

        checks.append(pa.Check(rule, name=name))
    return pa.DataFrameSchema(columns, checks=checks)


def pandera_check(path: str, schema: Any) -> int:
    import pandera.errors as pe

    frame = pl.read_csv(path, infer_schema=False)
    try:
        schema.validate(frame, lazy=True)
    except pe.SchemaErrors as exc:
        return len(exc.failure_cases)
    return 0


def library_failures(path: str) -> int:
    frame = pl.read_csv(path, infer_schema=False)
    return int(wr.validate_frame(frame, FORM).returns.get_column("failed").list.len().sum())


def duckdb_run(path: str) -> tuple[int, int, int]:
    import duckdb

    con = duckdb.connect()
    con.execute(f"CREATE VIEW returns AS SELECT * FROM read_csv('{path}', all_varchar=true)")
    query = wr.form_sql(FORM)
    ((bad, errors, warnings),) = con.execute(
        f"SELECT SUM(CASE WHEN ok THEN 0 ELSE 1 END), SUM(errors), SUM(warnings) FROM ({query})"
    ).fetchall()
    return int(bad), int(errors), int(warnings)


def _time(fn: Any, repeat: int) -> h.Spread:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return h.Spread.of(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    h.add_common(parser, 100_000)
    parser.add_argument(
        "--sizes", default="100000,1000000", help="returns per run, comma separated"
    )
    parser.add_argument("--pandera-max", type=int, default=100_000, help="largest pandera size")
    args = parser.parse_args(argv)
    sizes = [int(x) for x in args.sizes.split(",")]
    lines = h.header(sys.argv[1:] if argv is None else argv)
    rows: list[tuple[str, h.Pairs]] = []
    extra: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            path = os.path.join(tmp, f"returns-{n}.csv")
            bv.write_csv(bv.make_pool(n, args.seed), path)
            run = functools.partial
            pairs = h.interleaved(run(library, path), run(hand_polars, path), args.pairs)
            rows.append((f"{n:,} returns: `validate_frame` vs hand-written polars", pairs))
            if n <= args.pandera_max:
                schema = pandera_schema()
                pairs = h.interleaved(
                    run(library_failures, path), run(pandera_check, path, schema), args.pairs
                )
                rows.append((f"{n:,} returns: `validate_frame` vs pandera (failure cases)", pairs))
            duck = _time(run(duckdb_run, path), args.pairs)
            assert duckdb_run(path) == library(path), "DuckDB and the library disagree"
            extra.append(
                f"- DuckDB `form_sql` over `read_csv(all_varchar=true)`, {n:,} returns: "
                f"{duck.median:.2f} s median ({duck.low:.2f}–{duck.high:.2f}), "
                f"{duck.median / n * 1e6:.2f} µs per return, {args.pairs} runs."
            )
    lines += [
        "",
        "| work | library, s | other side, s | ratio (per pair) | pairs |",
        "|---|---|---|---|---|",
    ]
    for label, p in rows:
        lib, base = p.library, p.baseline
        lines.append(
            f"| {label} | {lib.median:.2f} ({lib.low:.2f}–{lib.high:.2f}) | "
            f"{base.median:.2f} ({base.low:.2f}–{base.high:.2f}) | {p.ratio.ratio()} | {p.pairs} |"
        )
    lines += ["", "Seconds per run, the whole file: read_csv plus checking; median (min–max).", ""]
    lines += extra
    h.finish(HEADING, lines, args.no_write)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
