"""Eligibility: household facts → the priority groups of a campaign, with reasons.

>>> import wennuan_rules as wr
>>> h = wr.Household.from_mapping({"members": 3, "monthly_income": "8100.00",
...     "has_labour_contract": True, "major_illness": True, "annual_medical_out_of_pocket":
"10000.01"})
>>> wr.assess(h, "changzhou-edz-2021", on="2021-01-10").eligible
('serious-illness',)

See docs/eligibility.md for the household keys, every group's rule and its source.
"""

from __future__ import annotations

from wennuan_rules.eligibility.assessment import (
    Assessment,
    Decision,
    assess,
    assess_many,
    campaign_options,
    campaign_rules,
    compile_campaign,
)
from wennuan_rules.eligibility.criteria import (
    AllOf,
    AnyOf,
    CausesAny,
    CivilAffairsIs,
    Context,
    Criterion,
    EventWithin,
    Fact,
    IncomeWithin,
    MedicalCostsOver,
    ModelWorkerAtLeast,
    NewFormOccupation,
    OnFile,
    ProfessionalStated,
    Reason,
)
from wennuan_rules.eligibility.documents import Checklist, Document
from wennuan_rules.eligibility.household import HardshipFile, Household
from wennuan_rules.eligibility.logic import Logic
from wennuan_rules.eligibility.rules import CampaignRules, GroupRule, Option

__all__ = [
    "AllOf",
    "AnyOf",
    "Assessment",
    "CampaignRules",
    "CausesAny",
    "Checklist",
    "CivilAffairsIs",
    "Context",
    "Criterion",
    "Decision",
    "Document",
    "EventWithin",
    "Fact",
    "GroupRule",
    "HardshipFile",
    "Household",
    "IncomeWithin",
    "Logic",
    "MedicalCostsOver",
    "ModelWorkerAtLeast",
    "NewFormOccupation",
    "OnFile",
    "Option",
    "ProfessionalStated",
    "Reason",
    "assess",
    "assess_many",
    "campaign_options",
    "campaign_rules",
    "compile_campaign",
]
