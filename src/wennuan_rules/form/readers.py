"""Reading returns from files: JSON, CSV long (``code,value``) and CSV wide (``unit,<code>,…``).

Files are read by the input layer (:mod:`wennuan_rules._io`): encodings UTF-8, UTF-8 with a byte
order mark, GB18030 (what spreadsheet software in China writes), the file tried as UTF-8 first,
then as GB18030; JSON numbers exact, ``NaN`` and ``Infinity`` refused. An empty cell is "not
reported", which is not zero. Nothing is dropped: an unknown code, a column without a header, an
extra key, a code given twice are all errors naming the file, the line, the column and the code.
Wide CSV files are read one row at a time (constant memory).
"""

from __future__ import annotations

import functools
import itertools
import os
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Final, Literal, overload

from wennuan_rules import _io
from wennuan_rules.errors import InputFileError, WennuanError
from wennuan_rules.form.loader import _file_name, get_form
from wennuan_rules.form.model import (
    YES_NO_CELLS,
    FormTemplate,
    LineItem,
    Return,
    RowLayout,
    TextValues,
)
from wennuan_rules.form.validate import Value, _twice, parse_value
from wennuan_rules.i18n import N_, Message

if TYPE_CHECKING:  # pragma: no cover - for type checkers only
    from pathlib import Path

__all__ = ["RETURN_SUFFIXES", "detect_encoding", "folder_files", "iter_returns", "read_returns"]

_JSON_KEYS: Final = ("form", "unit", "values")


#: A wide-CSV row whose cells (joined by _SEP) are all empty or plain ASCII numbers.
_SEP = "|"
#: the ASCII digits, deleted from a row's bytes: what is left of a plain row is its points and
#: separators
_DIGITS: Final = b"0123456789"


def _plain_row(joined: str) -> bool:
    """Whether every cell of ``joined`` (cells joined by ``_SEP``) is empty or a plain ASCII
    number: digits with at most one point, not a point alone (what ``Decimal`` reads exactly)."""
    if not joined.isascii():
        return False
    marks = joined.encode().translate(None, _DIGITS)  # e.g. b"|.||.|" for "12|3.5||0.25|7"
    return (
        not marks.strip(b".|")  # nothing but digits, points and separators
        and b".." not in marks  # two points in one cell
        and "|.|" not in joined  # a point alone
        and not joined.startswith((".|", "|.|"))
        and not joined.endswith("|.")
        and joined != "."
    )


def _file_error(
    name: str,
    expected: str | Message,
    got: object,
    *,
    line: int | None = None,
    column: str | int | None = None,
    what: str = "file",
) -> InputFileError:
    return InputFileError(
        N_("{what}: expected {expected}, got {got}"),
        what=what,
        expected=expected,
        got=got,
        file=name,
        line=line,
        column=column,
    )


detect_encoding: Final = _io.detect_encoding


def _resolver(
    form: str | FormTemplate | None, forms: Iterable[FormTemplate]
) -> tuple[FormTemplate | None, dict[str, FormTemplate]]:
    extra = {f.id: f for f in forms}
    if form is None:
        return None, extra
    if isinstance(form, FormTemplate):
        extra.setdefault(form.id, form)
        return form, extra
    return extra.get(form) or get_form(form), extra


def _cell(raw: object, form: FormTemplate, code: str) -> Value:
    return parse_value(raw, form.item(code))


# -- JSON ------------------------------------------------------------------------------------------


