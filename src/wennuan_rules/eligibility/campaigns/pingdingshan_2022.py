"""pingdingshan-2022: the groups of 平顶山市总工会办公室 2022 二(二) and 二(三).

二(三)一: families on file as 深度困难 / 相对困难 / 意外致困 (one group each); 二(二)二: families
in living difficulty through unemployment, serious illness, work injury or death, disaster or
accident;
二(二)三: new-form workers (truck and ride-hailing drivers, couriers, food delivery riders 等: any
new-form occupation stated counts);
二(二)四: model workers, medical workers at the epidemic front line, contributors to key projects,
workers on duty over the festival.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from wennuan_rules.campaign import Campaign
from wennuan_rules.eligibility.criteria import (
    AllOf,
    CausesAny,
    Fact,
    ModelWorkerAtLeast,
    NewFormOccupation,
    OnFile,
)
from wennuan_rules.eligibility.logic import Logic
from wennuan_rules.eligibility.rules import Option
from wennuan_rules.vocabulary import Cause, HardshipCategory, ModelWorkerLevel

__all__ = ["OPTIONS", "build"]


OPTIONS: Final = {
    "stricken_family_any_cause": Option(
        "stricken_family_any_cause",
        True,
        (True, False),
        "二(二)二: 下岗失业、患重病、工伤病亡、遭受各类灾害或突发意外等情况造成生活困难: 等 leaves "
        "the list open, the test is the hardship, so any stated cause counts (default, issue 9 "
        "point 7); False reads only the named causes.",
    ),
    "new_form_occupations": Option(
        "new_form_occupations",
        "open",
        ("open", "named"),
        "二(二)三: 货车司机、网约车司机、快递员、外卖配送员等群体: 'open' (default, issue 9 point "
        "7) accepts any new-form occupation stated and names it; 'named' only the four named.",
    ),
}


def _on_file(category: HardshipCategory, S: str) -> OnFile:
    return OnFile(
        frozenset({category}), S + "(三)一 深度困难、相对困难、意外致困等不同类型困难职工家庭"
    )


def build(campaign: Campaign, opts: Mapping[str, Any]) -> Logic:
    """The rules for one choice of options (see :data:`OPTIONS`)."""
    S = campaign.cite + " 二"
    causes = (
        frozenset(Cause)
        if opts["stricken_family_any_cause"]
        else frozenset(
            {Cause.UNEMPLOYMENT, Cause.ILLNESS, Cause.WORK_INJURY, Cause.DISASTER, Cause.ACCIDENT}
        )
    )
    groups = {
        "deep": _on_file(HardshipCategory.DEEP, S),
        "relative": _on_file(HardshipCategory.RELATIVE, S),
        "accident": _on_file(HardshipCategory.ACCIDENT, S),
        "stricken-family": AllOf(
            (
                CausesAny(
                    causes,
                    S + "(二)二 下岗失业、患重病、工伤病亡、遭受各类灾害或突发意外等情况",
                ),
                Fact("basic_living_difficulty", S + "(二)二 造成生活困难的职工家庭"),
            )
        ),
        "new-form-workers": NewFormOccupation(
            S + "(二)三 货车司机、网约车司机、快递员、外卖配送员等群体",
            named_only=opts["new_form_occupations"] == "named",
        ),
        "model-worker": ModelWorkerAtLeast(
            ModelWorkerLevel.ENTERPRISE, S + "(二)四 普遍慰问…劳动模范"
        ),
        "epidemic-medical": Fact(
            "epidemic_frontline_medical", S + "(二)四 坚守在新冠肺炎疫情防控一线的医务人员"
        ),
        "major-project-contributors": Fact(
            "major_project_contributor",
            S + "(二)四 在国家重点工程重大项目和重大活动中作出突出贡献的职工",
        ),
        "frontline-workers": Fact(
            "on_duty_during_festival", S + "(二)四 节日期间坚守一线岗位的干部职工"
        ),
    }
    return Logic(groups=groups)
