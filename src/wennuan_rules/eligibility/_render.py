"""Rendering the messages of explanations: vocabulary members and labels in the caller's language,
each distinct sentence rendered once (explanations repeat the same sentences over many
households)."""

from __future__ import annotations

from wennuan_rules.i18n import Label, Message, normalize_lang, translate
from wennuan_rules.vocabulary import Vocab

__all__ = ["label_in", "render_in", "render_message"]


def render_message(message: Message, lang: str | None = None) -> str:
    """Render ``message``, showing vocabulary members and labels in ``lang`` (lists joined)."""
    return render_in(message, normalize_lang(lang))


_RENDERED: dict[tuple[Message, str], str] = {}
_BY_IDENTITY: dict[tuple[int, str], tuple[Message, str]] = {}
_MAX = 8192
_TEMPLATES: dict[tuple[str, str], str] = {}  # message ids are a fixed, small set


def label_in(label: Label, locale: str) -> str:
    """``label`` in a locale already normalised (``zh-Hans``, ``zh-Hant`` or ``en``)."""
    if locale == "zh-Hans":
        return label.zh_hans
    return label.zh_hant if locale == "zh-Hant" else label.en


def render_in(message: Message, locale: str) -> str:
    """:func:`render_message` for a locale already normalised.

    Each distinct sentence is rendered once: explanations repeat the same messages (often the very
    same objects) over many households. The identity table holds the message it was made for, so
    an id is never mistaken for another object's.
    """
    ident = (id(message), locale)
    hit = _BY_IDENTITY.get(ident)
    if hit is not None and hit[0] is message:
        return hit[1]
    key = (message, locale)
    try:
        text = _RENDERED.get(key)
    except TypeError:  # pragma: no cover - an unhashable parameter
        return _render(message, locale)
    if text is None:
        text = _render(message, locale)
        if len(_RENDERED) >= _MAX:
            _RENDERED.clear()
        _RENDERED[key] = text
    if len(_BY_IDENTITY) >= _MAX:
        _BY_IDENTITY.clear()
    _BY_IDENTITY[ident] = (message, text)
    return text


def _render(message: Message, locale: str) -> str:
    params: _Safe = _Safe()
    sep = ", " if locale == "en" else "、"
    for key, value in message.params:
        if isinstance(value, (Vocab, Label)):
            params[key] = label_in(value.label if isinstance(value, Vocab) else value, locale)
        elif isinstance(value, tuple) and all(isinstance(v, (Vocab, Label)) for v in value):
            params[key] = (
                sep.join(label_in(v.label if isinstance(v, Vocab) else v, locale) for v in value)
                or "—"
            )
        else:
            params[key] = value
    template = _TEMPLATES.get((message.msgid, locale))
    if template is None:
        template = _TEMPLATES[(message.msgid, locale)] = translate(message.msgid, locale)
    try:
        return template.format_map(params)
    except (ValueError, IndexError, AttributeError, KeyError):  # pragma: no cover - bad catalog
        return Message(message.msgid, tuple(params.items())).render(locale)


class _Safe(dict[str, object]):
    """Placeholders without a value are left as written (as ``i18n.translate`` does)."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"
