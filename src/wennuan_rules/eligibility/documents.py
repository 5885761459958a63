"""Documents an applicant hands in, and the checklist that says what is missing and whether it is
late.

Only ``changzhou-edz-2021`` lists documents: for the 低保边缘, 大病困难 and 生活困难 groups
(江苏常州经济开发区总工会 2021-01-06 二(一)1, the paragraph after (5)), materials by 2021-01-18.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

import attrs

from wennuan_rules.eligibility._render import label_in, render_in
from wennuan_rules.i18n import N_, Message, normalize_lang
from wennuan_rules.vocabulary import Vocab

__all__ = ["Checklist", "Document"]

_DICTS: dict[tuple[int, str], tuple[Checklist, dict[str, Any]]] = {}


class Document(Vocab):
    """Documents named by the notices (ids are stable)."""

    __source__: ClassVar[str] = "江苏常州经济开发区总工会 2021-01-06 二(一)1"
    APPLICATION_FORM = (
        "application-form",
        "困难职工申请表",
        "困難職工申請表",
        "application form (困难职工申请表)",
        "申请表",
        "申請表",
    )
    HARDSHIP_STATEMENT = (
        "hardship-statement",
        "家庭困难申请",
        "家庭困難申請",
        "statement of the family's hardship",
        "困难申请",
    )
    INCOME_CERTIFICATE = (
        "income-certificate",
        "家庭成员收入情况证明",
        "家庭成員收入情況證明",
        "certificate of family members' income",
        "收入证明",
        "收入證明",
    )
    HOUSEHOLD_REGISTER = (
        "household-register",
        "户口簿",
        "戶口簿",
        "household register (hukou)",
        "家庭户口簿",
        "户口本",
    )
    LABOUR_CONTRACT = ("labour-contract", "劳动合同", "勞動合同", "labour contract")
    ID_CARD = (
        "id-card",
        "职工本人身份证",
        "職工本人身份證",
        "worker's identity card",
        "身份证",
        "身份證",
    )
    UNION_CARD = ("union-card", "工会卡", "工會卡", "union card")
    PUBLICITY = ("publicity", "公示资料", "公示資料", "record of public notice")
    DIAGNOSIS = (
        "diagnosis",
        "医院诊断记录",
        "醫院診斷記錄",
        "hospital diagnosis",
        "诊断记录",
        "診斷記錄",
    )
    MEDICAL_RECEIPTS = ("medical-receipts", "医疗费收据", "醫療費收據", "medical receipts")


@attrs.frozen
class Checklist:
    """What a household must hand in for the groups it belongs to, and what is missing.

    Attributes:
        applies: the groups that require the documents and that the household belongs to (empty: no
            application is required).
        required: the documents required, in the notice's order.
        missing: required documents not handed in (all of them when ``documents`` was not stated).
        documents_stated: whether the household said which documents it handed in.
        deadline: the last day on which materials are on time.
        submitted_on: the day they were handed in, when stated.
        source: the clause.
    """

    applies: tuple[str, ...]
    required: tuple[Document, ...]
    missing: tuple[Document, ...]
    documents_stated: bool
    deadline: dt.date
    submitted_on: dt.date | None
    source: str
    deadline_source: str

    @property
    def on_time(self) -> bool | None:
        """True when handed in by the deadline; ``None`` when the day was not stated."""
        if self.submitted_on is None:
            return None
        return self.submitted_on <= self.deadline

    @property
    def complete(self) -> bool | None:
        """True when nothing is missing and it was on time; ``None`` when not stated."""
        if not self.applies:
            return True
        if not self.documents_stated:
            return None
        if self.missing:
            return False
        return self.on_time

    def messages(self, lang: str | None = None) -> tuple[Message, ...]:
        """What the checklist says, in order (missing documents labelled in ``lang``)."""
        locale = normalize_lang(lang)
        out: list[Message] = []
        if not self.applies:
            out.append(Message.of(N_("no application documents are required for these groups")))
            return tuple(out)
        if not self.documents_stated:
            out.append(Message.of(N_("documents handed in: not stated")))
        for doc in self.missing:
            out.append(Message.of(N_("missing: {document}"), document=label_in(doc.label, locale)))
        if self.submitted_on is None:
            out.append(
                Message.of(
                    N_("day handed in: not stated (deadline {deadline})"),
                    deadline=self.deadline.isoformat(),
                )
            )
        elif self.submitted_on > self.deadline:
            out.append(
                Message.of(
                    N_("handed in on {day}, after the deadline {deadline}"),
                    day=self.submitted_on.isoformat(),
                    deadline=self.deadline.isoformat(),
                )
            )
        else:
            out.append(
                Message.of(
                    N_("handed in on {day}, by the deadline {deadline}"),
                    day=self.submitted_on.isoformat(),
                    deadline=self.deadline.isoformat(),
                )
            )
        return tuple(out)

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        locale = normalize_lang(lang)
        key = (id(self), locale)
        hit = _DICTS.get(key)
        if hit is None or hit[0] is not self:
            hit = (self, self._to_dict(locale))
            if len(_DICTS) >= 1024:
                _DICTS.clear()
            _DICTS[key] = hit
        return {k: list(v) if isinstance(v, list) else v for k, v in hit[1].items()}

    def _to_dict(self, locale: str) -> dict[str, Any]:
        return {
            "applies": list(self.applies),
            "required": [d.id for d in self.required],
            "missing": [d.id for d in self.missing],
            "missing_labels": [label_in(d.label, locale) for d in self.missing],
            "documents_stated": self.documents_stated,
            "deadline": self.deadline.isoformat(),
            "submitted_on": None if self.submitted_on is None else self.submitted_on.isoformat(),
            "on_time": self.on_time,
            "complete": self.complete,
            "messages": [render_in(m, locale) for m in self.messages(locale)],
            "source": self.source,
            "deadline_source": self.deadline_source,
        }
