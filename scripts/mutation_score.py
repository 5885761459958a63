"""The mutation score per module, or per module group on a recorded sample (docs/reliability.md).

    python scripts/mutation_score.py              # table: module, killed, survived, not run, score
    python scripts/mutation_score.py --survivors  # and the name of every mutant not killed
    python scripts/mutation_score.py --harmless docs/reliability.md
        # count the survivors named in that file's section "### Survivors judged harmless"
        # (`wennuan_rules....__mutmut_N`) as accounted for, and list only the others

A random sample per module group (engine, criteria, audits, money, lunar, privacy):

    python scripts/mutation_score.py --draw 200 --seed 20261129 --out benchmarks/mutation_sample.txt
        # after mutmut generated the mutants: draw up to 200 names per group, in random order
    python scripts/mutation_score.py --names benchmarks/mutation_sample.txt --first 40
        # the first 40 names of each group, for `mutmut run` (a prefix of a random order is itself
        # a random sample, so a run cut short still measures something)
    python scripts/mutation_score.py --names benchmarks/mutation_sample.txt --skip 25 --first 35
        # names 26 to 35 of each group: the next slice, without running the first 25 again
    python scripts/mutation_score.py --sample benchmarks/mutation_sample.txt \
        --harmless docs/reliability.md
        # per group, over the sampled mutants that have a result: killed, harmless, alive, and the
        # score killed / (run - harmless) with its 95 % Wilson interval

Reads ``mutants/**/*.py.meta``, which mutmut updates as it goes, so it can be run during a run.
The score is killed / (total - not run); a timeout counts as killed (the mutant made a test hang).
"with harmless" also counts the survivors judged harmless (equivalent mutants) as accounted for.
"""

from __future__ import annotations

import json
import math
import random
import re
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

KILLED = {1, 3, 24, -24, 36, 152, 255}  # mutmut's exit codes for killed and timeout
NAME = re.compile(r"wennuan_rules\.[\w.ǁ]+__mutmut_\d+")
# module group -> prefixes of the module paths (under src/) in it
GROUPS = {
    "engine": ("wennuan_rules/form/",),
    "criteria": ("wennuan_rules/eligibility/",),
    "audits": ("wennuan_rules/audits/",),
    "money": ("wennuan_rules/money",),
    "lunar": ("wennuan_rules/lunar",),
    "privacy": ("wennuan_rules/privacy",),
}


def _results(root: Path) -> dict[str, dict[str, int | None]]:
    out: dict[str, dict[str, int | None]] = {}
    for meta in sorted(root.glob("mutants/src/**/*.py.meta")):
        module = meta.relative_to(root / "mutants" / "src").as_posix().removesuffix(".py.meta")
        out[module] = json.loads(meta.read_text("utf-8"))["exit_code_by_key"]
    return out


def _group(module: str) -> str | None:
    for group, prefixes in GROUPS.items():
        if module.startswith(prefixes):
            return group
    return None


def _tally(
    results: Iterable[tuple[str, int | None]], harmless: set[str], alive: list[str]
) -> Counter[str]:
    """Killed, harmless, alive and not run among ``(name, exit code)`` pairs; the names of the
    mutants alive are appended to ``alive``."""
    count: Counter[str] = Counter()
    for name, code in results:
        if code is None:
            count["not run"] += 1
        elif code in KILLED:
            count["killed"] += 1
        elif name in harmless:
            count["harmless"] += 1
        else:
            count["alive"] += 1
            alive.append(name)
    return count


