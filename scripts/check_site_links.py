"""Check the links of the built site, the site itself only (no network).

    python scripts/check_site_links.py docs/_build/html

Every ``href`` and ``src`` of every HTML page that points inside the site must name a file that
exists, and its ``#fragment`` an ``id`` on that page. External links (``http:``, ``https:``,
``mailto:``) are not followed. Exit 1 naming every broken link.
"""

from __future__ import annotations

import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in ("id", "name"):
                self.ids.add(value)
            elif (name == "href" and tag in ("a", "link")) or (name == "src" and tag != "script"):
                self.links.append(value)


def _parse(path: Path, cache: dict[Path, _Page]) -> _Page:
    if path not in cache:
        page = _Page()
        page.feed(path.read_text(encoding="utf-8"))
        cache[path] = page
    return cache[path]


def broken_links(root: Path) -> list[str]:
    """Every broken internal link of the site under ``root``, as ``page: link``."""
    cache: dict[Path, _Page] = {}
    out = []
    for page_path in sorted(root.rglob("*.html")):
        for link in _parse(page_path, cache).links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith("data:"):
                continue  # external: not checked (no network)
            target = page_path if not parts.path else (page_path.parent / unquote(parts.path))
            if target.is_dir():
                target = target / "index.html"
            where = f"{page_path.relative_to(root)}: {link}"
            if not target.exists() or (
                parts.fragment
                and target.suffix == ".html"
                and unquote(parts.fragment) not in _parse(target, cache).ids
            ):
                out.append(where)
    return out


def main(argv: list[str]) -> int:
    root = Path(argv[0] if argv else "docs/_build/html")
    if not (root / "index.html").exists():
        print(f"{root}: no index.html; build the site first", file=sys.stderr)
        return 2
    bad = broken_links(root)
    for line in bad:
        print(f"broken link: {line}", file=sys.stderr)
    pages = sum(1 for _ in root.rglob("*.html"))
    print(f"{pages} pages, {len(bad)} broken links")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
