"""Boundary cases of changzhou-edz-2021 (worked by hand)."""

from __future__ import annotations

from pin_cases._base import RICH, Case, E, N, U, around, on_file

# -- changzhou-edz-2021 (低保 900 元/人/月 from 2021-01-01) ----
CZ = "changzhou-edz-2021"

# (3) 人均收入在低保标准3倍以内 (≤): 3 × 900 = 2700 per person per month
SERIOUS_LIMITS = {
    (1, "monthly"): "2700.00",  # 2700 × 1
    (3, "monthly"): "8100.00",  # 2700 × 3
    (5, "monthly"): "13500.00",  # 2700 × 5
    (1, "annual"): "32400.00",  # 2700 × 12 × 1
    (3, "annual"): "97200.00",  # 2700 × 12 × 3 = 8100 × 12
    (5, "annual"): "162000.00",  # 2700 × 12 × 5 = 13500 × 12
}
# (4) 人均收入在低保标准2倍以内 (≤): 2 × 900 = 1800 per person per month
LIVING_LIMITS = {
    (1, "monthly"): "1800.00",  # 1800 × 1
    (3, "monthly"): "5400.00",  # 1800 × 3
    (4, "monthly"): "7200.00",  # 1800 × 4
    (1, "annual"): "21600.00",  # 1800 × 12 × 1
    (3, "annual"): "64800.00",  # 1800 × 12 × 3 = 5400 × 12
    (4, "annual"): "86400.00",  # 1800 × 12 × 4 = 7200 × 12
}
SERIOUS = {
    "has_labour_contract": True,
    "major_illness": True,
    "annual_medical_out_of_pocket": "12000",
}
# second clause of (4) stated false, so only the income clause decides
LIVING = {
    "has_labour_contract": True,
    "causes": ["illness"],
    "stable_labour_relation": False,
    "basic_living_difficulty": False,
}
# income well within 3 × 900 × 3 = 8100 (1000.00 ≤ 8100), for the medical-cost cases
LOW3 = {"members": 3, "monthly_income": "1000.00"}