def wilson(killed: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """The 95 % Wilson score interval of the proportion killed / n."""
    if n == 0:
        return (0.0, 1.0)
    p = killed / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (max(0.0, centre - half), min(1.0, centre + half))


def _harmless(argv: list[str]) -> set[str]:
    if "--harmless" not in argv:
        return set()
    text = Path(argv[argv.index("--harmless") + 1]).read_text("utf-8")
    section = text.partition("\n### Survivors judged harmless")[2].partition("\n### ")[0]
    return set(NAME.findall(section))


def _read_sample(path: Path) -> dict[str, list[str]]:
    sample: dict[str, list[str]] = {}
    group = ""
    for line in path.read_text("utf-8").splitlines():
        if line.startswith("## "):
            group = line[3:].split()[0]
            sample[group] = []
        elif line.strip() and not line.startswith("#"):
            sample[group].append(line.strip())
    return sample


def draw(results: dict[str, dict[str, int | None]], size: int, seed: int, out: Path) -> None:
    by_group: dict[str, list[str]] = {group: [] for group in GROUPS}
    for module, codes in results.items():
        group = _group(module)
        if group is not None:
            by_group[group].extend(codes)
    lines = [
        "# Mutants drawn by:",
        f"#   python scripts/mutation_score.py --draw {size} --seed {seed} --out {out}",
        "# per group: random.Random(seed).sample of the sorted names, in the order drawn (all of",
        "# a group smaller than the size). docs/reliability.md says how they were run.",
    ]
    for group, names in by_group.items():
        names.sort()
        picked = random.Random(seed).sample(names, min(size, len(names)))
        lines.append(f"## {group}  ({len(picked)} of {len(names)})")
        lines.extend(picked)
    out.write_text("\n".join(lines) + "\n", "utf-8")


def sample_score(results: dict[str, dict[str, int | None]], path: Path, harmless: set[str]) -> None:
    codes = {name: code for by_name in results.values() for name, code in by_name.items()}
    print(
        f"{'group':9} {'drawn':>5} {'run':>4} {'killed':>6} {'harmless':>8} {'alive':>5} "
        f"{'score':>7}  95 % interval"
    )
    for group, names in _read_sample(path).items():
        alive: list[str] = []
        count = _tally(((name, codes.get(name)) for name in names), harmless, alive)
        run = count["killed"] + count["harmless"] + count["alive"]
        n = run - count["harmless"]
        low, high = wilson(count["killed"], n)
        score = f"{100 * count['killed'] / n:.1f}%" if n else "-"
        print(
            f"{group:9} {len(names):5} {run:4} {count['killed']:6} {count['harmless']:8} "
            f"{count['alive']:5} {score:>7}  {100 * low:.1f}–{100 * high:.1f} %"
        )
        for name in alive:
            print("    alive: " + name)


def main(argv: list[str]) -> int:
    root = Path.cwd()
    if "--names" in argv:
        first = int(argv[argv.index("--first") + 1]) if "--first" in argv else None
        skip = int(argv[argv.index("--skip") + 1]) if "--skip" in argv else 0
        for names in _read_sample(Path(argv[argv.index("--names") + 1])).values():
            print("\n".join(names[skip:first]))
        return 0
    harmless = _harmless(argv)
    results = _results(root)
    if not results:
        print("no results: run `mutmut run` first (see docs/reliability.md)")
        return 1
    if "--draw" in argv:
        size = int(argv[argv.index("--draw") + 1])
        seed = int(argv[argv.index("--seed") + 1])
        draw(results, size, seed, Path(argv[argv.index("--out") + 1]))
        return 0
    if "--sample" in argv:
        sample_score(results, Path(argv[argv.index("--sample") + 1]), harmless)
        return 0
    print(
        f"{'module':36} {'killed':>7} {'harmless':>8} {'alive':>6} {'not run':>8} {'score':>7} "
        f"{'with harmless':>13}"
    )
    alive: list[str] = []
    for module, codes in results.items():
        count = _tally(codes.items(), harmless, alive)
        run = count["killed"] + count["harmless"] + count["alive"]
        score = f"{100 * count['killed'] / run:.1f}%" if run else "-"
        accounted = f"{100 * (count['killed'] + count['harmless']) / run:.1f}%" if run else "-"
        print(
            f"{module:36} {count['killed']:7} {count['harmless']:8} {count['alive']:6} "
            f"{count['not run']:8} {score:>7} {accounted:>13}"
        )
    if "--survivors" in argv or "--harmless" in argv:
        print("\nnot killed" + (" and not listed as harmless" if harmless else "") + ":")
        for name in alive:
            print("  " + name)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
