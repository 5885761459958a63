"""The records a visit audit reads: visit groups, visits, the plan, families on file (domain types,
read by :mod:`wennuan_rules.audits.visits`, checked by :mod:`wennuan_rules.audits.rules.visits`)."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import Final

import attrs

from wennuan_rules.audits.roster import normalize_id_number
from wennuan_rules.errors import InvalidValueError, UnknownIdError
from wennuan_rules.i18n import N_
from wennuan_rules.vocabulary import FiveMustVisits, HardshipCategory, ModelWorkerLevel

__all__ = [
    "QUOTA_PER",
    "FamilyOnFile",
    "Visit",
    "VisitGroup",
    "VisitPlan",
    "Visitee",
    "check_keys",
    "text_value",
]


def check_keys(data: Mapping[str, object], known: Sequence[str], what: str) -> None:
    """Refuse the first key of ``data`` (a record of a visit log, family list, hardship file, …)
    that is not one of ``known``, naming it and the keys expected."""
    for key in data:
        if key not in known:
            raise UnknownIdError(
                N_("{what}: unknown value {got}; expected one of {expected}"),
                what=what,
                expected=", ".join(known),
                got=key,
            )


def text_value(value: object, what: str, *, personal: bool = False) -> str | None:
    """A text field of a record: stripped, blank as ``None``, a whole number as its digits (unless
    ``personal``: an ID number typed as a number has lost digits); anything else refused, naming
    ``what`` (a personal field's value is never echoed, only its type)."""
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool) and not personal:
        return str(value)
    if not isinstance(value, str):
        raise InvalidValueError(
            N_("{what}: expected {expected}, got {got}"),
            what=what,
            expected=N_("text"),
            got=f"<{type(value).__name__}>" if personal else value,
        )
    return value.strip() or None


QUOTA_PER: Final = ("unit-visited", "group")

_opt_text = attrs.validators.optional(attrs.validators.instance_of(str))
_texts = attrs.validators.deep_iterable(
    attrs.validators.instance_of(str), attrs.validators.instance_of(tuple)
)
_opt_level = attrs.validators.optional(attrs.validators.instance_of(ModelWorkerLevel))


def _as_tuple(value: Iterable[FiveMustVisits]) -> tuple[FiveMustVisits, ...]:
    return tuple(value)


@attrs.frozen
class Visitee:
    """A household a plan assigns to a group (any of ``ref``, ``id_number``, ``name`` identifies
    it)."""

    ref: str | None = attrs.field(default=None, validator=_opt_text)
    kind: str | None = attrs.field(default=None, validator=_opt_text)
    unit: str | None = attrs.field(default=None, validator=_opt_text)
    name: str | None = attrs.field(default=None, validator=_opt_text)
    id_number: str | None = attrs.field(default=None, validator=_opt_text)
    #: a model worker's level (附件3 三6 省部级以上劳模), or ``None``
    model_worker_level: ModelWorkerLevel | None = attrs.field(default=None, validator=_opt_level)


@attrs.frozen
class VisitGroup:
    """A visiting group of the plan (附件4 分组表): its leaders, liaison, the units it visits."""

    id: str = attrs.field(validator=attrs.validators.instance_of(str))
    leaders: tuple[str, ...] = attrs.field(default=(), validator=_texts)
    liaison: str | None = attrs.field(default=None, validator=_opt_text)
    units: tuple[str, ...] = attrs.field(default=(), validator=_texts)
    departments: tuple[str, ...] = attrs.field(default=(), validator=_texts)
    households: tuple[Visitee, ...] = attrs.field(default=())


@attrs.frozen
class Visit:
    """One visit of the log.

    Attributes:
        visited_on: the day of the visit.
        group: the visiting group's id (``None`` when the log does not say).
        household: the household's reference (matches ``Visitee.ref`` and ``FamilyOnFile.ref``).
        kind: the household's kind (``model-worker``, ``migrant-worker``, ``worker``; or a label).
        unit: the county, industry or enterprise visited.
        name: the head of the household's name.
        id_number: their 居民身份证 number (matches the families on file).
        row: the CSV line or 1-based JSON record.
        model_worker_level: a model worker's level (附件3 三6 省部级以上劳模), or ``None``.
        no: the visit's own row number in the log (its 序号 column), or ``None``.
    """

    visited_on: dt.date = attrs.field(validator=attrs.validators.instance_of(dt.date))
    group: str | None = attrs.field(default=None, validator=_opt_text)
    household: str | None = attrs.field(default=None, validator=_opt_text)
    kind: str | None = attrs.field(default=None, validator=_opt_text)
    unit: str | None = attrs.field(default=None, validator=_opt_text)
    name: str | None = attrs.field(default=None, validator=_opt_text)
    id_number: str | None = attrs.field(default=None, validator=_opt_text)
    row: int | None = attrs.field(default=None)
    model_worker_level: ModelWorkerLevel | None = attrs.field(default=None, validator=_opt_level)
    no: str | None = attrs.field(default=None, validator=_opt_text)

    @property
    def where(self) -> str:
        return str(self.row) if self.row is not None else (self.household or "?")

    def key(self) -> str:
        """Which household this was: its reference, else its normalised ID number, else the name
        of its head; never its place in a file (a compact JSON log has every visit on one line):
        :func:`audit_visits` refuses a visit read from a file that names no household
        (:meth:`identified`). A visit built in Python without any of them is its own household
        (``row`` as the caller gave it, else the object itself)."""
        if self.household:
            return "ref:" + self.household
        if self.id_number:
            return "id:" + normalize_id_number(self.id_number)
        if self.name:
            return "name:" + unicodedata.normalize("NFKC", self.name).strip()
        return f"row:{self.row}" if self.row is not None else f"visit:{id(self)}"

    def identified(self) -> bool:
        """Whether the visit says which household it was (reference, ID number or name)."""
        return bool(self.household or self.id_number or self.name)


@attrs.frozen
class VisitPlan:
    """A visits file read whole: the plan's groups and the log's visits (either may be empty)."""

    groups: tuple[VisitGroup, ...] = ()
    visits: tuple[Visit, ...] = ()
    unit: str | None = None
    campaign: str | None = None
    file: str | None = None


@attrs.frozen
class FamilyOnFile:
    """A family on the hardship file (建档困难职工家庭), which coverage rules require to be
    visited; ``must_visit``: its 五必访 categories (平工总［2009］38号 四(一)), which the
    ``must-visit`` rule requires to be visited (a 特困企业 is listed the same way, by its name)."""

    ref: str | None = attrs.field(default=None, validator=_opt_text)
    name: str | None = attrs.field(default=None, validator=_opt_text)
    id_number: str | None = attrs.field(default=None, validator=_opt_text)
    file_category: HardshipCategory | None = attrs.field(default=None)
    filed_on: dt.date | None = attrs.field(default=None)
    row: int | None = attrs.field(default=None)
    #: the family's own row number on the file (its 序号 column), or ``None``
    no: str | None = attrs.field(default=None, validator=_opt_text)
    must_visit: tuple[FiveMustVisits, ...] = attrs.field(
        default=(),
        converter=_as_tuple,
        validator=attrs.validators.deep_iterable(
            attrs.validators.instance_of(FiveMustVisits), attrs.validators.instance_of(tuple)
        ),
    )

    @property
    def where(self) -> str:
        return str(self.row) if self.row is not None else (self.ref or "?")


# -- readers ---------------------------------------------------------------------------------------
