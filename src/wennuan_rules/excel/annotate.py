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
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Final

from wennuan_rules._io.excel import (
    _BIG,
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
from wennuan_rules.i18n import N_, normalize_lang, phrase, translate
from wennuan_rules.privacy import mask_card, mask_id_number, mask_name
from wennuan_rules.report import Finding, Report, Severity

__all__ = ["COLOURS", "write_annotated"]

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
    if f.expected is not None:
        lines.append(
            translate(
                N_("expected {expected}, found {actual}"),
                lang,
                expected=phrase(f.expected, lang),
                actual=f.actual if f.actual is not None else "—",
            )
        )
    elif f.actual is not None:  # nothing to compare with: no "expected —"
        lines.append(translate(N_("found {actual}"), lang, actual=f.actual))
    if f.source:
        lines.append(translate(N_("basis: {source}"), lang, source=f.source))
    return lines


def _mark(
    marks: dict[tuple[int, int], Mark], cell: tuple[int, int], kind: str, lines: list[str]
) -> None:
    old = marks.get(cell)
    if old is None:
        marks[cell] = (kind, list(lines))
        return
    worst = kind if _ORDER[kind] > _ORDER[old[0]] else old[0]
    marks[cell] = (worst, old[1] + [""] + lines)


def _collect(
    found: Sequence[SheetReturn], reports: Sequence[Report], lang: str | None
) -> tuple[
    dict[str, dict[tuple[int, int], Mark]],
    list[tuple[SheetReturn, Finding, tuple[int, int] | None]],
]:
    marks: dict[str, dict[tuple[int, int], Mark]] = {}
    rows: list[tuple[SheetReturn, Finding, tuple[int, int] | None]] = []
    for entry, report in zip(found, reports, strict=True):
        sheet_marks = marks.setdefault(entry.sheet, {})
        for f in report.findings:
            kind = "error" if f.severity is Severity.ERROR else "warning"
            cells = [entry.cells[c] for c in f.items if c in entry.cells]
            for cell in cells:
                _mark(sheet_marks, cell, kind, _comment(f, lang))
            rows.append((entry, f, cells[0] if cells else None))
        fix = report.fix
        if fix is not None and fix.item in entry.cells:
            text = translate(
                N_("likely fix: {item} = {value} (now {current})"),
                lang,
                item=fix.item,
                value=fix.value,
                current=fix.current if fix.current is not None else "—",
            )
            cell = entry.cells[fix.item]
            old = sheet_marks.get(cell)
            sheet_marks[cell] = ("fix", (old[1] + [""] if old else []) + [text])
    return marks, rows


def _personal(found: Iterable[SheetReturn]) -> dict[str, dict[tuple[int, int], Any]]:
    out: dict[str, dict[tuple[int, int], Any]] = {}
    for entry in found:
        if entry.unit_cell is None or entry.ret.line is not None:
            continue  # a wide sheet: no personal lines
        form: FormTemplate = (
            get_form(entry.ret.form) if isinstance(entry.ret.form, str) else entry.ret.form
        )
        layout = get_layout(form)
        out.setdefault(entry.sheet, {})[layout.reporter] = mask_name
        out[entry.sheet][layout.phone] = mask_card
    return out


def _masked(value: Any, mask: Any) -> Any:
    if value.__class__ is float and lost_digits(value):
        return mask_id_number(format(number(value), "f"))
    if isinstance(value, str) and _ID.fullmatch(value.strip()):
        return mask_id_number(value)
    if mask is not None and value != "":
        return str(mask(cell_text(number(value) if value.__class__ is float else value)))
    return value


def _needs_mask(value: Any) -> bool:
    if value.__class__ is float:
        return bool(value >= _BIG or value <= -_BIG)
    return value.__class__ is str and len(value) >= 18


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
        name: str,
        data: list[list[Any]],
        merged: list[tuple[tuple[int, int], tuple[int, int]]],
        marks: dict[tuple[int, int], Mark],
        masks: dict[tuple[int, int], Any] | None,
    ) -> None:
        """Copy the sheet row by row (constant memory); a row with a mark, a merged range or
        personal data cell by cell."""
        ws = self.book.add_worksheet(name)
        starts = {first: last for first, last in merged}
        special: dict[int, list[int]] = {}
        for r, c in [*marks, *starts, *(masks or {})]:
            special.setdefault(r, []).append(c)
        last = max([len(data) - 1, *special])
        for r in range(last + 1):
            row = data[r] if r < len(data) else []
            if masks is not None and any(_needs_mask(v) for v in row):
                special.setdefault(r, []).extend(range(len(row)))
            cols = special.get(r)
            if cols is None:
                ws.write_row(r, 0, row)
                continue
            width = max(len(row), max(cols) + 1)
            for c in range(width):
                value = row[c] if c < len(row) else ""
                if masks is not None:
                    value = _masked(value, masks.get((r, c)))
                mark = marks.get((r, c))
                fmt = self.style(mark[0] if mark else None)
                if (r, c) in starts:
                    ws.merge_range(r, c, *starts[(r, c)], "", fmt)
                if value == "" and fmt is not None:
                    ws.write_blank(r, c, None, fmt)
                elif value != "":
                    ws.write(r, c, value, fmt)
                if mark is not None:
                    ws.write_comment(r, c, "\n".join(mark[1]), {"x_scale": 2.5, "y_scale": 2})


