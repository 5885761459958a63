"""CSV rows and records with the line and column of each (see :mod:`wennuan_rules._io`)."""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping

from wennuan_rules._io.collect import Problems
from wennuan_rules._io.text import PathLike, cell_error, no_rows, open_text
from wennuan_rules.errors import InputFileError
from wennuan_rules.i18n import N_

# -- CSV -------------------------------------------------------------------------------------------


def csv_rows(path: PathLike, name: str | None = None) -> Iterator[tuple[int, list[str]]]:
    """``(line, cells)`` for each row of a CSV file that has a non-blank cell, one row at a time;
    ``line`` is the line the row ends on (the header is line 1 when it is the first line).

    Raises:
        InputFileError: the file cannot be read or decoded.
    """
    label = str(path) if name is None else name
    with open_text(path, name) as fh:
        reader = csv.reader(fh)
        try:
            for cells in reader:
                for cell in cells:
                    if cell and not cell.isspace():
                        yield reader.line_num, cells
                        break
        except csv.Error as exc:  # a cell over the field limit (131,072 characters), a NUL byte
            raise cell_error(label, reader.line_num + 1, str(exc)) from None


def header_key(text: str) -> str:
    """A header cell or key as compared with field names: NFKC, case, spaces, ``_``, ``-``
    ignored."""
    key = unicodedata.normalize("NFKC", text).strip().casefold()
    return re.sub(r"[\s_\-]", "", key)


def _unknown_columns(
    unknown: list[tuple[int, str]], fields: tuple[str, ...], label: str, line: int
) -> InputFileError:
    """The error for a header with columns the reader does not know (all of them named)."""
    return InputFileError(
        N_("{what}: unknown value {got}; expected one of {expected}")
        if len(unknown) == 1
        else N_("{what}: {count} unknown values {got}; expected each one of {expected}"),
        what=N_("column"),
        expected=", ".join(fields),
        got=unknown[0][1] if len(unknown) == 1 else ", ".join(cell for _n, cell in unknown),
        file=label,
        line=line,
        column=unknown[0][0],
        params={"count": len(unknown)},
    )


def csv_records(
    path: PathLike,
    *,
    fields: tuple[str, ...],
    index: Mapping[str, str] | None = None,
    name: str | None = None,
    rows: Callable[[PathLike, str], Iterator[tuple[int, list[str]]]] = csv_rows,
    problems: Problems | None = None,
) -> Iterator[tuple[int, dict[str, str | None]]]:
    """``(line, record)`` for each data row of a CSV file, its header mapped to ``fields``
    (:func:`csv_table`; each record by :func:`csv_record`).

    Header cells are matched to field names (or through ``index``: :func:`header_key` of a header
    → field) ignoring case, spaces, ``_``/``-`` and full-width forms. Cells are stripped; empty
    cells are ``None``. Rows are read one at a time (``rows``: the row source, :func:`csv_rows`).

    ``problems``: where a row with more cells than the header is put (the row left out, the next
    read); without it, such a row is raised.

    Raises:
        InputFileError: an unknown column (all of them named in one error) or a repeated one,
            no header, no row under the header, a row with more cells than the header (naming
            the line and column).
    """
    table = csv_table(path, fields=fields, index=index, name=name, rows=rows, problems=problems)
    _line, columns = next(table)
    for line, cells in table:
        yield line, csv_record(columns, cells)


def csv_record(columns: list[str], cells: list[str]) -> dict[str, str | None]:
    """The record of a row of :func:`csv_table`: each column's field → its cell stripped, an
    empty cell ``None``."""
    return {field: cell.strip() or None for field, cell in zip(columns, cells, strict=False)}


def csv_table(
    path: PathLike,
    *,
    fields: tuple[str, ...],
    index: Mapping[str, str] | None = None,
    name: str | None = None,
    rows: Callable[[PathLike, str], Iterator[tuple[int, list[str]]]] = csv_rows,
    problems: Problems | None = None,
) -> Iterator[tuple[int, list[str]]]:
    """A CSV file as its header mapped to ``fields``, then its data rows: first ``(line,
    columns)``, the field of each header cell, then ``(line, cells)`` for each data row, its cells
    as written (not stripped), at least as many as the columns (a short row is padded with
    ``""``). What :func:`csv_records` reads, for a reader that builds its records from the cells.

    Raises:
        InputFileError: as :func:`csv_records` (the header's errors on the first ``next``).
    """
    label = str(path) if name is None else name
    source = rows(path, label)
    first = next(source, None)
    if first is None:
        raise InputFileError(
            N_("{file} is empty; expected a header row"), file=label, params={"file": label}
        )
    header_line, header = first
    known = dict(index or {})
    for name_ in fields:
        known.setdefault(header_key(name_), name_)
    columns: list[str] = []
    unknown: list[tuple[int, str]] = []
    for number, cell in enumerate(header, start=1):
        field = known.get(header_key(cell))
        if field is None:
            unknown.append((number, cell))
        elif field in columns:
            raise InputFileError(
                N_("{what}: column {got} appears twice"),
                what=N_("column"),
                expected=", ".join(fields),
                got=cell,
                file=label,
                line=header_line,
                column=number,
            )
        columns.append(field or "")
    if unknown:  # one problem: the header is not one of this kind of file
        raise _unknown_columns(unknown, fields, label, header_line)
    yield header_line, columns
    width = len(columns)
    item = None
    for item in source:
        cells = item[1]
        if len(cells) != width:  # a row of another width: padded, or refused
            if len(cells) > width and any(c.strip() for c in cells[width:]):
                error = InputFileError(
                    N_("row has {count} cells but the header has {width}"),
                    file=label,
                    line=item[0],
                    column=width + 1,
                    params={"count": len(cells), "width": width},
                )
                if problems is None:
                    raise error
                problems.add(error)
                continue
            if len(cells) < width:
                item = (item[0], cells + [""] * (width - len(cells)))
        yield item
    if item is None:
        raise no_rows(label, header_line)
