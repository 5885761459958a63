"""Households read from files (JSON, JSON Lines, CSV) through the input layer."""

from __future__ import annotations

import os
from collections.abc import Iterator

from wennuan_rules import _io
from wennuan_rules.eligibility.household import Household
from wennuan_rules.errors import InputFileError, InvalidValueError
from wennuan_rules.i18n import N_

__all__ = ["read_households"]


def read_households(path: str | os.PathLike[str]) -> tuple[bool, Iterator[Household]]:
    """``(single, households)`` from a JSON object, JSON list or JSON-lines file.

    JSON lines are read one line at a time (memory stays flat however long the file); a JSON list
    is parsed one object at a time. A bad household is reported at the line where its object
    starts.

    Raises:
        InputFileError: unreadable file or JSON (with the line and column).
        WennuanError: a bad household, located at the line where it starts.
    """
    if not isinstance(path, (str, os.PathLike)) or not str(path).strip():
        raise InvalidValueError(
            N_("{what}: expected {expected}, got {got}"),
            what=N_("file"),
            expected=N_("the path of a household file"),
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
        values = _io.json_values(fh, path)
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
        return True, iter([Household.from_mapping(data, file=path, line=line)])
    households = (Household.from_mapping(item, file=path, line=line) for line, item in values)
    return False, _io.Values(households, values.shape)
