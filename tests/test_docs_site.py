"""The documentation site: catalogue pages generated from the data, and the site's own link check.

The site itself is built by ``.ci/run`` (``python -m sphinx -W -b html docs docs/_build/html``);
these tests check the two pieces of code it runs without needing the ``docs`` extra.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import wennuan_rules as wr
from wennuan_rules.form.rules.expression import describe
from wennuan_rules.parameters import Parameters

ROOT = Path(__file__).resolve().parent.parent


def _load(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


catalogue = _load("docs_catalogue", ROOT / "docs" / "_ext" / "catalogue.py")
links = _load("check_site_links", ROOT / "scripts" / "check_site_links.py")


def test_every_bundled_campaign_and_form_has_its_page_in_both_languages(tmp_path: Path) -> None:
    catalogue.write_catalogue(tmp_path)
    for folder, lang in (("catalogue", "zh-Hans"), ("en/catalogue", "en")):
        pages = tmp_path / folder
        for c in wr.campaigns():
            text = (pages / f"campaign-{c.id}.md").read_text(encoding="utf-8")
            assert c.title.get(lang) in text
            assert c.period.text in text and c.period.source in text  # as printed, with its clause
            assert str(wr.to_lunar(c.spring_festival)) in text  # the lunar date as computed
            for g in c.groups:
                assert f"`{g.id}`" in text and g.source in text and g.label.get(lang) in text
        for f in wr.forms():
            text = (pages / f"form-{f.id.replace(':', '-')}.md").read_text(encoding="utf-8")
            for item in f.items:
                assert f"`{item.code}`" in text and item.label.get(lang) in text
            for rule in f.rules:
                assert f"`{rule.formula}`" in text and rule.source in text
                assert describe(rule.expr, lang) in text
        params = (pages / "parameters.md").read_text(encoding="utf-8")
        for v in Parameters.bundled().values:
            assert v.source in params and str(v.value) in params
        index = (pages / "index.md").read_text(encoding="utf-8")
        assert all(f"campaign-{c.id}" in index for c in wr.campaigns())


def test_catalogue_drops_pages_of_data_that_is_gone(tmp_path: Path) -> None:
    stale = tmp_path / "catalogue" / "campaign-gone-1999.md"
    stale.parent.mkdir(parents=True)
    stale.write_text("# gone\n", encoding="utf-8")
    catalogue.write_catalogue(tmp_path)
    assert not stale.exists()


def test_link_check_names_missing_pages_and_anchors(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(
        '<a href="a.html#here">ok</a> <a href="a.html#nowhere">bad anchor</a>'
        ' <a href="missing.html">bad page</a> <a href="https://example.org/x">external</a>',
        encoding="utf-8",
    )
    (tmp_path / "a.html").write_text('<h1 id="here">A</h1><a href="#here">self</a>', "utf-8")
    assert links.broken_links(tmp_path) == [
        "index.html: a.html#nowhere",
        "index.html: missing.html",
    ]
    assert links.main([str(tmp_path)]) == 1
