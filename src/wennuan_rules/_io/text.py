"""Files as text: errors naming the file, encodings, the format of a file
(see :mod:`wennuan_rules._io`)."""

from __future__ import annotations

import codecs
import os
from collections.abc import Mapping
from typing import IO, Final

from wennuan_rules.errors import InputFileError
from wennuan_rules.i18n import N_, Message

ENCODINGS: Final = ("utf-8-sig", "gb18030")
_CHUNK: Final = 1 << 16

#: File formats by suffix (lower case); a file with another suffix is JSON when its first
#: character is ``{`` or ``[``, else CSV.
FORMATS: Final[Mapping[str, str]] = {
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".xlsx": "excel",
    ".xlsm": "excel",
    ".xls": "excel",
}

PathLike = str | os.PathLike[str]


# -- errors ----------------------------------------------------------------------------------------


#: What the system says of a file it cannot open (``OSError.strerror``), as catalog messages: an
#: error shows them in the reader's language (``reason`` is translated when shown).
OS_REASONS: Final = (
    N_("No such file or directory"),
    N_("Permission denied"),
    N_("Is a directory"),
    N_("Not a directory"),
    N_("File name too long"),
    N_("Too many levels of symbolic links"),
    N_("Invalid argument"),
    N_("no such file"),
)


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
        what=N_("file"),
        expected=N_("JSON"),
        got=reason,
        file=name,
        line=line,
        column=column,
        params={"file": name, "reason": reason},
    )


def repeated_key(name: str, key: str, line: int | None = None) -> InputFileError:
    """The error for a JSON object naming ``key`` twice (at the line of the second)."""
    return InputFileError(
        N_("key {key} appears twice in one object"),
        what=key,
        expected=N_("each key once"),
        got=key,
        file=name,
        line=line,
        params={"file": name, "key": key},
    )


def _encoding_error(name: str, line: int | None = None) -> InputFileError:
    return InputFileError(
        N_("{file} is neither UTF-8 nor GB18030 text"),
        what=N_("encoding"),
        expected=N_("text in UTF-8 or GB18030"),
        got=Message.of(N_("undecodable bytes")),
        file=name,
        line=line,
        params={"file": name},
    )


def cell_error(name: str, line: int, reason: str) -> InputFileError:
    """The error for CSV text the reader cannot split into cells (a cell longer than the
    standard library's field limit, 131,072 characters)."""
    return InputFileError(
        N_("{file} cannot be read as CSV: {reason}"),
        what=N_("file"),
        expected=N_("CSV text"),
        got=reason,
        file=name,
        line=line,
        params={"file": name, "reason": reason},
    )


def suffix(path: PathLike) -> str:
    """``pathlib.Path(path).suffix`` (``.json`` of ``returns/a.json``; ``""`` for ``.hidden`` or
    ``name.``), without importing pathlib, which start-up does without."""
    text = os.fspath(path)
    if os.altsep:  # pragma: no cover - Windows
        text = text.replace(os.altsep, os.sep)
    parts = [part for part in text.split(os.sep) if part and part != "."]
    name = parts[-1] if parts else ""
    i = name.rfind(".")
    return name[i:] if 0 < i < len(name) - 1 else ""


def check_path(path: object) -> None:
    """Refuse a path that is not a ``str`` or ``os.PathLike`` (``None``, a number, a list).

    Raises:
        InputFileError: naming the type given.
    """
    if not isinstance(path, str | os.PathLike) or "\x00" in str(os.fspath(path)):
        raise InputFileError(
            N_("{what}: expected {expected}, got {got}"),
            what=N_("path"),
            expected=N_("a file name (str or os.PathLike)"),
            got=type(path).__name__
            if not isinstance(path, str)
            else Message.of(N_("a name with a NUL character")),
        )


def no_rows(name: str, line: int | None = None) -> InputFileError:
    """The error for a CSV file with a header and no row under it (an export that lost its rows:
    checking nothing would pass)."""
    return InputFileError(
        N_("{file} has a header but no data rows"),
        what=N_("file"),
        expected=N_("at least one row under the header"),
        got=Message.of(N_("a header only")),
        file=name,
        line=line,
        params={"file": name},
    )


def _workbook_error(name: str, kind: str) -> InputFileError:
    return InputFileError(
        N_("{file} is an Excel workbook ({kind}), not text; save it as CSV (UTF-8) or JSON"),
        what=N_("file"),
        expected=N_("CSV or JSON text"),
        got=kind,
        file=name,
        params={"file": name, "kind": kind},
    )


def _big5_error(name: str) -> InputFileError:
    return InputFileError(
        N_("{file} looks like Big5 (Traditional Chinese) text; save it as UTF-8 or GB18030"),
        what=N_("encoding"),
        expected=N_("text in UTF-8 or GB18030"),
        got="Big5",
        file=name,
        params={"file": name},
    )


