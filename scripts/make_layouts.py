"""Write data/layouts/<campaign>__<form>.toml for each bundled form that has none (the default
layout of wennuan_rules.form.layout; edit the file afterwards to match a printed attachment).

    python scripts/make_layouts.py
"""

from __future__ import annotations

from pathlib import Path

import wennuan_rules as wr
from wennuan_rules.form.layout import default_layout

FOLDER = Path(__file__).resolve().parent.parent / "src" / "wennuan_rules" / "data" / "layouts"


def main() -> None:
    for form in wr.forms():
        path = FOLDER / (form.id.replace(":", "__") + ".toml")
        if path.exists():
            continue
        head = (
            f"# Printed layout of {form.id} ({form.source}): where each blank is on the sheet.\n"
            "# Shared by the template writer and the workbook reader (docs/excel.md).\n"
        )
        path.write_text(head + default_layout(form).to_toml(), encoding="utf-8")
        print(path)


if __name__ == "__main__":
    main()
