"""A value together with the clause it rests on (:class:`Sourced`, read from the campaigns' data
files by :meth:`wennuan_rules._data.Table.sourced`): a module of its own, so that a command that
reads no campaign does not build the type at start-up."""

from __future__ import annotations

from typing import Generic, TypeVar

import attrs

__all__ = ["Sourced"]

T = TypeVar("T")


@attrs.frozen
class Sourced(Generic[T]):
    """A value together with the clause it rests on.

    Attributes:
        value: the value.
        source: document number and section or form line, e.g. ``平工总［2009］38号 五(三)``.
        text: the words of the notice the value was read from, as printed.
        note: how the value was read where the text needed reading (see docs/decisions.md).
    """

    value: T
    source: str
    text: str = ""
    note: str = ""
