"""Dated parameters (低保 standards per region) read from data files, as OpenFisca does.

A parameter has one value per region and effective date, each with the clause it comes from. The
value in force on a date is the latest one starting on or before that date (and not past its
``end`` when one is given). A region, or a date, with no value in force is a
:class:`~wennuan_rules.errors.ParameterError` naming
both: nothing is extrapolated unless the caller asks for the latest known value with
    ``latest=True``.

>>> import datetime as dt
>>> from wennuan_rules.parameters import dibao_standard
>>> dibao_standard("changzhou-edz", dt.date(2021, 1, 10)).value
Decimal('900')

Users add regions and values without touching the package, from a data file of the same shape as
``data/parameters/dibao.toml`` (:meth:`Parameters.with_file`) or from Python
(:meth:`Parameters.with_value`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any, Final

import attrs

from wennuan_rules._data import Table, bundled_files, load_toml, on_data_change
from wennuan_rules.errors import InvalidValueError, ParameterError, UnknownIdError
from wennuan_rules.i18n import N_, Label, Message
from wennuan_rules.money import parse_amount

__all__ = [
    "DIBAO",
    "ParameterValue",
    "Parameters",
    "dibao_standard",
    "is_region_id",
    "load_parameters",
    "parameter_label",
]

DIBAO = "dibao"
"""Name of the 低保 standard parameter (yuan per person per month)."""


_REGION_ID: Final = re.compile(r"[\w\-.（）() ]{1,100}")


def is_region_id(value: object) -> bool:
    """Whether ``value`` can be a region id: 1–100 letters (any script), digits, ``-``, ``_``,
    ``.``, brackets or spaces, not blank (``changzhou-edz``, ``平顶山``)."""
    return (
        isinstance(value, str) and bool(value.strip()) and _REGION_ID.fullmatch(value) is not None
    )


def _region(value: object) -> str:
    if not isinstance(value, str) or not is_region_id(value):
        raise InvalidValueError(
            N_("{what}: expected {expected}, got {got}"),
            what=N_("region"),
            expected=N_("a region id such as changzhou-edz"),
            got=value,
        )
    return value.strip()


def _amount(value: object, what: str) -> Decimal:
    amount = parse_amount(value, what=what)
    if amount <= 0:
        raise InvalidValueError(
            N_("{what}: expected {expected}, got {got}"),
            what=what,
            expected=N_("an amount above zero"),
            got=value,
        )
    return amount


@attrs.frozen
class ParameterValue:
    """One value of a dated parameter.

    Attributes:
        name: the parameter (``dibao``).
        region: the region id (``changzhou-edz``).
        start: the first day the value is in force.
        value: the value, exact (yuan per person per month for ``dibao``).
        source: the clause it comes from.
        end: the last day it is in force, when known (inclusive); else until the next value.
        text: the words of the source, as printed.
        note: how the value was read.
    """

    name: str = attrs.field(validator=attrs.validators.instance_of(str))
    region: str = attrs.field(validator=attrs.validators.instance_of(str))
    start: dt.date = attrs.field(validator=attrs.validators.instance_of(dt.date))
    value: Decimal = attrs.field(validator=attrs.validators.instance_of(Decimal))
    source: str = attrs.field(validator=attrs.validators.instance_of(str))
    end: dt.date | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(dt.date))
    )
    text: str = ""
    note: str = ""

    def in_force(self, on: dt.date) -> bool:
        """True when ``on`` is between ``start`` and ``end`` (both inclusive)."""
        return self.start <= on and (self.end is None or on <= self.end)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready, amounts as exact strings."""
        return {
            "name": self.name,
            "region": self.region,
            "start": self.start.isoformat(),
            "end": None if self.end is None else self.end.isoformat(),
            "value": str(self.value),
            "source": self.source,
        }


def _check_order(values: Iterable[ParameterValue]) -> None:
    seen: dict[tuple[str, str, dt.date], ParameterValue] = {}
    for v in values:
        key = (v.name, v.region, v.start)
        if key in seen and seen[key] != v:
            raise InvalidValueError(
                N_("{what}: two different values start on {start} for {region}"),
                what=v.name,
                expected=N_("one value per region and start date"),
                got=f"{seen[key].value}, {v.value}",
                params={"start": v.start.isoformat(), "region": v.region},
            )
        seen[key] = v


