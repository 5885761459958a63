"""``wennuan-rules forms [ID] [--form-file F]``."""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from typing import TextIO

from wennuan_rules.errors import UnknownIdError
from wennuan_rules.form.loader import forms as bundled_forms
from wennuan_rules.form.loader import get_form, load_form
from wennuan_rules.form.model import FormTemplate
from wennuan_rules.i18n import N_

__all__ = ["run_forms"]


def _extra_forms(paths: Iterable[str]) -> dict[str, FormTemplate]:
    out: dict[str, FormTemplate] = {}
    for path in paths:
        form = load_form(path)
        out[form.id] = form
    return out


def _find(form_id: str, extra: dict[str, FormTemplate]) -> FormTemplate:
    found = extra.get(form_id.strip())
    if found is not None:
        return found
    try:
        return get_form(form_id)
    except UnknownIdError as exc:
        if not extra:
            raise
        known = sorted({f.id for f in bundled_forms()} | set(extra))
        raise UnknownIdError(
            N_("unknown form {got}; known forms: {expected}"),
            what=N_("form"),
            expected=", ".join(known),
            got=form_id,
        ) from exc


# -- forms -----------------------------------------------------------------------------------------


def run_forms(args: argparse.Namespace, out: TextIO) -> int:
    """``wennuan-rules forms [ID] [--form-file F]``."""
    # here, not at the top: ``check`` imports this module for _extra_forms and _find only
    import csv
    import io
    import json

    from wennuan_rules.render import safe_cell
    from wennuan_rules.render.forms import _form_csv, _form_text, _forms_list_text, form_dict

    lang: str | None = args.lang
    extra = _extra_forms(args.form_file)
    if args.id is None:
        merged = {f.id: f for f in bundled_forms()}
        merged.update(extra)
        all_forms = [merged[k] for k in sorted(merged)]
        if args.format == "json":
            data = [
                {
                    "id": f.id,
                    "campaign": f.campaign,
                    "title": f.title.get(lang),
                    "source": f.source,
                    "items": len(f.items),
                    "rules": len(f.rules),
                }
                for f in all_forms
            ]
            out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        elif args.format == "csv":
            buffer = io.StringIO()
            writer = csv.writer(buffer, lineterminator="\n")
            writer.writerow(["id", "campaign", "title", "source", "items", "rules"])
            for f in all_forms:
                writer.writerow(
                    [
                        safe_cell(v)
                        for v in (
                            f.id,
                            f.campaign,
                            f.title.get(lang),
                            f.source,
                            len(f.items),
                            len(f.rules),
                        )
                    ]
                )
            out.write(buffer.getvalue())
        else:
            out.write(_forms_list_text(all_forms, lang))
        return 0
    form = _find(args.id, extra)
    if args.format == "json":
        out.write(json.dumps(form_dict(form, lang), ensure_ascii=False, indent=2) + "\n")
    elif args.format == "csv":
        out.write(_form_csv(form, lang))
    else:
        out.write(_form_text(form, lang))
    return 0


# -- check -----------------------------------------------------------------------------------------
