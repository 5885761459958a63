"""Each campaign in one place: the group labels and sources printed by ``campaigns`` and by
``assess`` (and by ``to_dict`` in every language) are the same, for every group of every campaign
discovered, bundled or added as data (tests/data/extension)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

import wennuan_rules as wr
from wennuan_rules.cli import main

EXT = Path(__file__).parent / "data" / "extension"
LANGS = ("zh-Hans", "zh-Hant", "en")


def _discovered() -> list[str]:
    wr.add_data_dir(EXT)
    try:
        return [c.id for c in wr.campaigns()]
    finally:
        wr.remove_data_dir(EXT)


IDS = _discovered()


@pytest.fixture(autouse=True)
def extension() -> Iterator[None]:
    wr.add_data_dir(EXT)
    try:
        yield
    finally:
        wr.remove_data_dir(EXT)


def test_the_extension_campaign_is_discovered() -> None:
    assert "testland-2030" in IDS and "pingdingshan-2010" in IDS


@pytest.mark.parametrize("ident", IDS)
def test_every_group_has_one_label_and_source(ident: str) -> None:
    c = wr.get_campaign(ident)
    household = {"members": 1, "monthly_income": "0"}
    a = wr.assess(household, c, on=c.period.start)
    for lang in LANGS:
        shown = {g["id"]: (g["label"], g["source"]) for g in c.to_dict(lang)["groups"]}
        assessed = {d["group"]: (d["label"], d["source"]) for d in a.to_dict(lang)["decisions"]}
        assert assessed == shown, lang
        assert list(shown) == list(c.group_ids)


@pytest.mark.parametrize("ident", IDS)
def test_the_commands_print_the_same_labels_and_sources(
    ident: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    c = wr.get_campaign(ident)
    facts = tmp_path / "h.json"
    facts.write_text('{"members": 1, "monthly_income": "0"}', encoding="utf-8")
    for lang in LANGS:
        assert (
            main(["--data-dir", str(EXT), "campaigns", ident, "--format", "json", "--lang", lang])
            == 0
        )
        shown = json.loads(capsys.readouterr().out)["groups"]
        argv = ["assess", str(facts), "--campaign", ident, "--on", c.period.start.isoformat()]
        assert main(["--data-dir", str(EXT), *argv, "--format", "json", "--lang", lang]) == 0
        assessed = json.loads(capsys.readouterr().out)["decisions"]
        assert [(g["id"], g["label"], g["source"]) for g in shown] == [
            (d["group"], d["label"], d["source"]) for d in assessed
        ]


@pytest.mark.parametrize("ident", IDS)
def test_no_campaign_is_unknown_to_assess(ident: str) -> None:
    # every campaign that `campaigns` lists has rules for every group (module or data)
    rules = wr.eligibility.campaign_rules(ident)
    assert [g.id for g in rules.groups] == list(wr.get_campaign(ident).group_ids)
