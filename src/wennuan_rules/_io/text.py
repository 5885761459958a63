"""Files as text: errors naming the file, encodings, the format of a file
(see :mod:`wennuan_rules._io`)."""

from __future__ import annotations

import codecs
import os
from collections.abc import Mapping
from pathlib import Path
from typing import IO, Final

from wennuan_rules.errors import InputFileError
from wennuan_rules.i18n import N_

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
    """``json``, ``jsonl``, ``csv`` or ``excel``: by the suffix (:data:`FORMATS`), else ``json``
    when the text starts with ``{`` or ``[`` (``head``: the file's first
    characters; read when not given)."""
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
