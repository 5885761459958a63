"""Messages in zh-Hans, zh-Hant and en from babel message catalogs, and locale-aware formatting.

Catalogs are gettext ``.po`` files under ``i18n/locales/<locale>/LC_MESSAGES/<domain>.po``, read
with babel
on first use (nothing is read at import time). A message id is the English source text with
``{named}``
placeholders; every id used in the code is marked with :func:`N_` so that ``tests/test_i18n.py`` can
extract
them all and prove each exists, translated, in all three locales with the same placeholders.

Catalogs are split into one file per area of the code (``core``, ``forms``, ``eligibility``,
``audits``,
``cli``: a message belongs to the area of the file that marks it), merged at run time;
``scripts/i18n.py``
extracts the marked messages and updates the files.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import cache
from typing import Any, Final

import attrs

__all__ = [
    "DOMAINS",
    "LOCALES",
    "N_",
    "Label",
    "Message",
    "Phrase",
    "Text",
    "babel_locale",
    "catalog_messages",
    "default_locale",
    "localize_tree",
    "localized",
    "normalize_lang",
    "phrase",
    "set_default_locale",
    "translate",
]

LOCALES: Final = ("zh-Hans", "zh-Hant", "en")
DOMAINS: Final = ("core", "forms", "eligibility", "audits", "cli")

_ALIASES: Final = {
    "zh-hans": "zh-Hans",
    "zh_hans": "zh-Hans",
    "zh-cn": "zh-Hans",
    "zh_cn": "zh-Hans",
    "zh-sg": "zh-Hans",
    "zh": "zh-Hans",
    "zh-hans-cn": "zh-Hans",
    "zh-hant": "zh-Hant",
    "zh_hant": "zh-Hant",
    "zh-tw": "zh-Hant",
    "zh_tw": "zh-Hant",
    "zh-hk": "zh-Hant",
    "zh-mo": "zh-Hant",
    "zh-hant-tw": "zh-Hant",
    "en": "en",
    "en-us": "en",
    "en_us": "en",
    "en-gb": "en",
    "en_gb": "en",
}
_BABEL: Final = {"zh-Hans": "zh_Hans_CN", "zh-Hant": "zh_Hant_TW", "en": "en"}
_DIRS: Final = {"zh-Hans": "zh_Hans", "zh-Hant": "zh_Hant", "en": "en"}

_default: list[str] = []
_HERE: Final = os.path.dirname(__file__)  # the catalogs are beside this module


def N_(msgid: str) -> str:
    """Mark ``msgid`` as a catalog message; returned unchanged (translated when rendered)."""
    return msgid


def normalize_lang(lang: str | None) -> str:
    """``zh-Hans``, ``zh-Hant`` or ``en`` for what people pass (``zh_CN``, ``zh-TW``, ``EN``…).

    ``None`` is the default locale. Anything else raises
    :class:`~wennuan_rules.errors.UnknownIdError`.
    """
    if lang is None:
        return default_locale()
    if isinstance(lang, str):
        found = _ALIASES.get(lang.strip().lower())
        if found is not None:
            return found
    raise _unknown_language[0](
        N_("unknown language {got}; expected one of {expected}"), "zh-Hans, zh-Hant, en", lang
    )


def _lookup_error(msgid: str, expected: str, got: object) -> Exception:
    return LookupError(msgid.format(expected=expected, got=got))


#: Builds the exception for an unknown language. The catalogs sit below the library's errors
#: (``wennuan_rules.errors`` renders its messages through them), so this layer raises nothing of
#: its own: :mod:`wennuan_rules.errors` installs a factory of ``UnknownIdError`` here when it is
#: imported, which ``wennuan_rules/__init__.py`` does first, before any other module.
_unknown_language: list[Callable[[str, str, object], Exception]] = [_lookup_error]


def on_unknown_language(factory: Callable[[str, str, object], Exception]) -> None:
    """Make :func:`normalize_lang` raise ``factory(msgid, expected, got)`` for an unknown
    language (called once, by :mod:`wennuan_rules.errors`)."""
    _unknown_language[0] = factory


def default_locale() -> str:
    """The locale used when none is given.

    :func:`set_default_locale`, else ``$WENNUAN_RULES_LANG``, else zh-Hans.
    """
    if _default:
        return _default[-1]
    env = os.environ.get("WENNUAN_RULES_LANG")
    if env and env.strip().lower() in _ALIASES:
        return _ALIASES[env.strip().lower()]
    return "zh-Hans"


def set_default_locale(lang: str | None) -> None:
    """Set (or, with ``None``, reset) the process-wide default locale."""
    if lang is None:
        _default.clear()
    else:
        _default.append(normalize_lang(lang))


def babel_locale(lang: str | None) -> str:
    """The babel locale id for one of ours (``zh_Hans_CN``, ``zh_Hant_TW``, ``en``)."""
    return _BABEL[normalize_lang(lang)]


@cache
def _catalog(lang: str) -> dict[str, str]:
    files: list[bytes] = []
    for domain in DOMAINS:
        path = os.path.join(_HERE, "locales", _DIRS[lang], "LC_MESSAGES", f"{domain}.po")
        try:
            with open(path, "rb") as fh:
                files.append(fh.read())
        except FileNotFoundError:
            continue
    return _compiled(*files)


_CATALOG_FORMAT: Final = b"wennuan_rules catalog 2\n"


def _compiled(*po: bytes) -> dict[str, str]:
    """The messages of ``.po`` files (msgid → translation, translated ones only; a later file's
    message wins).

    Parsing a ``.po`` file needs babel, whose import alone is most of a command's start-up, so
    the messages of a locale's files are kept together with :mod:`marshal` in the cache of
    :mod:`wennuan_rules._cache`, keyed by the files' bytes: a catalog someone edits is read
    afresh, and nothing is built at install time.
    """
    import marshal

    from wennuan_rules._cache import derived

    def parse() -> dict[str, str]:
        out: dict[str, str] = {}
        for one in po:
            out.update(_parse_po(one))
        return out

    # each file's length before it: files split differently are different sources
    source = b"".join(b"%d\n%s" % (len(one), one) for one in po)
    kept = derived(_CATALOG_FORMAT + source, lambda: marshal.dumps(parse()))
    try:
        found = marshal.loads(kept)
    except Exception:  # a damaged cache file
        return parse()
    return found if isinstance(found, dict) else parse()


def _parse_po(po: bytes) -> dict[str, str]:
    import io

    from babel.messages.pofile import read_po

    out: dict[str, str] = {}
    for message in read_po(io.BytesIO(po)):
        msgid, text = message.id, message.string
        if isinstance(msgid, str) and isinstance(text, str) and msgid and text:
            out[msgid] = text
    return out


def catalog_messages(lang: str) -> dict[str, str]:
    """Every translated message of a locale (used by the completeness test)."""
    return dict(_catalog(normalize_lang(lang)))


class _Safe(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def translate(msgid: str, lang: str | None = None, **params: object) -> str:
    """``msgid`` in ``lang``, its ``{placeholders}`` filled from ``params``.

    A message missing from a catalog falls back to the English id (the completeness test keeps that
    from
    happening in a release); a placeholder with no value is left as written rather than raising.
    """
    locale = normalize_lang(lang)
    text = _catalog(locale).get(msgid, msgid)
    if not params:
        return text
    # ``str.format_map`` fills named placeholders as ``string.Formatter`` does, without
    # importing ``string`` (which compiles a pattern of ``string.Template``)
    return text.format_map(_Safe({key: _localise(value, locale) for key, value in params.items()}))


def phrase(text: str | Message | None, lang: str | None = None) -> str | None:
    """A descriptive text of an error or finding (``expected``: a catalog message such as
    ``a date YYYY-MM-DD``) in ``lang``; a :class:`Message` (or :class:`Phrase`) rendered in
    ``lang``, a :class:`Text` in its wording of ``lang``; any other text (a figure, a list of ids)
    as it is."""
    if text is None:
        return None
    if isinstance(text, (Message, Phrase, Text)):
        return text.render(lang) if isinstance(text, Message) else text.get(lang)
    return _catalog(normalize_lang(lang)).get(text, text)


def _localise(value: object, locale: str) -> object:
    """Labels (and vocabulary members, which carry one) are shown in the message's own language,
    and so are messages given as parameters."""
    if isinstance(value, (Label, Text, Phrase)):
        return value.get(locale)
    if isinstance(value, Message):
        return value.render(locale)
    label = getattr(value, "label", None)
    if isinstance(label, Label):
        return label.get(locale)
    return value


@attrs.frozen
class Message:
    """A message not yet rendered: checks produce these, renderers translate them."""

    msgid: str
    params: tuple[tuple[str, object], ...] = ()

    @classmethod
    def of(cls, msgid: str, /, **params: object) -> Message:
        return cls(msgid, tuple(params.items()))

    def render(self, lang: str | None = None) -> str:
        return translate(self.msgid, lang, **dict(self.params))


class Phrase(str):
    """A :class:`Message` where a text is expected (an error's ``expected``, or the ``got`` the
    library describes rather than echoes): a ``str`` whose value is its English rendering, so
    Python callers keep reading and comparing English, while :func:`phrase`, :func:`translate`
    and the errors' renderers show :meth:`get` in the reader's language."""

    message: Message

    def __new__(cls, message: Message) -> Phrase:
        self = super().__new__(cls, message.render("en"))
        self.message = message
        return self

    def get(self, lang: str | None = None) -> str:
        """The message in ``lang`` (zh-Hans, zh-Hant, en)."""
        return self.message.render(lang)

    def __getnewargs__(self) -> tuple[Message]:  # type: ignore[override]
        return (self.message,)


@attrs.frozen
class Label:
    """A name in the three locales; ``zh_hant`` and ``en`` are required as well as ``zh_hans``."""

    zh_hans: str
    zh_hant: str
    en: str

    def get(self, lang: str | None = None) -> str:
        locale = normalize_lang(lang)
        if locale == "zh-Hant":
            return self.zh_hant
        if locale == "en":
            return self.en
        return self.zh_hans

    def __str__(self) -> str:
        return self.zh_hans


class Text(str):
    """A text of a data file in the three locales (``note = {zh-Hans = …, zh-Hant = …, en = …}``).

    It is its English wording as a ``str`` (so code that read a note as a string keeps working);
    :meth:`get` gives the wording of a locale, and :func:`translate` shows it in the message's
    language when it fills a placeholder. A plain string note of a user's file is the same text in
    every locale.
    """

    zh_hans: str
    zh_hant: str

    def __new__(cls, en: str, zh_hans: str | None = None, zh_hant: str | None = None) -> Text:
        self = super().__new__(cls, en)
        self.zh_hans = en if zh_hans is None else zh_hans
        self.zh_hant = self.zh_hans if zh_hant is None else zh_hant
        return self

    def get(self, lang: str | None = None) -> str:
        """The text in ``lang`` (zh-Hans, zh-Hant, en)."""
        locale = normalize_lang(lang)
        if locale == "zh-Hant":
            return self.zh_hant
        if locale == "en":
            return str.__str__(self)
        return self.zh_hans

    def __getnewargs__(self) -> tuple[str, str, str]:  # type: ignore[override]
        return (str.__str__(self), self.zh_hans, self.zh_hant)


def localized(text: str, lang: str | None = None) -> str:
    """``text`` in ``lang`` when it is a :class:`Text`, else ``text`` as it is."""
    return text.get(lang) if isinstance(text, Text) else text


def localize_tree(data: object, lang: str | None = None) -> Any:
    """JSON-ready ``data`` with every :class:`Text` in it replaced by its wording in ``lang``."""
    if isinstance(data, Text):
        return data.get(lang)
    if isinstance(data, dict):
        return {key: localize_tree(value, lang) for key, value in data.items()}
    if isinstance(data, list):
        return [localize_tree(value, lang) for value in data]
    return data
