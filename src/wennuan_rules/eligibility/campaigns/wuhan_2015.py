"""wuhan-2015: the groups of 武工办〔2014〕74号 三(二): every family on file (全覆盖), model
workers in hardship (on file: 先建档、后帮扶, 四(五)), migrant workers in hardship (on file, or in
stated difficulty: 二 重點人群 困難職工和農民工), front-line workers who cannot go home for the
festival."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from wennuan_rules.campaign import Campaign
from wennuan_rules.eligibility.criteria import AllOf, AnyOf, Fact, ModelWorkerAtLeast, OnFile
from wennuan_rules.eligibility.logic import Logic
from wennuan_rules.eligibility.rules import Option
from wennuan_rules.vocabulary import HardshipCategory, ModelWorkerLevel

__all__ = ["OPTIONS", "build"]

OPTIONS: Final[dict[str, Option]] = {}


def build(campaign: Campaign, opts: Mapping[str, Any]) -> Logic:
    """The rules (wuhan-2015 has no options)."""
    S = campaign.cite + " 三(二)"
    on_file = OnFile(
        frozenset(HardshipCategory), S + " 建檔的困難職工家庭 (先建檔、後幫扶, 四(五))"
    )
    groups = {
        "on-file": on_file,
        "model-worker": AllOf(
            (ModelWorkerAtLeast(ModelWorkerLevel.ENTERPRISE, S + " 困難勞模"), on_file)
        ),
        # 二 "堅持重點人群(困難職工和農民工)重點幫扶": a migrant worker in hardship is in the
        # priority group whether or not on file (issue 9 point 18)
        "migrant-worker": AllOf(
            (
                Fact("migrant_worker", S + " 困難農民工"),
                AnyOf(
                    (
                        on_file,
                        Fact(
                            "basic_living_difficulty",
                            campaign.cite + " 二 堅持重點人群(困難職工和農民工)重點幫扶",
                        ),
                    )
                ),
            )
        ),
        "frontline-workers": Fact(
            "on_duty_during_festival", S + " 節日期間不能回家與親人團聚的一線職工"
        ),
    }
    return Logic(groups=groups)
