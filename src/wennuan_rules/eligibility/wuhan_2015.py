"""wuhan-2015: the groups of 武工办〔2014〕74号 三(二): every family on file (全覆盖), model
workers and migrant workers in hardship (on file: 先建档、后帮扶, 四(五)), front-line workers who
cannot go home for
the festival."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from wennuan_rules.eligibility.criteria import AllOf, Fact, ModelWorkerAtLeast, OnFile
from wennuan_rules.eligibility.rules import CampaignRules, GroupRule, Option, resolve_options
from wennuan_rules.i18n import Label
from wennuan_rules.vocabulary import HardshipCategory, ModelWorkerLevel

__all__ = ["CAMPAIGN", "OPTIONS", "build"]

CAMPAIGN: Final = "wuhan-2015"
S: Final = "武工办〔2014〕74号 三(二)"
OPTIONS: Final[dict[str, Option]] = {}


def build(options: Mapping[str, Any] | None = None) -> CampaignRules:
    """The rules (wuhan-2015 has no options)."""
    opts = resolve_options(OPTIONS, options, CAMPAIGN)
    on_file = OnFile(
        frozenset(HardshipCategory), S + " 建檔的困難職工家庭 (先建檔、後幫扶, 四(五))"
    )
    groups = (
        GroupRule(
            "on-file",
            Label("建档困难职工家庭", "建檔困難職工家庭", "families on the hardship file"),
            S,
            on_file,
        ),
        GroupRule(
            "model-worker",
            Label("困难劳模", "困難勞模", "model workers in hardship"),
            S,
            AllOf((ModelWorkerAtLeast(ModelWorkerLevel.ENTERPRISE, S + " 困難勞模"), on_file)),
        ),
        GroupRule(
            "migrant-worker",
            Label("困难农民工", "困難農民工", "migrant workers in hardship"),
            S,
            AllOf((Fact("migrant_worker", S + " 困難農民工"), on_file)),
        ),
        GroupRule(
            "frontline-workers",
            Label(
                "节日期间不能回家的一线职工",
                "節日期間不能回家的一線職工",
                "front-line workers who cannot go home for the festival",
            ),
            S,
            Fact("on_duty_during_festival", S + " 節日期間不能回家與親人團聚的一線職工"),
        ),
    )
    return CampaignRules(campaign=CAMPAIGN, groups=groups, options=opts)
