"""``wennuan-rules template FORM_ID -o FILE.xlsx [--lang …]`` and the workbook side of
``wennuan-rules check FILE.xlsx --annotate OUT.xlsx`` (contract.md, "Added for version 0.2")."""

from __future__ import annotations

import argparse
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TextIO

from wennuan_rules._io import file_format
from wennuan_rules.errors import InputFileError
from wennuan_rules.excel.template import write_template
from wennuan_rules.form.loader import _file_name, get_form, load_form
from wennuan_rules.form.model import FormTemplate, Return
from wennuan_rules.form.workbook import SheetReturn, read_workbook
from wennuan_rules.i18n import N_, translate

__all__ = ["annotated", "run_template"]


def run_template(args: argparse.Namespace, out: TextIO) -> int:
    """Write the template; say where on ``out``."""
    extra = {f.id: f for f in (load_form(p) for p in args.form_file)}
    form = extra.get(args.id) or get_form(args.id)
    write_template(form, args.workbook, args.lang)
    out.write(translate(N_("wrote {file}"), args.lang, file=args.workbook) + "\n")
    return 0


def annotated(
    path: str | Path, form: FormTemplate | None, forms: Iterable[FormTemplate]
) -> tuple[list[SheetReturn], Iterator[Return]]:
    """The returns of a workbook with their cells (for ``--annotate``), and the returns alone.

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
    found = read_workbook(str(path), name, form, forms)
    return found, (entry.ret for entry in found)
