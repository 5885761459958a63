"""The fast path of :meth:`Household.from_mapping <wennuan_rules.eligibility.household.Household>`
for households as JSON gives them plainly (see :mod:`wennuan_rules._fast`).

A plain household: a ``dict`` of known keys; ``members`` an int 1–100; exactly one income; amounts
plain (:func:`~wennuan_rules._fast.plain_amount`); yes/no facts ``true``/``false``/``null``;
vocabulary values as an id, label or alias exactly as written (a list for ``causes`` and
``documents``); dates ``YYYY-MM-DD``; the hardship file a dict of its two keys; ``region`` a
region id, ``ref`` at most 200 characters, a named new-form occupation. Anything else raises
:class:`~wennuan_rules._fast.Slow` and ``from_mapping`` reads the household by its full path,
which also gives every error. Every value is proved here, so the household is built by a trusted
constructor, without the class's validators.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import attrs

from wennuan_rules._fast import Slow, plain_amount, plain_date, trusted
from wennuan_rules.eligibility.documents import Document
from wennuan_rules.parameters import is_region_id
from wennuan_rules.vocabulary import (
    Cause,
    CivilAffairs,
    HardshipCategory,
    ModelWorkerLevel,
    MonitoringCategory,
    NewFormWorker,
    Professional,
    Vocab,
    exact_ids,
)

__all__ = ["household_reader"]

_MAX_MEMBERS = 100
_FLAGS = frozenset((id(True), id(False), id(None)))
_FIRST = ("members", "monthly_income", "annual_income")
_LAST = (
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
    "ref",
)


def _one(value: object, ids: Mapping[str, Vocab]) -> Vocab | None:
    if value is None:
        return None
    if value.__class__ is str:
        found = ids.get(value)
        if found is not None:
            return found
    raise Slow


_MAX_SETS = 4096


def _many(
    value: object, ids: Mapping[str, Vocab], seen: dict[tuple[str, ...], frozenset[Vocab]]
) -> frozenset[Vocab] | None:
    """The members of a list of ids as written; lists met before come from ``seen``, a bounded
    cache of this vocabulary (hashing enum members is slow, and a batch repeats few lists)."""
    if value is None:
        return None
    if value.__class__ is not list:
        raise Slow
    key = tuple(value)
    try:
        found = seen.get(key)
    except TypeError:  # an item that is no text (a list, a dict)
        raise Slow from None
    if found is not None:
        return found
    out = []
    for item in key:
        if item.__class__ is not str:
            raise Slow
        member = ids.get(item)
        if member is None:
            raise Slow
        out.append(member)
    made = frozenset(out)
    if len(seen) < _MAX_SETS:
        seen[key] = made
    return made


def household_reader(
    household: type[Any], hardship_file: type[Any], keys: tuple[str, ...], facts: tuple[str, ...]
) -> Callable[[object], Any]:
    """The fast reader of ``household`` (the Household class, its fields in the order written
    below), with ``hardship_file`` its HardshipFile class, ``keys`` the household JSON's keys and
    ``facts`` its yes/no facts in field order."""
    fields = [a.name for a in attrs.fields(household)]
    if fields != [*_FIRST, *facts, *_LAST] or len(attrs.fields(hardship_file)) != 2:
        raise AssertionError("the fast reader no longer matches the Household's fields")
    make, make_file = trusted(household), trusted(hardship_file)
    known = frozenset(keys)
    causes, documents = exact_ids(Cause), exact_ids(Document)
    levels, civil, monitoring = (
        exact_ids(ModelWorkerLevel),
        exact_ids(CivilAffairs),
        exact_ids(MonitoringCategory),
    )
    categories, occupations = exact_ids(HardshipCategory), exact_ids(NewFormWorker)
    professions = exact_ids(Professional)  # another kind, written as text: the full path
    cause_sets: dict[tuple[str, ...], frozenset[Vocab]] = {}
    document_sets: dict[tuple[str, ...], frozenset[Vocab]] = {}
    regions: set[str] = set()  # region ids met (is_region_id is a regular expression)

    def hardship(value: object) -> object:
        if value is None:
            return None
        if value.__class__ is not dict or len(value) != 2:
            raise Slow
        category = _one(value.get("category"), categories)
        if category is None:
            raise Slow
        return make_file(category, plain_date(value.get("filed_on")))

    def read(data: object) -> Any:
        if data.__class__ is not dict or not known.issuperset(data):
            raise Slow
        g = data.get
        members = g("members")
        if members.__class__ is not int or not 1 <= members <= _MAX_MEMBERS:
            raise Slow
        monthly, annual, costs = (
            g("monthly_income"),
            g("annual_income"),
            g("annual_medical_out_of_pocket"),
        )
        if (monthly is None) == (annual is None):
            raise Slow
        flags = [g(k) for k in facts]
        if not _FLAGS.issuperset(map(id, flags)):  # each is True, False or None itself
            raise Slow
        region, ref, category = g("region"), g("ref"), hardship(g("hardship_file"))
        if region is not None and (region.__class__ is not str or region not in regions):
            if region.__class__ is not str or not is_region_id(region):
                raise Slow
            if len(regions) < _MAX_SETS:
                regions.add(region)
        if ref is not None and (ref.__class__ is not str or len(ref) > 200):
            raise Slow
        return make(
            members,
            None if monthly is None else plain_amount(monthly),
            None if annual is None else plain_amount(annual),
            *flags,
            None if costs is None else plain_amount(costs),
            _many(g("causes"), causes, cause_sets),
            None if (level := g("model_worker_level")) is None else _one(level, levels),
            category,
            None if (civil_ := g("civil_affairs")) is None else _one(civil_, civil),
            region,
            None
            if (occupation := g("new_form_occupation")) is None
            else _one(occupation, occupations),
            None if (watch := g("monitoring")) is None else _one(watch, monitoring),
            None if (kind := g("professional")) is None else _one(kind, professions),
            None if (event := g("event_on")) is None else plain_date(event),
            _many(g("documents"), documents, document_sets),
            None if (day := g("submitted_on")) is None else plain_date(day),
            ref,
        )

    return read
