"""Reading rosters, visit logs and families on file: thin mappings over the input layer
(:mod:`wennuan_rules._io`), which reads the encodings, JSON, JSON Lines and CSV, and locates every
record at its line.

CSV and JSON Lines files are read one row at a time (:func:`iter_payments`); a JSON document is
read whole, in one pass of the scanner, so that each record knows the line its ``{`` stands on:
``Payment.row`` and the line of every error are lines of the file in all three formats.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any, Final, Literal, TypeVar, overload

from wennuan_rules import _io
from wennuan_rules._fast import _PLAIN_DATE, Slow
from wennuan_rules.audits.roster import (
    _ALIASES,
    _PLAIN_PAYMENT,
    _REQUIRED,
    PAYMENT_FIELDS,
    Payment,
    Roster,
    _categories,
    _channels,
    _fast_yes_no,
    _make_payment,
    _slow,
    _sources,
    as_input_error,
)
from wennuan_rules.errors import InputFileError, WennuanError
from wennuan_rules.i18n import N_

__all__ = [
    "alias_index",
    "file_format",
    "header_str",
    "iter_payments",
    "iter_records",
    "payments",
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
    records: Iterator[tuple[int, Any]], name: str, what: str, problems: _io.Problems
) -> Iterator[tuple[int, dict[str, Any]]]:
    """The records, refusing (at its line, into ``problems``) any that is not a JSON object."""
    for line, item in records:
        if not isinstance(item, dict):
            problems.add(_wrong_type(name, what, N_("an object"), item, line))
            continue
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


def _jsonl(path: Path | str, name: str, problems: _io.Problems) -> Iterator[tuple[int, Any]]:
    with _io.open_text(path, name) as fh:
        yield from _io.json_lines(fh, name, problems=problems)


def _records(
    path: Path | str,
    *,
    key: str,
    what: str,
    known: tuple[str, ...],
    fields: tuple[str, ...],
    index: Mapping[str, str],
    problems: _io.Problems,
    lists: tuple[str, ...] = (),
) -> tuple[Iterator[tuple[int, Mapping[str, Any]]], dict[str, Any], dict[str, list[Any]]]:
    """The records of a CSV, JSON Lines or JSON file with the line each starts on, the header
    fields of a JSON object file (``campaign``, ``unit``, …) and the items of its other ``lists``
    with their lines. CSV and JSON Lines files are streamed."""
    name = str(path)
    kind = _io.file_format(path)
    if kind == "jsonl":
        return _objects(_jsonl(path, name, problems), name, what, problems), {}, {}
    if kind == "csv":
        rows = _io.csv_records(path, fields=fields, index=index, name=name, problems=problems)
        return rows, {}, {}
    data, located = _io.json_document(_io.read_text(path, name), name, (key, *lists))
    rows_, header = _json_rows(data, name, key, known)
    items = located.get(key) or list(enumerate(rows_, start=1))
    return _objects(iter(items), name, what, problems), header, located


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
    problems: _io.Problems | None = None,
) -> tuple[list[_T], dict[str, Any], dict[str, list[tuple[int, Any]]]]:
    """The records of a CSV, JSON Lines or JSON file built by ``build(record, line)``, the header
    fields of a JSON object file, and the items of its other ``lists`` with their lines.

    Every problem goes into ``problems`` (a record that cannot be built is left out; one that ends
    the reading, such as JSON that breaks off, ends the list); without ``problems``, they are
    raised at the end as one error.

    Raises:
        InputFileError: naming the file and the line where the offending record starts (without
            ``problems``; :class:`~wennuan_rules.errors.InputProblems` for more than one).
    """
    name = str(path)
    if problems is None:
        sink = _io.Problems(name)
        found = read_records(
            path,
            key=key,
            what=what,
            known=known,
            fields=fields,
            aliases=aliases,
            build=build,
            lists=lists,
            problems=sink,
        )
        sink.raise_any()
        return found
    out: list[_T] = []
    try:
        records, header, located = _records(
            path,
            key=key,
            what=what,
            known=known,
            fields=fields,
            index=alias_index(aliases),
            problems=problems,
            lists=lists,
        )
    except WennuanError as exc:
        problems.add(exc)
        return out, {}, {}
    for line, record in _io.collecting(records, problems):
        try:
            out.append(build(record, line))
        except WennuanError as exc:  # named at its field when it is one; the record left out
            column = exc.what if exc.what in fields else None
            problems.add(as_input_error(exc, name, line, column))
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
    path: Path | str, problems: _io.Problems
) -> tuple[Iterator[tuple[int, Mapping[str, Any]]], dict[str, Any]]:
    records, header, _located = _records(
        path,
        key="payments",
        what=N_("payment"),
        known=_HEADER,
        fields=PAYMENT_FIELDS,
        index=_roster_index(),
        problems=problems,
    )
    return records, header


def iter_payments(path: Path | str) -> Iterator[Payment]:
    """The payments of a roster file (CSV, JSON Lines or JSON), one at a time.

    CSV and JSON Lines (``.jsonl``, ``.ndjson``: one payment object a line) are streamed: memory
    stays flat whatever the roster's length. A JSON document is read whole first. The file is read
    to its end; every problem is raised at the end, as one error.

    Raises:
        InputFileError: see :meth:`Payment.from_mapping` and :func:`iter_records`.
        InputProblems: more than one problem (``problems`` lists each).
    """
    problems = _io.Problems(str(path))
    return _io.raising(payments(path, problems), problems)


def payments(path: Path | str, problems: _io.Problems) -> Iterator[Payment]:
    """:func:`iter_payments`, every problem put into ``problems`` (a row that cannot be read is
    left out; one that ends the reading too): what the command line streams."""
    return _io.collecting(_payments(path, problems), problems)


def _payments(path: Path | str, problems: _io.Problems) -> Iterator[Payment]:
    name = str(path)
    if _io.file_format(path) == "csv":
        yield from _csv_payments(path, name, problems)
        return
    records, _header = _payment_records(path, problems)
    for line, item in _io.collecting(records, problems):
        try:
            yield Payment.from_mapping(item, row=line, file=name)
        except WennuanError as exc:  # named; the row is left out, the next one read
            problems.add(exc)


def _csv_payments(path: Path | str, name: str, problems: _io.Problems) -> Iterator[Payment]:
    """The payments of a CSV roster: each row read from its cells by :func:`_cells_reader`, else
    (a row not plain) from its record (:func:`~wennuan_rules._io.csv_record`) by
    :meth:`Payment.from_mapping`, as every other roster."""
    table = _io.csv_table(
        path, fields=PAYMENT_FIELDS, index=_roster_index(), name=name, problems=problems
    )
    try:
        _line, columns = next(table)
        read = _cells_reader(columns)
        record = _io.csv_record
        for line, cells in table:
            try:
                payment = read(cells, line)
            except Slow:
                try:
                    payment = Payment.from_mapping(record(columns, cells), row=line, file=name)
                except WennuanError as exc:  # named; the row is left out, the next one read
                    problems.add(exc)
                    continue
            yield payment
    except WennuanError as exc:  # one that ends the reading (the header, a broken file)
        problems.add(exc)


def _cells_reader(columns: list[str]) -> Callable[[list[str], int], Payment]:
    """How to read a plain row of a CSV roster with these ``columns`` straight from its cells
    (what :func:`~wennuan_rules.audits.roster._fast_payment` reads from a record, without building
    the record): an amount of plain digits, ISO dates, ids or labels as written, 是/否 as
    written; text cells trimmed, an empty one ``None``. Anything else raises :class:`Slow`."""
    at = {field: i for i, field in enumerate(columns)}
    if any(field not in at for field in _REQUIRED):
        return _all_slow
    i_name, i_id, i_amount, i_paid, i_source, i_channel, i_category, i_filed = (
        at.get(field, -1) for field in PAYMENT_FIELDS[:8]
    )
    i_card, i_group, i_ref, i_union, i_no = (at.get(field, -1) for field in PAYMENT_FIELDS[8:])
    plain, iso, make = _PLAIN_PAYMENT, _PLAIN_DATE, _make_payment
    sources, channels, categories = _sources, _channels, _categories
    from_iso = dt.date.fromisoformat

    def read(cells: list[str], row: int) -> Payment:
        amount, paid = cells[i_amount], cells[i_paid]
        if plain(amount) is None or iso(paid) is None:
            raise Slow
        number = Decimal(amount)
        source, channel = sources.get(cells[i_source]), channels.get(cells[i_channel])
        if not number or source is None or channel is None:
            raise Slow  # zero: the full path writes -0 as 0
        text = cells[i_category] if i_category >= 0 else ""
        category = (categories.get(text) or _slow()) if text else None
        filed = cells[i_filed] if i_filed >= 0 else ""
        try:  # plain_date's reading, inline: ISO dates of real days
            paid_on = from_iso(paid)
            filed_on = (from_iso(filed) if iso(filed) else _slow()) if filed else None
        except ValueError:
            raise Slow from None
        no = (cells[i_no].strip() or None) if i_no >= 0 else None
        ref = (cells[i_ref].strip() or None) if i_ref >= 0 else None
        return make(  # type: ignore[no-any-return]
            (cells[i_name].strip() or None) if i_name >= 0 else None,
            (cells[i_id].strip() or None) if i_id >= 0 else None,
            number,
            paid_on,
            source,
            channel,
            category,
            filed_on,
            (cells[i_card].strip() or None) if i_card >= 0 else None,
            (cells[i_group].strip() or None) if i_group >= 0 else None,
            no if ref is None else ref,  # a row without a ref: its 序号, as the full path reads it
            row,
            _fast_yes_no(cells[i_union]) if i_union >= 0 else None,
            no,
        )

    return read


def _all_slow(cells: list[str], row: int) -> Payment:
    """A header without a required column: every row by the full path (which names the field)."""
    raise Slow


@overload
def read_roster(path: Path | str, *, errors: Literal["raise"] = ...) -> Roster: ...


@overload
def read_roster(path: Path | str, *, errors: Literal["collect"]) -> _io.Collected[Roster]: ...


def read_roster(path: Path | str, *, errors: str = "raise") -> Roster | _io.Collected[Roster]:
    """A whole roster file: CSV, JSON Lines (one payment a line), or JSON (a list of payments, or
    ``{"campaign", "unit", "payments"}``).

    ``Payment.row`` is the line of the file where the payment starts (CSV: the header is line 1).
    The file is read to its end whatever its problems; a row that cannot be read is left out.

    Args:
        path: the file.
        errors: ``"raise"`` (default): raise every problem as one error;
            ``"collect"``: return a :class:`~wennuan_rules.Collected` of the roster (the rows that
            could be read) and the problems, raising nothing for bad input.

    Raises:
        InputFileError: see :meth:`Payment.from_mapping` and :func:`iter_records`.
        InputProblems: more than one problem (``problems`` lists each).
    """
    collect = _io.check_errors(errors)
    name = str(path)
    problems = _io.Problems(name)
    header: dict[str, Any] = {}
    rows: list[Payment] = []
    try:
        if _io.file_format(path) == "csv":
            rows.extend(_csv_payments(path, name, problems))
        else:
            records, header = _payment_records(path, problems)
            for line, item in _io.collecting(records, problems):
                try:
                    rows.append(Payment.from_mapping(item, row=line, file=name))
                except WennuanError as exc:
                    problems.add(exc)
        unit = header_str(header, "unit", name)
        campaign = header_str(header, "campaign", name)
    except WennuanError as exc:
        problems.add(exc)
        unit = campaign = None
    roster = Roster(payments=tuple(rows), unit=unit, campaign=campaign, file=name)
    if collect:
        return problems.collected(roster)
    problems.raise_any()
    return roster
