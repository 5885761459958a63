"""Boundary cases of pingdingshan-2010, groups and line-03 categories (worked by hand)."""

from __future__ import annotations

from decimal import Decimal

from pin_cases._base import RICH, Case, E, N, U, around, income, on_file

# -- pingdingshan-2010 (no bundled 低保 standard) ----
P10 = "pingdingshan-2010"
ON_FILE_10 = on_file("deep", "2009-06-01")


def _p10_fact_group(group: str, fact: str) -> list[Case]:
    """A fact and 困难: on the hardship file (filed on or before the decision date 2010-01-25) or
    basic_living_difficulty stated. Issue 9 point 9 (三 "在对工会建档的困难职工…普遍走访慰问的
    基础上，重点开展对五类群体"): the five groups are not limited to families on file, so a family
    not on file is undetermined until its hardship is stated (was: not eligible). Reasons: fact,
    on file, basic living difficulty."""
    return [
        Case(P10, group, "met", {**RICH, fact: True, **ON_FILE_10}, E, (True, True, None)),
        Case(
            P10,
            group,
            "filed-on-the-day",
            {**RICH, fact: True, **on_file("relative", "2010-01-25")},
            E,
            (True, True, None),
        ),
        Case(
            P10,
            group,
            "filed-day-after",
            {**RICH, fact: True, **on_file("relative", "2010-01-26")},
            U,
            (True, False, None),
        ),
        Case(P10, group, "not-on-file", {**RICH, fact: True}, U, (True, False, None)),
        Case(
            P10,
            group,
            "stated-not-on-file",
            {**RICH, fact: True, "basic_living_difficulty": True},
            E,
            (True, False, True),
        ),
        Case(
            P10,
            group,
            "no-difficulty-not-on-file",
            {**RICH, fact: True, "basic_living_difficulty": False},
            N,
            (True, False, False),
        ),
        Case(P10, group, "fact-false", {**RICH, fact: False, **ON_FILE_10}, N, (False, True, None)),
        Case(P10, group, "fact-not-stated", {**RICH, **ON_FILE_10}, U, (None, True, None)),
        Case(P10, group, "fact-not-stated-not-on-file", dict(RICH), U, (None, False, None)),
    ]


# line 03(B) 家庭人均收入低于当地城镇居民最低生活保障线 (<, strict): with the user's 200 元/人/月
DIBAO_B_LIMITS = {
    (1, "monthly"): "200.00",  # 200 × 1
    (3, "monthly"): "600.00",  # 200 × 3
    (2, "annual"): "4800.00",  # 200 × 12 × 2
    (3, "annual"): "7200.00",  # 200 × 12 × 3 = 600 × 12
}
B_BASE = {**ON_FILE_10, "civil_affairs": None}