# -- what a file is --------------------------------------------------------------------------------

#: The first bytes of files that are not text: Excel 2007+ (a ZIP archive) and Excel 97-2003 (OLE2).
_WORKBOOKS: Final = ((b"PK\x03\x04", ".xlsx"), (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", ".xls"))


def _plain_share(text: str) -> float:
    """The share of ``text`` in ASCII, CJK ideographs and CJK or full-width punctuation: near 1 for
    Chinese text decoded in its own encoding, lower for bytes decoded in the wrong one (kana,
    symbols, rare characters)."""
    if not text:
        return 1.0
    plain = sum(
        1
        for c in text
        if c < "\x80"
        or "\u4e00" <= c <= "\u9fff"
        or "\u3000" <= c <= "\u303f"
        or "\uff00" <= c <= "\uffef"
    )
    return plain / len(text)


def _looks_big5(head: bytes) -> bool:
    """Whether bytes that are not UTF-8 read better as Big5 than as GB18030 (a Taiwanese or Hong
    Kong spreadsheet's export): Big5 decodes them and gives more plain text than GB18030 does."""
    try:
        big5 = codecs.getincrementaldecoder("big5")().decode(head)
    except UnicodeDecodeError:
        return False
    gb = codecs.getincrementaldecoder("gb18030")(errors="replace").decode(head)
    return _plain_share(big5) > _plain_share(gb)


def sniff(head: bytes, name: str, encoding: str | None = None) -> None:
    """Refuse a file that is not text in a readable encoding, saying what it is: an Excel workbook
    (by its first bytes), or Big5 text (when ``encoding`` is ``gb18030``, the only other reading).

    Raises:
        InputFileError: naming the file and what it is.
    """
    for magic, kind in _WORKBOOKS:
        if head.startswith(magic):
            raise _workbook_error(name, kind)
    if encoding == "gb18030" and _looks_big5(head):
        raise _big5_error(name)


def _head(source: PathLike | IO[bytes], label: str) -> bytes:
    """The first bytes of a file (a file object is put back where it stood)."""
    try:
        if isinstance(source, str | os.PathLike):
            with open(source, "rb") as fh:
                return fh.read(_CHUNK)
        start = source.tell()
        try:
            return source.read(_CHUNK)
        finally:
            source.seek(start)
    except OSError as exc:
        raise unreadable(label, exc) from exc


# -- encodings and text ----------------------------------------------------------------------------


def detect_encoding(source: PathLike | IO[bytes], name: str | None = None) -> str:
    """``utf-8-sig`` or ``gb18030``: the first that decodes the whole file (read in chunks,
    constant memory). A binary file object is read from where it stands and put back there.

    Raises:
        InputFileError: the file cannot be read, or neither encoding decodes it.
    """
    if not hasattr(source, "read"):
        check_path(source)
    label = name if name is not None else str(getattr(source, "name", source))
    head = _head(source, label)
    sniff(head, label)
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
        sniff(head, label, encoding)
        return encoding
    raise _encoding_error(label)


def _feed(fh: IO[bytes], decoder: codecs.IncrementalDecoder) -> None:
    while chunk := fh.read(_CHUNK):
        decoder.decode(chunk)
    decoder.decode(b"", final=True)


def decode(raw: bytes, name: str, line: int | None = None) -> str:
    """``raw`` in the first of :data:`ENCODINGS` that decodes it.

    Raises:
        InputFileError: ``raw`` is an Excel workbook, Big5 text, or in no known encoding.
    """
    sniff(raw[:_CHUNK], name)
    for encoding in ENCODINGS:
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        sniff(raw[:_CHUNK], name, encoding)
        return text
    raise _encoding_error(name, line)  # pragma: no cover - GB18030 decodes almost anything


def read_text(path: PathLike, name: str | None = None) -> str:
    """The whole text of a file in UTF-8 (with or without BOM) or GB18030.

    Raises:
        InputFileError: when the file cannot be read or decoded.
    """
    check_path(path)
    label = str(path) if name is None else name
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
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
    """``json``, ``jsonl``, ``csv`` or ``excel``: by the suffix (:data:`FORMATS`), else ``json``
    when the text starts with ``{`` or ``[`` (``head``: the file's first
    characters; read when not given)."""
    check_path(path)
    found = FORMATS.get(suffix(path).lower())
    if found is not None:
        return found
    if head is None:
        try:
            with open(path, "rb") as fh:
                head = fh.read(256).decode("utf-8-sig", errors="ignore")
        except OSError:
            head = ""
    return "json" if head.lstrip()[:1] in ("{", "[") else "csv"
