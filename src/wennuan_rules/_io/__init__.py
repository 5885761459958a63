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
* **Collect, don't stop** (:mod:`~wennuan_rules._io.collect`): every reader puts its problems into
  one :class:`Problems` (up to :data:`PROBLEM_LIMIT`) and reads on; ``errors="collect"`` returns
  a :class:`Collected` (records, problems), the default raises them all as one error.

Seams for later steps (docs/decisions.md, "One input layer"): every JSON object is built by
:data:`DECODER` (a strict ``object_pairs_hook`` refusing repeated keys goes there); every error is
made by the error functions of :mod:`~wennuan_rules._io.text` (:func:`unreadable`,
:func:`json_error`, …; a "collect, don't stop" mode hooks there); the format of a file is chosen by
:func:`file_format` from :data:`FORMATS` (an Excel reader adds a suffix and a row source yielding
``(line, cells)`` like :func:`csv_rows`, which :func:`csv_records` takes as ``rows=``).

Modules: ``text`` (errors, encodings, formats), ``jsonfile`` (JSON, JSON Lines), ``csvfile``
(CSV), ``excel`` (.xlsx and .xls through python-calamine, the ``excel`` extra, imported on first
use: cells named ``Sheet1!C12``, numbers at Excel's 15 significant digits as Decimal).
This is a low layer: it imports errors, i18n and nothing of forms, eligibility, audits or
campaigns.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from wennuan_rules._io.collect import (
    ERRORS,
    PROBLEM_LIMIT,
    Problems,
    check_errors,
    collecting,
    raising,
)
from wennuan_rules._io.jsonfile import (
    DECODER,
    LineCounter,
    Values,
    json_document,
    json_items,
    json_lines,
    json_values,
    loads,
)
from wennuan_rules._io.text import (
    ENCODINGS,
    FORMATS,
    check_path,
    decode,
    detect_encoding,
    file_format,
    json_error,
    no_rows,
    open_text,
    read_text,
    suffix,
    unreadable,
)

__all__ = [
    "DECODER",
    "ENCODINGS",
    "ERRORS",
    "FORMATS",
    "PROBLEM_LIMIT",
    "Collected",
    "LineCounter",
    "Problems",
    "Values",
    "check_errors",
    "check_path",
    "collecting",
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
    "no_rows",
    "open_text",
    "raising",
    "read_text",
    "suffix",
    "unreadable",
]

if TYPE_CHECKING:  # pragma: no cover - for type checkers only
    from wennuan_rules._io.collected import Collected
    from wennuan_rules._io.csvfile import csv_records, csv_rows, header_key


def __getattr__(name: str) -> Any:
    """Names loaded on first use: the CSV reader imports the ``csv`` module (JSON input does not),
    :class:`Collected` is built when a reader collects (start-up)."""
    if name == "Collected":
        from wennuan_rules._io.collected import Collected

        value: Any = Collected
    elif name in ("csv_records", "csv_rows", "header_key"):
        from wennuan_rules._io import csvfile

        value = getattr(csvfile, name)
    else:
        raise AttributeError(f"module 'wennuan_rules._io' has no attribute {name!r}")
    globals()[name] = value
    return value
