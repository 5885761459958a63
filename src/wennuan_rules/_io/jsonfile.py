"""JSON, JSON Lines and JSON values with the line each record starts on
(see :mod:`wennuan_rules._io`)."""

from __future__ import annotations

import io
import itertools
import json
import re
from collections.abc import Generator, Iterable, Iterator
from decimal import Decimal
from typing import IO, Any, Final, TypeVar

from wennuan_rules._io.collect import Problems
from wennuan_rules._io.text import detect_encoding, json_error, repeated_key
from wennuan_rules.errors import InputFileError

_T = TypeVar("_T")

# -- JSON ------------------------------------------------------------------------------------------


class RepeatedKeyError(ValueError):
    """A JSON object names one key twice (raised by :data:`DECODER`'s object hook)."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object, refusing a repeated key (the last one would otherwise win silently)."""
    data = dict(pairs)
    if len(data) != len(pairs):
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                raise RepeatedKeyError(key)
            seen.add(key)
    return data


def _key_line(text: str, key: str, start: int = 0) -> int | None:
    """The line (counted from ``text``'s start) of the second ``"key":`` at or after ``start``."""
    pattern = re.compile(re.escape(json.dumps(key, ensure_ascii=False)) + r"[ \t\n\r]*:")
    found = list(itertools.islice(pattern.finditer(text, start), 2))
    if len(found) < 2:
        return None
    return text.count("\n", 0, found[1].start()) + 1


def _decode_error(
    exc: ValueError | RecursionError, name: str, line: int | None = None, text: str | None = None
) -> InputFileError:
    """:func:`json_error` for what the standard library's decoder raised (``line`` overrides its
    own line: the file line of a JSON Lines record; ``text``: the whole text, to find the line of
    a repeated key)."""
    if isinstance(exc, RecursionError):
        return json_error(name, "nested too deeply", line)
    if isinstance(exc, RepeatedKeyError):
        where = _key_line(text, exc.key) if text is not None else None
        return repeated_key(name, exc.key, where if where is not None else line)
    if isinstance(exc, json.JSONDecodeError):
        return json_error(name, exc.msg, exc.lineno if line is None else line, exc.colno)
    return json_error(name, str(exc), line)  # a constant (NaN), an integer of 4,300+ digits


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number")


#: The one JSON decoder: exact numbers, no NaN or Infinity, no repeated key.
DECODER: Final = json.JSONDecoder(
    parse_float=Decimal, parse_constant=_no_constant, object_pairs_hook=_pairs
)
_WS: Final = re.compile(r"[ \t\n\r]*")


def loads(text: str, name: str = "", line: int | None = None) -> Any:
    """One JSON value (the whole of ``text``) with the library's options.

    Raises:
        InputFileError: ``text`` is not JSON (naming ``name`` and the position; ``line``: the file
            line ``text`` stands on, for a JSON Lines record).
    """
    try:
        return DECODER.decode(text)
    except (ValueError, RecursionError) as exc:
        raise _decode_error(exc, name, line, text if line is None else None) from None