PINGDINGSHAN_2010 = [
    *_p10_fact_group("crisis-enterprise", "enterprise_in_crisis"),
    *_p10_fact_group("restructured-enterprise", "enterprise_restructured"),
    *_p10_fact_group("depleted-mining-area", "depleted_mining_area"),
    Case(
        P10,
        "disaster-or-emergency",
        "disaster",
        {**RICH, "causes": ["disaster"], **ON_FILE_10},
        E,
        (True, True, None),
    ),
    Case(
        P10,
        "disaster-or-emergency",
        "accident",
        {**RICH, "causes": ["accident"], **ON_FILE_10},
        E,
        (True, True, None),
    ),
    Case(
        P10,
        "disaster-or-emergency",
        "illness",
        {**RICH, "causes": ["illness"], **ON_FILE_10},
        N,
        (False, True, None),
    ),
    Case(
        P10,
        "disaster-or-emergency",
        "no-cause",
        {**RICH, "causes": [], **ON_FILE_10},
        N,
        (False, True, None),
    ),
    Case(
        P10,
        "disaster-or-emergency",
        "causes-not-stated",
        {**RICH, **ON_FILE_10},
        U,
        (None, True, None),
    ),
    Case(
        P10,
        "disaster-or-emergency",
        "filed-day-after",
        {**RICH, "causes": ["disaster"], **on_file("deep", "2010-01-26")},
        # issue 9 point 9: not on file (yet) and hardship not stated → undetermined (was N)
        U,
        (True, False, None),
    ),
    Case(
        P10,
        "disaster-or-emergency",
        "stated-not-on-file",
        {**RICH, "causes": ["disaster"], "basic_living_difficulty": True},
        E,
        (True, False, True),
    ),
    Case(
        P10,
        "dibao-edge",
        "met",
        {
            **RICH,
            "civil_affairs": "dibao-edge",
            "causes": ["child-education"],
            "basic_living_difficulty": True,
        },
        E,
        (True, True, True),
    ),
    Case(
        P10,
        "dibao-edge",
        "cause-not-named",
        {
            **RICH,
            "civil_affairs": "dibao-edge",
            "causes": ["unemployment"],
            "basic_living_difficulty": True,
        },
        # issue 9 point 7 (三 五 "因家庭成员患大病、子女上学等原因"): 等 is open, any stated cause
        E,
        (True, True, True),
    ),
    Case(
        P10,
        "dibao-edge",
        "difficulty-not-stated",
        {**RICH, "civil_affairs": "dibao-edge", "causes": ["illness"]},
        U,
        (True, True, None),
    ),
    Case(
        P10,
        "dibao-edge",
        "dibao",
        {**RICH, "civil_affairs": "dibao", "causes": ["illness"], "basic_living_difficulty": True},
        N,
        (False, True, True),
    ),
    # categories of form 附件1 line 03
    Case(P10, "03A", "on-file", {**RICH, **ON_FILE_10}, E, (True,), category=True),
    Case(
        P10,
        "03A",
        "filed-day-after",
        {**RICH, **on_file("extreme", "2010-01-26")},
        N,
        (False,),
        category=True,
    ),
    # (B) no 低保 standard in force for pingdingshan: undetermined at any income, never eligible
    Case(
        P10,
        "03B",
        "no-standard-low",
        {**B_BASE, "members": 3, "monthly_income": "0.00"},
        U,
        (True, False, None),
        category=True,
    ),
    Case(
        P10,
        "03B",
        "no-standard-high",
        {**B_BASE, "members": 3, "monthly_income": "100000.00"},
        U,
        (True, False, None),
        category=True,
    ),
    Case(
        P10,
        "03B",
        "no-standard-dibao",
        {**B_BASE, "civil_affairs": "dibao", "members": 3, "monthly_income": "100000.00"},
        E,
        (True, True, None),
        category=True,
    ),
    Case(
        P10,
        "03B",
        "no-standard-not-on-file",
        {"civil_affairs": None, "members": 3, "monthly_income": "0.00"},
        N,
        (False, False, None),
        category=True,
    ),
    *around(
        P10,
        "03B",
        B_BASE,
        DIBAO_B_LIMITS,
        (True, False),
        strict=True,
        category=True,
        pds_dibao=True,
    ),
    Case(
        P10,
        "03C",
        "edge-unemployment",
        {**RICH, **ON_FILE_10, "civil_affairs": "dibao-edge", "causes": ["unemployment"]},
        E,
        # the 3rd reason (issue 9 point 12): no 低保 standard is known here, income not compared
        (True, True, True, True),
        category=True,
    ),
    Case(
        P10,
        "03C",
        "edge-disaster",
        {**RICH, **ON_FILE_10, "civil_affairs": "dibao-edge", "causes": ["disaster"]},
        N,
        (True, True, True, False),
        category=True,
    ),
    # issue 9 point 12 (附件1 03(C) "略高于低保线"; the form's 03B+03C ≤ 03A): with the user's 200
    # 元/人/月, a 3-person household's limit is 200 × 3 = 600.00 元 a month (annual: 600 × 12 =
    # 7200.00); C needs at least that, so 599.99 is in B (below) and not in C
    *[
        Case(
            P10,
            "03C",
            f"{period}-3p-{label}",
            {
                **ON_FILE_10,
                "civil_affairs": "dibao-edge",
                "causes": ["illness"],
                **income(3, period, Decimal(amount)),
            },
            status,
            (True, True, status == E, True),
            limit="600.00" if period == "monthly" else "7200.00",
            category=True,
            pds_dibao=True,
        )
        for period, label, amount, status in (
            ("monthly", "below", "599.99", N),
            ("monthly", "at", "600.00", E),
            ("monthly", "above", "600.01", E),
            ("annual", "below", "7199.99", N),
            ("annual", "at", "7200.00", E),
        )
    ],
    Case(
        P10,
        "03D",
        "accident",
        {**RICH, **ON_FILE_10, "causes": ["accident"]},
        E,
        (True, True),
        category=True,
    ),
    Case(
        P10,
        "03D",
        "filed-day-after",
        {**RICH, **on_file("deep", "2010-01-26"), "causes": ["disaster"]},
        N,
        (False, True),
        category=True,
    ),
    Case(P10, "03D", "causes-not-stated", {**RICH, **ON_FILE_10}, U, (True, None), category=True),
    # issue 9 point 17 (附件1 03(E) "本年度经过工会帮扶实现脱贫的困难职工家庭"): a household
    # fact; no 其中, so a family that left the file counts too
    Case(
        P10,
        "03E",
        "out-of-hardship",
        {**RICH, "out_of_hardship_this_year": True},
        E,
        (True,),
        category=True,
    ),
    Case(
        P10,
        "03E",
        "still-in-hardship",
        {**RICH, **ON_FILE_10, "out_of_hardship_this_year": False},
        N,
        (False,),
        category=True,
    ),
    Case(P10, "03E", "not-stated", dict(RICH), U, (None,), category=True),
]
