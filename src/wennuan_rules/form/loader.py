"""Reading form data files (``data/forms/<campaign>__<form>.toml`` or a user's own) strictly.

The schema is docs/forms.md's (and /work/brief/FORMS_SCHEMA.md's): unknown keys are errors naming
the file and the key; every code must be normalised and known; rules must read items of matching
units.
"""

from __future__ import annotations

import os
import re
import sys
from functools import cache
from typing import TYPE_CHECKING

from wennuan_rules._data import (
    PACKAGE_FOLDER,
    Table,
    bundled_files,
    data_dirs,
    is_bundled,
    load_toml,
)
from wennuan_rules.errors import DataFileError, UnknownIdError, WennuanError
from wennuan_rules.form.model import (
    FormRule,
    FormTemplate,
    LeRule,
    LineItem,
    PairedRule,
    Rule,
    SumRule,
)
from wennuan_rules.form.rules.ast import Expr
from wennuan_rules.form.rules.parse import FormulaError, parse
from wennuan_rules.i18n import N_, Message
from wennuan_rules.report import Severity

if TYPE_CHECKING:  # pragma: no cover - for type checkers only
    from pathlib import Path

__all__ = ["form_ids", "forms", "get_form", "load_form"]


def _formula(t: Table, name: str, text: str) -> Expr:
    """The AST of ``rule = "…"``.

    Raises:
        DataFileError: the formula does not parse (naming the file, the rule and the character).
    """
    try:
        return parse(text)
    except FormulaError as exc:
        raise DataFileError(
            exc.msgid,
            what=t.key_path("rule"),
            expected=exc.expected,
            got=exc.got,
            file=t.file,
            column=exc.position + 1,
            params={"file": t.file, "rule": name, "position": exc.position + 1},
        ) from None


def _rule(t: Table) -> Rule:
    name = t.get("name", str)
    text = t.get("rule", str, "")
    kind = t.get("kind", str, "")
    if text and kind:
        raise t.error("kind", N_('no kind when a rule = "…" formula is given'), kind)
    if not text and not kind:
        raise t.error("rule", N_('a formula (rule = "05A = 05B + 05C") or a 0.1 kind'), "")
    severity_text = t.get("severity", str, "warning" if kind == "paired" else "error")
    source = t.get("source", str, "")
    note = t.text("note")
    try:
        severity = Severity(severity_text)
    except ValueError:
        raise t.error("severity", N_("error or warning"), severity_text) from None
    if text:
        for key in ("total", "parts", "count", "amount"):
            if key in t:
                raise t.error(key, N_('nothing beside a rule = "…" formula'), key)
        return FormRule(name, _formula(t, name, text), severity, source, note)
    return _sugar(t, name, kind, severity, source, note)


def _sugar(t: Table, name: str, kind: str, severity: Severity, source: str, note: str) -> Rule:
    """A 0.1 ``kind = "sum" | "le" | "paired"`` table as the same AST."""
    total = t.get("total", str, "")
    parts = t.strs("parts", ())
    count = t.get("count", str, "")
    amount = t.get("amount", str, "")
    if kind in ("sum", "le"):
        if count or amount:
            raise t.error(
                "count" if count else "amount",
                Message.of(N_('"" for a {kind} rule'), kind=kind),
                count or amount,
            )
        if not total or not parts:
            raise t.error(
                "total" if not total else "parts",
                Message.of(N_("a code (for a {kind} rule)"), kind=kind),
                "",
            )
        make = SumRule if kind == "sum" else LeRule
        return make(name, total, tuple(parts), severity, source, note)
    if kind == "paired":
        if total or parts:
            raise t.error("total" if total else "parts", N_('"" for a paired rule'), total or parts)
        if not count or not amount:
            raise t.error("count" if not count else "amount", N_("a code (for a paired rule)"), "")
        return PairedRule(name, count, amount, severity, source, note)
    raise t.error("kind", N_("sum, le or paired"), kind)


def _item(t: Table) -> LineItem:
    return LineItem(
        code=t.get("code", str),
        line=t.get("line", str, ""),
        unit=t.get("unit", str),
        label=t.label("label"),
        parent=t.get("parent", str, ""),
        note=t.text("note"),
    )


def _located(exc: WennuanError, t: Table, key: str) -> DataFileError:
    """A model error (raised by a validator) as a DataFileError naming the file and key path."""
    return DataFileError(
        N_("in {file}, key {what}: expected {expected}, got {got}"),
        what=t.key_path(key) + (f".{exc.what}" if exc.what else ""),
        expected=exc.expected,
        got=exc.got,
        file=t.file,
        params={"file": t.file},
    )


