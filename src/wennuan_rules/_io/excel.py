"""Excel workbooks (.xlsx, .xls) as rows of cells that know their sheet and cell name
(see :mod:`wennuan_rules._io`).

Read with python-calamine (the ``excel`` extra, imported on first use): values exactly as stored.
Excel stores every number as a binary float; a number is read as Excel shows it, at 15 significant
digits, into a :class:`~decimal.Decimal` (``0.1 + 0.2`` stored as ``0.30000000000000004`` reads
``0.3``); a float is never kept. A whole number of more than 15 digits (an 18-digit ID number
typed as a number) has lost its last digits in the file: reading it is a problem of its own
(:func:`lost_digits`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from importlib import import_module
from pathlib import Path
from typing import Any, Final

from wennuan_rules._io.text import PathLike
from wennuan_rules.errors import InputFileError, WennuanError
from wennuan_rules.i18n import N_

__all__ = [
    "EXCEL_SUFFIXES",
    "INSTALL",
    "Sheet",
    "cell_name",
    "cell_text",
    "excel_rows",
    "lost_digits",
    "number",
    "raw_sheets",
    "read_sheets",
    "require",
]

EXCEL_SUFFIXES: Final = (".xlsx", ".xlsm", ".xls")
INSTALL: Final = "pip install 'wennuan-rules[excel]'"
#: Excel shows and keeps 15 significant digits.
DIGITS: Final = 15
_LIMIT: Final = 10**DIGITS
_BIG: Final = float(_LIMIT)

Cell = str | Decimal | bool | dt.date | dt.datetime | dt.time | dt.timedelta | None


def require(module: str) -> Any:
    """Import ``module`` of the ``excel`` extra (``python_calamine`` or ``xlsxwriter``).

    Raises:
        WennuanError: not installed (the message names ``pip install 'wennuan-rules[excel]'``).
    """
    try:
        return import_module(module)
    except ImportError:
        raise WennuanError(
            N_("reading and writing Excel workbooks needs {install}"),
            what="excel",
            expected=INSTALL,
            got=module,
            params={"install": INSTALL},
        ) from None


def cell_name(row: int, col: int) -> str:
    """``C12`` for 0-based ``row`` 11 and ``col`` 2."""
    letters = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return f"{letters}{row + 1}"


def number(value: float) -> Decimal:
    """A stored float as Excel shows it: 15 significant digits, exact, without an exponent."""
    text = format(value, ".15g")
    result = Decimal(text)
    if "e" in text:
        result = Decimal(format(result, "f"))
    return result


def lost_digits(value: object) -> bool:
    """Whether a stored number is a whole number of more than 15 digits (digits lost)."""
    return isinstance(value, float) and abs(value) >= _LIMIT and value == int(value)


def _cell(value: object) -> Cell:
    if value.__class__ is float:
        return number(value)
    if value == "" or value is None:
        return None
    if isinstance(value, bool | str | dt.date | dt.time | dt.timedelta):
        return value
    if isinstance(value, int):
        return Decimal(value)
    return str(value)  # pragma: no cover - calamine returns the types above


_FMT: Final = "{:.15g}".format


def _row(cells: list[Any], r: int, lost: set[tuple[int, int]]) -> list[Cell]:
    """One row converted; the usual cell (a float) without a function call."""
    out: list[Any] = [Decimal(_FMT(v)) if v.__class__ is float else _cell(v) for v in cells]
    for c, v in enumerate(cells):
        if v.__class__ is float and (v >= _BIG or v <= -_BIG):
            if lost_digits(v):
                lost.add((r, c))
            out[c] = number(v)
    return out


def cell_text(value: Cell) -> str:
    """A cell as text: numbers in plain notation, 是/否 for booleans, ISO dates."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


