"""The workbook side of ``wennuan-rules check FILE.xlsx --annotate OUT.xlsx`` (contract.md, "Added
for version 0.2"): the returns of a workbook with the cells they came from."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from pathlib import Path

from wennuan_rules._io import file_format
from wennuan_rules._io.excel import Book
from wennuan_rules.errors import InputFileError
from wennuan_rules.form.loader import _file_name
from wennuan_rules.form.model import FormTemplate, Return
from wennuan_rules.form.workbook import SheetReturn, iter_workbook
from wennuan_rules.i18n import N_

__all__ = ["annotated"]


def annotated(
    path: str | Path, form: FormTemplate | None, forms: Iterable[FormTemplate]
) -> tuple[Iterator[SheetReturn], Iterator[Return], Book]:
    """The returns of a workbook with their cells (for ``--annotate``), and the returns alone,
    read one at a time (the two iterators share the reading; the problems of the workbook are
    raised after its last return), and the opened workbook (for the writer of the copy).

    Raises:
        InputFileError: ``path`` is not a workbook.
    """
    name = _file_name(path, InputFileError)
    if file_format(path) != "excel":
        raise InputFileError(
            N_("{what}: expected {expected}, got {got}"),
            what="--annotate",
            expected="an .xlsx or .xls workbook to check",
            got=name,
        )
    book = Book(path, name)
    found, rets = itertools.tee(iter_workbook(str(path), name, form, forms, book=book))
    return found, (entry.ret for entry in rets), book
