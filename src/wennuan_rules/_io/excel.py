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
    "Book",
    "Sheet",
    "cell_name",
    "cell_text",
    "excel_rows",
    "lost_digits",
    "number",
    "raw_sheets",
    "read_sheets",
    "require",
    "sheet_names",
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
    """A stored float as Excel shows it: 15 significant digits, exact, without an exponent (a
    negative zero as 0)."""
    if value == 0:
        return Decimal(0)
    text = format(value, ".15g")
    result = Decimal(text)
    if "e" in text:
        result = Decimal(format(result, "f"))
    return result


def lost_digits(value: object) -> bool:
    """Whether a stored number is a whole number of more than 15 digits (digits lost)."""
    return isinstance(value, float) and abs(value) >= _LIMIT and value.is_integer()


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


_D: Final = Decimal


def _slow(value: float, seen: list[float]) -> Decimal:
    """A float off the fast paths of :func:`_row` (an exponent, more than 15 digits)."""
    seen.append(value)
    return number(value)


def _row(cells: list[Any], r: int, lost: set[tuple[int, int]]) -> list[Cell]:
    """One row converted, the usual cells without a function call: a whole float below 10**15 as
    its integer; another float as its shortest round-trip text (``repr``) when that has at most
    15 significant digits and no exponent, which is then Excel's 15-digit display (the float is
    within half a unit in the 17th digit of it); the rest through :func:`number`."""
    seen: list[float] = []
    out: list[Any] = [
        (
            _D(int(v))
            if v.is_integer() and -_BIG < v < _BIG
            else _D(t)
            if len(t := repr(v)) < 17 and "e" not in t
            else _slow(v, seen)
        )
        if v.__class__ is float
        else None
        if v == ""
        else v
        if v.__class__ is str
        else _D(v)
        if v.__class__ is int
        else _cell(v)
        for v in cells
    ]
    if seen:
        for c, v in enumerate(cells):
            if lost_digits(v):
                lost.add((r, c))
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
    digits: ``(row, col)``, known for the rows converted so far).

    A sheet read by :func:`read_sheets` converts its rows when they are first asked for:
    :meth:`head` keeps the first rows, :meth:`stream` hands out the rest one at a time without
    keeping them (a wide sheet of many returns in constant memory), ``rows`` converts and keeps
    them all."""

    __slots__ = ("_head", "_rest", "lost", "merged", "name")

    def __init__(
        self,
        name: str,
        rows: list[list[Cell]],
        merged: list[tuple[tuple[int, int], tuple[int, int]]],
        lost: set[tuple[int, int]],
        rest: Iterator[list[Any]] | None = None,
    ) -> None:
        self.name = name
        self._head = rows
        self.merged = merged
        self.lost = lost
        self._rest = rest  # raw rows after ``_head``, not converted yet

    @property
    def rows(self) -> list[list[Cell]]:
        """Every row (after :meth:`stream`, only those that :meth:`head` kept)."""
        rest, head = self._rest, self._head
        if rest is not None:
            self._rest = None
            head.extend(_row(raw, r, self.lost) for r, raw in enumerate(rest, start=len(head)))
        return head

    def head(self, n: int) -> list[list[Cell]]:
        """The first ``n`` rows (fewer if the sheet is shorter), kept."""
        rest, head = self._rest, self._head
        while rest is not None and len(head) < n:
            raw = next(rest, None)
            if raw is None:
                self._rest = rest = None
            else:
                head.append(_row(raw, len(head), self.lost))
        return head[:n]

    def stream(self, start: int) -> Iterator[tuple[int, list[Cell]]]:
        """``(row, cells)`` from 0-based row ``start`` on; rows after those kept are converted one
        at a time and not kept (so this reads the rest once)."""
        head = self._head
        for r in range(start, len(head)):
            yield r, head[r]
        rest, self._rest = self._rest, None
        if rest is None:
            return
        lost = self.lost
        for r, raw in enumerate(rest, start=len(head)):
            if r >= start:
                yield r, _row(raw, r, lost)

    def at(self, row: int, col: int) -> Cell:
        """The cell at 0-based ``row``, ``col`` (``None`` outside the data)."""
        rows = self.rows
        if row < len(rows):
            cells = rows[row]
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
            what="file",
            expected="an .xlsx or .xls workbook",
            got=str(exc)[:80],
            file=name,
            params={"file": name, "reason": str(exc)[:80]},
        ) from None


class Book:
    """An opened workbook whose sheets are loaded one at a time and shared: a reader of the returns
    and the writer of the marked-up copy given the same ``Book`` walk the one sheet calamine holds
    in memory (a sheet is loaded whole into calamine's own memory)."""

    __slots__ = ("_book", "_loaded", "_sheet", "label", "names")

    def __init__(self, path: PathLike, name: str | None = None) -> None:
        self.label = str(path) if name is None else name
        self._book = _open(path, self.label)
        self.names: list[str] = list(self._book.sheet_names)
        self._loaded: str | None = None
        self._sheet: Any = None

    def sheet(self, sheet_name: str) -> Any:
        """calamine's sheet ``sheet_name``, loaded unless it is the one loaded last."""
        if self._loaded != sheet_name:
            self._sheet = self._loaded = None
            self._sheet = self._book.get_sheet_by_name(sheet_name)
            self._loaded = sheet_name
        return self._sheet


def sheet_names(path: PathLike, name: str | None = None) -> list[str]:
    """The names of the sheets of a workbook, in order.

    Raises:
        WennuanError: the ``excel`` extra is not installed.
        InputFileError: the file cannot be read or is not a workbook.
    """
    return Book(path, name).names


def _rows(raw: Any, lazy: bool) -> Any:
    """The rows of calamine sheet ``raw`` from A1: one at a time when ``lazy`` and the data
    starts at A1 (calamine's ``iter_rows`` starts at the data), else as a list."""
    if lazy and raw.start == (0, 0):
        return iter(raw.iter_rows())
    data = raw.to_python(skip_empty_area=False)
    return iter(data) if lazy else data


def raw_sheets(
    path: PathLike, name: str | None = None, *, lazy: bool = False, book: Book | None = None
) -> Iterator[tuple[str, Any, list[tuple[tuple[int, int], tuple[int, int]]]]]:
    """``(sheet name, rows as calamine gives them, merged ranges)`` for each sheet: floats not
    converted (for copying a workbook value for value). The rows are a list, or an iterator
    handing them out one at a time when ``lazy``; ``book``: the workbook already opened.

    Raises:
        WennuanError: the ``excel`` extra is not installed.
        InputFileError: the file cannot be read or is not a workbook.
    """
    if book is None:
        book = Book(path, name)
    label = book.label
    for sheet_name in book.names:
        try:
            raw = book.sheet(sheet_name)
            data = _rows(raw, lazy)
            merged = list(getattr(raw, "merged_cell_ranges", None) or ())
        except Exception as exc:  # pragma: no cover - a sheet calamine cannot decode
            raise InputFileError(
                N_("{file} is not an Excel workbook: {reason}"),
                file=label,
                column=sheet_name,
                params={"file": label, "reason": str(exc)[:80]},
            ) from None
        del raw
        yield sheet_name, data, merged


def read_sheets(
    path: PathLike, name: str | None = None, book: Book | None = None
) -> Iterator[Sheet]:
    """The sheets of a workbook, one at a time, each converting its rows when they are asked for
    (:func:`number`; :class:`Sheet`).

    Raises:
        WennuanError: the ``excel`` extra is not installed.
        InputFileError: the file cannot be read or is not a workbook.
    """
    for sheet_name, rows, merged in raw_sheets(path, name, lazy=True, book=book):
        yield Sheet(sheet_name, [], merged, set(), rows)


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
