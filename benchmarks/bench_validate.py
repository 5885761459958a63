"""Benchmark: validating returns of wuhan-2015:center, library against a hand-written checker.

    python benchmarks/bench_validate.py              # 100,000 returns, writes docs/performance.md
    python benchmarks/bench_validate.py --n 10000 --no-write

100,000 returns of ``wuhan-2015:center`` (85 line items, 46 rules: le, sum, paired, plus a unit
check per item) are generated once with a seeded ``random.Random`` (not Hypothesis), 10 % of them
with one item broken, by the generator behind ``wennuan_rules.strategies.returns``. They are
validated

(a) from Python dicts (code → Decimal / bool): ``wr.forms.validate_many`` against ``check_values``,
    a hand-written straight-line checker of the same 46 rules and 85 unit checks;
(b) from a wide CSV file (``unit,01A,…``, one return per row) written to a temporary file:
    ``read_returns`` + ``validate_many`` against ``csv.reader`` + hand parsing + ``check_values``.

Before timing, the checker must find exactly the same failing rule ids as the library on the first
1,000 returns of each path (else the script stops). Times are the best of 3 runs. Memory is the
peak resident set (``VmHWM``) of a fresh process streaming the first 10,000 and all 100,000
rows of the CSV file through one side: it must not grow with the number of returns.
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import datetime as dt
import gc
import itertools
import operator
import os
import platform
import pstats
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import Decimal, InvalidOperation
from pathlib import Path

from wennuan_rules.form import Return, get_form, read_returns, validate_many

FORM = "wuhan-2015:center"
ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "performance.md"
HEADING = "## Validating returns"
CHECKED = 1000

# -- the hand-written checker ----------------------------------------------------------------------

P = FORM + "/"
MICRO = Decimal("0.000001")
ZERO = Decimal(0)
# units as printed on 武工办〔2014〕74号 附件2 (个 人 人次 户 件 are counts)
COUNTS = (
    "01A", "01B", "01C", "01D", "02A", "02B", "02C", "02D", "03A",
    "04A", "04B", "04C", "04D", "04E", "04F", "07A", "07C", "08A", "08C",
    "09A", "09C", "09E", "09G", "09I", "09K", "09M", "09O", "09Q", "09S", "09U",
    "10A", "10C", "10E", "10G", "10I", "10K", "10M", "10O", "10Q", "10S",
    "11A", "11B", "11C", "12A", "12B", "14A", "14B", "14C", "14D", "14E", "14F", "14G",
)  # fmt: skip
AMOUNTS = (
    "05A", "05B", "05C", "05D", "05E", "05F", "06A", "07B", "08B",
    "09B", "09D", "09F", "09H", "09J", "09L", "09N", "09P", "09R", "09T",
    "10B", "10D", "10F", "10H", "10J", "10L", "10N", "10P", "10R", "10T",
    "12C", "13A", "13B",
)  # fmt: skip
YES_NO = ("06B",)


# lines 09 and 10 share one layout: persons A, C, E … S and amounts B, D, F … T; A = C + E + … + S,
# B = D + F + … + T, and each person-times item paired with the amount beside it
_COUNT_LETTERS, _AMOUNT_LETTERS = "ACEGIKMOQS", "BDFHJLNPRT"
_HELP_LINES = {
    line: (
        operator.itemgetter(*(line + x for x in _COUNT_LETTERS)),
        operator.itemgetter(*(line + x for x in _AMOUNT_LETTERS)),
        P + "+".join(line + x for x in _COUNT_LETTERS[1:]) + f"<={line}A",
        P + f"{line}A=sum",
        P + "+".join(line + x for x in _AMOUNT_LETTERS[1:]) + f"<={line}B",
        P + f"{line}B=sum",
        tuple(
            f"{P}{line}{x}~{line}{y}" for x, y in zip(_COUNT_LETTERS, _AMOUNT_LETTERS, strict=True)
        ),
    )
    for line in ("09", "10")
}


def _help_lines(
    v: Mapping[str, Decimal | None], line: str, fails: list[str]
) -> tuple[Decimal | None, Decimal | None]:
    """The rules of line 09 or 10 (help to workers in hardship / to migrant workers), appended to
    ``fails``; returns the totals (A, B) of that line."""
    counts, amounts, le_a, sum_a, le_b, sum_b, pair = _HELP_LINES[line]
    a, c, e, g, i, k, m, o, q, s = counts(v)
    if (
        a is not None and c is not None and e is not None and g is not None and i is not None
        and k is not None and m is not None and o is not None and q is not None and s is not None
    ):  # fmt: skip
        t = c + e + g + i + k + m + o + q + s
        if t > a:
            fails.append(le_a)
        if a != t:
            fails.append(sum_a)
    b, d, f, h, j, l, n, p, r, u = amounts(v)  # noqa: E741
    if (
        b is not None and d is not None and f is not None and h is not None and j is not None
        and l is not None and n is not None and p is not None and r is not None and u is not None
    ):  # fmt: skip
        t = d + f + h + j + l + n + p + r + u
        if t > b:
            fails.append(le_b)
        if b != t:
            fails.append(sum_b)
    if a is not None and b is not None and (a == ZERO) != (b == ZERO):
        fails.append(pair[0])
    if c is not None and d is not None and (c == ZERO) != (d == ZERO):
        fails.append(pair[1])
    if e is not None and f is not None and (e == ZERO) != (f == ZERO):
        fails.append(pair[2])
    if g is not None and h is not None and (g == ZERO) != (h == ZERO):
        fails.append(pair[3])
    if i is not None and j is not None and (i == ZERO) != (j == ZERO):
        fails.append(pair[4])
    if k is not None and l is not None and (k == ZERO) != (l == ZERO):
        fails.append(pair[5])
    if m is not None and n is not None and (m == ZERO) != (n == ZERO):
        fails.append(pair[6])
    if o is not None and p is not None and (o == ZERO) != (p == ZERO):
        fails.append(pair[7])
    if q is not None and r is not None and (q == ZERO) != (r == ZERO):
        fails.append(pair[8])
    if s is not None and u is not None and (s == ZERO) != (u == ZERO):
        fails.append(pair[9])
    return a, b


def check_values(raw: Mapping[str, object]) -> list[str]:
    """The failing rule ids of one return of wuhan-2015:center, written out by hand.

    A value is Decimal, bool or None (not reported). An item failing its unit check, or not
    reported, leaves the rules reading it not evaluated.
    """
    fails: list[str] = []
    v: dict[str, Decimal | None] = {}
    for code in COUNTS:
        x = raw.get(code)
        if x is not None and (
            x.__class__ is not Decimal or x < ZERO or x != x.to_integral_value()  # type: ignore[attr-defined,operator]
        ):
            fails.append(P + code + ":unit")
            x = None
        v[code] = x  # type: ignore[assignment]
    for code in AMOUNTS:
        x = raw.get(code)
        if x is not None and (
            x.__class__ is not Decimal or x < ZERO or x != x.quantize(MICRO)  # type: ignore[attr-defined,operator]
        ):
            fails.append(P + code + ":unit")
            x = None
        v[code] = x  # type: ignore[assignment]
    x = raw.get("06B")
    if x is not None and x.__class__ is not bool:
        fails.append(P + "06B:unit")

    # 01, 02: levels of the centres and of their staff
    a, b, c, d = v["01A"], v["01B"], v["01C"], v["01D"]
    if a is not None and b is not None and c is not None and d is not None:
        if b + c + d > a:
            fails.append(P + "01B+01C+01D<=01A")
        if a != b + c + d:
            fails.append(P + "01A=sum")
    a, b, c, d = v["02A"], v["02B"], v["02C"], v["02D"]
    if a is not None and b is not None and c is not None and d is not None:
        if b + c + d > a:
            fails.append(P + "02B+02C+02D<=02A")
        if a != b + c + d:
            fails.append(P + "02A=sum")
    # 04: enterprise assistance points
    d, e, f = v["04D"], v["04E"], v["04F"]
    if d is not None and e is not None and e > d:
        fails.append(P + "04E<=04D")
    if d is not None and f is not None and f > d:
        fails.append(P + "04F<=04D")
    # 05: funds by source
    a, b, c, d, e, f = v["05A"], v["05B"], v["05C"], v["05D"], v["05E"], v["05F"]
    if (
        a is not None
        and b is not None
        and c is not None
        and d is not None
        and e is not None
        and f is not None
    ):
        if b + c + d + e + f > a:
            fails.append(P + "05B+05C+05D+05E+05F<=05A")
        if a != b + c + d + e + f:
            fails.append(P + "05A=sum")
    # 07, 08: governments with a dedicated fund
    a, b, c = v["07A"], v["07B"], v["07C"]
    if a is not None and c is not None and c > a:
        fails.append(P + "07C<=07A")
    x1 = v["01C"]
    if a is not None and x1 is not None and a > x1:
        fails.append(P + "07A<=01C")
    if a is not None and b is not None and (a == ZERO) != (b == ZERO):
        fails.append(P + "07A~07B")
    a, b, c = v["08A"], v["08B"], v["08C"]
    if a is not None and c is not None and c > a:
        fails.append(P + "08C<=08A")
    x1 = v["01D"]
    if a is not None and x1 is not None and a > x1:
        fails.append(P + "08A<=01D")
    if a is not None and b is not None and (a == ZERO) != (b == ZERO):
        fails.append(P + "08A~08B")
    # 09: help to workers in hardship, person-times (A, C E … S) and amounts (B, D F … T);
    # 10: help to migrant workers, same layout
    a9, b9 = _help_lines(v, "09", fails)
    a, b = _help_lines(v, "10", fails)
    if a is not None and a9 is not None and a > a9:
        fails.append(P + "10A<=09A")
    if b is not None and b9 is not None and b > b9:
        fails.append(P + "10B<=09B")
    # 11: services
    a, b, c = v["11A"], v["11B"], v["11C"]
    if a is not None and b is not None and c is not None:
        if b + c > a:
            fails.append(P + "11B+11C<=11A")
        if a != b + c:
            fails.append(P + "11A=sum")
    return fails


YES = {"是": True, "否": False}


def parse_row(header: list[str], row: list[str]) -> tuple[str, dict[str, Decimal | bool | None]]:
    """One wide CSV row by hand: "" is not reported, 是/否 for 06B, else an exact Decimal."""
    values: dict[str, Decimal | bool | None] = {}
    for code, cell in zip(header[1:], row[1:], strict=True):
        if not cell:
            values[code] = None
        elif cell in YES:
            values[code] = YES[cell]
        else:
            try:
                values[code] = Decimal(cell)
            except InvalidOperation:
                raise SystemExit(f"not a number: {code}={cell!r}") from None
    return row[0], values


def baseline_csv(path: str) -> Iterator[list[str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        for row in reader:
            _, values = parse_row(header, row)
            yield check_values(values)


# -- data ------------------------------------------------------------------------------------------


def cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    assert isinstance(value, Decimal)
    return format(value, "f")


def write_csv(pool: list[Return], path: str) -> None:
    codes = get_form(FORM).codes
    with open(path, "w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["unit", *codes])
        for r in pool:
            out.writerow([r.unit or "", *(cell(r.values.get(c)) for c in codes)])


# -- measuring -------------------------------------------------------------------------------------


def library_dicts(pool: Iterable[Return]) -> int:
    bad = 0
    for report in validate_many((FORM, r.values, r.unit) for r in pool):
        if report.findings:
            bad += 1
    return bad


def baseline_dicts(pool: Iterable[Return]) -> int:
    bad = 0
    for r in pool:
        if check_values(r.values):
            bad += 1
    return bad


def library_csv(path: str, n: int | None = None) -> int:
    bad = 0
    for report in validate_many(itertools.islice(read_returns(path, form=FORM), n)):
        if report.findings:
            bad += 1
    return bad


def baseline_csv_count(path: str, n: int | None = None) -> int:
    bad = 0
    for fails in itertools.islice(baseline_csv(path), n):
        if fails:
            bad += 1
    return bad


def best_of(
    runs: int, library: Callable[[], int], baseline: Callable[[], int]
) -> tuple[tuple[float, float], tuple[float, float], int, int]:
    """Best (wall, CPU) times of ``runs`` alternating runs of both sides (so both see the same
    load), and what each side found."""
    best = [[float("inf"), float("inf")], [float("inf"), float("inf")]]
    found = [0, 0]
    for _ in range(runs):
        for which, fn in ((0, library), (1, baseline)):
            gc.collect()
            wall, cpu = time.perf_counter(), time.process_time()
            found[which] = fn()
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            best[which] = [min(best[which][0], wall), min(best[which][1], cpu)]
    return (best[0][0], best[0][1]), (best[1][0], best[1][1]), found[0], found[1]


def stream_dicts(path: str) -> Iterator[tuple[str, dict[str, Decimal | bool | None]]]:
    """The CSV rows as dicts, parsed by hand (the same input for both sides of (a))."""
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        for row in reader:
            yield parse_row(header, row)


SIDES: dict[str, Callable[[str, int], int]] = {
    "library, dicts": lambda path, n: sum(
        1
        for report in validate_many(
            (FORM, values, unit) for unit, values in itertools.islice(stream_dicts(path), n)
        )
        if report.findings
    ),
    "baseline, dicts": lambda path, n: sum(
        1 for _, values in itertools.islice(stream_dicts(path), n) if check_values(values)
    ),
    "library, CSV": lambda path, n: library_csv(path, n),
    "baseline, CSV": lambda path, n: baseline_csv_count(path, n),
}


def high_water_kib() -> int:
    """Peak resident memory of this process in KiB: ``VmHWM`` (Linux; ``ru_maxrss`` would also
    count the parent's memory at the fork), else ``ru_maxrss``."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def child(side: str, path: str, n: int) -> int:
    """Run one side in this (fresh) process and print its peak resident memory (KiB)."""
    found = SIDES[side](path, n)
    print(high_water_kib(), found)
    return 0


def peak_rss(side: str, path: str, n: int) -> int:
    """Peak resident memory (KiB) of a fresh process streaming ``n`` returns through ``side``."""
    out = subprocess.run(
        [sys.executable, __file__, "--child", side, "--path", path, "--n", str(n)],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(out.stdout.split()[0])


def profile(fn: Callable[[], int], top: int = 6) -> list[str]:
    """Where ``fn`` spends its time (cProfile, own time), as markdown table rows."""
    prof = cProfile.Profile()
    prof.enable()
    fn()
    prof.disable()
    stats = pstats.Stats(prof)
    total = stats.total_tt  # type: ignore[attr-defined]
    entries = sorted(stats.stats.items(), key=lambda kv: kv[1][2], reverse=True)  # type: ignore[attr-defined]
    rows = ["| function | calls | own time | with callees |", "|---|---|---|---|"]
    for (file, line, name), (_, calls, own, cumulative, _) in entries[:top]:
        where = file
        if file.startswith(str(ROOT)):
            where = os.path.relpath(file, ROOT)
        label = name if file == "~" else f"{where}:{line} {name}"
        rows.append(f"| `{label}` | {calls:,} | {own / total:.0%} | {cumulative / total:.0%} |")
    return rows


#: Printed under the profile when path (b) misses the target.
CSV_ADVICE = """\
Path (b) missed the 1.5× target in this run. The profile above shows where its time goes: reading
cells (`readers._wide`, `validate.parse_value`) or the compiled rules (`evaluate_exact`, the same
cost as in (a)). Re-run on a quiet machine before reading much into one run: both sides run
alternately, but a busy machine slows them unevenly."""


NOTES = """\
Notes. Path (b) costs more than (a) because every one of the 85 cells of a row is text to read.
`readers._wide` reads a row whose cells are all empty or plain ASCII numbers (`120`, `12.5`)
in one go and sends the other rows (full-width digits, thousands separators, 是/否) cell by
cell to `parse_value`; before that change this benchmark showed (b) at 1.6–2.1×. The library's
memory is flat; its fixed 12 MiB more than the baseline is the compilation of the form's rules
(`_compile`: the exact and the tolerant evaluators, over 3,000 generated lines), paid once per
form and process."""


def agree(pool: list[Return], path: str) -> None:
    """The checker and the library must find the same failing rule ids (first 1,000 returns)."""
    first = pool[:CHECKED]
    reports = validate_many((FORM, r.values, r.unit) for r in first)
    for k, (r, report) in enumerate(zip(first, reports, strict=True)):
        lib = sorted(f.rule for f in report.findings)
        mine = sorted(check_values(r.values))
        if lib != mine:
            raise SystemExit(f"return {k} (dict): library {lib} != baseline {mine}")
        expected = getattr(r, "expected_failures", frozenset())
        if getattr(r, "changed_item", None) and set(mine) != expected:
            raise SystemExit(f"return {k}: baseline {mine} != generator {sorted(expected)}")
    from_file = itertools.islice(read_returns(path, form=FORM), CHECKED)
    by_hand = itertools.islice(baseline_csv(path), CHECKED)
    for k, (report, mine) in enumerate(zip(validate_many(from_file), by_hand, strict=True)):
        lib = sorted(f.rule for f in report.findings)
        if lib != sorted(mine):
            raise SystemExit(f"row {k + 2} (csv): library {lib} != baseline {sorted(mine)}")


def mib(kib: int) -> str:
    return f"{kib / 1024:,.1f} MiB"


def write_doc(text: str) -> None:
    doc = DOC.read_text(encoding="utf-8") if DOC.exists() else "# Performance\n"
    block = f"{HEADING}\n\n{text.strip()}\n"
    pattern = re.compile(rf"^{re.escape(HEADING)}\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(doc):
        doc = pattern.sub(lambda _: block + "\n", doc, count=1).rstrip() + "\n"
    else:
        doc = doc.rstrip() + "\n\n" + block
    DOC.write_text(doc, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="returns to validate")
    parser.add_argument("--seed", type=int, default=2015)
    parser.add_argument("--invalid", type=float, default=0.1, help="share with one item broken")
    parser.add_argument("--repeat", type=int, default=3, help="runs per side (best is kept)")
    parser.add_argument("--no-write", action="store_true", help="do not update docs/performance.md")
    parser.add_argument("--child", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--path", default="", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return child(args.child, args.path, args.n)
    n = args.n
    small = max(1, n // 10)
    form = get_form(FORM)
    if (
        {i.code for i in form.items if i.is_count} != set(COUNTS)
        or {i.code for i in form.items if i.is_amount} != set(AMOUNTS)
        or {i.code for i in form.items if i.is_yes_no} != set(YES_NO)
    ):
        raise SystemExit(f"the hand-written unit lists no longer match {FORM}")

    # imported here, not at the top: the memory children do not load Hypothesis
    from wennuan_rules.strategies._forms import GeneratedReturn, _random_returns

    start = time.perf_counter()
    pool: list[GeneratedReturn] = list(
        _random_returns(FORM, n=n, seed=args.seed, invalid=args.invalid)
    )
    gen = time.perf_counter() - start
    broken = sum(1 for r in pool if r.changed_item is not None)
    print(f"generated {n:,} returns of {FORM} ({broken:,} with one item broken) in {gen:.1f} s")

    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "returns.csv")
        write_csv(pool, path)
        size = os.path.getsize(path)
        agree(pool, path)
        print(f"baseline and library agree on the failing rule ids of the first {CHECKED:,}")

        rows = []
        t_lib, t_base, bad_lib, bad_base = best_of(
            args.repeat, lambda: library_dicts(pool), lambda: baseline_dicts(pool)
        )
        if bad_lib != bad_base:
            raise SystemExit(f"dicts: library found {bad_lib}, baseline {bad_base}")
        rows.append(("(a) Python dicts", *t_lib, *t_base))
        t_lib_csv, t_base_csv, bad_lib_csv, bad_base_csv = best_of(
            args.repeat, lambda: library_csv(path), lambda: baseline_csv_count(path)
        )
        if bad_lib_csv != bad_base_csv:
            raise SystemExit(f"csv: library found {bad_lib_csv}, baseline {bad_base_csv}")
        rows.append(("(b) wide CSV file", *t_lib_csv, *t_base_csv))

        mem = {side: (peak_rss(side, path, small), peak_rss(side, path, n)) for side in SIDES}
        slow = any(min(wl / wb, cl / cb) > 1.5 for _, wl, cl, wb, cb in rows)
        hot = profile(lambda: library_csv(path, min(n, 10_000))) if slow else []

    lines = [
        f"Command: `python benchmarks/bench_validate.py --n {n}` (Python "
        f"{platform.python_version()}, {platform.machine()}, {os.cpu_count()} cores, "
        f"{dt.date.today().isoformat()}).",
        "",
        f"{n:,} generated returns of `{FORM}` (85 line items, 46 rules + 85 unit checks; "
        f"seed {args.seed}, {broken:,} with one item broken, {bad_lib:,} with findings) validated "
        f"by `validate_many` and by a hand-written straight-line checker of the same rules "
        f"(`check_values` in the script). Both find the same failing rule ids on the first "
        f"{CHECKED:,} returns of each path. Best of {args.repeat} alternating runs of each side; "
        f"the CSV file is "
        f"{size / 1e6:.1f} MB.",
        "",
        "| input | library (wall) | baseline (wall) | library returns/s | ratio, wall time "
        "(target ≤ 1.5×) | ratio, CPU time |",
        "|---|---|---|---|---|---|",
    ]
    for label, wl, cl, wb, cb in rows:
        lines.append(
            f"| {label} | {wl:.2f} s ({wl / n * 1e6:.1f} µs/return) | {wb:.2f} s "
            f"({wb / n * 1e6:.1f} µs/return) | {n / wl:,.0f} | {wl / wb:.2f}× | {cl / cb:.2f}× |"
        )
    lines += [
        "",
        f"Load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (other "
        "work on the machine slows either side unevenly; the CPU-time ratio is the steadier one).",
    ]
    lines += [
        "",
        f"Peak resident memory (`VmHWM`) of a fresh process streaming the first {small:,} "
        f"and all {n:,} rows of the CSV file through each side ((a): rows parsed by hand into "
        "dicts, then validated; the interpreter, the library and its imports included). "
        "tracemalloc is not used: it slows the compiled rule function a hundredfold (it looks up "
        "the line number of every allocation in a function of some 1,500 generated lines).",
        "",
        f"| side | {small:,} returns | {n:,} returns |",
        "|---|---|---|",
    ]
    for label, (m_small, m_big) in mem.items():
        lines.append(f"| {label} | {mib(m_small)} | {mib(m_big)} |")
    lines += ["", NOTES]
    if hot:
        lines += [
            "",
            f"The library is slower than 1.5× the baseline: cProfile of path (b) over "
            f"{min(n, 10_000):,} rows, by own time:",
            "",
            *hot,
            "",
            CSV_ADVICE,
        ]
    text = "\n".join(lines)
    print(text)
    if not args.no_write:
        write_doc(text)
        print(f"written to {DOC}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
