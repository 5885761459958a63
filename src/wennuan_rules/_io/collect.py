"""Collect, don't stop: every input problem of a file, up to a limit (see :mod:`wennuan_rules._io`).

Every reader (returns, households, rosters, visit logs, families on file, workbooks) reads its file
to the end, putting each problem into one :class:`Problems` instead of raising at the first:

* a record (a payment, a visit, a household, a return) that cannot be built is left out and its
  problem kept; a return's cell that cannot be read is kept as not reported (rules reading it are
  not evaluated, never passed) and its problem kept;
* a problem that ends the reading (a file that cannot be opened or decoded, JSON that breaks off,
  a header the reader cannot map) is kept as the last problem; what was read before it stands.

At most :data:`PROBLEM_LIMIT` problems are kept; past that they are counted, and one more problem
says how many were left out (a file of a million bad rows does not fill memory or a terminal).

Readers take ``errors="raise"`` (default: one :class:`~wennuan_rules.errors.WennuanError` with
every problem, :meth:`Problems.error`) or ``errors="collect"`` (a :class:`Collected`: the usable
records and the problems).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Final, TypeVar

from wennuan_rules.errors import (
    InputFileError,
    InputProblems,
    InvalidValueError,
    WennuanError,
    problems_of,
)
from wennuan_rules.i18n import N_

if TYPE_CHECKING:  # pragma: no cover - for type checkers only
    from wennuan_rules._io.collected import Collected

__all__ = [
    "ERRORS",
    "PROBLEM_LIMIT",
    "Collected",
    "Problems",
    "check_errors",
    "collecting",
    "raising",
]

#: How many problems of one file are kept; past it they are counted in one last problem.
PROBLEM_LIMIT: Final = 1000

#: What a reader does with input problems: raise them all at the end, or return them.
ERRORS: Final = ("raise", "collect")

_T = TypeVar("_T")


def check_errors(errors: object) -> bool:
    """Whether ``errors`` asks to collect (``"collect"``) rather than raise (``"raise"``).

    Raises:
        InvalidValueError: any other value.
    """
    if errors == "collect":
        return True
    if errors == "raise":
        return False
    raise InvalidValueError(
        N_("{what}: expected {expected}, got {got}"),
        what="errors",
        expected=" or ".join(ERRORS),
        got=errors,
    )


class Problems:
    """The input problems of one file, in the order found (at most ``limit`` kept).

    Args:
        file: the file's name (named by the "more problems" line).
        limit: how many problems to keep (default :data:`PROBLEM_LIMIT`).
    """

    def __init__(self, file: str | None = None, limit: int = PROBLEM_LIMIT) -> None:
        self.file = file
        self.limit = limit
        self.kept: list[WennuanError] = []
        self.more = 0
        #: the error class that carries the problems (a workbook's: ``WorkbookProblems``, raised
        #: even for one problem, as it always was); ``None``: ``InputProblems``, one problem
        #: raised as itself
        self.kind: type[InputProblems] | None = None

    def add(self, problem: WennuanError) -> None:
        """Keep ``problem`` (each of its problems, when it holds many), or count it past the
        limit."""
        for one in problems_of(problem):
            if len(self.kept) < self.limit:
                self.kept.append(one)
            else:
                self.more += 1

    def __len__(self) -> int:
        return len(self.kept) + self.more

    def __bool__(self) -> bool:
        return bool(self.kept) or self.more > 0

    @property
    def problems(self) -> tuple[WennuanError, ...]:
        """The problems kept, then one saying how many more there were (when there were)."""
        if not self.more:
            return tuple(self.kept)
        last = InputFileError(
            N_("{file}: {count} more problems not listed (only the first {limit} are)"),
            what="file",
            file=self.file,
            params={"file": self.file or "", "count": self.more, "limit": self.limit},
        )
        return (*self.kept, last)

    def error(self) -> WennuanError | None:
        """``None`` when there was no problem; the problem itself when there was one; else an
        :class:`~wennuan_rules.errors.InputProblems` carrying them all."""
        problems = self.problems
        if not problems:
            return None
        if self.kind is not None:
            return self.kind(self.file, problems)
        if len(problems) == 1:
            return problems[0]
        return InputProblems(self.file, problems)

    def raise_any(self) -> None:
        """Raise :meth:`error` when there was a problem."""
        error = self.error()
        if error is not None:
            raise error

    def collected(self, records: _T) -> Collected[_T]:
        """``records`` and the problems, as a reader's ``errors="collect"`` returns them."""
        from wennuan_rules._io.collected import Collected

        return Collected(records, self.problems)


def collecting(items: Iterator[_T], problems: Problems) -> Iterator[_T]:
    """``items`` until they end or a problem ends the reading (kept in ``problems``)."""
    try:
        yield from items
    except WennuanError as exc:
        problems.add(exc)


def raising(items: Iterator[_T], problems: Problems) -> Iterator[_T]:
    """``items`` (:func:`collecting`), then every problem raised as one error at the end (the
    default ``errors="raise"`` of a streaming reader)."""
    yield from collecting(items, problems)
    problems.raise_any()


def __getattr__(name: str) -> Any:
    """:class:`Collected`, defined in :mod:`wennuan_rules._io.collected` (built on first use)."""
    if name != "Collected":
        raise AttributeError(f"module 'wennuan_rules._io.collect' has no attribute {name!r}")
    from wennuan_rules._io.collected import Collected

    return Collected
