"""henan-2018: the groups of 豫工文〔2017〕61号: every family on file (三2), families struck by a
sudden event, accident, serious illness or other cause during the festivals (三2), front-line
workers and model workers
(二3二), migrant workers on duty over the festival (二4三)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, Final

from wennuan_rules.eligibility.criteria import (
    AllOf,
    AnyOf,
    CausesAny,
    EventWithin,
    Fact,
    ModelWorkerAtLeast,
    OnFile,
)
from wennuan_rules.eligibility.rules import CampaignRules, GroupRule, Option, resolve_options
from wennuan_rules.i18n import Label
from wennuan_rules.vocabulary import Cause, HardshipCategory, ModelWorkerLevel

__all__ = ["CAMPAIGN", "OPTIONS", "build"]

CAMPAIGN: Final = "henan-2018"
S: Final = "豫工文〔2017〕61号"
OPTIONS: Final[dict[str, Option]] = {}


def _period() -> tuple[dt.date, dt.date, str]:
    from wennuan_rules.campaign import get_campaign

    period = get_campaign(CAMPAIGN).period
    return period.start, period.end, period.source


def build(options: Mapping[str, Any] | None = None) -> CampaignRules:
    """The rules (henan-2018 has no options; the 两节 period is the campaign's period)."""
    opts = resolve_options(OPTIONS, options, CAMPAIGN)
    start, end, period_source = _period()
    groups = (
        GroupRule(
            "on-file",
            Label("建档立卡困难职工", "建檔立卡困難職工", "workers in hardship on file"),
            S + " 三2",
            OnFile(frozenset(HardshipCategory), S + " 三2 所有建档立卡困难职工"),
        ),
        GroupRule(
            "sudden-hardship",
            Label(
                "两节期间突遭困难的职工家庭",
                "兩節期間突遭困難的職工家庭",
                "families struck by hardship during the festivals",
            ),
            S + " 三2",
            AllOf(
                (
                    EventWithin(start, end, f"{S} 三2 “两节”期间 ({period_source})"),
                    CausesAny(
                        frozenset(Cause), S + " 三2 遭遇突发事件、意外伤害、重大疾病及其他原因"
                    ),
                    Fact("basic_living_difficulty", S + " 三2 导致生活困难的职工家庭"),
                )
            ),
        ),
        GroupRule(
            "frontline-workers",
            Label(
                "一线职工和专业人才",
                "一線職工和專業人才",
                "front-line workers and skilled professionals",
            ),
            S + " 二3二",
            AnyOf(
                (
                    Fact("on_duty_during_festival", S + " 二3二 节日坚守岗位服务一线的广大职工"),
                    Fact(
                        "major_project_contributor", S + " 二3二 国家重点工程（重大项目）建设一线"
                    ),
                    ModelWorkerAtLeast(ModelWorkerLevel.ENTERPRISE, S + " 二3二 工匠劳模"),
                )
            ),
        ),
        GroupRule(
            "migrant-workers-on-duty",
            Label(
                "节日期间坚守岗位的农民工",
                "節日期間堅守崗位的農民工",
                "migrant workers on duty during the festival",
            ),
            S + " 二4三",
            AllOf(
                (
                    Fact("migrant_worker", S + " 二4三 农民工"),
                    Fact("on_duty_during_festival", S + " 二4三 节日期间坚守工作岗位"),
                )
            ),
        ),
    )
    return CampaignRules(campaign=CAMPAIGN, groups=groups, options=opts)
