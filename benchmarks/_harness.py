"""Shared harness of the benchmarks: interleaved pairs, medians, peak memory, the doc section.

The project's rule for a benchmark: the baseline is the fastest code a good engineer would write by
hand for the same work, reading the same input the library reads (strings in dicts, the same
files), parsing included, nothing subtracted; library and baseline run interleaved in one process,
at least 5 pairs, and the median and min–max are quoted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "performance.md"
MIN_PAIRS = 5
_state = {"too_few_pairs": False}


@dataclass(frozen=True)
class Spread:
    """Median and range of a series of measurements."""

    median: float
    low: float
    high: float

    @classmethod
    def of(cls, values: Sequence[float]) -> Spread:
        return cls(statistics.median(values), min(values), max(values))

    def per_item(self, n: int, unit: float = 1e6, digits: int = 1) -> str:
        """``median (min–max)`` per item, in µs by default."""
        m, lo, hi = (x / n * unit for x in (self.median, self.low, self.high))
        return f"{m:.{digits}f} ({lo:.{digits}f}–{hi:.{digits}f})"

    def ratio(self) -> str:
        return f"{self.median:.2f}× ({self.low:.2f}–{self.high:.2f})"


@dataclass(frozen=True)
class Pairs:
    """Times of interleaved (library, baseline) runs, in seconds."""

    library: Spread
    baseline: Spread
    ratio: Spread
    pairs: int


def interleaved(
    library: Callable[[], object],
    baseline: Callable[[], object],
    pairs: int,
    *,
    warm_up: bool = True,
) -> Pairs:
    """Run library and baseline alternately ``pairs`` times (the first of each pair alternating,
    so that neither side always follows the other), after one untimed warm-up each (the
    baseline's is skipped with ``warm_up=False``, for whole processes). Both must
    return the same result every time, or the benchmark stops. Fewer than ``MIN_PAIRS`` pairs
    (a smoke test) are printed but never written to the doc."""
    if pairs < 1:
        raise SystemExit("at least one pair is needed")
    if pairs < MIN_PAIRS:
        _state["too_few_pairs"] = True
    expected = library()
    if warm_up and baseline() != expected:
        raise SystemExit("library and baseline disagree on the warm-up run")
    lib: list[float] = []
    base: list[float] = []
    for k in range(pairs):
        order = ((lib, library), (base, baseline))
        for times, fn in order if k % 2 == 0 else order[::-1]:
            gc.collect()
            start = time.perf_counter()
            got = fn()
            times.append(time.perf_counter() - start)
            if got != expected:
                raise SystemExit(f"a side's result changed between runs: {got!r} != {expected!r}")
    ratios = [a / b for a, b in zip(lib, base, strict=True)]
    return Pairs(Spread.of(lib), Spread.of(base), Spread.of(ratios), pairs)


def high_water_kib() -> int:
    """Peak resident memory of this process in KiB (``VmHWM`` on Linux, else ``ru_maxrss``)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def report_child_memory() -> None:
    """Print this child's peak memory for :func:`peak_kib` (the last line of its output)."""
    print(f"VmHWM {high_water_kib()}")


def peak_kib(script: str, args: Sequence[str]) -> int:
    """Peak resident memory (KiB) of a fresh ``python script *args`` process, which must end by
    calling :func:`report_child_memory`."""
    out = subprocess.run([sys.executable, script, *args], capture_output=True, text=True)
    if out.returncode:
        raise SystemExit(f"memory child {args} failed:\n{out.stderr}")
    last = out.stdout.strip().splitlines()[-1]
    return int(last.split()[1])


def mib(kib: int) -> str:
    return f"{kib / 1024:.1f} MiB"


def add_common(parser: argparse.ArgumentParser, n: int, pairs: int = MIN_PAIRS) -> None:
    parser.add_argument("--n", type=int, default=n, help=f"items (default {n:,})")
    parser.add_argument(
        "--pairs", type=int, default=pairs, help=f"interleaved pairs (at least {MIN_PAIRS})"
    )
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--no-memory", action="store_true", help="skip the memory children")
    parser.add_argument("--no-write", action="store_true", help="only print, do not write the doc")
    parser.add_argument("--child", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--path", default="", help=argparse.SUPPRESS)


def header(argv: Sequence[str]) -> list[str]:
    """Command, machine, Python, date and load: the lines every section starts with."""
    command = " ".join(["python", os.path.relpath(sys.argv[0], ROOT), *argv])
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    niceness = os.nice(0)
    return [
        f"Command: `{command}`"
        + (f" under `nice -n {niceness}`" if niceness else "")
        + f"; {platform.python_implementation()} {platform.python_version()}, "
        f"{platform.machine()}, {os.cpu_count()} cores; {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} "
        f"UTC; load average {load} (a shared, loaded machine: absolute times move, the ratios "
        "of interleaved pairs are the figures to read).",
    ]


def pairs_table(rows: Sequence[tuple[str, Pairs]], n: int, unit: str) -> list[str]:
    """One row per work: library and baseline µs per item and the per-pair ratio, each as
    median (min–max)."""
    out = [
        f"| work | library, µs per {unit} | baseline, µs per {unit} | ratio (per pair) | pairs |",
        "|---|---|---|---|---|",
    ]
    for label, p in rows:
        out.append(
            f"| {label} | {p.library.per_item(n)} | {p.baseline.per_item(n)} | "
            f"{p.ratio.ratio()} | {p.pairs} |"
        )
    out += ["", "Each cell: median (min–max) of the pairs."]
    return out


def write_section(heading: str, text: str, doc: Path = DOC) -> None:
    """Replace the ``heading`` section of docs/performance.md (or append it)."""
    current = doc.read_text(encoding="utf-8") if doc.exists() else "# Performance\n"
    block = f"{heading}\n\n{text.strip()}\n"
    pattern = re.compile(rf"^{re.escape(heading)}\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(current):
        current = pattern.sub(lambda _m: block + "\n", current, count=1).rstrip() + "\n"
    else:
        current = current.rstrip() + "\n\n" + block
    doc.write_text(current, encoding="utf-8")


def finish(heading: str, lines: Sequence[str], no_write: bool) -> None:
    text = "\n".join(lines)
    print(f"{heading}\n\n{text}")
    if _state["too_few_pairs"] and not no_write:
        raise SystemExit(f"fewer than {MIN_PAIRS} pairs: printed, not written to {DOC}")
    if not no_write:
        write_section(heading, text)
        print(f"written to {DOC}")
