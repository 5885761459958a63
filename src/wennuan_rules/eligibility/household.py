"""Household facts (contract.md "Household facts (JSON)"), read strictly and exactly.

Amounts are :class:`~decimal.Decimal` yuan (never float). Every key is known (an unknown key is an
error naming it) and every bad value is refused with the field named. Boolean facts may be ``null``
("not stated"): a decision that needs such a fact says so instead of guessing. Enumerated facts
(``model_worker_level``, ``civil_affairs``, ``hardship_file``, ``new_form_occupation``) use
``null`` for "none". See docs/eligibility.md for every key and its source.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any, Final

import attrs

from wennuan_rules._fast import Slow
from wennuan_rules.eligibility._household_fast import household_reader
from wennuan_rules.eligibility.documents import Document
from wennuan_rules.errors import InvalidValueError, UnknownIdError, WennuanError
from wennuan_rules.i18n import N_, Message
from wennuan_rules.money import parse_amount, refuse_foreign_digits
from wennuan_rules.parameters import is_region_id
from wennuan_rules.vocabulary import (
    Cause,
    CivilAffairs,
    HardshipCategory,
    ModelWorkerLevel,
    MonitoringCategory,
    NewFormWorker,
    Professional,
)

__all__ = ["BOOLEAN_FACTS", "KEYS", "HardshipFile", "Household"]

BOOLEAN_FACTS: Final = (
    "has_labour_contract",
    "migrant_worker",
    "stable_labour_relation",
    "major_illness",
    "basic_living_difficulty",
    "enterprise_in_crisis",
    "enterprise_restructured",
    "early_retired",
    "depleted_mining_area",
    "on_duty_during_festival",
    "major_project_contributor",
    "epidemic_frontline_medical",
    "economic_hardship",
    "out_of_hardship_this_year",
)
"""Yes/no facts; ``None`` means "not stated"."""

KEYS: Final = (
    "ref",
    "members",
    "monthly_income",
    "annual_income",
    *BOOLEAN_FACTS,
    "annual_medical_out_of_pocket",
    "causes",
    "model_worker_level",
    "hardship_file",
    "civil_affairs",
    "region",
    "new_form_occupation",
    "monitoring",
    "professional",
    "event_on",
    "documents",
    "submitted_on",
)
"""Every key of the household JSON, in documentation order."""

_MAX_MEMBERS: Final = 100


def _bad(what: str, expected: str | Message, got: object) -> InvalidValueError:
    return InvalidValueError(
        N_("{what}: expected {expected}, got {got}"), what=what, expected=expected, got=got
    )


def _is_date(value: object) -> bool:
    return isinstance(value, dt.date) and not isinstance(value, dt.datetime)


def _members(_inst: Any, _attr: Any, value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= _MAX_MEMBERS:
        raise _bad(
            "members",
            Message.of(N_("a whole number of people from 1 to {max}"), max=_MAX_MEMBERS),
            value,
        )


_MAX_AMOUNT: Final = Decimal(10) ** 12
_MAX_DECIMALS: Final = 8


def _amount(inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if not isinstance(value, Decimal) or not value.is_finite() or value < 0:
        raise _bad(attr.name, N_("a Decimal amount of yuan, zero or more (never a float)"), value)
    if value >= _MAX_AMOUNT or value.as_tuple().exponent < -_MAX_DECIMALS:  # type: ignore[operator]
        # beyond this, exact comparison and the per-capita figure would need more than the
        # 28 digits of decimal arithmetic: no household's income or costs come near it
        raise _bad(
            attr.name,
            N_("an amount of yuan below 1,000,000,000,000 with at most 8 decimals"),
            value,
        )


def _opt_bool(_inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, bool):
        raise _bad(attr.name, N_("true, false or null (not stated)"), value)


def _opt_date(_inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not _is_date(value):
        raise _bad(attr.name, N_("a date (YYYY-MM-DD) or null"), value)


def _causes(_inst: Any, _attr: Any, value: Any) -> None:
    if value is None:
        return
    if not isinstance(value, frozenset) or not all(isinstance(c, Cause) for c in value):
        raise _bad("causes", N_("a frozenset of Cause (or None: not stated)"), value)


def _documents(_inst: Any, _attr: Any, value: Any) -> None:
    if value is None:
        return
    if not isinstance(value, frozenset) or not all(isinstance(d, Document) for d in value):
        raise _bad("documents", N_("a frozenset of Document (or None: not stated)"), value)


def _ref(_inst: Any, _attr: Any, value: Any) -> None:
    if value is not None and (not isinstance(value, str) or len(value) > 200):
        raise _bad("ref", N_("a string of at most 200 characters, or null"), value)


def _occupation(_inst: Any, _attr: Any, value: Any) -> None:
    # 等 in 平顶山 2022 二(二)三 leaves the list open: an occupation it does not name is its text
    if value is None or isinstance(value, NewFormWorker):
        return
    if not isinstance(value, str) or not value or len(value) > 100 or value != value.strip():
        raise _bad(
            "new_form_occupation",
            N_(
                "courier, food-delivery, truck-driver, ride-hailing-driver, another occupation's "
                "name (1–100 characters), or null"
            ),
            value,
        )


def _professional(_inst: Any, _attr: Any, value: Any) -> None:
    # 等专业人才 in 豫工文〔2017〕61号 二3二 leaves the list open: another kind is its text
    if value is None or isinstance(value, Professional):
        return
    if not isinstance(value, str) or not value or len(value) > 100 or value != value.strip():
        raise _bad(
            "professional",
            "craftsman-model-worker, skilled-talent, discipline-leader, another kind of "
            "professional (1–100 characters), or null",
            value,
        )


def _region(_inst: Any, _attr: Any, value: Any) -> None:
    if value is not None and not is_region_id(value):
        raise _bad("region", N_("a region id such as changzhou-edz, or null"), value)


@attrs.frozen
class HardshipFile:
    """The household's record in the union's hardship file (困难职工档案).

    Attributes:
        category: ``extreme`` (特困, the scheme before 2021), ``deep``, ``relative`` or
            ``accident``.
        filed_on: the day the household was put on file (申报认定).
    """

    category: HardshipCategory = attrs.field(
        validator=attrs.validators.instance_of(HardshipCategory)
    )
    filed_on: dt.date = attrs.field(validator=_opt_date)

    def __attrs_post_init__(self) -> None:
        if self.filed_on is None:
            raise _bad("hardship_file.filed_on", N_("a date (YYYY-MM-DD)"), None)

    def to_dict(self) -> dict[str, str]:
        return {"category": self.category.id, "filed_on": self.filed_on.isoformat()}


@attrs.frozen
class Household:
    """The facts about one household that eligibility rules read (contract.md, extended).

    Attributes:
        members: people in the household (≥ 1).
        monthly_income: the household's total monthly income, yuan; exactly one of this and
            ``annual_income`` is given.
        annual_income: the household's total annual income, yuan.
        has_labour_contract: the worker has a labour contract (有劳动合同).
        migrant_worker: the worker is a migrant worker (农民工).
        stable_labour_relation: the worker has a stable labour relation (常有稳定劳动关系).
        major_illness: the worker or a main family member has a major illness (患重大疾病).
        basic_living_difficulty: the household's basic living is in difficulty (基本生活发生困难),
            as established by the union cadre; it cannot be computed from the other facts.
        enterprise_in_crisis: the employer is an enterprise in difficulty since the financial
            crisis (受国际金融危机冲击至今生产经营困难企业).
        enterprise_restructured: the employer was restructured, closed or went bankrupt
            (改制重组和关闭破产企业).
        early_retired: the worker is in internal retirement (内退职工).
        depleted_mining_area: the household lives in a depleted-resource mining area or an
            independent industrial-mining area (资源枯竭矿区和独立工矿区).
        on_duty_during_festival: the worker stays at a front-line post during the festival
            (节日期间坚守一线岗位).
        major_project_contributor: the worker made an outstanding contribution in a key state
            project or major event (在国家重点工程重大项目和重大活动中作出突出贡献).
        epidemic_frontline_medical: a medical worker at the front line of COVID-19 control
            (坚守在新冠肺炎疫情防控一线的医务人员).
        economic_hardship: the family is in economic hardship (家庭经济困难), as established by the
            union cadre (常州 2021 二(一)1(5) 困难劳模).
        out_of_hardship_this_year: the family got out of hardship this year with the union's aid
            (本年度经过工会帮扶实现脱贫, 平工总［2009］38号 附件1 03(E)).
        annual_medical_out_of_pocket: medical costs paid by the household itself in the year
            (年个人自负和自费部分医疗费), yuan.
        causes: causes of the hardship (``None``: not stated; empty: none).
        model_worker_level: the highest model-worker (劳动模范) title, or ``None``.
        hardship_file: the record in the union's hardship file, or ``None`` (not on file).
        civil_affairs: the civil-affairs status (``dibao``, ``dibao-edge``) or ``None``.
        region: the region id for the 低保 standard (``changzhou-edz``); ``None``: the campaign's
            own.
        new_form_occupation: the new-form occupation (新就业形态: courier, food delivery, …), the
            text of an occupation the notice does not name (its list ends in 等: open), or
            ``None``.
        monitoring: the 2022 monitoring category (脱困不稳定户 ``unstable-exit``, 边缘易致困户
            ``edge-at-risk``, 平顶山 2022 二(三)四) or ``None``.
        professional: the kind of 专业人才 the worker is (工匠劳模 ``craftsman-model-worker``,
            技能人才 ``skilled-talent``, 学科带头人 ``discipline-leader``; 豫工文〔2017〕61号
            二3二),
            the text of a kind the notice does not name (its list ends in 等: open), or ``None``.
        event_on: the day of the sudden event, accident or illness that caused the hardship.
        documents: the documents handed in (``None``: not stated).
        submitted_on: the day the documents were handed in.
        ref: the caller's own reference.
    """

    members: int = attrs.field(validator=_members)
    monthly_income: Decimal | None = attrs.field(default=None, validator=_amount)
    annual_income: Decimal | None = attrs.field(default=None, validator=_amount)
    has_labour_contract: bool | None = attrs.field(default=None, validator=_opt_bool)
    migrant_worker: bool | None = attrs.field(default=None, validator=_opt_bool)
    stable_labour_relation: bool | None = attrs.field(default=None, validator=_opt_bool)
    major_illness: bool | None = attrs.field(default=None, validator=_opt_bool)
    basic_living_difficulty: bool | None = attrs.field(default=None, validator=_opt_bool)
    enterprise_in_crisis: bool | None = attrs.field(default=None, validator=_opt_bool)
    enterprise_restructured: bool | None = attrs.field(default=None, validator=_opt_bool)
    early_retired: bool | None = attrs.field(default=None, validator=_opt_bool)
    depleted_mining_area: bool | None = attrs.field(default=None, validator=_opt_bool)
    on_duty_during_festival: bool | None = attrs.field(default=None, validator=_opt_bool)
    major_project_contributor: bool | None = attrs.field(default=None, validator=_opt_bool)
    epidemic_frontline_medical: bool | None = attrs.field(default=None, validator=_opt_bool)
    economic_hardship: bool | None = attrs.field(default=None, validator=_opt_bool)
    out_of_hardship_this_year: bool | None = attrs.field(default=None, validator=_opt_bool)
    annual_medical_out_of_pocket: Decimal | None = attrs.field(default=None, validator=_amount)
    causes: frozenset[Cause] | None = attrs.field(default=None, validator=_causes)
    model_worker_level: ModelWorkerLevel | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(attrs.validators.instance_of(ModelWorkerLevel)),
    )
    hardship_file: HardshipFile | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(attrs.validators.instance_of(HardshipFile)),
    )
    civil_affairs: CivilAffairs | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(attrs.validators.instance_of(CivilAffairs)),
    )
    region: str | None = attrs.field(default=None, validator=_region)
    new_form_occupation: NewFormWorker | str | None = attrs.field(
        default=None, validator=_occupation
    )
    monitoring: MonitoringCategory | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(attrs.validators.instance_of(MonitoringCategory)),
    )
    professional: Professional | str | None = attrs.field(default=None, validator=_professional)
    event_on: dt.date | None = attrs.field(default=None, validator=_opt_date)
    documents: frozenset[Document] | None = attrs.field(default=None, validator=_documents)
    submitted_on: dt.date | None = attrs.field(default=None, validator=_opt_date)
    ref: str | None = attrs.field(default=None, validator=_ref)

    def __attrs_post_init__(self) -> None:
        if (self.monthly_income is None) == (self.annual_income is None):
            raise InvalidValueError(
                N_("{what}: give exactly one of monthly_income and annual_income"),
                what="monthly_income/annual_income",
                expected=N_("exactly one of monthly_income, annual_income"),
                got=Message.of(N_("both") if self.monthly_income is not None else N_("neither")),
            )

    # -- reading ---------------------------------------------------------------------------------
    @classmethod
    def from_mapping(
        cls, data: Mapping[str, Any], *, file: str | None = None, line: int | None = None
    ) -> Household:
        """Read contract.md's household JSON (already parsed) strictly.

        Amounts may be strings, ints or Decimals (JSON numbers parsed with
        ``parse_float=Decimal``); a Python float is refused. Unknown keys, wrong types and
        impossible values raise a :class:`~wennuan_rules.errors.WennuanError` naming the field (and
        ``file``/``line`` when given). The mapping is never modified.
        """
        if cls is Household:  # plain JSON: the fast path (eligibility/_household_fast.py)
            try:
                return _fast_read(data)  # type: ignore[no-any-return]
            except Slow:
                pass
        try:
            return cls._read(data)
        except WennuanError as exc:
            if file is None and line is None:
                raise
            raise exc.located(file=file, line=line) from None

    @classmethod
    def _read(cls, data: Mapping[str, Any]) -> Household:
        if not isinstance(data, Mapping):
            raise _bad("household", N_("a JSON object of household facts"), data)
        unknown = [k for k in data if k not in KEYS]
        if unknown:
            raise UnknownIdError(
                N_("unknown household key {got}; expected one of {expected}"),
                what=str(unknown[0]),
                expected=", ".join(KEYS),
                got=unknown[0],
            )
        if "members" not in data:
            raise _bad(
                "members", N_("a whole number of people from 1"), "nothing (the key is required)"
            )
        kwargs: dict[str, Any] = {"members": data["members"]}
        for key in ("monthly_income", "annual_income", "annual_medical_out_of_pocket"):
            value = data.get(key)
            kwargs[key] = None if value is None else parse_amount(value, what=key)
        for key in BOOLEAN_FACTS:
            value = data.get(key)
            if value is not None and not isinstance(value, bool):
                raise _bad(key, N_("true, false or null (not stated)"), value)
            kwargs[key] = value
        kwargs["causes"] = _read_list(data.get("causes"), "causes", Cause)
        kwargs["documents"] = _read_list(data.get("documents"), "documents", Document)
        kwargs["model_worker_level"] = _read_vocab(
            data.get("model_worker_level"), "model_worker_level", ModelWorkerLevel
        )
        kwargs["civil_affairs"] = _read_vocab(
            data.get("civil_affairs"), "civil_affairs", CivilAffairs
        )
        kwargs["new_form_occupation"] = _read_occupation(data.get("new_form_occupation"))
        kwargs["monitoring"] = _read_vocab(data.get("monitoring"), "monitoring", MonitoringCategory)
        kwargs["professional"] = _read_open(data.get("professional"), "professional", Professional)
        kwargs["hardship_file"] = _read_file(data.get("hardship_file"))
        kwargs["event_on"] = _read_date(data.get("event_on"), "event_on")
        kwargs["submitted_on"] = _read_date(data.get("submitted_on"), "submitted_on")
        kwargs["region"] = data.get("region")
        kwargs["ref"] = data.get("ref")
        return cls(**kwargs)

    # -- writing ---------------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """The household as contract.md's JSON (amounts as exact strings); ``from_mapping`` reads
        it back."""
        out: dict[str, Any] = {}
        for key in KEYS:
            value = getattr(self, key)
            if value is None:
                out[key] = None
            elif isinstance(value, Decimal):
                out[key] = str(value)
            elif isinstance(value, frozenset):
                out[key] = sorted(m.id for m in value)
            elif isinstance(value, HardshipFile):
                out[key] = value.to_dict()
            elif isinstance(value, dt.date):
                out[key] = value.isoformat()
            elif hasattr(value, "id") and not isinstance(value, (bool, int, str)):
                out[key] = value.id
            else:
                out[key] = value
        return out


_fast_read = household_reader(Household, HardshipFile, KEYS, BOOLEAN_FACTS)


def _read_vocab(value: object, what: str, vocab: Any) -> Any:
    if value is None:
        return None
    try:
        return vocab.from_text(value)
    except UnknownIdError as exc:
        raise UnknownIdError(
            N_("{what}: unknown value {got}; expected one of {expected}"),
            what=what,
            expected=exc.expected,
            got=value,
        ) from None


def _read_occupation(value: object) -> NewFormWorker | str | None:
    """A named new-form occupation (id or label), else the text of another one (等: open)."""
    if value is None:
        return None
    try:
        found: NewFormWorker = NewFormWorker.from_text(value)
        return found
    except UnknownIdError:
        if isinstance(value, str) and value.strip():
            return value.strip()
        raise _bad(
            "new_form_occupation", N_("an occupation's name or id, or null"), value
        ) from None


def _read_open(value: object, what: str, vocab: Any) -> Any:
    """A member of an open vocabulary (id or label), else the text of another kind (等)."""
    if value is None:
        return None
    try:
        return vocab.from_text(value)
    except UnknownIdError:
        if isinstance(value, str) and value.strip() and len(value.strip()) <= 100:
            return value.strip()
        raise _bad(what, N_("a name or id (1–100 characters), or null"), value) from None


def _read_list(value: object, what: str, vocab: Any) -> frozenset[Any] | None:
    if value is None:
        return None
    if (
        isinstance(value, (str, bytes))
        or not isinstance(value, Iterable)
        or isinstance(value, Mapping)
    ):
        raise _bad(what, N_('a list of ids, e.g. ["illness"] (or null: not stated)'), value)
    out = []
    for i, item in enumerate(value):
        out.append(_read_vocab(item, f"{what}[{i}]", vocab))
    return frozenset(out)


def _read_date(value: object, what: str) -> dt.date | None:
    if value is None:
        return None
    if _is_date(value):
        return value  # type: ignore[return-value]
    if isinstance(value, str):
        refuse_foreign_digits(value, what)
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise _bad(what, N_("a date YYYY-MM-DD"), value)


def _read_file(value: object) -> HardshipFile | None:
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise _bad(
            "hardship_file", N_('{"category": "deep", "filed_on": "2021-01-05"} or null'), value
        )
    unknown = [k for k in value if k not in ("category", "filed_on")]
    if unknown:
        raise UnknownIdError(
            N_("unknown household key {got}; expected one of {expected}"),
            what=f"hardship_file.{unknown[0]}",
            expected=N_("category, filed_on"),
            got=unknown[0],
        )
    if value.get("category") is None:
        raise _bad("hardship_file.category", N_("extreme, deep, relative or accident"), None)
    category = _read_vocab(value.get("category"), "hardship_file.category", HardshipCategory)
    filed_on = _read_date(value.get("filed_on"), "hardship_file.filed_on")
    if filed_on is None:
        raise _bad("hardship_file.filed_on", N_("a date YYYY-MM-DD"), None)
    return HardshipFile(category=category, filed_on=filed_on)