class LineCounter:
    """Line numbers of offsets into a text, counted incrementally (offsets must not decrease)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.offset = 0
        self.line = 1

    def at(self, offset: int) -> int:
        self.line += self.text.count("\n", self.offset, offset)
        self.offset = offset
        return self.line


def _skip(text: str, idx: int) -> int:
    match = _WS.match(text, idx)
    assert match is not None  # the pattern matches the empty string
    return match.end()


def _expect(text: str, idx: int, chars: str, what: str) -> int:
    if text[idx : idx + 1] not in tuple(chars):
        raise json.JSONDecodeError(f"Expecting {what}", text, idx)
    return idx


def _items(text: str, idx: int, lines: LineCounter) -> Generator[tuple[int, Any], None, int]:
    """``(line, value)`` of each item of the JSON array at ``text[idx] == "["``; then returns the
    offset after its ``]`` (``StopIteration.value``)."""
    idx = _skip(text, idx + 1)
    if text[idx : idx + 1] == "]":
        return idx + 1
    while True:
        value, end = DECODER.raw_decode(text, idx)
        yield lines.at(idx), value
        idx = _expect(text, _skip(text, end), ",]", "',' delimiter")
        if text[idx] == "]":
            return idx + 1
        idx = _skip(text, idx + 1)


def _array(text: str, idx: int, lines: LineCounter) -> tuple[list[tuple[int, Any]], int]:
    items: list[tuple[int, Any]] = []
    scan = _items(text, idx, lines)
    while True:
        try:
            items.append(next(scan))
        except StopIteration as stop:
            return items, stop.value


def _end(text: str, end: int) -> None:
    if _skip(text, end) != len(text):
        raise json.JSONDecodeError("Extra data", text, _skip(text, end))


def json_items(text: str, name: str) -> Iterator[tuple[int, Any]]:
    """``(line, value)`` for each item of a JSON text that is a list, parsed one item at a time
    (an item is yielded before the next is parsed); the line is where the item starts.

    Raises:
        InputFileError: the text is not a JSON list, or breaks off (at the line and column).
    """
    try:
        idx = _skip(text, 0)
        _expect(text, idx, "[", "'['")
        end = yield from _items(text, idx, LineCounter(text))
        _end(text, end)
    except (ValueError, RecursionError) as exc:
        raise _decode_error(exc, name, text=text) from None


def json_document(
    text: str, name: str, lists: tuple[str, ...] = ("",)
) -> tuple[Any, dict[str, list[tuple[int, Any]]]]:
    """A JSON document and, for a top-level array (under the key ``lists[0]``) or each key of
    ``lists`` of a top-level object whose value is an array, its items with the line each starts
    on.

    One pass of the standard library's scanner over the text (``JSONDecoder.raw_decode`` item by
    item), so that an error in a record can name the line where the record starts.

    Raises:
        InputFileError: the text is not JSON (at the line and column).
    """
    lines = LineCounter(text)
    located: dict[str, list[tuple[int, Any]]] = {}
    try:
        idx = _skip(text, 0)
        if text[idx : idx + 1] == "[":
            items, end = _array(text, idx, lines)
            data: Any = [value for _line, value in items]
            located[lists[0]] = items
        elif text[idx : idx + 1] == "{":
            data, end = _object(text, idx, lines, lists, located)
        else:
            data, end = DECODER.raw_decode(text, idx)
        _end(text, end)
    except (ValueError, RecursionError) as exc:
        raise _decode_error(exc, name, text=text) from None
    return data, located


def _object(
    text: str,
    idx: int,
    lines: LineCounter,
    lists: tuple[str, ...],
    located: dict[str, list[tuple[int, Any]]],
) -> tuple[dict[str, Any], int]:
    data: dict[str, Any] = {}
    idx = _skip(text, idx + 1)
    if text[idx : idx + 1] == "}":
        return data, idx + 1
    while True:
        _expect(text, idx, '"', "property name enclosed in double quotes")
        key, idx = DECODER.raw_decode(text, idx)
        if key in data:
            raise RepeatedKeyError(key)
        idx = _skip(text, _expect(text, _skip(text, idx), ":", "':' delimiter") + 1)
        if key in lists and text[idx : idx + 1] == "[":
            items, idx = _array(text, idx, lines)
            data[key] = [value for _line, value in items]
            located[key] = items
        else:
            data[key], idx = DECODER.raw_decode(text, idx)
        idx = _expect(text, _skip(text, idx), ",}", "',' delimiter")
        if text[idx] == "}":
            return data, idx + 1
        idx = _skip(text, idx + 1)


def json_lines(
    lines: Iterable[str], name: str, start: int = 1, problems: Problems | None = None
) -> Iterator[tuple[int, Any]]:
    """``(line, value)`` for each non-blank line of JSON Lines text (``lines``: an open text file,
    read one line at a time; ``start``: the number of its first line; ``problems``: where a line
    that is not JSON is put, the next line read).

    Raises:
        InputFileError: a line that is not one JSON value, at its line (without ``problems``).
    """
    for number, text in enumerate(lines, start=start):
        if not text.strip():
            continue
        try:
            value = loads(text.rstrip("\r\n"), name, number)
        except InputFileError as exc:
            if problems is None:
                raise
            problems.add(exc)
            continue
        yield number, value


class Values(Iterator[_T]):
    """``(line, value)`` of the values of a JSON file read by :func:`json_values`, and its
    shape: ``object`` (one value), ``list`` (a JSON list, parsed one item at a time) or ``lines``
    (JSON Lines, read one line at a time)."""

    def __init__(self, items: Iterator[_T], shape: str) -> None:
        self._items = items
        self.shape = shape

    @property
    def json_lines(self) -> bool:
        """Whether the file was JSON Lines (a command answers JSON Lines with JSON Lines)."""
        return self.shape == "lines"

    def __next__(self) -> _T:
        return next(self._items)


def json_values(
    fh: IO[bytes], name: str, problems: Problems | None = None
) -> Values[tuple[int, Any]]:
    """The values of a JSON file that holds one value, a list of values, or JSON Lines (one value
    a line: told apart by its first line being a whole JSON object), each with the line it starts
    on. JSON Lines are streamed and close ``fh`` when done; otherwise the text is read whole (and
    ``fh`` closed) before this returns, a list then parsed one item at a time. ``problems``: where
    a JSON Lines line that is not JSON is put (:func:`json_lines`).

    Raises:
        InputFileError: the file cannot be decoded or is not JSON (at the line and column).
    """
    encoding = detect_encoding(fh, name)
    text = io.TextIOWrapper(fh, encoding=encoding, newline="")
    number, first = 0, ""
    for number, first in enumerate(text, start=1):  # noqa: B007 - the first non-blank line
        if first.strip():
            break
    if first.lstrip().startswith("{"):
        try:
            value = DECODER.decode(first.rstrip("\r\n"))
        except (ValueError, RecursionError):
            value = None
        if isinstance(value, dict):
            rest = json_lines(text, name, start=number + 1, problems=problems)
            second = next(rest, None)
            if second is None:
                text.close()
                return Values(iter([(number, value)]), "object")
            return Values(_closing(text, [(number, value), second], rest), "lines")
    with text:
        text.seek(0)
        whole = text.read()
    start = _skip(whole, 0)
    if whole.startswith("[", start):
        return Values(json_items(whole, name), "list")
    return Values(iter([(whole.count("\n", 0, start) + 1, loads(whole, name))]), "object")


def _closing(
    fh: IO[str], head: list[tuple[int, Any]], rest: Iterator[tuple[int, Any]]
) -> Iterator[tuple[int, Any]]:
    with fh:
        yield from head
        yield from rest
