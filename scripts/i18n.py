"""Extract the messages marked with N_() and update the .po catalogs.

    python scripts/i18n.py          # update catalogs; new messages get an empty zh msgstr to
    translate
    python scripts/i18n.py --domain forms   # update one area's catalogs only
    python scripts/i18n.py --check  # exit 1 listing messages missing or untranslated in any locale

A message belongs to the catalog of the area of the file that marks it: form/ -> forms.po,
eligibility/ and parameters.py -> eligibility.po, audits/ -> audits.po, cli.py, render.py and
*/cli.py ->
cli.po, everything else -> core.po. English msgstr is the msgid unless a translation is already
there.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "wennuan_rules"
LOCALES = {"zh_Hans": "zh_Hans", "zh_Hant": "zh_Hant", "en": "en"}


def domain_of(path: str) -> str:
    parts = Path(path).parts
    if parts[-1] in ("cli.py", "render.py"):
        return "cli"
    if parts[0] == "form":
        return "forms"
    if parts[0] in ("eligibility",) or parts[-1] == "parameters.py":
        return "eligibility"
    if parts[0] == "audits":
        return "audits"
    return "core"


def extract() -> dict[str, dict[str, list[str]]]:
    found: dict[str, dict[str, list[str]]] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(SRC),
        method_map=[("**.py", "python")],
        keywords={"N_": None},
        # babel skips folders starting with "_" by default: _io is one of ours
        directory_filter=lambda path: not Path(path).name.startswith((".", "__")),
    ):
        if not isinstance(message, str):
            continue
        found.setdefault(domain_of(filename), {}).setdefault(message, []).append(
            f"{filename}:{lineno}"
        )
    return found


def po_path(locale: str, domain: str) -> Path:
    return SRC / "i18n" / "locales" / locale / "LC_MESSAGES" / f"{domain}.po"


def load(path: Path, locale: str) -> Catalog:
    if path.exists():
        with path.open("rb") as fh:
            return read_po(fh)
    return Catalog(locale=locale.replace("_Hans", "").replace("_Hant", ""), project="wennuan-rules")


def update(only: str | None = None) -> None:
    found = extract()
    domains = {"core", "forms", "eligibility", "audits", "cli"} | set(found)
    if only is not None:
        domains = {only}
    for locale in LOCALES:
        for domain in sorted(domains):
            path = po_path(locale, domain)
            old = load(path, locale)
            new = Catalog(project="wennuan-rules", fuzzy=False)
            new.locale = old.locale  # type: ignore[misc]
            for msgid, _places in sorted(found.get(domain, {}).items()):
                prev = old.get(msgid)
                text = prev.string if prev is not None and prev.string else ""
                if not text and locale == "en":
                    text = msgid
                new.add(msgid, text)
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("wb") as fh:
                write_po(fh, new, width=0, omit_header=True, sort_output=True)


def check() -> int:
    from string import Formatter

    found = extract()
    problems = []
    for domain, messages in found.items():
        for locale in LOCALES:
            cat = load(po_path(locale, domain), locale)
            for msgid in messages:
                m = cat.get(msgid)
                if m is None or not m.string:
                    problems.append(f"{locale} {domain}: untranslated: {msgid}")
                    continue
                a = {f for _, f, _, _ in Formatter().parse(msgid) if f}
                b = {f for _, f, _, _ in Formatter().parse(str(m.string)) if f}
                if a != b:
                    problems.append(f"{locale} {domain}: placeholders differ: {msgid}")
    print("\n".join(problems) or "all messages translated")
    return 1 if problems else 0


if __name__ == "__main__":
    if "--check" in sys.argv:
        sys.exit(check())
    only = sys.argv[sys.argv.index("--domain") + 1] if "--domain" in sys.argv else None
    update(only)
