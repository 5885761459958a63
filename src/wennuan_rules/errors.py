"""The library's exceptions.

Every error the library raises on bad input is a :class:`WennuanError` (a :class:`ValueError`),
carrying
structured fields so that software can act on it and people can read it in their own language:

* ``what``: the field, key, line item or argument at fault (``"monthly_income"``, ``"05A"``);
* ``file``, ``line``, ``column``: where it was read from, when it came from a file;
* ``expected``: what would have been accepted (a catalog message, or an
  :class:`~wennuan_rules.i18n.Message` with parameters kept as a
  :class:`~wennuan_rules.i18n.Phrase`: English in Python, the reader's language when rendered);
* ``got``: what was given (shortened to 80 characters, never mutated; where the library describes
  it rather than echoing it, a ``Message`` too);
* a message from the babel catalogs, in zh-Hans, zh-Hant or en (:meth:`WennuanError.message`).

``str(error)`` renders in the default locale (:func:`wennuan_rules.i18n.default_locale`).
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeGuard

from wennuan_rules import i18n
from wennuan_rules.i18n import N_

if TYPE_CHECKING:
    import datetime as dt
    from decimal import Decimal

__all__ = [
    "CalendarError",
    "DataFileError",
    "InputFileError",
    "InputProblems",
    "InvalidValueError",
    "ParameterError",
    "UnknownIdError",
    "WennuanError",
    "problems_of",
]

_MAX_GOT = 80


def _loaded(name: str, *modules: str) -> tuple[type, ...]:
    """The class ``name`` of those of ``modules`` that are loaded: a value can only be a date or a
    Decimal once its module is, and ``import wennuan_rules`` does without datetime and decimal."""
    found = (getattr(sys.modules.get(module), name, None) for module in modules)
    return tuple(cls for cls in found if isinstance(cls, type))


def _is_date(value: object) -> TypeGuard[dt.date]:
    return isinstance(value, _loaded("date", "datetime", "_datetime"))


def _is_decimal(value: object) -> TypeGuard[Decimal]:
    return isinstance(value, _loaded("Decimal", "decimal", "_decimal"))


def _show(value: object, lang: str | None = None) -> str:
    """A short, safe representation of a user's value for messages (ID- and card-shaped numbers
    masked: an error is never the place a personal number is shown). Numbers and dates are shown
    as people write them (``123``, ``2010-01-25``), never as Python reprs (``Decimal('123')``);
    English messages, read by Python callers, keep the repr of anything but text and dates."""
    from wennuan_rules.privacy import mask_personal_in

    if isinstance(value, (i18n.Phrase, i18n.Text)):  # the library's own words, in ``lang``
        text = mask_personal_in(value.get(lang))
    elif isinstance(value, str):
        text = mask_personal_in(value)
    elif lang is not None and i18n.normalize_lang(lang) == "en" and not _is_date(value):
        text = mask_personal_in(repr(value))  # English readers are Python callers: True, None
    elif (
        (isinstance(value, int) and not isinstance(value, bool))
        or _is_date(value)
        or (_is_decimal(value) and value.is_finite())
    ):
        text = mask_personal_in(value.isoformat() if _is_date(value) else str(value))
    else:
        try:
            text = mask_personal_in(repr(value))
        except Exception:  # pragma: no cover - a repr that raises is the caller's bug
            text = f"<{type(value).__name__}>"
    if len(text) > _MAX_GOT:
        text = text[: _MAX_GOT - 1] + "…"
    return text


_MAX_PARAM = 400


def _param(value: object, lang: str | None) -> object:
    """A further message parameter: a number or date as people write it, an ID- or card-shaped
    number in it masked; labels and texts are left to :func:`i18n.translate`."""
    if isinstance(value, str):
        return _show(value, lang)
    if (
        (isinstance(value, int) and not isinstance(value, bool))
        or _is_decimal(value)
        or _is_date(value)
    ):
        return _show(value, lang)
    return value


def _shorten(value: object) -> object:
    """A message parameter, a long text shortened (a file name of a megabyte is not echoed)."""
    if isinstance(value, str):
        from wennuan_rules.privacy import mask_personal_in

        value = mask_personal_in(value)
        if len(value) > _MAX_PARAM:
            return value[: _MAX_PARAM - 1] + "…"
    return value


def _phrase(value: Any) -> Any:
    """A :class:`~wennuan_rules.i18n.Message` kept as its :class:`~wennuan_rules.i18n.Phrase`
    (English as a ``str``, any language when rendered); anything else as it is."""
    return i18n.Phrase(value) if isinstance(value, i18n.Message) else value


class WennuanError(ValueError):
    """Base of every error raised by ``wennuan_rules`` for bad input or an impossible request.

    Args:
        msgid: the catalog message (English source text with ``{named}`` placeholders).
        what: the field, key, line item or argument at fault.
        expected: what would have been accepted, in words or as an example: a catalog message,
            or a :class:`~wennuan_rules.i18n.Message` with parameters (kept as a
            :class:`~wennuan_rules.i18n.Phrase`, rendered in the message's language).
        got: the value given (kept as given; shown shortened); a ``Message`` where the library
            describes it (``an empty cell``), kept as a ``Phrase`` likewise.
        file: the file it was read from.
        line: the 1-based line (or row) in that file.
        column: the column name or 1-based number.
        params: further placeholders for the message.
    """

    def __init__(
        self,
        msgid: str,
        *,
        what: str | None = None,
        expected: str | i18n.Message | None = None,
        got: object = None,
        file: str | None = None,
        line: int | None = None,
        column: str | int | None = None,
        params: Mapping[str, object] | None = None,
    ) -> None:
        self.msgid = msgid
        self.what = what
        self.expected: str | None = _phrase(expected)
        self.got = _phrase(got)
        self.file = file
        self.line = line
        self.column = column
        self.params: dict[str, object] = dict(params or {})
        super().__init__(self.message())

    def _placeholders(self, lang: str | None) -> dict[str, object]:
        values: dict[str, object] = {
            "what": self.what if self.what is not None else "",
            "expected": i18n.phrase(self.expected, lang) if self.expected is not None else "",
            "got": _show(self.got, lang),
        }
        values.update(
            {
                k: _param(i18n.phrase(v, lang) if k == "reason" and isinstance(v, str) else v, lang)
                for k, v in self.params.items()
            }
        )
        return values

    def where(self) -> str:
        """``file:line:column`` (the parts that are known), or ``""``."""
        parts = [
            str(_shorten(str(p))) for p in (self.file, self.line, self.column) if p is not None
        ]
        return ":".join(parts)

    def message(self, lang: str | None = None) -> str:
        """The message in ``lang`` (zh-Hans, zh-Hant, en), prefixed by where it happened."""
        text = i18n.translate(self.msgid, lang, **self._placeholders(lang))
        where = self.where()
        return f"{where}: {text}" if where else text

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        """The error as JSON-ready data (for reports and the CLI's ``--format json``)."""
        return {
            "error": type(self).__name__,
            "message": self.message(lang),
            "what": self.what,
            "expected": i18n.phrase(self.expected, lang),
            "got": None if self.got is None else _show(self.got, lang),
            "file": self.file,
            "line": self.line,
            "column": self.column,
        }

    def __str__(self) -> str:
        return self.message()

    def __reduce__(self) -> tuple[Any, ...]:  # keep errors picklable (multiprocessing users)
        return (
            _rebuild,
            (
                type(self),
                self.msgid,
                {
                    "what": self.what,
                    "expected": self.expected,
                    "got": self.got,
                    "file": self.file,
                    "line": self.line,
                    "column": self.column,
                    "params": self.params,
                },
            ),
        )

    def located(
        self, *, file: str | None = None, line: int | None = None, column: str | int | None = None
    ) -> WennuanError:
        """A copy of this error with the file position filled in where it was unknown."""
        clone = type(self).__new__(type(self))
        clone.__dict__.update(self.__dict__)
        clone.file = self.file if self.file is not None else file
        clone.line = self.line if self.line is not None else line
        clone.column = self.column if self.column is not None else column
        ValueError.__init__(clone, clone.message())
        return clone


def _rebuild(cls: type[WennuanError], msgid: str, kwargs: dict[str, Any]) -> WennuanError:
    return cls(msgid, **kwargs)


class InvalidValueError(WennuanError):
    """A value cannot be read or is outside what is allowed (amount, date, count, code)."""


class UnknownIdError(WennuanError, LookupError):
    """An identifier is not known: a campaign, form, line item, group, key or vocabulary id."""


class InputFileError(WennuanError):
    """An input file (return, households, roster) is unreadable: encoding, syntax, header."""


def problems_of(error: WennuanError) -> tuple[WennuanError, ...]:
    """Every input problem ``error`` stands for: its ``problems`` when it is an
    :class:`InputProblems`, else ``(error,)``."""
    if isinstance(error, InputProblems):
        return error.problems
    return (error,)


class InputProblems(InputFileError):
    """Every problem found in one input file, read to its end ("collect, don't stop").

    Readers raise it when a file has more than one problem (one problem is raised as itself).
    ``problems`` lists them in file order, each a :class:`WennuanError` naming file, line, column
    and field; at most :data:`wennuan_rules._io.PROBLEM_LIMIT` of them, then one more saying how
    many were left out. ``str()`` and :meth:`message` give one problem a line; :meth:`to_dict`
    adds ``"problems"`` (each problem's own ``to_dict``).

    Args:
        file: the file read.
        problems: the problems found (at least one).
    """

    def __init__(self, file: str | None, problems: Sequence[WennuanError]) -> None:
        self._problems = tuple(problems)
        first = self._problems[0].message() if self._problems else ""
        super().__init__(
            N_("{file}: {count} problems; the first: {first}"),
            file=file,
            params={"file": file or "", "count": len(self._problems), "first": first},
        )

    @property
    def problems(self) -> tuple[WennuanError, ...]:
        return getattr(self, "_problems", ())

    def message(self, lang: str | None = None) -> str:
        """Every problem, one per line, in ``lang``."""
        problems = self.problems
        if not problems:
            return super().message(lang)
        return "\n".join(p.message(lang) for p in problems)

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        """The summary as :meth:`WennuanError.to_dict`, plus ``problems``: each one's dict."""
        out = super().to_dict(lang)
        out["problems"] = [p.to_dict(lang) for p in self.problems]
        return out

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.file, list(self.problems)))


class DataFileError(WennuanError):
    """A data file (campaign, form, parameter; bundled or the user's own) breaks its schema."""


class CalendarError(InvalidValueError):
    """A date outside 1900–2100, or a lunar date or lunar day name that does not exist."""


class ParameterError(WennuanError, LookupError):
    """No value of a dated parameter is in force for the region and date asked for."""


def _unknown_language(msgid: str, expected: str, got: object) -> UnknownIdError:
    return UnknownIdError(msgid, what="lang", expected=expected, got=got)


# the catalogs (a lower layer) raise the library's error for an unknown language
i18n.on_unknown_language(_unknown_language)
