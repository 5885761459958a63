"""Benchmark: start-up of whole processes, interleaved.

    python benchmarks/bench_startup.py              # 15 pairs each, writes docs/performance.md
    python benchmarks/bench_startup.py --pairs 5 --no-write

(1) ``wennuan-rules check --sample`` against ``python -c pass``; (2) ``python -c "import
wennuan_rules"`` against ``python -c "import attrs, dateutil.relativedelta"`` (the imports the
library cannot do without); (3) not a target, the floor under (1): ``python -c "import attrs,
argparse, json, decimal"`` against ``python -c pass``. Each run is a fresh process, output
discarded; wall time of the whole process, interleaved pairs.
"""

from __future__ import annotations

import argparse
import compileall
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import _harness as h
import wennuan_rules

HEADING = "## Start-up: `benchmarks/bench_startup.py`"


def runner(cmd: Sequence[str]) -> Callable[[], bool]:
    """A whole process; True when it ended normally (exit status 0 or 1: a check that finds
    errors exits 1), so that both sides of a pair compare equal."""

    def run() -> bool:
        rc = subprocess.run(
            list(cmd), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False
        ).returncode
        return rc in (0, 1)

    return run


def cli_command() -> list[str]:
    exe = shutil.which("wennuan-rules", path=str(Path(sys.executable).parent))
    return [exe] if exe else [sys.executable, "-m", "wennuan_rules.cli"]


def _floor_note(check: tuple[float, float], floor: tuple[float, float]) -> str:
    """What the 5.0× target leaves for the library above the floor, from this run's medians (ms):
    ``check`` = (check --sample, pass), ``floor`` = (the floor's imports, pass)."""
    left = 5.0 * check[1] - floor[0]
    return (
        f"Above the floor ({floor[0]:.0f} ms), the 5.0× target ({5.0 * check[1]:.0f} ms) leaves "
        f"{left:.0f} ms for everything of the library's own in `check --sample`: its modules, its "
        f"attrs classes (attrs builds each one's methods with `compile()` when the class is "
        f"defined) and the work; they take {check[0] - floor[0]:.0f} ms in this run."
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=15, help="interleaved pairs (>= 5)")
    parser.add_argument("--no-write", action="store_true", help="only print, do not write the doc")
    args = parser.parse_args(argv)
    py = sys.executable
    # the package's bytecode, as pip writes it when it installs a package (an editable install
    # under PYTHONDONTWRITEBYTECODE would compile every module of the library in every run, while
    # attrs and dateutil come compiled)
    compileall.compile_dir(str(Path(wennuan_rules.__file__).parent), quiet=1)
    check = [*cli_command(), "check", "--sample"]
    works = [
        ("`wennuan-rules check --sample` vs `python -c pass`", check, [py, "-c", "pass"], 5.0),
        (
            '`python -c "import wennuan_rules"` vs `python -c "import attrs, '
            'dateutil.relativedelta"`',
            [py, "-c", "import wennuan_rules"],
            [py, "-c", "import attrs, dateutil.relativedelta"],
            1.1,
        ),
        # not a target: what a process pays that imports the runtime dependency every class of
        # the library is built with (attrs) and the standard modules a check needs, and does nothing
        (
            '`python -c "import attrs, argparse, json, decimal"` vs `python -c pass` (the floor)',
            [py, "-c", "import attrs, argparse, json, decimal"],
            [py, "-c", "pass"],
            None,
        ),
    ]
    lines = [*h.header(sys.argv[1:] if argv is None else argv), ""]
    lines += [
        "| work | library, ms | baseline, ms | ratio (per pair) | target | pairs |",
        "|---|---|---|---|---|---|",
    ]
    medians: list[tuple[float, float]] = []
    for label, lib_cmd, base_cmd, target in works:
        p = h.interleaved(runner(lib_cmd), runner(base_cmd), args.pairs, warm_up=False)
        medians.append((p.library.median * 1e3, p.baseline.median * 1e3))
        lines.append(
            f"| {label} | {p.library.per_item(1, 1e3, 0)} | {p.baseline.per_item(1, 1e3, 0)} | "
            f"{p.ratio.ratio()} | {'—' if target is None else f'≤ {target}×'} | {p.pairs} |"
        )
    lines += [
        "",
        "Each cell: median (min–max) of the pairs; whole processes, wall time, output discarded. "
        "`check --sample` exits 1 (the sample return has errors); a run that ends otherwise "
        "stops the benchmark. The library's modules are byte-compiled first, as an installed "
        "package's are; the first run (not timed) fills the cache of catalogs, generated code and "
        "parsed data files. The last row is no target: it is the floor under the first, a "
        "process that imports attrs (the required dependency every class of the library is "
        "built with) and the standard modules a check needs, and does nothing else.",
        "",
        _floor_note(medians[0], medians[2]),
    ]
    h.finish(HEADING, lines, args.no_write)
    return 0


if __name__ == "__main__":
    sys.exit(main())
