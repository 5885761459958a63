"""A checked workbook marked up: every cell of a failing rule filled (error red, warning amber, the
likely fix in its own colour) with a comment naming the rule, the expected and actual values and
the clause, and a sheet of findings (审核结果) linking to each cell.

The copy is written anew (python-calamine reads the values, xlsxwriter writes them in constant
memory, row by row): values, sheets and merged cells are kept, the original's formatting (fonts,
widths, borders) and formulas are not (a formula's last computed value is written). Personal data
(the 填报人 and 联系电话 lines of a template, 18-digit ID numbers) is masked unless asked.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Final

from wennuan_rules._io.excel import (
    _BIG,
    Book,
    cell_name,
    cell_text,
    lost_digits,
    number,
    raw_sheets,
    require,
)
from wennuan_rules.form.layout import get_layout
from wennuan_rules.form.loader import get_form
from wennuan_rules.form.model import FormTemplate
from wennuan_rules.form.workbook import SheetReturn
from wennuan_rules.i18n import N_, normalize_lang, translate
from wennuan_rules.privacy import mask_card, mask_id_number, mask_name
from wennuan_rules.report import Finding, Report, Severity

__all__ = ["COLOURS", "annotate", "write_annotated"]

#: Fill colours: error, warning, likely fix.
COLOURS: Final = {"error": "#F4B6B6", "warning": "#FFD98A", "fix": "#B7D7F5"}
_ORDER: Final = {"fix": 0, "warning": 1, "error": 2}
_ID: Final = re.compile(r"[0-9]{17}[0-9Xx]")
_COLUMNS: Final = (
    N_("Sheet"),
    N_("Cell"),
    N_("Reporting unit"),
    N_("Rule"),
    N_("Severity"),
    N_("Message"),
    N_("Expected"),
    N_("Actual"),
    N_("Source"),
)

Mark = tuple[str, list[str]]  # kind (error, warning, fix), comment lines


def _severity(severity: Severity, lang: str | None) -> str:
    return translate(N_("error") if severity is Severity.ERROR else N_("warning"), lang)


def _comment(f: Finding, lang: str | None) -> list[str]:
    lines = [f"{f.rule} ({_severity(f.severity, lang)})", f.message.render(lang)]
    if f.expected is not None or f.actual is not None:
        lines.append(
            translate(
                N_("expected {expected}, found {actual}"),
                lang,
                expected=f.expected if f.expected is not None else "—",
                actual=f.actual if f.actual is not None else "—",
            )
        )
    if f.source:
        lines.append(translate(N_("basis: {source}"), lang, source=f.source))
    return lines


Row = dict[int, Mark]  # column → mark, for one row


def _mark(row: Row, col: int, kind: str, lines: list[str]) -> None:
    old = row.get(col)
    if old is None:
        row[col] = (kind, list(lines))
        return
    worst = kind if _ORDER[kind] > _ORDER[old[0]] else old[0]
    row[col] = (worst, old[1] + [""] + lines)


def _personal(entry: SheetReturn) -> dict[tuple[int, int], Any]:
    """The cells of personal data of a filled template (none on a wide sheet)."""
    if entry.unit_cell is None or entry.ret.line is not None:
        return {}
    form: FormTemplate = (
        get_form(entry.ret.form) if isinstance(entry.ret.form, str) else entry.ret.form
    )
    layout = get_layout(form)
    return {layout.reporter: mask_name, layout.phone: mask_card}


def _masked(value: Any, mask: Any) -> Any:
    if value.__class__ is float and lost_digits(value):
        return mask_id_number(format(number(value), "f"))
    if isinstance(value, str) and _ID.fullmatch(value.strip()):
        return mask_id_number(value)
    if mask is not None and value != "":
        return str(mask(cell_text(number(value) if value.__class__ is float else value)))
    return value


def _needs_mask(row: list[Any]) -> bool:
    """Whether a row may hold an ID number (a long text, a number of 16 digits or more)."""
    return any(
        True
        for v in row
        if (v.__class__ is float and (v >= _BIG or v <= -_BIG))
        or (v.__class__ is str and len(v) >= 18)
    )


class _Findings:
    """The sheet 审核结果, written a finding at a time as the returns come."""

    def __init__(self, book: Any, style: Any, lang: str | None) -> None:
        self.ws = ws = book.add_worksheet(translate(N_("Check results"), lang)[:31])
        self.lang = lang
        self.style = style
        self.count = 0
        head = book.add_format({"bold": True, "bg_color": "#EEEEEE", "border": 1})
        for c, text in enumerate(_COLUMNS):
            ws.write_string(0, c, translate(text, lang), head)
        ws.set_column(0, 1, 12)
        ws.set_column(3, 3, 28)
        ws.set_column(5, 5, 60)
        ws.set_column(8, 8, 30)
        ws.freeze_panes(1, 0)

    def add(self, entry: SheetReturn, f: Finding, cell: tuple[int, int] | None) -> None:
        ws, lang = self.ws, self.lang
        self.count = r = self.count + 1
        kind = "error" if f.severity is Severity.ERROR else "warning"
        ws.write_string(r, 0, entry.sheet)
        if cell is not None:
            name = cell_name(*cell)
            sheet_ref = entry.sheet.replace("'", "''")
            ws.write_url(r, 1, f"internal:'{sheet_ref}'!{name}", string=name)
        ws.write_string(r, 2, entry.ret.unit or "")
        ws.write_string(r, 3, f.rule)
        ws.write_string(r, 4, _severity(f.severity, lang), self.style(kind))
        ws.write_string(r, 5, f.message.render(lang))
        ws.write_string(r, 6, f.expected or "")
        ws.write_string(r, 7, f.actual or "")
        ws.write_string(r, 8, f.source)

    def close(self) -> None:
        self.ws.autofilter(0, 0, max(self.count, 1), len(_COLUMNS) - 1)


class _Marks:
    """Takes the (return, report) pairs as the copy reaches their rows: each finding listed
    at once, the marks of a sheet kept by row until that row is written (a wide sheet holds the
    marks of one row at a time)."""

    def __init__(
        self, pairs: Iterator[tuple[SheetReturn, Report]], findings: _Findings, masking: bool
    ) -> None:
        self.pairs = pairs
        self.pending: tuple[SheetReturn, Report] | None = None
        self.findings = findings
        self.lang = findings.lang
        self.masking = masking
        self.rows: dict[str, dict[int, Row]] = {}
        self.masks: dict[str, dict[tuple[int, int], Any]] = {}
        self.taken: list[Report] = []  # reports taken and not yet handed on

    def upto(self, sheet: str | None, row: int) -> None:
        """Take every pair of ``sheet`` that starts at or above ``row`` (all when ``sheet`` is
        ``None``)."""
        while True:
            if self.pending is None:
                self.pending = next(self.pairs, None)
                if self.pending is None:
                    return
            entry, report = self.pending
            line = entry.ret.line
            if sheet is not None and (
                entry.sheet != sheet or (line is not None and line - 1 > row)
            ):
                return
            self.pending = None
            self.add(entry, report)
            self.taken.append(report)

    def hand_on(self) -> list[Report]:
        """The reports taken since the last call."""
        taken, self.taken = self.taken, []
        return taken

    def add(self, entry: SheetReturn, report: Report) -> None:
        rows = self.rows.setdefault(entry.sheet, {})
        if self.masking:
            self.masks.setdefault(entry.sheet, {}).update(_personal(entry))
        lang = self.lang
        for f in report.findings:
            kind = "error" if f.severity is Severity.ERROR else "warning"
            cells = [entry.cells[c] for c in f.items if c in entry.cells]
            if cells:
                lines = _comment(f, lang)
                for r, c in cells:
                    _mark(rows.setdefault(r, {}), c, kind, lines)
            self.findings.add(entry, f, cells[0] if cells else None)
        fix = report.fix
        if fix is not None and fix.item in entry.cells:
            text = translate(
                N_("likely fix: {item} = {value} (now {current})"),
                lang,
                item=fix.item,
                value=fix.value,
                current=fix.current if fix.current is not None else "—",
            )
            r, c = entry.cells[fix.item]
            row = rows.setdefault(r, {})
            old = row.get(c)
            row[c] = ("fix", (old[1] + [""] if old else []) + [text])


class _Writer:
    def __init__(self, book: Any) -> None:
        self.book = book
        self.styles: dict[str, Any] = {}

    def style(self, kind: str | None) -> Any:
        if kind is None:
            return None
        if kind not in self.styles:
            props = {"bg_color": COLOURS[kind], "pattern": 1, "border": 1}
            self.styles[kind] = self.book.add_format(props)
        return self.styles[kind]

    def sheet(
        self,
        ws: Any,
        name: str,
        data: Iterable[list[Any]],
        merged: list[tuple[tuple[int, int], tuple[int, int]]],
        marks: _Marks,
    ) -> Iterator[Report]:
        """Copy the sheet row by row (constant memory); a row with a mark, a merged range or
        personal data cell by cell. Yields the reports as their rows are reached."""
        starts: dict[int, dict[int, tuple[int, int]]] = {}
        for (r, c), last in merged:
            starts.setdefault(r, {})[c] = last
        rows = marks.rows.setdefault(name, {})
        masks = marks.masks.setdefault(name, {}) if marks.masking else None
        r = -1
        for r, row in enumerate(data):
            marks.upto(name, r)
            if marks.taken:
                yield from marks.hand_on()
            if (
                r not in rows
                and r not in starts
                and (masks is None or not (_needs_mask(row) or (masks and _masks_row(masks, r))))
            ):
                ws.write_row(r, 0, row)
                continue
            self.cells(ws, r, row, rows.pop(r, {}), starts.pop(r, {}), masks)
        marks.upto(name, 1 << 30)
        yield from marks.hand_on()
        for r2 in sorted({*rows, *starts}):  # marks and merges below the data
            if r2 > r:
                self.cells(ws, r2, [], rows.pop(r2, {}), starts.pop(r2, {}), masks)
        rows.clear()

    def cells(
        self,
        ws: Any,
        r: int,
        row: list[Any],
        marks: Row,
        starts: dict[int, tuple[int, int]],
        masks: dict[tuple[int, int], Any] | None,
    ) -> None:
        width = max([len(row), *(c + 1 for c in marks), *(c + 1 for c in starts)])
        for c in range(width):
            value = row[c] if c < len(row) else ""
            if masks is not None:
                value = _masked(value, masks.get((r, c)))
            mark = marks.get(c)
            fmt = self.style(mark[0]) if mark else None
            if c in starts:
                ws.merge_range(r, c, *starts[c], "", fmt)
            if value == "" and fmt is not None:
                ws.write_blank(r, c, None, fmt)
            elif value != "":
                ws.write(r, c, value, fmt)
            if mark is not None:
                ws.write_comment(r, c, "\n".join(mark[1]), {"x_scale": 2.5, "y_scale": 2})


def _masks_row(masks: dict[tuple[int, int], Any], r: int) -> bool:
    return any(mr == r for mr, _ in masks)


def annotate(
    source: str | Path,
    found: Iterable[SheetReturn],
    reports: Iterable[Report],
    out: str | Path,
    lang: str | None = None,
    *,
    show_personal_data: bool = False,
    book: Book | None = None,
) -> Iterator[Report]:
    """Write the marked-up copy of workbook ``source`` at ``out`` while handing on the reports.

    ``found`` are the returns read from ``source``
    (:func:`~wennuan_rules.form.workbook.iter_workbook`, or
    :func:`~wennuan_rules.form.workbook.read_workbook`) and ``reports`` their reports, in the
    same order; both are taken one pair at a time as the copy reaches their rows, and each
    report is yielded once taken, so a large wide sheet is checked, copied and reported in
    constant memory. The copy is complete when the iterator is exhausted; if taking the pairs
    raises (a workbook with problems), no file is left at ``out``. ``book``: the workbook as
    opened for reading ``found`` (:class:`~wennuan_rules._io.excel.Book`), so that calamine holds
    each sheet once.

    Raises:
        WennuanError: the ``excel`` extra is not installed.
    """
    xlsxwriter = require("xlsxwriter")
    lang = normalize_lang(lang)
    if book is None:
        book = Book(source, str(source))
    copy = xlsxwriter.Workbook(
        str(out), {"constant_memory": True, "default_date_format": "yyyy-mm-dd"}
    )
    try:
        w = _Writer(copy)
        sheets = {name: copy.add_worksheet(name) for name in book.names}
        findings = _Findings(copy, w.style, lang)
        marks = _Marks(zip(found, reports, strict=True), findings, not show_personal_data)
        for name, data, merged in raw_sheets(source, lazy=True, book=book):
            yield from w.sheet(sheets[name], name, data, merged, marks)
        marks.upto(None, 0)
        yield from marks.hand_on()
        findings.close()
    except BaseException:
        copy.close()
        Path(out).unlink(missing_ok=True)
        raise
    copy.close()


def write_annotated(
    source: str | Path,
    found: Iterable[SheetReturn],
    reports: Iterable[Report],
    out: str | Path,
    lang: str | None = None,
    *,
    show_personal_data: bool = False,
) -> int:
    """Write the marked-up copy of workbook ``source`` at ``out``; returns the findings listed
    (:func:`annotate`, the reports not handed on).

    Raises:
        WennuanError: the ``excel`` extra is not installed.
    """
    return sum(
        len(report.findings)
        for report in annotate(
            source, found, reports, out, lang, show_personal_data=show_personal_data
        )
    )
