"""Reading rosters, visit logs and families on file: thin mappings over the input layer
(:mod:`wennuan_rules._io`), which reads the encodings, JSON, JSON Lines and CSV, and locates every
record at its line.

CSV and JSON Lines files are read one row at a time (:func:`iter_payments`); a JSON document is
read whole, in one pass of the scanner, so that each record knows the line its ``{`` stands on:
``Payment.row`` and the line of every error are lines of the file in all three formats.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any, Final, TypeVar

from wennuan_rules import _io
from wennuan_rules.audits.roster import _ALIASES, PAYMENT_FIELDS, Payment, Roster, as_input_error
from wennuan_rules.errors import InputFileError, WennuanError
from wennuan_rules.i18n import N_

__all__ = [
    "alias_index",
    "file_format",
    "header_str",
    "iter_payments",
    "iter_records",
    "read_file_text",
    "read_records",
    "read_roster",
]

_T = TypeVar("_T")
_HEADER: Final = ("campaign", "unit")

read_file_text: Final = _io.read_text
file_format: Final = _io.file_format


def alias_index(aliases: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
    """Normalised header (:func:`wennuan_rules._io.header_key`) → field, for each field's aliases
    and its own name."""
    index = {_io.header_key(field): field for field in aliases}
    index.update({_io.header_key(a): field for field, names in aliases.items() for a in names})
    return index


@lru_cache(maxsize=1)
def _roster_index() -> dict[str, str]:
    return alias_index(_ALIASES)


def iter_records(
    path: Path | str,
    *,
    fields: tuple[str, ...],
    aliases: Mapping[str, str] | None = None,
) -> Iterator[tuple[int, dict[str, str | None]]]:
    """``(line, record)`` for each data row of a CSV file, its header mapped to ``fields``
    (:func:`wennuan_rules._io.csv_records`; ``aliases``: normalised header → field)."""
    return _io.csv_records(path, fields=fields, index=aliases)


def _wrong_type(
    name: str, what: str, expected: str, value: object, line: int | None = None
) -> InputFileError:
    """The error for a JSON value of the wrong type (its type is shown, never its content)."""
    return InputFileError(
        N_("{what}: expected {expected}, got {got}"),
        what=what,
        expected=expected,
        got=type(value).__name__,
        file=name,
        line=line,
    )


def _objects(
    records: Iterator[tuple[int, Any]], name: str, what: str
) -> Iterator[tuple[int, dict[str, Any]]]:
    """The records, refusing (at its line) any that is not a JSON object."""
    for line, item in records:
        if not isinstance(item, dict):
            raise _wrong_type(name, what, N_("an object"), item, line)
        yield line, item


def _json_rows(
    data: Any, name: str, key: str, known: tuple[str, ...]
) -> tuple[list[Any], dict[str, Any]]:
    """The list of records and the header fields of a JSON roster, visit log or family list."""
    if isinstance(data, list):
        return data, {}
    if isinstance(data, dict):
        for k in data:
            if k not in (key, *known):
                raise InputFileError(
                    N_("{what}: unknown value {got}; expected one of {expected}"),
                    what=N_("key"),
                    expected=", ".join((key, *known)),
                    got=k,
                    file=name,
                )
        rows = data.get(key, [])
        if not isinstance(rows, list):
            raise _wrong_type(name, key, N_("a list of records"), rows)
        return rows, {k: data[k] for k in known if k in data}
    raise _wrong_type(name, "file", f'a JSON list, or an object with "{key}"', data)


def _jsonl(path: Path | str, name: str) -> Iterator[tuple[int, Any]]:
    with _io.open_text(path, name) as fh:
        yield from _io.json_lines(fh, name)


def _records(
    path: Path | str,
    *,
    key: str,
    what: str,
    known: tuple[str, ...],
    fields: tuple[str, ...],
    index: Mapping[str, str],
    lists: tuple[str, ...] = (),
) -> tuple[Iterator[tuple[int, Mapping[str, Any]]], dict[str, Any], dict[str, list[Any]]]:
    """The records of a CSV, JSON Lines or JSON file with the line each starts on, the header
    fields of a JSON object file (``campaign``, ``unit``, …) and the items of its other ``lists``
    with their lines. CSV and JSON Lines files are streamed."""
    name = str(path)
    kind = _io.file_format(path)
    if kind == "jsonl":
        return _objects(_jsonl(path, name), name, what), {}, {}
    if kind == "csv":
        return _io.csv_records(path, fields=fields, index=index, name=name), {}, {}
    data, located = _io.json_document(_io.read_text(path, name), name, (key, *lists))
    rows, header = _json_rows(data, name, key, known)
    items = located.get(key) or list(enumerate(rows, start=1))
    return _objects(iter(items), name, what), header, located


def read_records(
    path: Path | str,
    *,
    key: str,
    what: str,
    known: tuple[str, ...],
    fields: tuple[str, ...],
    aliases: Mapping[str, tuple[str, ...]],
    build: Callable[[Mapping[str, object], int], _T],
    lists: tuple[str, ...] = (),
) -> tuple[list[_T], dict[str, Any], dict[str, list[tuple[int, Any]]]]:
    """The records of a CSV, JSON Lines or JSON file built by ``build(record, line)``, the header
    fields of a JSON object file, and the items of its other ``lists`` with their lines.

    Raises:
        InputFileError: naming the file and the line where the offending record starts.
    """
    name = str(path)
    records, header, located = _records(
        path,
        key=key,
        what=what,
        known=known,
        fields=fields,
        index=alias_index(aliases),
        lists=lists,
    )
    out = []
    for line, record in records:
        try:
            out.append(build(record, line))
        except WennuanError as exc:
            raise as_input_error(exc, name, line) from None
    return out, header, located


def header_str(header: Mapping[str, Any], key: str, name: str) -> str | None:
    """A text field of a JSON file's header (``unit``, ``campaign``), or ``None``."""
    value = header.get(key)
    if value is None or isinstance(value, str):
        return value
    raise InputFileError(
        N_("{what}: expected {expected}, got {got}"),
        what=key,
        expected=N_("text"),
        got=value,
        file=name,
    )


