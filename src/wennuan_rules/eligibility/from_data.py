"""Criteria written as data in a campaign file: a group needs no Python when it is a conjunction of
existing criteria (docs/extending.md, "A group written as data")::

    [[groups]]
    id = "hardship"
    ...
    criteria = [
      { kind = "income-within", times = "1.5", source = "… 人均收入在低保标准1.5倍以内" },
      { kind = "causes", causes = ["illness", "disaster"], source = "… 因病、因灾" },
    ]

Every criterion of the list must be met (an "all of"). ``kind`` is a criterion's id
(:attr:`Criterion.id`); each kind's keys are read strictly here, so a typo names the file and key.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any, Final

from wennuan_rules._data import Table
from wennuan_rules.eligibility.criteria import (
    AllOf,
    CausesAny,
    CivilAffairsIs,
    Criterion,
    Fact,
    IncomeWithin,
    MedicalCostsOver,
    ModelWorkerAtLeast,
    OnFile,
)
from wennuan_rules.errors import WennuanError
from wennuan_rules.i18n import N_, Message
from wennuan_rules.vocabulary import Cause, CivilAffairs, HardshipCategory, ModelWorkerLevel

__all__ = ["KINDS", "criterion_from_data", "group_criterion"]


def _vocab(t: Table, key: str, vocab: type[Any]) -> tuple[Any, ...]:
    out = []
    for i, text in enumerate(t.strs(key)):
        try:
            out.append(vocab.from_text(text))
        except WennuanError:
            raise t.error(
                f"{key}[{i}]", Message.of(N_("one of {known}"), known=", ".join(vocab.ids())), text
            ) from None
    return tuple(out)


def _one(t: Table, key: str, vocab: type[Any]) -> Any:
    text = t.get(key, str)
    try:
        return vocab.from_text(text)
    except WennuanError:
        raise t.error(
            key, Message.of(N_("one of {known}"), known=", ".join(vocab.ids())), text
        ) from None


def _income(t: Table, source: str) -> Criterion:
    times = t.decimal("times")
    if times <= 0:
        raise t.error("times", N_("a multiple of the 低保 standard > 0"), times)
    return IncomeWithin(times, source, strict=t.get("strict", bool, False))


def _on_file(t: Table, source: str) -> Criterion:
    wanted = _vocab(t, "categories", HardshipCategory) if "categories" in t else HardshipCategory
    before: dt.date | None = t.opt_date("filed_before")
    since: dt.date | None = t.opt_date("filed_from")
    return OnFile(frozenset(wanted), source, filed_before=before, filed_from=since)


def _fact(t: Table, source: str) -> Criterion:
    name = t.get("name", str)
    try:
        return Fact(name, source)
    except (TypeError, ValueError):
        raise t.error("name", N_("a household fact such as has_labour_contract"), name) from None


#: kind (the criterion's id) → reader of its keys besides ``kind`` and ``source``.
KINDS: Final[Mapping[str, Callable[[Table, str], Criterion]]] = {
    IncomeWithin.id: _income,
    CausesAny.id: lambda t, s: CausesAny(frozenset(_vocab(t, "causes", Cause)), s),
    Fact.id: _fact,
    MedicalCostsOver.id: lambda t, s: MedicalCostsOver(
        t.decimal("amount"), s, inclusive=t.get("inclusive", bool, False)
    ),
    ModelWorkerAtLeast.id: lambda t, s: ModelWorkerAtLeast(_one(t, "minimum", ModelWorkerLevel), s),
    OnFile.id: _on_file,
    CivilAffairsIs.id: lambda t, s: CivilAffairsIs(_one(t, "status", CivilAffairs), s),
}


def criterion_from_data(spec: Mapping[str, Any], file: str, path: str) -> Criterion:
    """One criterion from its data table (``path``, for errors: ``groups[0].criteria[1]``)."""
    t = Table(dict(spec), file, path)
    kind = t.get("kind", str)
    read = KINDS.get(kind)
    if read is None:
        raise t.error("kind", Message.of(N_("one of {known}"), known=", ".join(KINDS)), kind)
    criterion = read(t, t.get("source", str))
    t.close()
    return criterion


def group_criterion(specs: tuple[Mapping[str, Any], ...], file: str, path: str) -> Criterion:
    """A group's criteria as data: all must be met."""
    parts = tuple(
        criterion_from_data(spec, file, f"{path}.criteria[{i}]") for i, spec in enumerate(specs)
    )
    return parts[0] if len(parts) == 1 else AllOf(parts)