def _json_return(
    obj: object,
    where: str,
    name: str,
    default: FormTemplate | None,
    extra: Mapping[str, FormTemplate],
    problems: _io.Problems,
) -> Return | None:
    if not isinstance(obj, dict):
        raise _file_error(
            name, N_('an object {"form", "unit", "values"}'), obj, what=where or "return"
        )
    for key in obj:
        if key not in _JSON_KEYS:
            raise _file_error(
                name, N_("only the keys form, unit, values"), key, what=f"{where}{key}"
            )
    form_id = obj.get("form")
    if form_id is None:
        if default is None:
            raise _file_error(
                name,
                N_("a form id (or give --form)"),
                Message.of(N_("nothing")),
                what=f"{where}form",
            )
        form = default
    else:
        if not isinstance(form_id, str):
            raise _file_error(
                name, N_("a form id such as wuhan-2015:swn"), form_id, what=f"{where}form"
            )
        try:
            form = extra.get(form_id) or get_form(form_id)
        except WennuanError as exc:
            raise exc.located(file=name, column=f"{where}form") from None
        if default is not None and form.id != default.id:
            raise _file_error(
                name,
                Message.of(N_("returns of {form} (as --form says)"), form=default.id),
                form.id,
                what=f"{where}form",
            )
    unit = obj.get("unit")
    if unit is not None and not isinstance(unit, str):
        raise _file_error(name, N_("the reporting unit as a string"), unit, what=f"{where}unit")
    values = obj.get("values")
    if not isinstance(values, dict):
        raise _file_error(
            name, N_("an object of line item codes and values"), values, what=f"{where}values"
        )
    parsed: dict[str, Value] = {}
    given: dict[str, str] = {}
    before = len(problems)
    for key, raw in values.items():
        at = f"{where}values.{key}"
        try:
            code = form.resolve(key)
            if code in parsed:
                raise _twice(code, key, given[code], key)
            given[code] = key
            parsed[code] = _cell(raw, form, code)
        except WennuanError as exc:  # named; the return is left out
            problems.add(exc.located(file=name, column=at))
    if len(problems) > before:
        return None
    return Return(form=form.id, values=parsed, unit=unit, file=name)


def _read_json(
    path: str | Path,
    name: str,
    default: FormTemplate | None,
    extra: Mapping[str, FormTemplate],
    problems: _io.Problems,
) -> Iterator[Return]:
    data: Any = _io.loads(_io.read_text(path, name), name)
    if isinstance(data, list):
        if not data:
            raise _file_error(name, N_("at least one return"), "an empty list")
        for i, obj in enumerate(data):
            try:
                found = _json_return(obj, f"[{i}].", name, default, extra, problems)
            except WennuanError as exc:  # a return that cannot be read is left out and named
                problems.add(exc)
                continue
            if found is not None:
                yield found
    else:
        found = _json_return(data, "", name, default, extra, problems)
        if found is not None:
            yield found


# -- CSV -------------------------------------------------------------------------------------------


