"""The mutation score per module from the results of ``mutmut run`` (docs/reliability.md).

    python scripts/mutation_score.py              # table: module, killed, survived, not run, score
    python scripts/mutation_score.py --survivors  # and the name of every mutant not killed
    python scripts/mutation_score.py --harmless docs/reliability.md
        # count the survivors named in that file's section "### Survivors judged harmless"
        # (`wennuan_rules....__mutmut_N`) as accounted for, and list only the others

Reads ``mutants/**/*.py.meta``, which mutmut updates as it goes, so it can be run during a run.
The score is killed / (total - not run); a timeout counts as killed (the mutant made a test hang).
"with harmless" also counts the survivors judged harmless (equivalent mutants) as accounted for.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

KILLED = {1, 3, 24, -24, 36, 152, 255}  # mutmut's exit codes for killed and timeout
NAME = re.compile(r"wennuan_rules\.[\w.ǁ]+__mutmut_\d+")


def _results(root: Path) -> dict[str, dict[str, int | None]]:
    out: dict[str, dict[str, int | None]] = {}
    for meta in sorted(root.glob("mutants/src/**/*.py.meta")):
        module = meta.relative_to(root / "mutants" / "src").as_posix().removesuffix(".py.meta")
        out[module] = json.loads(meta.read_text("utf-8"))["exit_code_by_key"]
    return out


def main(argv: list[str]) -> int:
    root = Path.cwd()
    harmless: set[str] = set()
    if "--harmless" in argv:
        text = Path(argv[argv.index("--harmless") + 1]).read_text("utf-8")
        section = text.partition("\n### Survivors judged harmless")[2].partition("\n### ")[0]
        harmless = set(NAME.findall(section))
    results = _results(root)
    if not results:
        print("no results: run `mutmut run` first (see docs/reliability.md)")
        return 1
    print(
        f"{'module':36} {'killed':>7} {'harmless':>8} {'alive':>6} {'not run':>8} {'score':>7} "
        f"{'with harmless':>13}"
    )
    alive: list[str] = []
    for module, codes in results.items():
        count: Counter[str] = Counter()
        for name, code in codes.items():
            if code is None:
                count["not run"] += 1
            elif code in KILLED:
                count["killed"] += 1
            elif name in harmless:
                count["harmless"] += 1
            else:
                count["alive"] += 1
                alive.append(name)
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
