"""Every marked message is translated in zh-Hans, zh-Hant and en with the same placeholders."""

from __future__ import annotations

from pathlib import Path
from string import Formatter

import pytest
from babel.messages.extract import extract_from_dir

import wennuan_rules
from wennuan_rules.errors import UnknownIdError
from wennuan_rules.i18n import catalog_messages, normalize_lang, translate

SRC = Path(wennuan_rules.__file__).parent


def _marked() -> set[str]:
    return {
        message
        for _f, _l, message, _c, _x in extract_from_dir(
            str(SRC),
            method_map=[("**.py", "python")],
            keywords={"N_": None},
            # babel skips folders starting with "_" by default: _io is one of ours
            directory_filter=lambda path: not Path(path).name.startswith((".", "__")),
        )
        if isinstance(message, str)
    }


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(text) if name}


MARKED = sorted(_marked())


def test_there_are_messages() -> None:
    assert len(MARKED) > 20


@pytest.mark.parametrize("lang", ["zh-Hans", "zh-Hant", "en"])
def test_every_message_is_translated_with_same_placeholders(lang: str) -> None:
    catalog = catalog_messages(lang)
    missing = [m for m in MARKED if m not in catalog]
    assert not missing, f"{lang}: {len(missing)} untranslated, first: {missing[:5]}"
    wrong = [m for m in MARKED if _fields(m) != _fields(catalog[m])]
    assert not wrong, f"{lang}: placeholders differ in {wrong[:5]}"


def test_chinese_catalogs_are_chinese() -> None:
    for lang in ("zh-Hans", "zh-Hant"):
        catalog = catalog_messages(lang)
        untranslated = [m for m in MARKED if catalog[m] == m and any(c.isalpha() for c in m)]
        assert not untranslated, f"{lang} keeps English text: {untranslated[:5]}"


def test_language_aliases_and_unknown_language() -> None:
    assert normalize_lang("zh_CN") == "zh-Hans"
    assert normalize_lang("zh-TW") == "zh-Hant"
    assert normalize_lang("EN") == "en"
    with pytest.raises(UnknownIdError) as info:
        normalize_lang("fr")
    assert info.value.what == "lang"


def test_translate_fills_placeholders_in_each_language() -> None:
    msg = "unknown language {got}; expected one of {expected}"
    assert translate(msg, "en", got="fr", expected="x") == "unknown language fr; expected one of x"
    assert "fr" in translate(msg, "zh-Hans", got="fr", expected="x")
    assert translate(msg, "zh-Hans", got="fr", expected="x") != translate(
        msg, "zh-Hant", got="fr", expected="x"
    ) or "語" in translate(msg, "zh-Hant", got="fr", expected="x")


def test_labels_and_vocabulary_in_messages_follow_the_language() -> None:
    from wennuan_rules.i18n import Message
    from wennuan_rules.vocabulary import FundSource

    msg = Message.of(
        "{what}: unknown value {got}; expected one of {expected}",
        what=FundSource.CENTRAL_FISCAL,
        got="x",
        expected="y",
    )
    assert "中央财政" in msg.render("zh-Hans")
    assert "中央財政" in msg.render("zh-Hant")
    assert "central government funds" in msg.render("en")
