"""Write tests/data/simplified_only.txt: the Simplified-only characters our texts use.

    python scripts/simplified_chars.py          # rewrite the list
    python scripts/simplified_chars.py --check  # exit 1 when the list is stale

Derived from our own translations, not from a dictionary (OpenCC is not a dependency): every
message of the zh-Hans and zh-Hant catalogs, and every label and note of the data files, is a pair
of the same text in both scripts. Where the two have the same length they are aligned character by
character; a character that stands where the other script has a different one is a Simplified form.
Characters that also stand unchanged or on the Traditional side of some pair (后, 于, 并: both
scripts use them) and the few of ALSO_TRADITIONAL are left out. tests/test_language.py fails on
these characters in zh-Hant output.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
OUT = ROOT / "tests" / "data" / "simplified_only.txt"


def pairs() -> list[tuple[str, str]]:
    import wennuan_rules as wr
    from wennuan_rules import vocabulary
    from wennuan_rules.i18n import Label, Text, catalog_messages

    hans, hant = catalog_messages("zh-Hans"), catalog_messages("zh-Hant")
    out = [(hans[m], hant[m]) for m in hans if m in hant]

    def walk(value: object, depth: int = 0) -> None:
        if depth > 6:
            return
        if isinstance(value, (Label, Text)):
            out.append((value.zh_hans, value.zh_hant))
        elif isinstance(value, (list, tuple)):
            for v in value:
                walk(v, depth + 1)
        elif hasattr(value, "__attrs_attrs__"):
            for a in value.__attrs_attrs__:
                walk(getattr(value, a.name), depth + 1)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v, depth + 1)

    for c in wr.campaigns():
        walk(c)
    for f in wr.forms():
        walk(f)
    for cls in vars(vocabulary).values():
        if isinstance(cls, type) and issubclass(cls, vocabulary.Vocab):
            for member in cls:
                walk(member.label)
    return out


#: Simplified forms that are also standard Traditional characters with a meaning of their own
#: (若干, 周, 余, 折扣, 采, 划船, 拮据, 准許 …): never a fault in zh-Hant text.
ALSO_TRADITIONAL = frozenset("干周余折涌采划冲据范准系只才里面台志松")


def _is_han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


def simplified_only() -> str:
    changed: set[str] = set()
    kept: set[str] = set()
    trad: set[str] = set()
    for a, b in pairs():
        if len(a) != len(b):
            continue
        for x, y in zip(a, b, strict=True):
            if not (_is_han(x) and _is_han(y)):
                continue
            if x == y:
                kept.add(x)  # the same in both scripts somewhere: not Simplified-only
            else:
                changed.add(x)
                trad.add(y)
    return "".join(sorted(changed - kept - trad - ALSO_TRADITIONAL))


def main() -> int:
    text = simplified_only() + "\n"
    if "--check" in sys.argv[1:]:
        if not OUT.exists() or OUT.read_text("utf-8") != text:
            print(f"{OUT.relative_to(ROOT)} is stale: run python scripts/simplified_chars.py")
            return 1
        return 0
    OUT.write_text(text, "utf-8")
    print(f"{len(text) - 1} characters written to {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
