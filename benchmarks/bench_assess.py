"""Benchmark: assessing households against changzhou-edz-2021, library against a hand-written reader
and decider of the same rules.

    python benchmarks/bench_assess.py                    # 1,000,000 households, writes the doc
    python benchmarks/bench_assess.py --n 2000 --no-write

Households are dicts exactly as ``json.loads`` gives them for contract.md's household JSON (ints,
strings for amounts and dates, booleans, lists of ids, a nested dict for the hardship file),
generated once with a seeded ``random.Random``: a pool of ``--pool`` distinct dicts (default
100,000, or n if smaller) streamed round to make n. Both sides read the same dicts:

- library: ``wr.assess_many(dicts, "changzhou-edz-2021", on)`` (which reads each dict with
  ``Household.from_mapping``), counting the eligible groups;
- baseline: ``assess_dict``, a hand-written function that validates what the library validates
  (known keys, members a whole number 1–100, amounts exact Decimals ≥ 0 below 10¹² with at most
  8 decimals and never floats, exactly one income, yes/no facts true/false/null, vocabulary ids,
  dates, the hardship file's two keys, ref and region) and decides the five groups.

Before timing both must give the same groups for each of the first 1,000 households; every timed
run must count the same households per group. Interleaved pairs (``--pairs``, at least 5). Memory:
peak resident set (``VmHWM``) of fresh processes streaming n/10 and n freshly generated dicts.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import os
import random
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from typing import Any

import _harness as h
import wennuan_rules as wr

CAMPAIGN = "changzhou-edz-2021"
ON = dt.date(2021, 1, 10)
HEADING = "## Eligibility: `benchmarks/bench_assess.py`"
CHECKED = 1000

# -- the hand-written reader and decider ----------------------------------------------------------

BOOLS = (
    "has_labour_contract", "migrant_worker", "stable_labour_relation", "major_illness",
    "basic_living_difficulty", "enterprise_in_crisis", "enterprise_restructured",
    "early_retired", "depleted_mining_area", "on_duty_during_festival",
    "major_project_contributor", "epidemic_frontline_medical", "economic_hardship",
    "out_of_hardship_this_year",
)  # fmt: skip
KEYS = frozenset(
    (
        "ref", "members", "monthly_income", "annual_income", *BOOLS,
        "annual_medical_out_of_pocket", "causes", "model_worker_level", "hardship_file",
        "civil_affairs", "region", "new_form_occupation", "monitoring", "professional", "event_on",
        "documents", "submitted_on",
    )
)  # fmt: skip
CAUSES = frozenset(
    (
        "illness", "child-education", "disaster", "accident", "unemployment",
        "enterprise-difficulty", "work-injury", "epidemic", "wage-arrears", "other",
    )
)  # fmt: skip
DOCUMENTS = frozenset(
    (
        "application-form", "hardship-statement", "income-certificate", "household-register",
        "labour-contract", "id-card", "union-card", "publicity", "diagnosis", "medical-receipts",
    )
)  # fmt: skip
LEVELS = frozenset(("enterprise", "district", "city", "province", "national"))
AT_LEAST_DISTRICT = frozenset(("district", "city", "province", "national"))
CIVIL = frozenset(("dibao", "dibao-edge"))
CATEGORIES = frozenset(("extreme", "deep", "relative", "accident"))
NEW_CATEGORIES = frozenset(("deep", "relative", "accident"))
NEW_FORM = frozenset(("truck-driver", "ride-hailing-driver", "courier", "food-delivery"))
LIVING = frozenset(("illness", "child-education", "disaster"))
REGION = re.compile(r"[\w\-.（）() ]{1,100}")
# 江苏常州经济开发区总工会 2021-01-06 (no document number), 对象 (3) and (4): 低保 standard 900 元 a
# person a month, lines at 3× and 2× of it, 10,000 元 of medical costs a year; hardship files:
# 特困 on file before 2021-01-01, or 深度困难 / 相对困难 / 意外致困 recognised from that day
TWO, THREE, TEN_K = Decimal(1800), Decimal(2700), Decimal(10000)
SCHEME = dt.date(2021, 1, 1)
MAX_AMOUNT = Decimal(10) ** 12
_D = Decimal
_date = dt.date.fromisoformat


class Refused(ValueError):
    """A household the library would refuse (it raises a WennuanError)."""


def _amount(v: object) -> Decimal:
    if v.__class__ is str or v.__class__ is int or v.__class__ is _D:
        x = _D(v)  # type: ignore[arg-type]
    else:
        raise Refused(v)  # floats, bools, lists …
    if not x.is_finite() or x < 0 or x >= MAX_AMOUNT or x.as_tuple().exponent < -8:  # type: ignore[operator]
        raise Refused(v)
    return x


def assess_dict(d: Mapping[str, Any], on: dt.date = ON) -> tuple[str, ...]:
    """The groups of changzhou-edz-2021 a household (contract.md JSON, parsed) is eligible for."""
    for k in d:
        if k not in KEYS:
            raise Refused(k)
    g = d.get
    m = d["members"]
    if m.__class__ is not int or not 1 <= m <= 100:
        raise Refused(m)
    monthly, annual, costs = (
        g("monthly_income"),
        g("annual_income"),
        g("annual_medical_out_of_pocket"),
    )
    if monthly is not None:
        if annual is not None:
            raise Refused("both incomes")
        total, months = _amount(monthly), m
    elif annual is not None:
        total, months = _amount(annual), m * 12
    else:
        raise Refused("no income")
    if costs is not None:
        costs = _amount(costs)
    for k in BOOLS:
        v = g(k)
        if v is not None and v.__class__ is not bool:
            raise Refused(k)
    causes = g("causes")
    if causes is not None:
        if causes.__class__ is not list or not CAUSES.issuperset(causes):
            raise Refused(causes)
        causes = frozenset(causes)
    docs = g("documents")
    if docs is not None and (docs.__class__ is not list or not DOCUMENTS.issuperset(docs)):
        raise Refused(docs)
    level, civil, occupation = g("model_worker_level"), g("civil_affairs"), g("new_form_occupation")
    if level is not None and level not in LEVELS:
        raise Refused(level)
    if civil is not None and civil not in CIVIL:
        raise Refused(civil)
    if (
        occupation is not None
        and occupation not in NEW_FORM
        and (
            occupation.__class__ is not str
            or not 0 < len(occupation) <= 100
            or occupation != occupation.strip()
        )
    ):  # an occupation not named is its text (等: open, issue 9 point 7)
        raise Refused(occupation)
    for k in ("event_on", "submitted_on"):
        v = g(k)
        if v is not None:
            if v.__class__ is not str:
                raise Refused(v)
            _date(v.strip())
    ref, region = g("ref"), g("region")
    if ref is not None and (ref.__class__ is not str or len(ref) > 200):
        raise Refused(ref)
    if region is not None and (
        region.__class__ is not str or not region.strip() or REGION.fullmatch(region) is None
    ):
        raise Refused(region)
    out = []
    f = g("hardship_file")
    if f is not None:
        if f.__class__ is not dict or len(f) != 2 or "category" not in f or "filed_on" not in f:
            raise Refused(f)
        category, filed = f["category"], f["filed_on"]
        if category not in CATEGORIES or filed.__class__ is not str:
            raise Refused(f)
        filed = _date(filed.strip())
        if filed <= on and (
            (category == "extreme" and filed < SCHEME)
            or (category in NEW_CATEGORIES and filed >= SCHEME)
        ):
            out.append("hardship-family")
    contract = g("has_labour_contract") is True
    ill = g("major_illness") is True
    if civil == "dibao-edge" and ill and contract:
        out.append("dibao-edge")
    if total <= THREE * months and contract and ill and costs is not None and costs > TEN_K:
        out.append("serious-illness")
    if (total <= TWO * months and contract and causes and not LIVING.isdisjoint(causes)) or (
        g("stable_labour_relation") is True and g("basic_living_difficulty") is True
    ):
        out.append("living-difficulty")
    # 等: any stated cause (issue 9 point 7), and the family in economic hardship (point 8)
    if level in AT_LEAST_DISTRICT and causes and g("economic_hardship") is True:
        out.append("model-worker")
    return tuple(out)


# -- the input ------------------------------------------------------------------------------------


def households(seed: int) -> Iterator[dict[str, Any]]:
    """Endless households as ``json.loads`` gives them; incomes and costs crowd the lines."""
    rnd = random.Random(seed)
    causes = sorted(CAUSES)
    for i in itertools.count():
        members = rnd.randint(1, 6)
        per = rnd.choice((1800, 2700, rnd.randint(0, 4000)))
        cents = max(per * 100 * members + rnd.choice((-1, 0, 1, rnd.randint(-50000, 50000))), 0)
        d: dict[str, Any] = {"ref": f"H{i:07d}", "members": members}
        if rnd.random() < 0.2:
            d["annual_income"] = f"{cents * 12 // 100}.{cents * 12 % 100:02d}"
        else:
            d["monthly_income"] = f"{cents // 100}.{cents % 100:02d}"
        for k in ("has_labour_contract", "major_illness", "stable_labour_relation",
                  "basic_living_difficulty", "migrant_worker", "economic_hardship"):  # fmt: skip
            x = rnd.random()
            if x < 0.4:
                d[k] = True
            elif x < 0.8:
                d[k] = False
            elif x < 0.9:
                d[k] = None
        x = rnd.random()
        if x < 0.5:
            d["annual_medical_out_of_pocket"] = rnd.choice(("10000", "10000.01", "9999.99"))
        elif x < 0.7:
            d["annual_medical_out_of_pocket"] = rnd.randint(0, 30000)
        if rnd.random() < 0.7:
            d["causes"] = rnd.sample(causes, rnd.randint(0, 3))
        d["model_worker_level"] = rnd.choice((None, None, "enterprise", "district", "city"))
        d["civil_affairs"] = rnd.choice((None, None, "dibao", "dibao-edge"))
        if rnd.random() < 0.4:
            d["hardship_file"] = {
                "category": rnd.choice(("extreme", "deep", "relative", "accident")),
                "filed_on": (dt.date(2020, 12, 20) + dt.timedelta(rnd.randint(0, 25))).isoformat(),
            }
        if rnd.random() < 0.5:
            d["region"] = "changzhou-edz"
        d["documents"] = rnd.sample(("application-form", "id-card", "union-card"), 2)
        d["submitted_on"] = rnd.choice(("2021-01-05", "2021-01-09"))
        yield d


def stream(pool: list[dict[str, Any]], n: int) -> Iterator[dict[str, Any]]:
    """The pool round and round, ``n`` items."""
    rounds = itertools.repeat(pool, -(-n // len(pool)))
    return itertools.islice(itertools.chain.from_iterable(rounds), n)


# -- the sides ------------------------------------------------------------------------------------


def _ids(groups: Iterable[object]) -> tuple[str, ...]:
    return tuple(str(getattr(g, "id", g)) for g in groups)


def library(items: Iterable[Mapping[str, Any]]) -> dict[str, int]:
    counts: Counter[str] = Counter()
    for a in wr.assess_many(items, CAMPAIGN, ON):
        counts.update(_ids(a.eligible))
    return dict(sorted(counts.items()))


def baseline(items: Iterable[Mapping[str, Any]]) -> dict[str, int]:
    counts: Counter[str] = Counter()
    for d in items:
        counts.update(assess_dict(d))
    return dict(sorted(counts.items()))


SIDES = {"library": library, "baseline": baseline}


def agree(pool: list[dict[str, Any]]) -> None:
    first = pool[:CHECKED]
    for k, (d, a) in enumerate(zip(first, wr.assess_many(first, CAMPAIGN, ON), strict=True)):
        if sorted(_ids(a.eligible)) != sorted(assess_dict(d)):
            raise SystemExit(f"household {k}: library {a.eligible}, baseline {assess_dict(d)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    h.add_common(parser, n=1_000_000)
    parser.add_argument("--pool", type=int, default=100_000, help="distinct households")
    args = parser.parse_args(argv)
    if args.child:
        print(SIDES[args.child](itertools.islice(households(args.seed), args.n)))
        h.report_child_memory()
        return 0
    n, small = args.n, max(1, args.n // 10)
    pool = list(itertools.islice(households(args.seed), min(n, args.pool)))
    agree(pool)
    print(f"library and baseline agree on the first {min(len(pool), CHECKED):,} households")
    p = h.interleaved(lambda: library(stream(pool, n)), lambda: baseline(stream(pool, n)),
                      args.pairs)  # fmt: skip
    groups = library(stream(pool, n))
    script = os.path.abspath(__file__)
    mem = {}
    if not args.no_memory:
        mem = {
            side: [h.peak_kib(script, ["--child", side, "--n", str(k)]) for k in (small, n)]
            for side in SIDES
        }
    lines = [*h.header(sys.argv[1:] if argv is None else argv), ""]
    lines += [
        f"{n:,} households as `json.loads` gives contract.md's JSON ({len(pool):,} distinct, "
        f"generated with `random.Random({args.seed})`, streamed round), assessed against "
        f"`{CAMPAIGN}` on {ON.isoformat()}. Groups found: "
        + ", ".join(f"{g} {c:,}" for g, c in groups.items())
        + f". Both sides give the same groups for each of the first "
        f"{min(len(pool), CHECKED):,} households.",
        "",
        *h.pairs_table(
            [("`assess_many` from dicts vs `assess_dict` (validating reader + decider)", p)],
            n,
            "household",
        ),
        "",
        "Target (issue 11): ≤ 2×.",
    ]
    if mem:
        lines += [
            "",
            f"Peak resident memory (`VmHWM`) of a fresh process streaming {small:,} and {n:,} "
            "freshly generated household dicts through each side:",
            "",
            f"| side | {small:,} households | {n:,} households |",
            "|---|---|---|",
            *(f"| {side} | {h.mib(lo)} | {h.mib(hi)} |" for side, (lo, hi) in mem.items()),
        ]
    h.finish(HEADING, lines, args.no_write)
    return 0


if __name__ == "__main__":
    sys.exit(main())
