"""Households read from files (JSON, JSON Lines, CSV) through the input layer."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any, Literal, overload

from wennuan_rules import _io
from wennuan_rules.eligibility.household import Household
from wennuan_rules.errors import InputFileError, InvalidValueError, WennuanError
from wennuan_rules.i18n import N_

__all__ = ["iter_households", "read_households"]


@overload
def read_households(
    path: str | os.PathLike[str], *, errors: Literal["raise"] = ...
) -> tuple[bool, Iterator[Household]]: ...


@overload
def read_households(
    path: str | os.PathLike[str], *, errors: Literal["collect"]
) -> _io.Collected[tuple[Household, ...]]: ...


def read_households(
    path: str | os.PathLike[str], *, errors: str = "raise"
) -> tuple[bool, Iterator[Household]] | _io.Collected[tuple[Household, ...]]:
    """``(single, households)`` from a JSON object, JSON list or JSON-lines file.

    JSON lines are read one line at a time (memory stays flat however long the file); a JSON list
    is parsed one object at a time. A bad household is reported at the line where its object
    starts; the file is read to its end whatever its problems (a household that cannot be read is
    left out, a JSON Lines line that is not JSON too).

    Args:
        path: the file.
        errors: ``"raise"`` (default): yield the households, then raise every problem as one
            error; ``"collect"``: return a :class:`~wennuan_rules.Collected` of the households
            (a tuple) and the problems, raising nothing for bad input.

    Raises:
        InputFileError: unreadable file or JSON (with the line and column).
        WennuanError: a bad household, located at the line where it starts.
        InputProblems: more than one of these (``problems`` lists each).
    """
    collect = _io.check_errors(errors)
    problems = _io.Problems(str(path) if isinstance(path, str | os.PathLike) else None)
    if collect:
        try:
            _single, households = iter_households(path, problems)
        except WennuanError as exc:
            problems.add(exc)
            households = iter(())
        return problems.collected(tuple(households))
    single, households = iter_households(path, problems)
    if single:
        problems.raise_any()
        return single, households
    return single, _io.Values(_io.raising(households, problems), getattr(households, "shape", ""))


def iter_households(
    path: str | os.PathLike[str], problems: _io.Problems
) -> tuple[bool, Iterator[Household]]:
    """:func:`read_households`, every problem met while reading the households put into
    ``problems`` (one that ends the reading too); a file that cannot be opened or is not JSON is
    raised. What the command line streams."""
    if not isinstance(path, (str, os.PathLike)) or not str(path).strip():
        raise InvalidValueError(
            N_("{what}: expected {expected}, got {got}"),
            what="file",
            expected="the path of a household file",
            got=path,
        )
    try:
        fh = open(path, "rb")  # noqa: SIM115 - closed by _io.json_values
    except (OSError, ValueError) as exc:
        name = str(path) if len(str(path)) <= 200 else str(path)[:200] + "…"
        raise InputFileError(
            N_("cannot open {file}: {reason}"),
            file=name,
            params={"file": name, "reason": getattr(exc, "strerror", None) or str(exc)[:200]},
        ) from None
    path = str(path)
    try:
        values = _io.json_values(fh, path, problems)
    except BaseException:
        fh.close()
        raise
    if values.shape == "object":
        line, data = next(values)
        if not isinstance(data, dict):
            raise InputFileError(
                N_("{file}: expected a JSON object of household facts or a list of them"),
                file=path,
                got=type(data).__name__,
                params={"file": path},
            )
        try:
            return True, iter([Household.from_mapping(data, file=path, line=line)])
        except WennuanError as exc:
            problems.add(exc)
            return True, iter(())
    households = _io.collecting(_households(values, path, problems), problems)
    return False, _io.Values(households, values.shape)


def _households(
    values: Iterator[tuple[int, Any]], path: str, problems: _io.Problems
) -> Iterator[Household]:
    for line, item in values:
        try:
            yield Household.from_mapping(item, file=path, line=line)
        except WennuanError as exc:  # named; the household is left out, the next one read
            problems.add(exc)