CHANGZHOU = [
    *around(CZ, "serious-illness", SERIOUS, SERIOUS_LIMITS, after=(True, True, True)),
    # 年个人自负和自费部分医疗费累计超过10000元: > 10000 (10000.00 itself is not over)
    Case(
        CZ,
        "serious-illness",
        "medical-9999.99",
        {**SERIOUS, **LOW3, "annual_medical_out_of_pocket": "9999.99"},
        N,
        (True, True, True, False),
    ),
    Case(
        CZ,
        "serious-illness",
        "medical-10000",
        {**SERIOUS, **LOW3, "annual_medical_out_of_pocket": "10000"},
        N,
        (True, True, True, False),
    ),
    Case(
        CZ,
        "serious-illness",
        "medical-10000.00",
        {**SERIOUS, **LOW3, "annual_medical_out_of_pocket": "10000.00"},
        N,
        (True, True, True, False),
    ),
    Case(
        CZ,
        "serious-illness",
        "medical-10000.01",
        {**SERIOUS, **LOW3, "annual_medical_out_of_pocket": "10000.01"},
        E,
        (True, True, True, True),
    ),
    Case(
        CZ,
        "serious-illness",
        "medical-not-stated",
        {**SERIOUS, **LOW3, "annual_medical_out_of_pocket": None},
        U,
        (True, True, True, None),
    ),
    # a fact not stated: undetermined while nothing fails; not eligible once the income fails
    Case(
        CZ,
        "serious-illness",
        "illness-not-stated-within",
        {**SERIOUS, **LOW3, "major_illness": None},
        U,
        (True, True, None, True),
    ),
    Case(
        CZ,
        "serious-illness",
        "illness-not-stated-over",
        {**SERIOUS, "major_illness": None, "members": 3, "monthly_income": "8100.01"},
        N,
        (False, True, None, True),
    ),
    # (4) first clause; the second clause's two reasons (alternative 2) are false
    *around(CZ, "living-difficulty", LIVING, LIVING_LIMITS, after=(True, True, False, False)),
    Case(
        CZ,
        "living-difficulty",
        "cause-not-named",
        {**LIVING, "causes": ["unemployment"], "members": 3, "monthly_income": "5400.00"},
        N,
        (True, True, False, False, False),
    ),
    Case(
        CZ,
        "living-difficulty",
        "second-clause",
        {
            **LIVING,
            "stable_labour_relation": True,
            "basic_living_difficulty": True,
            "members": 3,
            "monthly_income": "5400.01",
        },
        E,
        (False, True, True, True, True),
    ),
    Case(
        CZ,
        "living-difficulty",
        "second-clause-not-stated",
        {
            **LIVING,
            "stable_labour_relation": None,
            "basic_living_difficulty": True,
            "members": 3,
            "monthly_income": "5400.01",
        },
        U,
        (False, True, True, None, True),
    ),
    # (1) 特困 filed before 2021-01-01; 深度/相对/意外 filed from 2021-01-01 (and not after `on`)
    Case(
        CZ,
        "hardship-family",
        "extreme-2020-12-31",
        {**RICH, **on_file("extreme", "2020-12-31")},
        E,
        (True, False),
    ),
    Case(
        CZ,
        "hardship-family",
        "extreme-2021-01-01",
        {**RICH, **on_file("extreme", "2021-01-01")},
        N,
        (False, False),
    ),
    Case(
        CZ,
        "hardship-family",
        "extreme-2021-01-02",
        {**RICH, **on_file("extreme", "2021-01-02")},
        N,
        (False, False),
    ),
    Case(
        CZ,
        "hardship-family",
        "deep-2020-12-31",
        {**RICH, **on_file("deep", "2020-12-31")},
        N,
        (False, False),
    ),
    Case(
        CZ,
        "hardship-family",
        "deep-2021-01-01",
        {**RICH, **on_file("deep", "2021-01-01")},
        E,
        (False, True),
    ),
    Case(
        CZ,
        "hardship-family",
        "relative-2021-01-02",
        {**RICH, **on_file("relative", "2021-01-02")},
        E,
        (False, True),
    ),
    Case(
        CZ,
        "hardship-family",
        "accident-on-the-day",
        {**RICH, **on_file("accident", "2021-01-10")},
        E,
        (False, True),
    ),
    Case(
        CZ,
        "hardship-family",
        "accident-day-after",
        {**RICH, **on_file("accident", "2021-01-11")},
        N,
        (False, False),
    ),
    Case(CZ, "hardship-family", "no-file", dict(RICH), N, (False, False)),
    # (2) 低保边缘, major illness, labour contract
    Case(
        CZ,
        "dibao-edge",
        "all-met",
        {**RICH, "civil_affairs": "dibao-edge", "major_illness": True, "has_labour_contract": True},
        E,
        (True, True, True),
    ),
    Case(
        CZ,
        "dibao-edge",
        "dibao-not-edge",
        {**RICH, "civil_affairs": "dibao", "major_illness": True, "has_labour_contract": True},
        N,
        (False, True, True),
    ),
    Case(
        CZ,
        "dibao-edge",
        "contract-not-stated",
        {**RICH, "civil_affairs": "dibao-edge", "major_illness": True},
        U,
        (True, True, None),
    ),
    # (5) 区级以上劳动模范 (district or above) in difficulty from illness / unemployment / accident
    Case(
        CZ,
        "model-worker",
        "district-illness",
        {**RICH, "model_worker_level": "district", "causes": ["illness"]},
        # issue 9 point 8 (二(一)1(5) "…引发家庭经济困难的区级以上劳动模范"): was eligible;
        # without a stated economic hardship the decision is undetermined, naming the fact
        U,
        (True, True, None),
    ),
    Case(
        CZ,
        "model-worker",
        "district-illness-hardship",
        {
            **RICH,
            "model_worker_level": "district",
            "causes": ["illness"],
            "economic_hardship": True,
        },
        E,
        (True, True, True),
    ),
    Case(
        CZ,
        "model-worker",
        "district-illness-no-hardship",
        {
            **RICH,
            "model_worker_level": "district",
            "causes": ["illness"],
            "economic_hardship": False,
        },
        N,
        (True, True, False),
    ),
    Case(
        CZ,
        "model-worker",
        "enterprise-illness",
        {**RICH, "model_worker_level": "enterprise", "causes": ["illness"]},
        N,
        (False, True, None),
    ),
    Case(
        CZ,
        "model-worker",
        "city-schooling",
        {
            **RICH,
            "model_worker_level": "city",
            "causes": ["child-education"],
            "economic_hardship": True,
        },
        # issue 9 point 7 (二(一)1(5) "因患病、失业、突发意外等情况"): 等 is open, any stated cause
        E,
        (True, True, True),
    ),
    Case(
        CZ,
        "model-worker",
        "national-causes-not-stated",
        {**RICH, "model_worker_level": "national"},
        U,
        (True, None, None),
    ),
]
