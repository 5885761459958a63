"""``wennuan-rules template FORM_ID -o FILE.xlsx [--lang …]`` (contract.md, "Added for version
0.2"): a form as a blank, fillable workbook."""

from __future__ import annotations

import argparse
from typing import TextIO

from wennuan_rules.excel.template import write_template
from wennuan_rules.form.loader import get_form, load_form
from wennuan_rules.i18n import N_, translate

__all__ = ["run_template"]


def run_template(args: argparse.Namespace, out: TextIO) -> int:
    """Write the template; say where on ``out``."""
    extra = {f.id: f for f in (load_form(p) for p in args.form_file)}
    form = extra.get(args.id) or get_form(args.id)
    write_template(form, args.workbook, args.lang)
    out.write(translate(N_("wrote {file}"), args.lang, file=args.workbook) + "\n")
    return 0
