"""Boundary cases of wuhan-2015, henan-2018 and pingdingshan-2022 (worked by hand)."""

from __future__ import annotations

from pin_cases._base import RICH, Case, E, N, U, on_file

# -- wuhan-2015 ----
WH = "wuhan-2015"
ON_FILE_15 = on_file("extreme", "2014-06-01")
WUHAN = [
    Case(
        WH, "on-file", "filed-day-before", {**RICH, **on_file("relative", "2015-01-19")}, E, (True,)
    ),
    Case(
        WH, "on-file", "filed-on-the-day", {**RICH, **on_file("relative", "2015-01-20")}, E, (True,)
    ),
    Case(
        WH, "on-file", "filed-day-after", {**RICH, **on_file("relative", "2015-01-21")}, N, (False,)
    ),
    Case(WH, "on-file", "no-file", dict(RICH), N, (False,)),
    Case(
        WH,
        "model-worker",
        "enterprise-on-file",
        {**RICH, "model_worker_level": "enterprise", **ON_FILE_15},
        E,
        (True, True),
    ),
    Case(WH, "model-worker", "not-model-worker", {**RICH, **ON_FILE_15}, N, (False, True)),
    Case(
        WH,
        "model-worker",
        "not-on-file",
        {**RICH, "model_worker_level": "national"},
        N,
        (True, False),
    ),
    Case(
        WH,
        "migrant-worker",
        "on-file",
        {**RICH, "migrant_worker": True, **ON_FILE_15},
        E,
        (True, True, None),
    ),
    Case(WH, "migrant-worker", "not-stated", {**RICH, **ON_FILE_15}, U, (None, True, None)),
    Case(
        WH,
        "migrant-worker",
        "filed-day-after",
        {**RICH, "migrant_worker": True, **on_file("deep", "2015-01-21")},
        # issue 9 point 18 (二 重點人群 困難職工和農民工): not on file, hardship not stated →
        # undetermined (was not eligible)
        U,
        (True, False, None),
    ),
    Case(
        WH,
        "migrant-worker",
        "not-on-file-in-difficulty",
        {**RICH, "migrant_worker": True, "basic_living_difficulty": True},
        E,
        (True, False, True),
    ),
    Case(
        WH,
        "migrant-worker",
        "not-on-file-no-difficulty",
        {**RICH, "migrant_worker": True, "basic_living_difficulty": False},
        N,
        (True, False, False),
    ),
    Case(WH, "frontline-workers", "on-duty", {**RICH, "on_duty_during_festival": True}, E, (True,)),
    Case(
        WH,
        "frontline-workers",
        "not-on-duty",
        {**RICH, "on_duty_during_festival": False},
        N,
        (False,),
    ),
    Case(WH, "frontline-workers", "not-stated", dict(RICH), U, (None,)),
]

# -- henan-2018 (两节 period 2018-01-01 .. 2018-02-21, decided on 2018-02-22) ----
# issue 9 point 10: "元旦、春节期间" with no dates runs to the end of the 春节 holiday, 正月初六:
# 春节 2018-02-16 (正月初一) + 5 days = 2018-02-21 (was: to 春节, 2018-02-16)
HN = "henan-2018"
SUDDEN = {**RICH, "causes": ["accident"], "basic_living_difficulty": True}
HENAN = [
    Case(
        HN, "on-file", "filed-on-the-day", {**RICH, **on_file("accident", "2018-02-22")}, E, (True,)
    ),
    Case(
        HN, "on-file", "filed-day-after", {**RICH, **on_file("accident", "2018-02-23")}, N, (False,)
    ),
    # issue 9 point 19 (豫工文〔2017〕61号 一 "…困难职工、困难农民工和困难劳模"): reasons are the
    # person, on file, basic living in difficulty
    Case(
        HN,
        "migrant-worker",
        "on-file",
        {**RICH, "migrant_worker": True, **on_file("deep", "2018-01-05")},
        E,
        (True, True, None),
    ),
    Case(
        HN,
        "migrant-worker",
        "stated",
        {**RICH, "migrant_worker": True, "basic_living_difficulty": True},
        E,
        (True, False, True),
    ),
    Case(
        HN,
        "migrant-worker",
        "not-migrant",
        {**RICH, "migrant_worker": False, "basic_living_difficulty": True},
        N,
        (False, False, True),
    ),
    Case(
        HN,
        "model-worker",
        "stated",
        {**RICH, "model_worker_level": "enterprise", "basic_living_difficulty": True},
        E,
        (True, False, True),
    ),
    Case(
        HN,
        "model-worker",
        "not-in-hardship",
        {**RICH, "model_worker_level": "national", "basic_living_difficulty": False},
        N,
        (True, False, False),
    ),
    Case(
        HN,
        "sudden-hardship",
        "event-2017-12-31",
        {**SUDDEN, "event_on": "2017-12-31"},
        N,
        (False, True, True),
    ),
    Case(
        HN,
        "sudden-hardship",
        "event-2018-01-01",
        {**SUDDEN, "event_on": "2018-01-01"},
        E,
        (True, True, True),
    ),
    Case(
        HN,
        "sudden-hardship",
        "event-2018-02-16",
        {**SUDDEN, "event_on": "2018-02-16"},
        E,
        (True, True, True),
    ),
    Case(
        HN,
        "sudden-hardship",
        "event-2018-02-17",
        {**SUDDEN, "event_on": "2018-02-17"},
        # issue 9 point 10: 2018-02-17 (正月初二) is inside the holiday; was not eligible
        E,
        (True, True, True),
    ),
    Case(
        HN,
        "sudden-hardship",
        "event-2018-02-21",
        {**SUDDEN, "event_on": "2018-02-21"},
        E,
        (True, True, True),
    ),
    Case(
        HN,
        "sudden-hardship",
        "event-2018-02-22",
        {**SUDDEN, "event_on": "2018-02-22"},
        N,
        (False, True, True),
    ),
    Case(HN, "sudden-hardship", "event-not-stated", dict(SUDDEN), U, (None, True, True)),
    Case(
        HN,
        "sudden-hardship",
        "no-cause",
        {**SUDDEN, "causes": [], "event_on": "2018-01-15"},
        N,
        (True, False, True),
    ),
    Case(
        HN,
        "sudden-hardship",
        "difficulty-not-stated",
        {**SUDDEN, "basic_living_difficulty": None, "event_on": "2018-01-15"},
        U,
        (True, True, None),
    ),
    # 二3二: any of on duty / key-project contributor / model worker / professional (工匠劳模、
    # 技能人才、学科带头人等专业人才, issue 9 point 19) (alternatives 1, 2, 3, 4)
    Case(
        HN,
        "frontline-workers",
        "on-duty",
        {**RICH, "on_duty_during_festival": True, "major_project_contributor": False},
        E,
        (True, False, False, False),
    ),
    Case(
        HN,
        "frontline-workers",
        "professional",
        {
            **RICH,
            "on_duty_during_festival": False,
            "major_project_contributor": False,
            "professional": "skilled-talent",
        },
        E,
        (False, False, False, True),
    ),
    Case(
        HN,
        "frontline-workers",
        "model-worker",
        {
            **RICH,
            "on_duty_during_festival": False,
            "major_project_contributor": False,
            "model_worker_level": "enterprise",
        },
        E,
        (False, False, True, False),
    ),
    Case(
        HN,
        "frontline-workers",
        "none",
        {**RICH, "on_duty_during_festival": False, "major_project_contributor": False},
        N,
        (False, False, False, False),
    ),
    Case(
        HN,
        "frontline-workers",
        "not-stated",
        {**RICH, "major_project_contributor": False},
        U,
        (None, False, False, False),
    ),
    Case(
        HN,
        "migrant-workers-on-duty",
        "met",
        {**RICH, "migrant_worker": True, "on_duty_during_festival": True},
        E,
        (True, True),
    ),
    Case(
        HN,
        "migrant-workers-on-duty",
        "not-on-duty",
        {**RICH, "migrant_worker": True, "on_duty_during_festival": False},
        N,
        (True, False),
    ),
    Case(
        HN,
        "migrant-workers-on-duty",
        "not-stated",
        {**RICH, "on_duty_during_festival": True},
        U,
        (None, True),
    ),
]

