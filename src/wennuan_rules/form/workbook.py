"""Reading returns from Excel workbooks (.xlsx, .xls): wide sheets and the printed layout.

Each sheet is one of:

* **wide**: a header row (the first cell ``unit``, ``单位`` or ``填报单位``, then line item codes,
  as the wide CSV reader accepts; rows above it, such as a merged title, are skipped), then one
  return per row;
* **printed**: a sheet that looks like the notice's attachment (a bundled template filled in):
  each code printed in the layout's code column locates its blank on the same row
  (:mod:`wennuan_rules.form.layout`); a sheet without printed codes is read at the layout's cells.
  The 填报单位 line gives the unit. One return per sheet;
* anything else (an empty sheet, notes): skipped.

Every problem is collected before anything is returned, each named with its sheet, cell and code
(``Sheet1!C12 (05A)``): :class:`WorkbookProblems` lists them all.
"""

from __future__ import annotations

import operator
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import Decimal
from typing import Final

import attrs

from wennuan_rules._io.collect import Problems
from wennuan_rules._io.csvfile import header_key
from wennuan_rules._io.excel import Book, Cell, Sheet, cell_text, read_sheets
from wennuan_rules.errors import InputFileError, InputProblems, InvalidValueError, WennuanError
from wennuan_rules.form.layout import Layout, get_layout
from wennuan_rules.form.loader import forms as bundled_forms
from wennuan_rules.form.model import FormTemplate, Return
from wennuan_rules.form.validate import Value, parse_value
from wennuan_rules.i18n import N_, Message

__all__ = ["SheetReturn", "WorkbookProblems", "iter_workbook", "read_workbook"]

_UNIT_KEYS: Final = frozenset({"unit", "单位", "填报单位"})
_UNIT_LABELS: Final = ("填报单位", "填報單位", "reportingunit")
_HEADER_SCAN: Final = 30
_PLAIN: Final = frozenset({Decimal, bool, type(None)})  # taken as they are (parse_value would)
_YES_NO: Final = {"是": True, "否": False}


@attrs.frozen
class SheetReturn:
    """A return read from a sheet, with where each value stands.

    Attributes:
        ret: the return.
        sheet: the sheet's name.
        cells: line item code → ``(row, col)`` (0-based) of its value.
        unit_cell: where the unit was read, or ``None``.
    """

    ret: Return
    sheet: str
    cells: Mapping[str, tuple[int, int]]
    unit_cell: tuple[int, int] | None = None


class _RowCells(Mapping[str, tuple[int, int]]):
    """Code → cell of one row of a wide sheet (the columns shared by every row)."""

    __slots__ = ("_columns", "_row")

    def __init__(self, columns: Mapping[str, int], row: int) -> None:
        self._columns = columns
        self._row = row

    def __getitem__(self, code: str) -> tuple[int, int]:
        return self._row, self._columns[code]

    def __iter__(self) -> Iterator[str]:
        return iter(self._columns)

    def __len__(self) -> int:
        return len(self._columns)


class WorkbookProblems(InputProblems):
    """Every problem of a workbook (``problems``), each naming its sheet, cell and code."""

    def __init__(self, file: str, problems: list[WennuanError]) -> None:
        super().__init__(file, problems)


def _lost(sheet: Sheet, row: int, col: int, code: str, raw: Cell = None) -> InvalidValueError:
    return InvalidValueError(
        N_(
            "{what}: a number of more than 15 digits; Excel kept 15 and lost the rest "
            "(store ID numbers as text)"
        ),
        what=code,
        expected=N_("a number of at most 15 digits, or text"),
        got=cell_text(raw if raw is not None else sheet.at(row, col)),
        column=f"{sheet.where(row, col)} ({code})",
    )


