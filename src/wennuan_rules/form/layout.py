"""The printed layout of a form: where each blank is on the sheet (``data/layouts/*.toml``).

One definition serves both directions: the template writer
(:mod:`wennuan_rules.excel.template`) puts each line item's code, label, unit and blank where the
layout says, and the workbook reader (:mod:`wennuan_rules.form.workbook`) reads a sheet that looks
like the notice's attachment by finding each code printed in the layout's code column (the blank is
on the same row, in the column the layout gives), or, when no code is printed, at the layout's cell.

A layout file::

    form = "wuhan-2015:swn"
    unit = "B3"          # the blank after 填报单位
    reporter = "B4"      # 填报人
    phone = "B5"         # 联系电话
    code_column = "B"
    [cells]
    "01A" = "E8"

A form without a layout file (a user's own form) gets :func:`default_layout`, which is also how
the bundled files were made (``scripts/make_layouts.py``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from typing import Final

import attrs

from wennuan_rules._data import Table, data_file, load_toml, on_data_change
from wennuan_rules.form.model import FormTemplate
from wennuan_rules.i18n import N_, Message

__all__ = ["Layout", "default_layout", "get_layout", "parse_cell"]

_CELL: Final = re.compile(r"([A-Z]{1,3})([1-9][0-9]{0,6})")
#: Columns of the default layout (0-based): 行次, 代码, 项目, 单位, the blank.
LINE_COL, CODE_COL, LABEL_COL, UNIT_COL, VALUE_COL = 0, 1, 2, 3, 4
#: The first item's row (0-based) in the default layout: title, id, three lines, a gap, header.
FIRST_ROW: Final = 7
HEADER_ROW: Final = FIRST_ROW - 1


def parse_cell(text: str) -> tuple[int, int] | None:
    """``(row, col)`` 0-based for ``E8``, or ``None`` when ``text`` is not a cell name."""
    match = _CELL.fullmatch(text.strip().upper())
    if match is None:
        return None
    col = 0
    for ch in match.group(1):
        col = col * 26 + ord(ch) - 64
    return int(match.group(2)) - 1, col - 1


def _name(row: int, col: int) -> str:
    from wennuan_rules._io.excel import cell_name

    return cell_name(row, col)


@attrs.frozen
class Layout:
    """Where a form's blanks are (0-based rows and columns)."""

    form: str
    unit: tuple[int, int]
    reporter: tuple[int, int]
    phone: tuple[int, int]
    code_column: int
    cells: Mapping[str, tuple[int, int]]

    @property
    def last_row(self) -> int:
        """The row of the last blank."""
        return max(r for r, _ in self.cells.values())

    def to_toml(self) -> str:
        """The layout as a data file."""
        lines = [
            f'form = "{self.form}"',
            f'unit = "{_name(*self.unit)}"',
            f'reporter = "{_name(*self.reporter)}"',
            f'phone = "{_name(*self.phone)}"',
            f'code_column = "{_name(0, self.code_column)[:-1]}"',
            "",
            "[cells]",
        ]
        lines += [f'"{code}" = "{_name(*cell)}"' for code, cell in self.cells.items()]
        return "\n".join(lines) + "\n"


def default_layout(form: FormTemplate) -> Layout:
    """One row per line item from :data:`FIRST_ROW`: 行次, code, label, unit, the blank."""
    return Layout(
        form=form.id,
        unit=(2, 1),
        reporter=(3, 1),
        phone=(4, 1),
        code_column=CODE_COL,
        cells={code: (FIRST_ROW + i, VALUE_COL) for i, code in enumerate(form.codes)},
    )


def _cell_of(t: Table, key: str) -> tuple[int, int]:
    text = t.get(key, str)
    cell = parse_cell(text)
    if cell is None:
        raise t.error(key, N_("a cell name such as E8"), text)
    return cell


def _read(t: Table, form: FormTemplate) -> Layout:
    form_id = t.get("form", str)
    if form_id != form.id:
        raise t.error("form", form.id, form_id)
    column = t.get("code_column", str)
    col = parse_cell(column + "1")
    if col is None:
        raise t.error("code_column", N_("a column letter such as B"), column)
    cells_table = t.table("cells")
    cells: dict[str, tuple[int, int]] = {}
    for code, _ in list(cells_table.items()):
        if code not in form.codes:
            raise cells_table.error(
                code, Message.of(N_("a line item code of {form}"), form=form.id), code
            )
        cells[code] = _cell_of(cells_table, code)
    missing = [c for c in form.codes if c not in cells]
    if missing:
        raise cells_table.error(
            missing[0], N_("a cell for every line item"), Message.of(N_("nothing"))
        )
    out = Layout(
        form=form_id,
        unit=_cell_of(t, "unit"),
        reporter=_cell_of(t, "reporter"),
        phone=_cell_of(t, "phone"),
        code_column=col[1],
        cells=cells,
    )
    t.close()
    return out


@cache
def _layout(form: FormTemplate) -> Layout:
    found = data_file("layouts", form.id.replace(":", "__") + ".toml")
    if found is None:
        return default_layout(form)
    path, name = found
    return _read(load_toml(path, name=name), form)


on_data_change(_layout.cache_clear)


def get_layout(form: FormTemplate) -> Layout:
    """The layout of ``form``: its data file, else :func:`default_layout`.

    Raises:
        DataFileError: the layout file breaks its schema (naming the file and key).
    """
    return _layout(form)