# -- pingdingshan-2022 ----
P22 = "pingdingshan-2022"


def _p22_category(group: str, other: str) -> list[Case]:
    return [
        Case(P22, group, "filed-on-the-day", {**RICH, **on_file(group, "2022-01-20")}, E, (True,)),
        Case(P22, group, "filed-day-after", {**RICH, **on_file(group, "2022-01-21")}, N, (False,)),
        Case(P22, group, "other-category", {**RICH, **on_file(other, "2021-06-01")}, N, (False,)),
    ]


def _p22_fact(group: str, fact: str) -> list[Case]:
    return [
        Case(P22, group, "true", {**RICH, fact: True}, E, (True,)),
        Case(P22, group, "false", {**RICH, fact: False}, N, (False,)),
        Case(P22, group, "not-stated", dict(RICH), U, (None,)),
    ]


PINGDINGSHAN_2022 = [
    *_p22_category("deep", "relative"),
    *_p22_category("relative", "accident"),
    *_p22_category("accident", "extreme"),
    Case(
        P22,
        "stricken-family",
        "work-injury",
        {**RICH, "causes": ["work-injury"], "basic_living_difficulty": True},
        E,
        (True, True),
    ),
    Case(
        P22,
        "stricken-family",
        "schooling",
        {**RICH, "causes": ["child-education"], "basic_living_difficulty": True},
        # issue 9 point 7 (二(二)二 "…遭受各类灾害或突发意外等情况"): 等 is open, any stated cause
        E,
        (True, True),
    ),
    Case(
        P22,
        "stricken-family",
        "no-cause",
        {**RICH, "causes": [], "basic_living_difficulty": True},
        N,
        (False, True),
    ),
    Case(
        P22,
        "new-form-workers",
        "occupation-not-named",
        # issue 9 point 7 (二(二)三 "…外卖配送员等群体"): an occupation not named is accepted
        {**RICH, "new_form_occupation": "代驾司机"},
        E,
        (True,),
    ),
    Case(
        P22,
        "stricken-family",
        "difficulty-not-stated",
        {**RICH, "causes": ["unemployment"]},
        U,
        (True, None),
    ),
    Case(
        P22, "new-form-workers", "courier", {**RICH, "new_form_occupation": "courier"}, E, (True,)
    ),
    Case(P22, "new-form-workers", "none", dict(RICH), N, (False,)),
    Case(
        P22, "model-worker", "enterprise", {**RICH, "model_worker_level": "enterprise"}, E, (True,)
    ),
    Case(P22, "model-worker", "none", dict(RICH), N, (False,)),
    *_p22_fact("epidemic-medical", "epidemic_frontline_medical"),
    *_p22_fact("major-project-contributors", "major_project_contributor"),
    *_p22_fact("frontline-workers", "on_duty_during_festival"),
]