class _Reader:
    def __init__(self, name: str, form: FormTemplate | None, extra: Iterable[FormTemplate]):
        self.name = name
        self.form = form
        self.known = {f.id: f for f in (*bundled_forms(), *extra)}
        if form is not None:
            self.known.setdefault(form.id, form)
        self.problems: list[WennuanError] = []

    def value(
        self, sheet: Sheet, row: int, col: int, form: FormTemplate, code: str, raw: Cell = None
    ) -> Value:
        """The value of a cell (``raw``, else read at ``row``, ``col``) for ``code``, or ``None``
        with its problem collected."""
        if (row, col) in sheet.lost:
            self.problems.append(_lost(sheet, row, col, code, raw).located(file=self.name))
            return None
        if raw is None:
            raw = sheet.at(row, col)
        try:
            return parse_value(cell_text(raw) if not _plain(raw) else raw, form.item(code))
        except WennuanError as exc:
            where = f"{sheet.where(row, col)} ({code})"
            self.problems.append(exc.located(file=self.name, column=where))
            return None

    # -- which form, which kind of sheet ----------------------------------------------------------
    def form_of(self, sheet: Sheet) -> FormTemplate | None:
        if self.form is not None:
            return self.form
        titles = {}
        for f in self.known.values():
            titles[f.id] = f
            for text in (f.title.zh_hans, f.title.zh_hant, f.title.en):
                titles[text] = f
        for cells in sheet.head(_HEADER_SCAN):
            for c in cells:
                if isinstance(c, str) and c.strip() in titles:
                    return titles[c.strip()]
        return None

    def header(self, sheet: Sheet, form: FormTemplate) -> int | None:
        for r, cells in enumerate(sheet.head(_HEADER_SCAN)):
            first = next((i for i, c in enumerate(cells) if c is not None), None)
            if first is None or first != 0 or not isinstance(cells[0], str):
                continue
            if header_key(cells[0]) in _UNIT_KEYS and len(cells) > 1:
                rest = [c for c in cells[1:] if c is not None]
                if rest and _is_code(form, rest[0]):
                    return r
        return None

    # -- wide sheets -------------------------------------------------------------------------------
    def wide(self, sheet: Sheet, form: FormTemplate, head: int) -> Iterator[SheetReturn]:
        header = sheet.head(head + 1)[head]
        columns: dict[int, str] = {}
        for col in range(1, len(header)):
            text = header[col]
            if text is None:
                continue
            try:
                code = form.resolve(cell_text(text).strip())
            except WennuanError as exc:
                self.problems.append(exc.located(file=self.name, column=sheet.where(head, col)))
                continue
            if code in columns.values():
                first = next(c for c, k in columns.items() if k == code)
                self.problems.append(
                    InputFileError(
                        N_("{what}: column {got} appears twice"),
                        what=code,
                        got=cell_text(text),
                        expected=Message.of(
                            N_("once (first at {where})"), where=sheet.where(head, first)
                        ),
                        file=self.name,
                        column=sheet.where(head, col),
                    )
                )
                continue
            columns[col] = code
        codes = list(columns.values())
        cols = list(columns)
        by_code = {code: col for col, code in columns.items()}
        widest = max(columns, default=0)
        take: Callable[[list[Cell]], tuple[Cell, ...]] = (
            operator.itemgetter(*cols) if len(cols) > 1 else lambda cells: (cells[cols[0]],)
        )
        lost = sheet.lost
        yes_no = {code for code in codes if form.item(code).is_yes_no}
        for r, cells in sheet.stream(head + 1):
            if not any(c is not None for c in cells):
                continue
            if cols and len(cells) > widest:
                got = take(cells)
            else:
                got = tuple(cells[c] if c < len(cells) else None for c in cols)
            values: dict[str, Value] = dict(zip(codes, got, strict=True))  # type: ignore[arg-type]
            if not set(map(type, got)) <= _PLAIN or (lost and any((r, c) in lost for c in cols)):
                for col, code, raw in zip(cols, codes, got, strict=True):
                    if raw.__class__ is str and code in yes_no and raw in _YES_NO:
                        values[code] = _YES_NO[raw]
                    elif raw is not None and (raw.__class__ not in _PLAIN or (r, col) in lost):
                        values[code] = self.value(sheet, r, col, form, code, raw)
            unit = cell_text(cells[0]).strip() or None if cells else None
            ret = Return(form=form.id, values=values, unit=unit, file=self.name, line=r + 1)
            yield SheetReturn(ret, sheet.name, _RowCells(by_code, r), (r, 0))

    # -- the printed layout -----------------------------------------------------------------------
    def printed(self, sheet: Sheet, form: FormTemplate) -> SheetReturn | None:
        layout = get_layout(form)
        found = self.printed_codes(sheet, form, layout)
        if not found:
            if not any(sheet.at(r, c) is not None for r, c in layout.cells.values()):
                return None
            found = dict(layout.cells)
        values = {code: self.value(sheet, r, c, form, code) for code, (r, c) in found.items()}
        unit_cell = _unit_cell(sheet) or layout.unit
        text = unicodedata.normalize("NFKC", cell_text(sheet.at(*unit_cell))).strip()
        label, sep, after = text.partition(":")
        if sep and header_key(label) in _UNIT_LABELS:
            text = after.strip()
        elif header_key(text.rstrip(":")) in _UNIT_LABELS:
            text = ""
        unit = text or None
        ret = Return(form=form.id, values=values, unit=unit, file=self.name)
        return SheetReturn(ret, sheet.name, found, unit_cell)

    def printed_codes(
        self, sheet: Sheet, form: FormTemplate, layout: Layout
    ) -> dict[str, tuple[int, int]]:
        found: dict[str, tuple[int, int]] = {}
        col = layout.code_column
        for r, cells in enumerate(sheet.rows):
            text = cells[col] if col < len(cells) else None
            if not isinstance(text, str) or not _is_code(form, text):
                continue
            code = form.resolve(text.strip())
            if code in found:
                self.problems.append(
                    InputFileError(
                        N_("{what}: column {got} appears twice"),
                        what=code,
                        got=text,
                        expected=Message.of(
                            N_("once (first at {where})"),
                            where=sheet.where(found[code][0], col),
                        ),
                        file=self.name,
                        column=sheet.where(r, col),
                    )
                )
                continue
            found[code] = (r, layout.cells[code][1])
        return found

    def sheet(self, sheet: Sheet) -> Iterator[SheetReturn]:
        form = self.form_of(sheet)
        if form is None:
            if any(any(c is not None for c in row) for row in sheet.rows) and self.form is None:
                self.unknown.append(sheet.name)
            return
        head = self.header(sheet, form)
        if head is not None:
            yield from self.wide(sheet, form, head)
            return
        found = self.printed(sheet, form)
        if found is not None:
            yield found

    unknown: list[str]