def _payment_records(
    path: Path | str,
) -> tuple[Iterator[tuple[int, Mapping[str, Any]]], dict[str, Any]]:
    records, header, _located = _records(
        path,
        key="payments",
        what=N_("payment"),
        known=_HEADER,
        fields=PAYMENT_FIELDS,
        index=_roster_index(),
    )
    return records, header


def iter_payments(path: Path | str) -> Iterator[Payment]:
    """The payments of a roster file (CSV, JSON Lines or JSON), one at a time.

    CSV and JSON Lines (``.jsonl``, ``.ndjson``: one payment object a line) are streamed: memory
    stays flat whatever the roster's length. A JSON document is read whole first.

    Raises:
        InputFileError: see :meth:`Payment.from_mapping` and :func:`iter_records`.
    """
    name = str(path)
    records, _header = _payment_records(path)
    for line, item in records:
        yield Payment.from_mapping(item, row=line, file=name)


def read_roster(path: Path | str) -> Roster:
    """A whole roster file: CSV, JSON Lines (one payment a line), or JSON (a list of payments, or
    ``{"campaign", "unit", "payments"}``).

    ``Payment.row`` is the line of the file where the payment starts (CSV: the header is line 1).

    Raises:
        InputFileError: see :meth:`Payment.from_mapping` and :func:`iter_records`.
    """
    name = str(path)
    records, header = _payment_records(path)
    payments = tuple(Payment.from_mapping(item, row=line, file=name) for line, item in records)
    return Roster(
        payments=payments,
        unit=header_str(header, "unit", name),
        campaign=header_str(header, "campaign", name),
        file=name,
    )
