"""Write the library's HTML views as standalone pages, for scripts/screenshot_docs.sh.

    python scripts/render_views.py OUTDIR [--lang zh-Hans]

Writes ``OUTDIR/<view>.html`` for each view and prints ``<view> <width>x<height>`` lines (the window
the screenshot needs):

- ``report``: the bundled sample return's report (``wennuan-rules check --sample``, the README's and
  the docs' example) as a notebook shows it: findings, the likely fix;
- ``report-missing``: a return with an item not reported (the not-reported and not-evaluated lines);
- ``batch``: ``wr.validate_batch`` over a folder of four districts' returns (the notebook's object);
- ``summary``: the same batch's ``Summary``;
- ``assessment``: a household assessed for ``changzhou-edz-2021``.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from importlib.resources import files
from pathlib import Path

import wennuan_rules as wr

FORM = "wuhan-2015:swn"

#: view -> window size of its screenshot (width, height)
VIEWS = {
    "report": (1280, 420),
    "report-missing": (1280, 300),
    "batch": (1280, 1900),
    "summary": (1280, 1020),
    "assessment": (1280, 720),
}

PAGE = """<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>
<style>body{{margin:16px;background:#fff;color:#222}}</style></head>
<body>{body}</body></html>
"""


def _sample() -> dict[str, object]:
    text = files("wennuan_rules").joinpath("data/samples/wuhan-2015__swn.json").read_text("utf-8")
    data: dict[str, object] = json.loads(text)
    return data


def _batch(folder: Path) -> wr.Batch:
    values = dict(_sample()["values"])  # type: ignore[call-overload]
    base = {**values, "05A": "452.35"}  # the sample's one error corrected
    districts = {
        "江岸区总工会": base,
        "江汉区总工会": {**base, "05A": "425.35"},  # transposed digits in a total
        "汉阳区总工会": {**base, "04F": 2500},  # a part larger than its total
        "武昌区总工会": {k: v for k, v in base.items() if k != "06A"},  # not reported
        "东西湖区总工会": {**base, "08D": 0},  # persons helped, no money
    }
    for i, (unit, v) in enumerate(districts.items(), start=1):
        data = {"form": FORM, "unit": unit, "values": v}
        (folder / f"{i:02d}.json").write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return wr.validate_batch(folder)


def views(lang: str) -> dict[str, str]:
    """The HTML of every view (fragments, as notebooks show them)."""
    from wennuan_rules.render import assessment_html, batch_html, report_html, summary_html

    sample = _sample()
    report = wr.validate(FORM, sample["values"], unit=str(sample["unit"]))  # type: ignore[arg-type]
    with tempfile.TemporaryDirectory() as tmp:
        batch = _batch(Path(tmp))
    household = wr.Household.from_mapping(
        {
            "ref": "示例-001",
            "members": 3,
            "monthly_income": "1500",
            "has_labour_contract": True,
            "major_illness": True,
            "annual_medical_out_of_pocket": "30000",
            "causes": ["illness"],
            "hardship_file": {"category": "deep", "filed_on": "2020-05-01"},
        }
    )
    assessment = wr.assess(household, "changzhou-edz-2021", on="2021-01-10")
    return {
        "report": report_html(report, lang),
        "report-missing": report_html(batch.reports[3], lang),
        "batch": batch_html(batch, lang),
        "summary": summary_html(batch.summary, lang),
        "assessment": assessment_html(assessment, lang),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--lang", default="zh-Hans")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for name, body in views(args.lang).items():
        page = PAGE.format(lang=args.lang, title=name, body=body)
        (args.out / f"{name}.html").write_text(page, "utf-8")
        width, height = VIEWS[name]
        print(f"{name} {width}x{height}")


if __name__ == "__main__":
    main()