def _plain(raw: Cell) -> bool:
    return raw is None or isinstance(raw, str | bool) or raw.__class__.__name__ == "Decimal"


def _is_code(form: FormTemplate, text: object) -> bool:
    if not isinstance(text, str) or not text.strip():
        return False
    try:
        form.resolve(text.strip())
    except WennuanError:
        return False
    return True


def _unit_cell(sheet: Sheet) -> tuple[int, int] | None:
    """The cell after the 填报单位 label: the text after its colon, else the next filled cell."""
    for r, cells in enumerate(sheet.head(_HEADER_SCAN)):
        for c, text in enumerate(cells):
            if not isinstance(text, str):
                continue
            norm = unicodedata.normalize("NFKC", text).strip()
            label, sep, after = norm.partition(":")
            if header_key(label) not in _UNIT_LABELS:
                continue
            if sep and after.strip():
                return r, c
            for c2 in range(c + 1, len(cells)):
                if cells[c2] is not None:
                    return r, c2
            return r, c + 1
    return None


def iter_workbook(
    path: str,
    name: str,
    form: FormTemplate | None = None,
    forms: Iterable[FormTemplate] = (),
    problems: Problems | None = None,
    book: Book | None = None,
) -> Iterator[SheetReturn]:
    """The returns of every sheet of a workbook, with their cells, one at a time (a wide sheet
    in constant memory). The problems are collected as the rows are read and raised after the
    last return (or put in ``problems``; a cell that cannot be read is then not reported): a
    caller that must not act on a workbook with problems uses :func:`read_workbook`, or undoes
    what it did when this raises. ``book``: the workbook already opened (shared with the writer
    of the marked-up copy).

    Raises:
        WennuanError: the ``excel`` extra is not installed.
        WorkbookProblems: every problem found (sheet, cell and code of each), after the last
            return.
        InputFileError: no sheet holds a return.
    """
    reader = _Reader(name, form, forms)
    reader.unknown = []
    count = 0
    for sheet in read_sheets(path, name, book):
        for found in reader.sheet(sheet):
            count += 1
            yield found
    if reader.problems and problems is not None:
        for problem in reader.problems:
            problems.add(problem)
    elif reader.problems:
        raise WorkbookProblems(name, reader.problems)
    if not count:
        raise InputFileError(
            N_("{what}: expected {expected}, got {got}"),
            what=N_("workbook"),
            expected=N_("a sheet with a header unit,<code>,… or a filled template (--form ID)"),
            got=", ".join(reader.unknown) or Message.of(N_("no sheet")),
            file=name,
        )


def read_workbook(
    path: str,
    name: str,
    form: FormTemplate | None = None,
    forms: Iterable[FormTemplate] = (),
    problems: Problems | None = None,
) -> list[SheetReturn]:
    """The returns of every sheet of a workbook, with their cells; every problem is collected
    before anything is returned (``problems``: where every problem is put instead of being
    raised; a cell that cannot be read is then not reported).

    Raises:
        WennuanError: the ``excel`` extra is not installed.
        WorkbookProblems: every problem found (sheet, cell and code of each).
        InputFileError: no sheet holds a return.
    """
    return list(iter_workbook(path, name, form, forms, problems))