def _sorted_values(values: Iterable[ParameterValue]) -> tuple[ParameterValue, ...]:
    return tuple(sorted(values, key=lambda v: (v.name, v.region, v.start)))


@attrs.frozen
class Parameters:
    """An immutable set of dated parameter values; ``with_*`` methods return a new set.

    Attributes:
        values: every value, sorted by name, region and start date.
    """

    values: tuple[ParameterValue, ...] = attrs.field(
        default=(),
        converter=_sorted_values,
    )
    _index: Mapping[tuple[str, str], tuple[ParameterValue, ...]] = attrs.field(
        init=False, eq=False, repr=False
    )

    def __attrs_post_init__(self) -> None:
        _check_order(self.values)
        index: dict[tuple[str, str], list[ParameterValue]] = {}
        for v in self.values:
            index.setdefault((v.name, v.region), []).append(v)
        object.__setattr__(self, "_index", {k: tuple(vs) for k, vs in index.items()})

    @classmethod
    def bundled(cls) -> Parameters:
        """The values shipped with the package (``data/parameters/*.toml``)."""
        return _bundled()

    def with_file(self, path: Path | str) -> Parameters:
        """This set plus the values of a user's data file (same shape as the bundled
        ``dibao.toml``).

        A value for the same region and start date replaces the bundled one.
        """
        return self.with_values(load_parameters(path).values)

    def with_values(self, values: Iterable[ParameterValue]) -> Parameters:
        """This set plus ``values``; a value with the same name, region and start replaces the old
        one."""
        new = list(values)
        keys = {(v.name, v.region, v.start) for v in new}
        kept = [v for v in self.values if (v.name, v.region, v.start) not in keys]
        return Parameters((*kept, *new))

    def with_value(
        self,
        name: str,
        *,
        region: str,
        start: dt.date,
        value: object,
        source: str,
        end: dt.date | None = None,
        note: str = "",
    ) -> Parameters:
        """This set plus one value, e.g. ``with_value("dibao", region="wuhan", start=date(2015, 1,
        1), value="600", source="武汉市民政局 …")``. ``value`` is a string, int or Decimal (never a
        float)."""
        if not isinstance(start, dt.date) or isinstance(start, dt.datetime):
            raise InvalidValueError(
                N_("{what}: expected {expected}, got {got}"),
                what=N_("start"),
                expected=N_("a date"),
                got=start,
            )
        if end is not None and (not isinstance(end, dt.date) or end < start):
            raise InvalidValueError(
                N_("{what}: expected {expected}, got {got}"),
                what=N_("end"),
                expected=Message.of(N_("a date on or after {date}"), date=start.isoformat()),
                got=end,
            )
        if not isinstance(source, str) or not source.strip():
            raise InvalidValueError(
                N_("{what}: expected {expected}, got {got}"),
                what=N_("source"),
                expected=N_("the document and clause the value comes from"),
                got=source,
            )
        pv = ParameterValue(
            name=name,
            region=_region(region),
            start=start,
            value=_amount(value, "value"),
            source=source,
            end=end,
            note=note,
        )
        return self.with_values([pv])

    def regions(self, name: str = DIBAO) -> tuple[str, ...]:
        """The regions with at least one value of ``name``."""
        return tuple(sorted({r for (n, r) in self._index if n == name}))

    def history(self, name: str, region: str) -> tuple[ParameterValue, ...]:
        """Every value of ``name`` for ``region``, oldest first."""
        return self._index.get((name, region), ())

    def value_at(
        self, name: str, region: str, on: dt.date | None = None, *, latest: bool = False
    ) -> ParameterValue:
        """The value of ``name`` in force for ``region`` on ``on``.

        Args:
            name: the parameter (``dibao``).
            region: the region id.
            on: the date; required unless ``latest``.
            latest: return the latest known value whatever the date (an explicit extrapolation).

        Raises:
            ParameterError: no value for the region, or none in force on the date (naming both).
        """
        if not is_region_id(region) or not isinstance(name, str):
            raise InvalidValueError(
                N_("{what}: expected {expected}, got {got}"),
                what=N_("region") if isinstance(name, str) else "name",
                expected=N_("a region id such as changzhou-edz"),
                got=region if isinstance(name, str) else name,
            )
        history = self._index.get((name, region))
        if not history:
            known: str | Message = ", ".join(self.regions(name)) or Message.of(N_("none"))
            raise ParameterError(
                N_("no {name} value for region {region} (known regions: {known})"),
                what=f"{name}.{region}",
                expected=Message.of(N_("one of: {known}"), known=known),
                got=region,
                params={"name": name, "region": region, "known": known},
            )
        if latest:
            return history[-1]
        if not isinstance(on, dt.date) or isinstance(on, dt.datetime):
            raise InvalidValueError(
                N_("{what}: expected {expected}, got {got}"),
                what="on",
                expected=N_("a date (or latest=True)"),
                got=on,
            )
        found: ParameterValue | None = None
        for value in history:
            if value.start <= on:
                found = value
            else:
                break
        if found is None or not found.in_force(on):
            spans = "; ".join(
                f"{v.start.isoformat()}–{v.end.isoformat() if v.end else ''}" for v in history
            )
            raise ParameterError(
                N_(
                    "no {name} value in force for region {region} on {date} (values known: {spans})"
                ),
                what=f"{name}.{region}",
                expected=spans,
                got=on.isoformat(),
                params={"name": name, "region": region, "date": on.isoformat(), "spans": spans},
            )
        return found


