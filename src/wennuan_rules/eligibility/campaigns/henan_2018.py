"""henan-2018: the groups of 豫工文〔2017〕61号: every family on file (三2), families struck by a
sudden event, accident, serious illness or other cause during the festivals (三2), front-line
workers, model workers and professionals (工匠劳模、技能人才、学科带头人等, 二3二), migrant workers
on duty over the festival (二4三)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from wennuan_rules.campaign import Campaign
from wennuan_rules.eligibility.criteria import (
    AllOf,
    AnyOf,
    CausesAny,
    EventWithin,
    Fact,
    ModelWorkerAtLeast,
    OnFile,
    ProfessionalStated,
)
from wennuan_rules.eligibility.logic import Logic
from wennuan_rules.eligibility.rules import Option
from wennuan_rules.vocabulary import Cause, HardshipCategory, ModelWorkerLevel

__all__ = ["OPTIONS", "build"]

OPTIONS: Final[dict[str, Option]] = {}


def build(campaign: Campaign, opts: Mapping[str, Any]) -> Logic:
    """The rules (henan-2018 has no options; the 两节 period is the campaign's period)."""
    S = campaign.cite
    period = campaign.period
    start, end, period_source = period.start, period.end, period.source
    on_file = OnFile(frozenset(HardshipCategory), S + " 三2 所有建档立卡困难职工")
    # 一 "…帮扶服务困难职工、困难农民工和困难劳模" (issue 9 point 19): 困难 = on file or stated
    in_hardship = AnyOf(
        (on_file, Fact("basic_living_difficulty", S + " 一 困难农民工和困难劳模 (困难)"))
    )
    groups = {
        "on-file": on_file,
        "migrant-worker": AllOf((Fact("migrant_worker", S + " 一 困难农民工"), in_hardship)),
        "model-worker": AllOf(
            (ModelWorkerAtLeast(ModelWorkerLevel.ENTERPRISE, S + " 一 困难劳模"), in_hardship)
        ),
        "sudden-hardship": AllOf(
            (
                EventWithin(start, end, f"{S} 三2 “两节”期间 ({period_source})"),
                CausesAny(frozenset(Cause), S + " 三2 遭遇突发事件、意外伤害、重大疾病及其他原因"),
                Fact("basic_living_difficulty", S + " 三2 导致生活困难的职工家庭"),
            )
        ),
        "frontline-workers": AnyOf(
            (
                Fact("on_duty_during_festival", S + " 二3二 节日坚守岗位服务一线的广大职工"),
                Fact("major_project_contributor", S + " 二3二 国家重点工程（重大项目）建设一线"),
                ModelWorkerAtLeast(ModelWorkerLevel.ENTERPRISE, S + " 二3二 工匠劳模"),
                ProfessionalStated(S + " 二3二 工匠劳模、技能人才、学科带头人等专业人才"),
            )
        ),
        "migrant-workers-on-duty": AllOf(
            (
                Fact("migrant_worker", S + " 二4三 农民工"),
                Fact("on_duty_during_festival", S + " 二4三 节日期间坚守工作岗位"),
            )
        ),
    }
    return Logic(groups=groups)
