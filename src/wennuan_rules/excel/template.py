"""A form as a fillable workbook that looks like the printed attachment.

The sheet holds the title, the 填报单位 / 填报人 / 联系电话 lines, one row per line item (行次,
code, label, unit, the blank), the form's notes and its rules as printed formulas; each blank
carries data validation (whole numbers ≥ 0 for counts, numbers ≥ 0 with at most 6 decimals for
万元, a 是/否 list for yes-no items). Where each blank goes comes from the form's layout
(:mod:`wennuan_rules.form.layout`), which the reader uses too, so a filled template reads back
exactly.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any, Final

from wennuan_rules._io.excel import DIGITS, cell_name, require
from wennuan_rules.form.layout import LABEL_COL, LINE_COL, UNIT_COL, get_layout
from wennuan_rules.form.model import FormTemplate, LineItem, unit_label
from wennuan_rules.form.rules.expression import describe
from wennuan_rules.i18n import N_, normalize_lang, translate

__all__ = ["write_template"]

_WIDTHS: Final = {LINE_COL: 6, 1: 8, LABEL_COL: 48, UNIT_COL: 8}
_VALUE_WIDTH: Final = 16
_FILL: Final = "#FFF9DB"


def yes_no_words(lang: str | None) -> tuple[str, str]:
    """The words of a yes-no blank in ``lang`` (是/否, yes/no); the reader accepts both."""
    return translate(N_("yes"), lang), translate(N_("no"), lang)


def _formats(book: Any) -> dict[str, Any]:
    border = {"border": 1, "valign": "vcenter"}
    return {
        "title": book.add_format({"bold": True, "font_size": 16, "align": "center"}),
        "small": book.add_format({"font_size": 9, "font_color": "#666666"}),
        "label": book.add_format({"bold": True}),
        "head": book.add_format({**border, "bold": True, "align": "center", "bg_color": "#EEEEEE"}),
        "cell": book.add_format({**border, "text_wrap": True}),
        "child": book.add_format({**border, "text_wrap": True, "indent": 2}),
        "code": book.add_format({**border, "font_color": "#666666", "align": "center"}),
        "blank": book.add_format({**border, "bg_color": _FILL, "locked": False}),
        "line": book.add_format({"bottom": 1, "bg_color": _FILL, "locked": False}),
        "wrap": book.add_format({"text_wrap": True, "valign": "top"}),
    }


def _validation(item: LineItem, lang: str | None, cell: str) -> dict[str, Any]:
    if item.is_yes_no:
        return {"validate": "list", "source": list(yes_no_words(lang))}
    title = translate(N_("Value of {code}"), lang, code=item.code)[:32]
    if item.is_amount:
        # at most 6 decimals (1 分 = 0.000001 万元), not negative
        return {
            "validate": "custom",
            "value": f"=AND(ISNUMBER({cell}),{cell}>=0,ROUND({cell},6)={cell})",
            "input_title": title,
            "error_message": translate(
                N_("a number of {unit}, not negative, with at most 6 decimals"),
                lang,
                unit=unit_label(item.unit),
            ),
        }
    return {
        "validate": "integer",
        "criteria": ">=",
        "value": 0,
        "input_title": title,
        "error_message": translate(
            N_("a whole number of {unit}, not negative"), lang, unit=unit_label(item.unit)
        ),
    }


def _write_value(sheet: Any, row: int, col: int, value: object, fmt: Any, lang: str | None) -> None:
    if value is None:
        sheet.write_blank(row, col, None, fmt)
    elif isinstance(value, bool):
        sheet.write_string(row, col, yes_no_words(lang)[0 if value else 1], fmt)
    elif isinstance(value, Decimal | int) and len(Decimal(value).as_tuple().digits) <= DIGITS:
        sheet.write_number(row, col, float(value), fmt)
    else:  # more digits than Excel keeps: text, exact
        sheet.write_string(row, col, str(value), fmt)


def write_template(
    form: FormTemplate,
    path: str | Path,
    lang: str | None = None,
    *,
    values: Mapping[str, object] | None = None,
    unit: str | None = None,
    reporter: str | None = None,
    phone: str | None = None,
) -> None:
    """Write ``form`` as a fillable workbook at ``path`` (labels in ``lang``).

    ``values``, ``unit``, ``reporter`` and ``phone`` fill the blanks (a filled copy, for tests
    and for sending a return back as a workbook); numbers of more than 15 significant digits are
    written as text (exact).

    Raises:
        WennuanError: the ``excel`` extra is not installed.
    """
    xlsxwriter = require("xlsxwriter")
    lang = normalize_lang(lang)
    layout = get_layout(form)
    book = xlsxwriter.Workbook(str(path))
    try:
        fmt = _formats(book)
        sheet = book.add_worksheet(translate(N_("Form"), lang)[:31])
        value_col = max(c for _, c in layout.cells.values())
        for col, width in _WIDTHS.items():
            sheet.set_column(col, col, width)
        sheet.set_column(value_col, value_col, _VALUE_WIDTH)
        sheet.merge_range(0, 0, 0, value_col, form.title.get(lang), fmt["title"])
        sheet.merge_range(1, 0, 1, value_col - 1, form.source, fmt["small"])
        sheet.write_string(1, value_col, form.id, fmt["small"])
        lines = (
            (layout.unit, N_("Reporting unit:"), unit),
            (layout.reporter, N_("Filled in by:"), reporter),
            (layout.phone, N_("Telephone:"), phone),
        )
        for (row, col), label, filled in lines:
            sheet.write_string(row, col - 1, translate(label, lang), fmt["label"])
            sheet.merge_range(row, col, row, value_col, "", fmt["line"])
            if filled:
                sheet.write_string(row, col, filled, fmt["line"])
        _items(sheet, form, layout, fmt, lang, values or {})
        _footer(sheet, form, layout.last_row + 2, value_col, fmt, lang)
        sheet.freeze_panes(min(r for r, _ in layout.cells.values()), 0)
        sheet.fit_to_pages(1, 0)
    finally:
        book.close()


def _items(
    sheet: Any,
    form: FormTemplate,
    layout: Any,
    fmt: dict[str, Any],
    lang: str | None,
    values: Mapping[str, object],
) -> None:
    first = min(r for r, _ in layout.cells.values())
    heads = (
        (LINE_COL, N_("Line")),
        (layout.code_column, N_("Code")),
        (LABEL_COL, N_("Item")),
        (UNIT_COL, N_("Unit")),
    )
    value_col = max(c for _, c in layout.cells.values())
    for col, text in heads:
        sheet.write_string(first - 1, col, translate(text, lang), fmt["head"])
    sheet.write_string(first - 1, value_col, translate(N_("Value"), lang), fmt["head"])
    for code, (row, col) in layout.cells.items():
        item = form.item(code)
        sheet.write_string(row, LINE_COL, item.line, fmt["code"])
        sheet.write_string(row, layout.code_column, code, fmt["code"])
        sheet.write_string(
            row, LABEL_COL, item.label.get(lang), fmt["child" if item.parent else "cell"]
        )
        unit = (
            translate(N_("yes or no"), lang) if item.is_yes_no else unit_label(item.unit).get(lang)
        )
        sheet.write_string(row, UNIT_COL, unit, fmt["cell"])
        _write_value(sheet, row, col, values.get(code), fmt["blank"], lang)
        sheet.data_validation(row, col, row, col, _validation(item, lang, cell_name(row, col)))


def _footer(
    sheet: Any, form: FormTemplate, row: int, last_col: int, fmt: dict[str, Any], lang: str | None
) -> None:
    texts: list[tuple[str, Any]] = []
    if form.notes:
        texts.append((translate(N_("Notes"), lang), fmt["label"]))
        texts += [(note.get(lang), fmt["wrap"]) for note in form.notes]
    if form.rules:
        texts.append((translate(N_("Checks"), lang), fmt["label"]))
        for rule in form.rules:
            texts.append(
                (f"{describe(rule.expr, lang)}    ({form.rule_source(rule)})", fmt["wrap"])
            )
    for text, style in texts:
        sheet.merge_range(row, 0, row, last_col, text, style)
        row += 1