def _read_values(table: Table, name: str) -> list[ParameterValue]:
    out = []
    for item in table.tables("values"):
        region = item.get("region", str)
        if not region.strip():
            raise item.error("region", N_("a region id"), region)
        start = item.date("start")
        end = item.opt_date("end")
        if end is not None and end < start:
            raise item.error(
                "end", Message.of(N_("a date on or after {date}"), date=start.isoformat()), end
            )
        value = item.decimal("value")
        if value <= 0:
            raise item.error("value", N_("an amount above zero"), value)
        source = item.get("source", str)
        if not source.strip():
            raise item.error("source", N_("the document and clause the value comes from"), source)
        pv = ParameterValue(
            name=name,
            region=region.strip(),
            start=start,
            value=value,
            source=source,
            end=end,
            text=item.get("text", str, ""),
            note=item.text("note"),
        )
        item.close()
        out.append(pv)
    return out


def load_parameters(path: Path | str, *, name: str | None = None) -> Parameters:
    """Read one parameter data file strictly (unknown keys, bad dates or amounts: DataFileError)."""
    table = load_toml(path, name=name)
    pname = table.get("name", str)
    table.get("unit", str, "")
    if "label" in table:
        table.label("label")
    values = _read_values(table, pname)
    table.close()
    params = Parameters(values)
    return params


@on_data_change
def _clear() -> None:
    _bundled.cache_clear()


@cache
def _bundled() -> Parameters:
    values: list[ParameterValue] = []
    for stem, path in bundled_files("parameters"):
        values.extend(load_parameters(path, name=f"data/parameters/{stem}.toml").values)
    return Parameters(values)


def parameter_label(name: str) -> Label:
    """The label of a bundled parameter (``dibao``)."""
    if name == DIBAO:
        return Label(zh_hans="低保标准", zh_hant="低保標準", en="dibao standard")
    raise UnknownIdError(
        N_("{what}: unknown value {got}; expected one of {expected}"),
        what=N_("parameter"),
        expected=DIBAO,
        got=name,
    )


def dibao_standard(
    region: str,
    on: dt.date | None = None,
    *,
    parameters: Parameters | None = None,
    latest: bool = False,
) -> ParameterValue:
    """The 低保 standard (yuan per person per month) in force for ``region`` on ``on``.

    >>> import datetime as dt
    >>> v = dibao_standard("changzhou-edz", dt.date(2021, 2, 1))
    >>> (v.value, v.source)
    (Decimal('900'), '江苏常州经济开发区总工会 2021-01-06 二(一)1(3)(4)')

    Raises:
        ParameterError: the region has no value, or none in force on ``on`` (unless
            ``latest=True``).
    """
    params = parameters if parameters is not None else Parameters.bundled()
    return params.value_at(DIBAO, region, on, latest=latest)
