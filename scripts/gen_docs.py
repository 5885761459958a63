"""Generate the parts of docs pages that copy data (campaigns, groups, forms) from the data files.

    python scripts/gen_docs.py          # rewrite the generated blocks of docs/*.md
    python scripts/gen_docs.py --check  # exit 1 naming every stale page (a test runs it)

A generated block sits between ``<!-- BEGIN GENERATED: name -->`` and
``<!-- END GENERATED: name -->``; the prose around it is written by hand. Only the bundled data
is used (user data directories and ``WENNUAN_RULES_DATA`` are ignored).
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from pathlib import Path

import attrs

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
os.environ.pop("WENNUAN_RULES_DATA", None)  # before the library reads it

import wennuan_rules as wr  # noqa: E402
from wennuan_rules._data import data_dirs, is_bundled  # noqa: E402
from wennuan_rules.campaign import Campaign  # noqa: E402
from wennuan_rules.eligibility.criteria import AllOf, AnyOf, Criterion  # noqa: E402
from wennuan_rules.eligibility.logic import campaign_rules  # noqa: E402
from wennuan_rules.render.campaigns import flat_fields  # noqa: E402


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _campaigns() -> list[Campaign]:
    assert not data_dirs(), "run without data directories"
    return [c for c in wr.campaigns() if is_bundled(c.file)]


def group_ids() -> str:
    """The table of priority-group ids (label in zh-Hans) of every campaign."""
    rows = ["| campaign | group ids |", "|---|---|"]
    for c in _campaigns():
        groups = ", ".join(f"`{g.id}` ({g.label.zh_hans})" for g in c.groups)
        rows.append(f"| `{c.id}` | {groups} |")
    return "\n".join(rows)


def _campaign(c: Campaign) -> str:
    document = c.document.text if c.document is not None else c.cite
    out = [
        f"## `{c.id}`: {c.issuer.zh_hans} {document}",
        "",
        f"{c.title.zh_hans} ({c.title.en}).",
        "",
        "| field | value | source | as printed | how it was read |",
        "|---|---|---|---|---|",
    ]
    out += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in flat_fields(c, "en")]
    return "\n".join(out)


def campaign_tables() -> str:
    """One section per campaign: every field with its source, text as printed and note."""
    return "\n\n".join(_campaign(c) for c in _campaigns())


def form_list() -> str:
    """The table of bundled forms."""
    rows = ["| id | form | source |", "|---|---|---|"]
    for f in wr.forms():
        rows.append(f"| `{f.id}` | {f.title.zh_hans} | {f.source} |")
    return "\n".join(rows)


def _value(v: object) -> str:
    if isinstance(v, frozenset):
        return ", ".join(sorted(getattr(x, "id", str(x)) for x in v))
    return str(getattr(v, "id", v))


def _criterion(c: Criterion) -> str:
    """A criterion as a line of the catalogue: its id and settings, parts nested."""
    if isinstance(c, (AllOf, AnyOf)):
        word = "all of" if isinstance(c, AllOf) else "any of"
        return f"{word} (" + "; ".join(_criterion(p) for p in c.parts) + ")"
    settings = [
        f"{f.name}={_value(getattr(c, f.name))}"
        for f in attrs.fields(type(c))
        if f.name != "source" and getattr(c, f.name) not in (None, False, "")
    ]
    return f"`{c.id}`" + (f" ({', '.join(settings)})" if settings else "")


def rule_catalogue() -> str:
    """Every group of every campaign with the criteria that decide it (the default options)."""
    out: list[str] = []
    for c in _campaigns():
        rules = campaign_rules(c)
        options = ", ".join(f"`{k}` = {v!r}" for k, v in rules.options.items()) or "none"
        out += [f"#### `{c.id}`", "", f"Options: {options}.", ""]
        out += ["| group | label | clause | criteria |", "|---|---|---|---|"]
        for g in (*rules.groups, *rules.categories):
            criteria = _cell(_criterion(g.criterion))
            out.append(f"| `{g.id}` | {g.label.zh_hans} | {_cell(g.source)} | {criteria} |")
        out.append("")
    return "\n".join(out).rstrip()


#: page → block name → generator
BLOCKS: dict[str, dict[str, Callable[[], str]]] = {
    "campaigns.md": {"group-ids": group_ids, "campaigns": campaign_tables},
    "forms.md": {"forms": form_list},
    "eligibility.md": {"rule-catalogue": rule_catalogue},
}


def render(page: str, text: str) -> str:
    """``text`` of ``page`` with its generated blocks brought up to date."""
    for name, make in BLOCKS[page].items():
        pattern = re.compile(
            rf"(<!-- BEGIN GENERATED: {name} -->\n).*?(\n<!-- END GENERATED: {name} -->)", re.S
        )
        if not pattern.search(text):
            raise SystemExit(f"docs/{page}: no block {name}")
        body = make()
        text = pattern.sub(lambda m, body=body: m.group(1) + body + m.group(2), text)
    return text


def stale() -> list[str]:
    """The pages whose generated blocks differ from the data."""
    out = []
    for page in BLOCKS:
        path = DOCS / page
        text = path.read_text(encoding="utf-8")
        if render(page, text) != text:
            out.append(f"docs/{page}")
    return out


def main(argv: list[str]) -> int:
    if "--check" in argv:
        pages = stale()
        for page in pages:
            print(f"{page} is stale: run python scripts/gen_docs.py", file=sys.stderr)
        return 1 if pages else 0
    for page in BLOCKS:
        path = DOCS / page
        text = path.read_text(encoding="utf-8")
        path.write_text(render(page, text), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
