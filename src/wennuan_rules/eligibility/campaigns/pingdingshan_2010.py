"""pingdingshan-2010: the five priority groups of 平工总［2009］38号 三, and the household
categories of form 附件1 line 03 (B below 低保; C slightly above 低保 with a cause; D accident or
disaster; E out of hardship this year).

The five groups are 困难职工 in particular circumstances, set apart from the families on file
(三 "在对工会建档的困难职工…普遍走访慰问的基础上，重点开展对五类群体"): "困难" is on the hardship
file or a stated basic-living difficulty (option ``hardship="on-file"``: the file only).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Final

from wennuan_rules.campaign import Campaign
from wennuan_rules.eligibility.criteria import (
    AllOf,
    AnyOf,
    CausesAny,
    CivilAffairsIs,
    Criterion,
    Fact,
    IncomeNotBelow,
    IncomeWithin,
    OnFile,
)
from wennuan_rules.eligibility.logic import Logic
from wennuan_rules.eligibility.rules import Option
from wennuan_rules.vocabulary import Cause, CivilAffairs, HardshipCategory

__all__ = ["OPTIONS", "build"]


OPTIONS: Final = {
    "hardship": Option(
        "hardship",
        "on-file-or-stated",
        ("on-file-or-stated", "on-file"),
        "三: the five groups are set apart from the filed base (在对工会建档的困难职工…普遍走访慰问"
        "的基础上，重点开展对五类群体…); 'on-file-or-stated' (default, issue 9 point 9): on the "
        "hardship file or basic_living_difficulty = true; 'on-file': on the file only.",
    ),
    "dibao_edge_any_cause": Option(
        "dibao_edge_any_cause",
        True,
        (True, False),
        "三 五: 因家庭成员患大病、子女上学等原因导致生活特别困难: 等 leaves the list open, the "
        "test is the hardship, so any stated cause counts (default, issue 9 point 7); False reads "
        "only the two named causes.",
    ),
}


def build(campaign: Campaign, opts: Mapping[str, Any]) -> Logic:
    """The rules for one choice of options (see :data:`OPTIONS`)."""
    S = campaign.cite + " 三"
    F = campaign.cite + " 附件1 03"
    on_file = OnFile(frozenset(HardshipCategory), S + " 工会建档的困难职工")
    hardship: Criterion = on_file
    if opts["hardship"] == "on-file-or-stated":
        hardship = AnyOf(
            (
                on_file,
                Fact(
                    "basic_living_difficulty",
                    S
                    + " 在对工会建档的困难职工…普遍走访慰问的基础上，重点开展对五类群体 (困难职工)",
                ),
            )
        )
    edge_causes = (
        frozenset(Cause)
        if opts["dibao_edge_any_cause"]
        else frozenset({Cause.ILLNESS, Cause.CHILD_EDUCATION})
    )
    groups = {
        "crisis-enterprise": AllOf(
            (
                Fact("enterprise_in_crisis", S + " 一 受国际金融危机冲击至今生产经营困难企业"),
                hardship,
            )
        ),
        "restructured-enterprise": AllOf(
            (
                Fact("enterprise_restructured", S + " 二 改制重组和关闭破产企业（包括内退职工）"),
                hardship,
            )
        ),
        "depleted-mining-area": AllOf(
            (Fact("depleted_mining_area", S + " 三 资源枯竭矿区和独立工矿区"), hardship)
        ),
        "disaster-or-emergency": AllOf(
            (
                CausesAny(
                    frozenset({Cause.DISASTER, Cause.ACCIDENT}),
                    S + " 四 因自然灾害或突发事件致贫",
                ),
                hardship,
            )
        ),
        "dibao-edge": AllOf(
            (
                CivilAffairsIs(CivilAffairs.DIBAO_EDGE, S + " 五 低保边缘职工"),
                CausesAny(edge_causes, S + " 五 因家庭成员患大病、子女上学等原因"),
                Fact("basic_living_difficulty", S + " 五 导致生活特别困难"),
            )
        ),
    }
    on_file_any = OnFile(frozenset(HardshipCategory), F + "(A) 已经建立困难职工档案的困难职工家庭")
    categories = {
        "03A": on_file_any,
        "03B": AllOf(
            (
                on_file_any,
                AnyOf(
                    (
                        CivilAffairsIs(
                            CivilAffairs.DIBAO,
                            F + "(B) 低于当地城镇居民最低生活保障线 (低保户)",
                        ),
                        IncomeWithin(
                            Decimal(1),
                            F + "(B) 家庭人均收入低于当地城镇居民最低生活保障线",
                            strict=True,
                            undetermined_without_standard=True,
                        ),
                    )
                ),
            )
        ),
        "03C": AllOf(
            (
                on_file_any,
                CivilAffairsIs(CivilAffairs.DIBAO_EDGE, F + "(C) 家庭人均收入略高于低保线"),
                # where a standard is known, C starts at it: never in both B and C (03B+03C ≤ 03A)
                IncomeNotBelow(
                    Decimal(1),
                    F + "(C) 家庭人均收入略高于低保线（不低于低保标准，如已知）",
                ),
                CausesAny(
                    frozenset({Cause.UNEMPLOYMENT, Cause.ILLNESS, Cause.CHILD_EDUCATION}),
                    F + "(C) 因下岗失业、重大疾病、子女教育等原因",
                ),
            )
        ),
        "03D": AllOf(
            (
                on_file_any,
                CausesAny(
                    frozenset({Cause.ACCIDENT, Cause.DISASTER}),
                    F + "(D) 因意外事件、自然灾害等原因",
                ),
            )
        ),
    }
    # 03(E) has no 其中: a family out of hardship may have left the file (issue 9 point 17)
    categories["03E"] = Fact(
        "out_of_hardship_this_year", F + "(E) 本年度经过工会帮扶实现脱贫的困难职工家庭"
    )
    return Logic(groups=groups, categories=categories)
