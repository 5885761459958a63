"""What a reader returns with ``errors="collect"`` (:class:`Collected`): a module of its own, so
that a command reading with the default ``errors="raise"`` does not build the type at start-up."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Generic, TypeVar

import attrs

from wennuan_rules.errors import WennuanError

__all__ = ["Collected"]

_T = TypeVar("_T")


@attrs.frozen
class Collected(Generic[_T]):
    """What a reader returns with ``errors="collect"``: the usable records and the problems.

    Unpacks as a pair: ``records, problems = read_roster(path, errors="collect")``.

    Attributes:
        records: what the reader returns by default, holding only what could be read (a tuple of
            returns, households or families; a :class:`~wennuan_rules.audits.Roster`; a
            :class:`~wennuan_rules.audits.VisitPlan`).
        problems: every input problem, in file order (each a
            :class:`~wennuan_rules.errors.WennuanError` naming file, line, column and field; at
            most :data:`PROBLEM_LIMIT`, then one saying how many more there were).
    """

    records: _T
    problems: tuple[WennuanError, ...] = ()

    @property
    def ok(self) -> bool:
        """Whether the file had no input problem."""
        return not self.problems

    def __iter__(self) -> Iterator[object]:
        yield self.records
        yield self.problems
