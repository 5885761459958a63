"""changzhou-edz-2021: the five priority groups of 江苏常州经济开发区总工会 2021-01-06 二(一)1.

(1) 困难职工家庭: on file as 特困 before 2021-01-01, or as 深度困难 / 相对困难 / 意外致困 from
2021-01-01.
(2) 低保边缘职工家庭: 低保边缘 status, major illness, labour contract.
(3) 大病困难职工家庭: income within 3 × 900 (以内: ≤), labour contract, major illness,
out-of-pocket medical costs over 10000 yuan in the year (超过: >).
(4) 生活困难职工家庭: income within 2 × 900, labour contract, and illness / children's schooling /
disaster; or a stable labour relation with basic living in difficulty (migrant workers and other
workers).
(5) 困难劳模: model worker of district level or above whose family is in economic hardship
(``economic_hardship``) through illness, unemployment, accident or another stated cause (等).

Groups (2)–(4) hand in documents by 2021-01-18 (the paragraph after (5)).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

from wennuan_rules.campaign import Campaign
from wennuan_rules.eligibility.criteria import (
    AllOf,
    AnyOf,
    CausesAny,
    CivilAffairsIs,
    Criterion,
    Fact,
    IncomeWithin,
    MedicalCostsOver,
    ModelWorkerAtLeast,
    OnFile,
)
from wennuan_rules.eligibility.documents import Checklist, Document
from wennuan_rules.eligibility.household import Household
from wennuan_rules.eligibility.logic import Logic
from wennuan_rules.eligibility.rules import Option, day
from wennuan_rules.errors import DataFileError
from wennuan_rules.i18n import N_
from wennuan_rules.vocabulary import Cause, CivilAffairs, HardshipCategory, ModelWorkerLevel

if TYPE_CHECKING:
    from wennuan_rules.campaign import Deadline

__all__ = ["OPTIONS", "application_deadline", "build"]

CAMPAIGN: Final = __name__.rsplit(".", 1)[-1].replace("_", "-")  # this module is found from the id
S: Final = "江苏常州经济开发区总工会 2021-01-06 二(一)1"
SCHEME_CHANGE: Final = day("2021-01-01")
MEDICAL_LIMIT: Final = Decimal("10000")

OPTIONS: Final = {
    "living_difficulty_income_test_binds_migrant_clause": Option(
        "living_difficulty_income_test_binds_migrant_clause",
        False,
        (False, True),
        "二(一)1(4): does the 2 × 低保 income test (and the labour contract) also bind the second "
        "clause "
        "(在常有稳定劳动关系且基本生活发生困难的农民工和其它困难职工家庭)? Default: no (the "
        "semicolon "
        "starts a separate clause).",
    ),
    "model_worker_any_cause": Option(
        "model_worker_any_cause",
        True,
        (True, False),
        "二(一)1(5): 因患病、失业、突发意外等情况引发家庭经济困难: 等 leaves the list open, the "
        "test is the economic hardship, so any stated cause counts (default, issue 9 point 7); "
        "False reads only the three named causes.",
    ),
}

_DOCS_GROUPS: Final = ("dibao-edge", "serious-illness", "living-difficulty")
_DOCS: Final = (
    Document.APPLICATION_FORM,
    Document.HARDSHIP_STATEMENT,
    Document.INCOME_CERTIFICATE,
    Document.HOUSEHOLD_REGISTER,
    Document.LABOUR_CONTRACT,
    Document.ID_CARD,
    Document.UNION_CARD,
    Document.PUBLICITY,
)
_ILLNESS_DOCS: Final = (Document.DIAGNOSIS, Document.MEDICAL_RECEIPTS)


def checklist(household: Household, eligible: tuple[str, ...]) -> Checklist:
    """The documents of 二(一)1 (after (5)) for the groups (2)–(4) the household belongs to."""
    applies = tuple(g for g in _DOCS_GROUPS if g in eligible)
    key = (applies, household.major_illness is True, household.documents, household.submitted_on)
    found = _CHECKLISTS.get(key)
    if found is None:
        found = _checklist(*key)
        if len(_CHECKLISTS) >= 4096:
            _CHECKLISTS.clear()
        _CHECKLISTS[key] = found
    return found


_CHECKLISTS: dict[tuple[object, ...], Checklist] = {}


def _checklist(
    applies: tuple[str, ...],
    illness: bool,
    have: frozenset[Document] | None,
    submitted_on: dt.date | None,
) -> Checklist:
    required: tuple[Document, ...] = ()
    if applies:
        required = _DOCS + (_ILLNESS_DOCS if illness else ())
    missing = tuple(d for d in required if have is None or d not in have)
    deadline = application_deadline()
    return Checklist(
        applies=applies,
        required=required,
        missing=missing,
        documents_stated=have is not None,
        deadline=deadline.last_day,
        submitted_on=submitted_on,
        source=S + " (填写《困难职工申请表》…患大病的还需提供医院诊断记录和医疗费收据复印件)",
        deadline_source=_deadline_source(deadline),
    )


def application_deadline() -> Deadline:
    """The day by which groups (2)–(4) hand in their materials, read from the campaign's data
    (``[application_deadline]``: 2021-01-18, 前 read as "by")."""
    from wennuan_rules.campaign import get_campaign

    deadline = get_campaign(CAMPAIGN).application_deadline
    if deadline is None:  # pragma: no cover - the bundled data has one
        raise DataFileError(
            N_("{what}: expected {expected}, got {got}"),
            what=f"{CAMPAIGN} application_deadline",
            expected=N_("a deadline in the campaign data"),
            got=None,
        )
    return deadline


def _deadline_source(deadline: Deadline) -> str:
    note = f"{deadline.text}; 前 read as 'by': {deadline.last_day.isoformat()} is on time"
    return (
        f"{deadline.source} ({note})"
        if deadline.inclusive
        else f"{deadline.source} ({deadline.text})"
    )


def build(campaign: Campaign, opts: Mapping[str, Any]) -> Logic:
    """The rules for one choice of options (see :data:`OPTIONS`)."""
    contract = Fact("has_labour_contract", S + "(2)(3)(4) 有劳动合同的职工")

    hardship_family = AnyOf(
        (
            OnFile(
                frozenset({HardshipCategory.EXTREME}),
                S + "(1) 2021年1月1日前在档管理的特困职工家庭",
                filed_before=SCHEME_CHANGE,
            ),
            OnFile(
                frozenset(
                    {HardshipCategory.DEEP, HardshipCategory.RELATIVE, HardshipCategory.ACCIDENT}
                ),
                S + "(1) 2021年1月1日起申报认定的深度困难、相对困难、意外致困职工家庭",
                filed_from=SCHEME_CHANGE,
            ),
        )
    )
    dibao_edge = AllOf(
        (
            CivilAffairsIs(CivilAffairs.DIBAO_EDGE, S + "(2) 低保边缘重病困难对象"),
            Fact("major_illness", S + "(2) 低保边缘重病困难对象"),
            Fact("has_labour_contract", S + "(2) 在职职工家庭（有劳动合同的职工）"),
        )
    )
    serious_illness = AllOf(
        (
            IncomeWithin(Decimal(3), S + "(3) 人均收入在低保标准3倍以内"),
            Fact("has_labour_contract", S + "(3) 有劳动合同的职工"),
            Fact("major_illness", S + "(3) 职工本人或家庭主要成员患重大疾病"),
            MedicalCostsOver(MEDICAL_LIMIT, S + "(3) 年个人自负和自费部分医疗费累计超过10000元"),
        )
    )
    first: Criterion = AllOf(
        (
            IncomeWithin(Decimal(2), S + "(4) 人均收入在低保标准2倍以内"),
            Fact("has_labour_contract", S + "(4) 有劳动合同的职工"),
            CausesAny(
                frozenset({Cause.ILLNESS, Cause.CHILD_EDUCATION, Cause.DISASTER}),
                S + "(4) 因患病、子女读书、突遭灾害",
            ),
        )
    )
    second_parts: list[Criterion] = [
        Fact("stable_labour_relation", S + "(4) 在常有稳定劳动关系"),
        Fact("basic_living_difficulty", S + "(4) 基本生活发生困难的农民工和其它困难职工家庭"),
    ]
    if opts["living_difficulty_income_test_binds_migrant_clause"]:
        second_parts[:0] = [
            IncomeWithin(
                Decimal(2), S + "(4) 人均收入在低保标准2倍以内 (option: binds the second clause)"
            ),
            contract,
        ]
    living_difficulty = AnyOf((first, AllOf(tuple(second_parts))))
    model_causes = (
        frozenset(Cause)
        if opts["model_worker_any_cause"]
        else frozenset({Cause.ILLNESS, Cause.UNEMPLOYMENT, Cause.ACCIDENT})
    )
    model_worker = AllOf(
        (
            ModelWorkerAtLeast(ModelWorkerLevel.DISTRICT, S + "(5) 区级以上劳动模范"),
            CausesAny(model_causes, S + "(5) 因患病、失业、突发意外等情况"),
            # the test is the hardship, not the cause (issue 9 point 8): not stated → undetermined
            Fact("economic_hardship", S + "(5) 引发家庭经济困难的区级以上劳动模范"),
        )
    )
    groups = {
        "hardship-family": hardship_family,
        "dibao-edge": dibao_edge,
        "serious-illness": serious_illness,
        "living-difficulty": living_difficulty,
        "model-worker": model_worker,
    }
    return Logic(groups=groups, checklist=checklist)