def _read(top: Table) -> FormTemplate:
    form_id = top.get("id", str)
    campaign = top.get("campaign", str)
    source = top.get("source", str)
    reference_date = top.opt_date("reference_date")
    period_note = top.get("period_note", str, "")
    line_label = top.get("line_label", str, "")
    title = top.label("title")
    notes = []
    for nt in top.tables("notes", required=False):
        from wennuan_rules.i18n import Label

        notes.append(Label(nt.get("zh-Hans", str), nt.get("zh-Hant", str), nt.get("en", str)))
        nt.close()
    items = []
    for i, it in enumerate(top.tables("items")):
        try:
            items.append(_item(it))
        except DataFileError as exc:
            if exc.file is not None:
                raise
            raise _located(exc, top, f"items[{i}]") from None
        except (TypeError, ValueError) as exc:
            raise top.error(f"items[{i}]", N_("a valid line item"), str(exc)) from None
        it.close()
    rules = []
    for i, rt in enumerate(top.tables("rules", required=False)):
        try:
            rules.append(_rule(rt))
        except DataFileError as exc:
            if exc.file is not None:
                raise
            raise _located(exc, top, f"rules[{i}]") from None
        rt.close()
    top.close()
    try:
        return FormTemplate(
            id=form_id,
            campaign=campaign,
            title=title,
            source=source,
            items=tuple(items),
            rules=tuple(rules),
            reference_date=reference_date,
            period_note=period_note,
            notes=tuple(notes),
            line_label=line_label,
        )
    except DataFileError as exc:
        raise _located(exc, top, "") from None


def _file_name(path: object, error: type[WennuanError]) -> str:
    """``path`` as shown in messages (at most 200 characters).

    Raises:
        error: ``path`` is not a file name (a ``str`` or a ``Path``).
    """
    pathlib = sys.modules.get("pathlib")  # not imported: then ``path`` is no Path
    if not (isinstance(path, str) or (pathlib is not None and isinstance(path, pathlib.Path))):
        raise error(
            N_("{what}: expected {expected}, got {got}"),
            what=N_("file"),
            expected=N_("a file name"),
            got=path,
        )
    name = str(path)
    return name if len(name) <= 200 else name[:199] + "…"


def load_form(path: str | Path) -> FormTemplate:
    """Read a form from a user's data file (a new year's form, the Henan 2018 forms).

    The form works everywhere a bundled one does: ``validate(form, values)``, readers, the command
    line's ``--form-file``.

    Raises:
        DataFileError: the file is missing, not TOML, or breaks the schema (the message names file
            and key).
    """
    name = _file_name(path, DataFileError)
    try:
        exists = os.path.isfile(path)
    except (OSError, ValueError):  # pragma: no cover - os.path says False
        exists = False
    if not exists:
        raise DataFileError(
            N_("data file {file} does not exist"), what=N_("file"), got=name, params={"file": name}
        )
    try:
        return _read(load_toml(path))
    except (OSError, ValueError) as exc:
        if isinstance(exc, WennuanError):
            raise
        raise DataFileError(
            N_("data file {file} cannot be read: {reason}"),
            file=name,
            params={"file": name, "reason": type(exc).__name__},
        ) from None


#: Bundled forms read one at a time (:func:`_bundled_one`), reused by :func:`_bundled`.
_ONE: dict[str, FormTemplate] = {}
_STEM = re.compile(r"[a-z0-9_-]{1,100}")


def _bundled_one(form_id: str) -> FormTemplate | None:
    """The bundled form ``form_id`` read alone, without reading the others (a command that checks
    returns of one form needs one), when no user data directory is in use; else ``None`` (and
    :func:`_bundled` reads them all, as before)."""
    found = _ONE.get(form_id)
    if found is not None or data_dirs():
        return found if not data_dirs() else None
    stem = form_id.replace(":", "__")
    if _STEM.fullmatch(stem) is None:
        return None
    entry = os.path.join(PACKAGE_FOLDER, "data", "forms", f"{stem}.toml")
    if not os.path.isfile(entry):
        return None
    form = _read(load_toml(entry, name=f"data/forms/{stem}.toml"))
    if form.id != form_id:
        return None
    _ONE[form_id] = form
    return form


@cache
def _bundled() -> dict[str, FormTemplate]:
    out: dict[str, FormTemplate] = {}
    for stem, path in bundled_files("forms"):
        known = _ONE.get(stem.replace("__", ":"))
        if known is not None and is_bundled(path):  # read alone before: the same object
            form = known
        else:
            form = _read(load_toml(path, name=f"data/forms/{path.name}"))
        expected = form.id.replace(":", "__")
        if stem != expected:
            raise DataFileError(
                N_("in {file}, key {what}: expected {expected}, got {got}"),
                what=N_("id"),
                expected=Message.of(N_("a file named {name}"), name=f"{expected}.toml"),
                got=form.id,
                file=path.name,
                params={"file": path.name},
            )
        out[form.id] = form
    return out


def form_ids() -> tuple[str, ...]:
    """The ids of the bundled forms, sorted."""
    return tuple(sorted(_bundled()))


def forms() -> tuple[FormTemplate, ...]:
    """Every bundled form, sorted by id (``[f.id for f in wr.forms()]``)."""
    data = _bundled()
    return tuple(data[k] for k in sorted(data))


def get_form(form_id: str | FormTemplate) -> FormTemplate:
    """The bundled form ``form_id`` (``wuhan-2015:swn``); a :class:`FormTemplate` is returned as it
    is.

    Raises:
        UnknownIdError: no bundled form has that id (the message lists the known ids).
    """
    if isinstance(form_id, FormTemplate):
        return form_id
    if isinstance(form_id, str):
        alone = _bundled_one(form_id.strip())
        if alone is not None:
            return alone
    data = _bundled()
    if isinstance(form_id, str):
        found = data.get(form_id.strip())
        if found is not None:
            return found
    raise UnknownIdError(
        N_("unknown form {got}; known forms: {expected}"),
        what=N_("form"),
        expected=", ".join(sorted(data)) or "none",
        got=form_id,
    )