class Sheet:
    """One sheet: ``name``, ``rows`` (0-based lists of cells, from A1), ``merged`` ranges
    (``((first_row, first_col), (last_row, last_col))``) and ``lost`` (cells whose number lost
    digits: ``(row, col)``)."""

    __slots__ = ("lost", "merged", "name", "rows")

    def __init__(
        self,
        name: str,
        rows: list[list[Cell]],
        merged: list[tuple[tuple[int, int], tuple[int, int]]],
        lost: set[tuple[int, int]],
    ) -> None:
        self.name = name
        self.rows = rows
        self.merged = merged
        self.lost = lost

    def at(self, row: int, col: int) -> Cell:
        """The cell at 0-based ``row``, ``col`` (``None`` outside the data)."""
        if row < len(self.rows):
            cells = self.rows[row]
            if col < len(cells):
                return cells[col]
        return None

    def where(self, row: int, col: int) -> str:
        """``Sheet1!C12``."""
        return f"{self.name}!{cell_name(row, col)}"


def _open(path: PathLike, name: str) -> Any:
    calamine = require("python_calamine")
    try:
        return calamine.CalamineWorkbook.from_path(str(path))
    except OSError as exc:
        raise InputFileError(
            N_("cannot read {file}: {reason}"),
            file=name,
            params={"file": name, "reason": exc.strerror or str(exc)},
        ) from None
    except Exception as exc:  # calamine's own errors: not a workbook, broken zip
        raise InputFileError(
            N_("{file} is not an Excel workbook: {reason}"),
            what=N_("file"),
            expected=N_("an .xlsx or .xls workbook"),
            got=str(exc)[:80],
            file=name,
            params={"file": name, "reason": str(exc)[:80]},
        ) from None


def raw_sheets(
    path: PathLike, name: str | None = None
) -> Iterator[tuple[str, list[list[Any]], list[tuple[tuple[int, int], tuple[int, int]]]]]:
    """``(sheet name, rows as calamine gives them, merged ranges)`` for each sheet: floats not
    converted (for copying a workbook value for value).

    Raises:
        WennuanError: the ``excel`` extra is not installed.
        InputFileError: the file cannot be read or is not a workbook.
    """
    label = str(path) if name is None else name
    book = _open(path, label)
    for sheet_name in book.sheet_names:
        try:
            raw = book.get_sheet_by_name(sheet_name)
            data = raw.to_python(skip_empty_area=False)
            merged = list(getattr(raw, "merged_cell_ranges", None) or ())
        except Exception as exc:  # pragma: no cover - a sheet calamine cannot decode
            raise InputFileError(
                N_("{file} is not an Excel workbook: {reason}"),
                file=label,
                column=sheet_name,
                params={"file": label, "reason": str(exc)[:80]},
            ) from None
        yield sheet_name, data, merged


def read_sheets(path: PathLike, name: str | None = None) -> Iterator[Sheet]:
    """The sheets of a workbook, one at a time, cells converted (:func:`number`).

    Raises:
        WennuanError: the ``excel`` extra is not installed.
        InputFileError: the file cannot be read or is not a workbook.
    """
    for sheet_name, data, merged in raw_sheets(path, name):
        lost: set[tuple[int, int]] = set()
        rows = [_row(cells, r, lost) for r, cells in enumerate(data)]
        yield Sheet(sheet_name, rows, merged, lost)


def excel_rows(path: PathLike, name: str | None = None) -> Iterator[tuple[int, list[str]]]:
    """``(row, cells as text)`` for each non-blank row of the first sheet, like
    :func:`~wennuan_rules._io.csvfile.csv_rows` (a row source for ``csv_records(rows=…)``)."""
    label = str(path) if name is None else name
    for sheet in read_sheets(path, label):
        for r, cells in enumerate(sheet.rows):
            texts = [cell_text(c) for c in cells]
            if any(t.strip() for t in texts):
                yield r + 1, texts
        return


def is_excel(path: PathLike) -> bool:
    """Whether the file's suffix is a workbook's."""
    return Path(path).suffix.lower() in EXCEL_SUFFIXES
