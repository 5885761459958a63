"""The one input layer: reading text files into records that know where they stand in the file.

Every reader of the library (returns, households, rosters, visit logs, families on file) reads its
file through this module, so that every file is read the same way:

* **Encodings**: UTF-8, UTF-8 with a byte order mark, GB18030 (what spreadsheet software in China
  writes). The whole file is tried as UTF-8 first, then as GB18030 (:func:`detect_encoding`, read
  in chunks: constant memory).
* **JSON options** (:data:`DECODER`, :func:`loads`): numbers with a fraction or exponent are
  :class:`~decimal.Decimal` (never float), integers ``int``; the constants ``NaN``, ``Infinity``
  and ``-Infinity`` are refused (they are not JSON, and not an amount).
* **Records with positions**: a JSON document's records each know the line their value starts on
  (:func:`json_document`, :func:`json_items`), a JSON Lines record its line (:func:`json_lines`),
  a CSV row the line it ends on (:func:`csv_rows`; CSV records by header: :func:`csv_records`).
* **Streaming**: JSON Lines and CSV are read one line at a time; a JSON list can be parsed one item
  at a time (:func:`json_items`), though its text is read whole.
* **Errors**: :class:`~wennuan_rules.errors.InputFileError` naming the file, line and column.

Seams for later steps (docs/decisions.md, "One input layer"): every JSON object is built by
:data:`DECODER` (a strict ``object_pairs_hook`` refusing repeated keys goes there); every error is
made by one of the ``*_error`` functions below (a "collect, don't stop" mode hooks there); the
format of a file is chosen by :func:`file_format` from :data:`FORMATS` (an Excel reader adds a
suffix and a row source yielding ``(line, cells)`` like :func:`csv_rows`).

This is a low layer: it imports errors, i18n and nothing of forms, eligibility, audits or
campaigns.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import re
import unicodedata
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping
from decimal import Decimal
from pathlib import Path
from typing import IO, Any, Final, TypeVar

from wennuan_rules.errors import InputFileError
from wennuan_rules.i18n import N_

__all__ = [
    "DECODER",
    "ENCODINGS",
    "FORMATS",
    "LineCounter",
    "Values",
    "csv_records",
    "csv_rows",
    "decode",
    "detect_encoding",
    "file_format",
    "header_key",
    "json_document",
    "json_error",
    "json_items",
    "json_lines",
    "json_values",
    "loads",
    "open_text",
    "read_text",
    "unreadable",
]

#: Tried in this order on the whole file; GB18030 decodes almost any byte string.
ENCODINGS: Final = ("utf-8-sig", "gb18030")
_CHUNK: Final = 1 << 16

#: File formats by suffix (lower case); a file with another suffix is JSON when its first
#: character is ``{`` or ``[``, else CSV.
FORMATS: Final[Mapping[str, str]] = {
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
}

PathLike = str | os.PathLike[str]
_T = TypeVar("_T")


# -- errors ----------------------------------------------------------------------------------------


def unreadable(name: str, exc: OSError) -> InputFileError:
    """The error for a file the system cannot read."""
    return InputFileError(
        N_("cannot read {file}: {reason}"),
        file=name,
        params={"file": name, "reason": exc.strerror or str(exc)},
    )


def json_error(
    name: str,
    reason: str,
    line: int | None = None,
    column: int | None = None,
) -> InputFileError:
    """The error for text that is not JSON, at ``line`` and ``column``."""
    return InputFileError(
        N_("{file} is not valid JSON: {reason}"),
        what="file",
        expected="JSON",
        got=reason,
        file=name,
        line=line,
        column=column,
        params={"file": name, "reason": reason},
    )


def _decode_error(exc: ValueError, name: str, line: int | None = None) -> InputFileError:
    """:func:`json_error` for what the standard library's decoder raised (``line`` overrides its
    own line: the file line of a JSON Lines record)."""
    if isinstance(exc, json.JSONDecodeError):
        return json_error(name, exc.msg, exc.lineno if line is None else line, exc.colno)
    return json_error(name, str(exc), line)  # a constant (NaN), an integer of 4,300+ digits


def _encoding_error(name: str, line: int | None = None) -> InputFileError:
    return InputFileError(
        N_("{file} is neither UTF-8 nor GB18030 text"),
        what="encoding",
        expected="text in UTF-8 or GB18030",
        got="undecodable bytes",
        file=name,
        line=line,
        params={"file": name},
    )


# -- encodings and text ----------------------------------------------------------------------------


def detect_encoding(source: PathLike | IO[bytes], name: str | None = None) -> str:
    """``utf-8-sig`` or ``gb18030``: the first that decodes the whole file (read in chunks,
    constant memory). A binary file object is read from where it stands and put back there.

    Raises:
        InputFileError: the file cannot be read, or neither encoding decodes it.
    """
    label = name if name is not None else str(getattr(source, "name", source))
    for encoding in ENCODINGS:
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            if isinstance(source, str | os.PathLike):
                with open(source, "rb") as fh:
                    _feed(fh, decoder)
            else:
                start = source.tell()
                try:
                    _feed(source, decoder)
                finally:
                    source.seek(start)
        except UnicodeDecodeError:
            continue
        except OSError as exc:
            raise unreadable(label, exc) from exc
        return encoding
    raise _encoding_error(label)


def _feed(fh: IO[bytes], decoder: codecs.IncrementalDecoder) -> None:
    while chunk := fh.read(_CHUNK):
        decoder.decode(chunk)
    decoder.decode(b"", final=True)


def decode(raw: bytes, name: str, line: int | None = None) -> str:
    """``raw`` in the first of :data:`ENCODINGS` that decodes it."""
    for encoding in ENCODINGS:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise _encoding_error(name, line)  # pragma: no cover - GB18030 decodes almost anything


def read_text(path: PathLike, name: str | None = None) -> str:
    """The whole text of a file in UTF-8 (with or without BOM) or GB18030.

    Raises:
        InputFileError: when the file cannot be read or decoded.
    """
    label = str(path) if name is None else name
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise unreadable(label, exc) from exc
    return decode(raw, label)


def open_text(path: PathLike, name: str | None = None) -> IO[str]:
    """The file opened as text in its encoding (:func:`detect_encoding`), newlines kept as written
    (what the ``csv`` module wants).

    Raises:
        InputFileError: when the file cannot be read or decoded.
    """
    label = str(path) if name is None else name
    encoding = detect_encoding(path, label)
    try:
        return open(path, encoding=encoding, newline="")
    except OSError as exc:
        raise unreadable(label, exc) from exc


def file_format(path: PathLike, head: str | None = None) -> str:
    """``json``, ``jsonl`` or ``csv``: by the suffix (:data:`FORMATS`), else ``json`` when the text
    starts with ``{`` or ``[`` (``head``: the file's first characters; read when not given)."""
    found = FORMATS.get(Path(path).suffix.lower())
    if found is not None:
        return found
    if head is None:
        try:
            with open(path, "rb") as fh:
                head = fh.read(256).decode("utf-8-sig", errors="ignore")
        except OSError:
            head = ""
    return "json" if head.lstrip()[:1] in ("{", "[") else "csv"


# -- JSON ------------------------------------------------------------------------------------------


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number")


#: The one JSON decoder: exact numbers, no NaN or Infinity.
DECODER: Final = json.JSONDecoder(parse_float=Decimal, parse_constant=_no_constant)
_WS: Final = re.compile(r"[ \t\n\r]*")


def loads(text: str, name: str = "", line: int | None = None) -> Any:
    """One JSON value (the whole of ``text``) with the library's options.

    Raises:
        InputFileError: ``text`` is not JSON (naming ``name`` and the position; ``line``: the file
            line ``text`` stands on, for a JSON Lines record).
    """
    try:
        return DECODER.decode(text)
    except ValueError as exc:
        raise _decode_error(exc, name, line) from None


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
    except ValueError as exc:
        raise _decode_error(exc, name) from None


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
    except ValueError as exc:
        raise _decode_error(exc, name) from None
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


def json_lines(lines: Iterable[str], name: str, start: int = 1) -> Iterator[tuple[int, Any]]:
    """``(line, value)`` for each non-blank line of JSON Lines text (``lines``: an open text file,
    read one line at a time; ``start``: the number of its first line).

    Raises:
        InputFileError: a line that is not one JSON value, at its line.
    """
    for number, text in enumerate(lines, start=start):
        if not text.strip():
            continue
        yield number, loads(text.rstrip("\r\n"), name, number)


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


def json_values(fh: IO[bytes], name: str) -> Values[tuple[int, Any]]:
    """The values of a JSON file that holds one value, a list of values, or JSON Lines (one value
    a line: told apart by its first line being a whole JSON object), each with the line it starts
    on. JSON Lines are streamed and close ``fh`` when done; otherwise the text is read whole (and
    ``fh`` closed) before this returns, a list then parsed one item at a time.

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
        except ValueError:
            value = None
        if isinstance(value, dict):
            rest = json_lines(text, name, start=number + 1)
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


# -- CSV -------------------------------------------------------------------------------------------


def csv_rows(path: PathLike, name: str | None = None) -> Iterator[tuple[int, list[str]]]:
    """``(line, cells)`` for each row of a CSV file that has a non-blank cell, one row at a time;
    ``line`` is the line the row ends on (the header is line 1 when it is the first line).

    Raises:
        InputFileError: the file cannot be read or decoded.
    """
    with open_text(path, name) as fh:
        reader = csv.reader(fh)
        for cells in reader:
            for cell in cells:
                if cell and not cell.isspace():
                    yield reader.line_num, cells
                    break


def header_key(text: str) -> str:
    """A header cell or key as compared with field names: NFKC, case, spaces, ``_``, ``-``
    ignored."""
    key = unicodedata.normalize("NFKC", text).strip().casefold()
    return re.sub(r"[\s_\-]", "", key)


def csv_records(
    path: PathLike,
    *,
    fields: tuple[str, ...],
    index: Mapping[str, str] | None = None,
    name: str | None = None,
    rows: Callable[[PathLike, str], Iterator[tuple[int, list[str]]]] = csv_rows,
) -> Iterator[tuple[int, dict[str, str | None]]]:
    """``(line, record)`` for each data row of a CSV file, its header mapped to ``fields``.

    Header cells are matched to field names (or through ``index``: :func:`header_key` of a header
    → field) ignoring case, spaces, ``_``/``-`` and full-width forms. Cells are stripped; empty
    cells are ``None``. Rows are read one at a time (``rows``: the row source, :func:`csv_rows`).

    Raises:
        InputFileError: an unknown or repeated column, no header, a row with more cells than the
            header (naming the line and column).
    """
    label = str(path) if name is None else name
    source = rows(path, label)
    first = next(source, None)
    if first is None:
        raise InputFileError(
            N_("{file} is empty; expected a header row"), file=label, params={"file": label}
        )
    header_line, header = first
    known = dict(index or {})
    for name_ in fields:
        known.setdefault(header_key(name_), name_)
    columns: list[str] = []
    for number, cell in enumerate(header, start=1):
        field = known.get(header_key(cell))
        if field is None or field in columns:
            raise InputFileError(
                N_("{what}: unknown value {got}; expected one of {expected}")
                if field is None
                else N_("{what}: column {got} appears twice"),
                what="column",
                expected=", ".join(fields),
                got=cell,
                file=label,
                line=header_line,
                column=number,
            )
        columns.append(field)
    width = len(columns)
    for line, cells in source:
        if len(cells) > width and any(c.strip() for c in cells[width:]):
            raise InputFileError(
                N_("row has {count} cells but the header has {width}"),
                file=label,
                line=line,
                column=width + 1,
                params={"count": len(cells), "width": width},
            )
        if len(cells) < width:
            cells = cells + [""] * (width - len(cells))
        yield (
            line,
            {field: cell.strip() or None for field, cell in zip(columns, cells, strict=False)},
        )