def _header_name(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().lower()


def _read_csv(
    path: str | Path, name: str, form: FormTemplate | None, problems: _io.Problems
) -> Iterator[Return]:
    rows = _io.csv_rows(path, name)
    first = next(rows, None)
    if first is None:
        raise _file_error(
            name, N_("a header: code,value or unit,<code>,…"), "an empty file", line=1
        )
    line, header = first
    head = [_header_name(h) for h in header]
    if form is None:
        raise _file_error(name, N_("a form for CSV input (--form ID)"), "no form", what=N_("form"))
    second = next(rows, None)
    if second is None:
        raise _io.no_rows(name, line)
    rows = itertools.chain([second], rows)
    if head[0] == "code":
        if head != ["code", "value"]:
            bad = next((i for i, h in enumerate(head) if h not in ("code", "value")), 2)
            raise _file_error(
                name, N_("the header code,value"), ",".join(header), line=line, column=bad + 1
            )
        yield from _long(rows, name, form, line, problems)
    elif head[0] == "unit":
        yield from _wide(rows, header, name, form, line, problems)
    else:
        raise _file_error(
            name,
            N_("a header: code,value or unit,<code>,…"),
            ",".join(header)[:60],
            line=line,
            column=1,
        )


def _long(
    rows: Iterator[tuple[int, list[str]]],
    name: str,
    form: FormTemplate,
    header_line: int,
    problems: _io.Problems,
) -> Iterator[Return]:
    parsed: dict[str, Value] = {}
    given: dict[str, int] = {}
    failed = False
    for line, row in rows:
        try:
            _long_row(line, row, name, form, parsed, given)
        except WennuanError as exc:  # named, and read on; the return is left out
            problems.add(exc)
            failed = True
    if failed:
        return
    yield Return(form=form.id, values=parsed, unit=None, file=name, line=header_line)


def _long_row(
    line: int,
    row: list[str],
    name: str,
    form: FormTemplate,
    parsed: dict[str, Value],
    given: dict[str, int],
) -> None:
    if len(row) != 2:
        raise _file_error(
            name, N_("2 cells: code,value"), f"{len(row)} cells", line=line, column=min(len(row), 3)
        )
    key, raw = row
    try:
        code = form.resolve(key.strip())
    except WennuanError as exc:
        raise exc.located(file=name, line=line, column="code") from None
    if code in parsed:
        raise _twice(
            code,
            key,
            f"line {given[code]}",
            f"line {line}",
            file=name,
            line=line,
            column="code",
        )
    given[code] = line
    try:
        parsed[code] = _cell(raw, form, code)
    except WennuanError as exc:
        parsed[code] = None
        raise exc.located(file=name, line=line, column="value") from None


def _wide_header(header: list[str], name: str, form: FormTemplate, header_line: int) -> list[str]:
    """The codes of a wide header; every bad header cell named (as one error)."""
    codes: list[str] = []
    seen: dict[str, int] = {}
    bad = _io.Problems(name)
    for col, text in enumerate(header[1:], start=2):
        try:
            if not text.strip():
                raise _file_error(
                    name,
                    N_("a line item code in every header cell"),
                    Message.of(N_("an empty cell")),
                    line=header_line,
                    column=col,
                )
            try:
                code = form.resolve(text.strip())
            except WennuanError as exc:
                raise exc.located(file=name, line=header_line, column=col) from None
            if code in seen:
                raise _twice(
                    code,
                    text,
                    f"column {seen[code]}",
                    f"column {col}",
                    file=name,
                    line=header_line,
                    column=col,
                )
        except WennuanError as exc:
            bad.add(exc)
            continue
        seen[code] = col
        codes.append(code)
    bad.raise_any()
    return codes


@functools.cache
def _trusted_return() -> Callable[..., Return]:
    """``Return(form, values, unit, file, line)`` without its validators, for rows the reader
    proved (form id and file name strings, values a mapping)."""
    from wennuan_rules._fast import trusted

    return trusted(Return)


def _wide(
    rows: Iterator[tuple[int, list[str]]],
    header: list[str],
    name: str,
    form: FormTemplate,
    header_line: int,
    problems: _io.Problems,
) -> Iterator[Return]:
    codes = _wide_header(header, name, form, header_line)
    items = [form.item(code) for code in codes]
    width = len(header)
    layout = RowLayout(form, codes)
    pick, yes_no = layout.pick, [k for _code, k in layout.yes_no]
    make = _trusted_return()
    keep = TextValues.of_row
    for line, row in rows:
        if len(row) != width:
            problems.add(
                _file_error(
                    name,
                    Message.of(N_("{count} cells as in the header"), count=width),
                    Message.of(N_("{count} cells"), count=len(row)),
                    line=line,
                    column=min(len(row), width) + 1,
                )
            )
            continue
        unit = row[0].strip() or None
        # a row whose number cells are all empty or plain ASCII numbers (digits, at most one
        # point) and whose yes-no cells are empty, 是 or 否 is kept as read: the row engine reads
        # its cells by position (TextValues: Decimals to anyone else)
        if _plain_row(_SEP.join(pick(row))):
            for k in yes_no:
                if row[k] not in YES_NO_CELLS:
                    break
            else:
                yield make(form.id, keep(layout, row), unit, name, line)
                continue
        # any other: number cells kept as text when plain, the others read, yes-no cells as
        # True, False or None
        plain: dict[str, object] = dict(zip(layout.number_codes, pick(row), strict=True))
        if _read_cells(plain, row, codes, items, name, line, problems):
            yield make(form.id, TextValues(plain), unit, name, line)
        # else the problems are named; the return is left out


def _read_cells(
    plain: dict[str, object],
    row: list[str],
    codes: list[str],
    items: list[LineItem],
    name: str,
    line: int,
    problems: _io.Problems,
) -> bool:
    """A row with a cell off the plain form: each such cell read into ``plain`` (plain number
    cells kept as text), every problem named, in column order; whether all could be read."""
    ok = True
    for col, (code, item, raw) in enumerate(zip(codes, items, row[1:], strict=True), start=2):
        if item.is_yes_no:
            if raw in YES_NO_CELLS:
                plain[code] = YES_NO_CELLS[raw]
                continue
        elif not raw or (raw.isascii() and raw.replace(".", "", 1).isdigit()):
            continue  # plain: kept as text
        try:
            plain[code] = parse_value(raw, item)
        except WennuanError as exc:  # named, and read on
            problems.add(exc.located(file=name, line=line, column=f"{col} ({code})"))
            ok = False
    return ok


# -- entry point -----------------------------------------------------------------------------------

#: the suffixes of the files read from a folder of returns
RETURN_SUFFIXES: Final = (".json", ".csv", ".txt", ".tsv", ".xlsx", ".xlsm", ".xls")


def folder_files(path: str | Path) -> list[Path]:
    """The files of returns in a folder, sorted by name: ``.json``, ``.csv``, ``.txt``, ``.tsv``,
    ``.xlsx``, ``.xlsm``, ``.xls`` (not in subfolders; hidden files and Excel's ``~$`` lock files
    left out).

    Raises:
        InputFileError: the folder holds no such file.
    """
    from pathlib import Path  # a folder of returns (start-up does without pathlib)

    found = sorted(
        p
        for p in Path(path).iterdir()
        if p.is_file()
        and p.suffix.lower() in RETURN_SUFFIXES
        and not p.name.startswith((".", "~$"))
    )
    if not found:
        name = _file_name(path, InputFileError)
        raise _file_error(
            name,
            N_("a folder with .json, .csv, .xlsx or .xls returns"),
            Message.of(N_("no such file")),
        )
    return found


@overload
def read_returns(
    path: str | Path,
    *,
    form: str | FormTemplate | None = ...,
    forms: Iterable[FormTemplate] = ...,
    errors: Literal["raise"] = ...,
) -> Iterator[Return]: ...


@overload
def read_returns(
    path: str | Path,
    *,
    form: str | FormTemplate | None = ...,
    forms: Iterable[FormTemplate] = ...,
    errors: Literal["collect"],
) -> _io.Collected[tuple[Return, ...]]: ...


def read_returns(
    path: str | Path,
    *,
    form: str | FormTemplate | None = None,
    forms: Iterable[FormTemplate] = (),
    errors: str = "raise",
) -> Iterator[Return] | _io.Collected[tuple[Return, ...]]:
    """Read the returns in a file (or in every file of a folder, by name), one at a time.

    The format comes from the extension (``.json``; ``.csv``/``.txt``; ``.xlsx``/``.xls``), else
    from the first character (``{`` or ``[`` is JSON). CSV is long (header ``code,value``: one
    return) or wide (header ``unit,<code>,…``: one return per row). A workbook's sheets are wide
    (one return per row) or a filled template of the form (one return per sheet;
    :mod:`wennuan_rules.form.workbook`, the ``excel`` extra).

    The whole file is read whatever its problems (collect, don't stop: :mod:`wennuan_rules._io`):
    a return with a problem (a cell that cannot be read, an unknown code) is left out, the others
    read, and each problem is kept, naming file, line, column and code.

    Args:
        path: the file.
        form: the form of CSV returns (required for CSV); for JSON, returns naming another form are
            refused and returns naming none take this one.
        forms: forms not bundled (from ``load_form``) that JSON returns may name.
        errors: ``"raise"`` (default): yield the returns, then raise every problem as one error;
            ``"collect"``: return a :class:`~wennuan_rules.Collected` of the returns (a tuple)
            and the problems, raising nothing for bad input.

    Yields:
        :class:`Return` objects, values parsed (Decimal, bool, ``None`` = not reported).

    Raises:
        InputFileError: unreadable encoding, broken JSON or CSV shape (with file, line and column).
        UnknownIdError / InvalidValueError: an unknown form or code, a code twice, a value that is
            not a number (with file, line and column).
        InputProblems: more than one of these (``problems`` lists each).
    """
    collect = _io.check_errors(errors)
    problems = _io.Problems(_file_name(path, InputFileError))
    source = iter_returns(path, form=form, forms=forms, problems=problems)
    if collect:
        return problems.collected(tuple(source))
    return _io.raising(source, problems)


def _workbook_returns(
    path: str | Path,
    name: str,
    default: FormTemplate | None,
    extra: Mapping[str, FormTemplate],
    problems: _io.Problems,
) -> Iterator[Return]:
    """The returns of a workbook, those with a problem in one of their cells left out."""
    from wennuan_rules._io.excel import cell_name
    from wennuan_rules.form.workbook import WorkbookProblems, read_workbook

    found = _io.Problems(name, limit=problems.limit)
    sheets = read_workbook(str(path), name, default, extra.values(), found)
    if found:
        problems.kind = WorkbookProblems
    bad = {str(p.column).rsplit(" (", 1)[0] for p in found.kept if p.column is not None}
    for each in found.problems:
        problems.add(each)
    for sheet in sheets:
        if bad and any(f"{sheet.sheet}!{cell_name(r, c)}" in bad for r, c in sheet.cells.values()):
            continue
        yield sheet.ret


def iter_returns(
    path: str | Path,
    *,
    form: str | FormTemplate | None = None,
    forms: Iterable[FormTemplate] = (),
    problems: _io.Problems,
) -> Iterator[Return]:
    """The returns of a file, one at a time, every input problem put into ``problems`` (even one
    that ends the reading): what the command line streams (:func:`read_returns`)."""
    return _io.collecting(_returns(path, form, forms, problems), problems)


def _returns(
    path: str | Path,
    form: str | FormTemplate | None,
    forms: Iterable[FormTemplate],
    problems: _io.Problems,
) -> Iterator[Return]:
    name = _file_name(path, InputFileError)
    try:
        exists = os.path.isfile(path)
        folder = not exists and os.path.isdir(path)
    except (OSError, ValueError):  # pragma: no cover - os.path says False
        exists = folder = False
    if folder:  # every file read, whatever the problems of another
        for entry in folder_files(path):
            yield from _io.collecting(_returns(entry, form, forms, problems), problems)
        return
    if not exists:
        raise InputFileError(
            N_("cannot open {file}: {reason}"),
            what=N_("file"),
            expected=N_("a readable file"),
            got=name,
            file=name,
            params={"file": name, "reason": N_("no such file")},
        )
    default, extra = _resolver(form, forms)
    suffix = _io.suffix(path).lower()
    if _io.file_format(path) == "excel":
        yield from _workbook_returns(path, name, default, extra, problems)
        return
    if suffix not in (".json", ".csv", ".txt", ".tsv"):
        suffix = ".csv" if _io.file_format(path) == "csv" else ".json"
    if suffix == ".json":
        yield from _read_json(path, name, default, extra, problems)
    else:
        yield from _read_csv(path, name, default, problems)