def _findings_sheet(
    w: _Writer,
    rows: list[tuple[SheetReturn, Finding, tuple[int, int] | None]],
    lang: str | None,
) -> None:
    ws = w.book.add_worksheet(translate(N_("Check results"), lang)[:31])
    head = w.book.add_format({"bold": True, "bg_color": "#EEEEEE", "border": 1})
    for c, text in enumerate(_COLUMNS):
        ws.write_string(0, c, translate(text, lang), head)
    ws.set_column(0, 1, 12)
    ws.set_column(3, 3, 28)
    ws.set_column(5, 5, 60)
    ws.set_column(8, 8, 30)
    for r, (entry, f, cell) in enumerate(rows, start=1):
        kind = "error" if f.severity is Severity.ERROR else "warning"
        ws.write_string(r, 0, entry.sheet)
        if cell is not None:
            name = cell_name(*cell)
            sheet_ref = entry.sheet.replace("'", "''")
            ws.write_url(r, 1, f"internal:'{sheet_ref}'!{name}", string=name)
        ws.write_string(r, 2, entry.ret.unit or "")
        ws.write_string(r, 3, f.rule)
        ws.write_string(r, 4, _severity(f.severity, lang), w.style(kind))
        ws.write_string(r, 5, f.message.render(lang))
        ws.write_string(r, 6, phrase(f.expected, lang) or "")
        ws.write_string(r, 7, f.actual or "")
        ws.write_string(r, 8, f.source)
    ws.autofilter(0, 0, max(len(rows), 1), len(_COLUMNS) - 1)
    ws.freeze_panes(1, 0)


def write_annotated(
    source: str | Path,
    found: Sequence[SheetReturn],
    reports: Sequence[Report],
    out: str | Path,
    lang: str | None = None,
    *,
    show_personal_data: bool = False,
) -> int:
    """Write the marked-up copy of workbook ``source`` at ``out``; returns the findings listed.

    ``found`` are the returns read from ``source``
    (:func:`~wennuan_rules.form.workbook.read_workbook`) and ``reports`` their
    reports, in the same order.

    Raises:
        WennuanError: the ``excel`` extra is not installed.
    """
    xlsxwriter = require("xlsxwriter")
    lang = normalize_lang(lang)
    marks, rows = _collect(found, reports, lang)
    masks = None if show_personal_data else _personal(found)
    book = xlsxwriter.Workbook(
        str(out), {"constant_memory": True, "default_date_format": "yyyy-mm-dd"}
    )
    try:
        w = _Writer(book)
        for name, data, merged in raw_sheets(source, str(source)):
            sheet_masks = None if masks is None else masks.get(name, {})
            w.sheet(name, data, merged, marks.get(name, {}), sheet_masks)
        _findings_sheet(w, rows, lang)
    finally:
        book.close()
    return len(rows)
