"""Many returns checked into one :class:`~wennuan_rules.batch.Batch` (the notebook's object).

>>> import wennuan_rules as wr
>>> batch = wr.validate_batch("returns/", form="wuhan-2015:swn")  # doctest: +SKIP
>>> batch  # doctest: +SKIP   (in a notebook: the styled per-rule report)
>>> batch.passes(fail_on="warning", max_failing="0.05")  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal
from pathlib import Path

from wennuan_rules.batch import Batch
from wennuan_rules.errors import InvalidValueError
from wennuan_rules.form.model import FormTemplate, Return
from wennuan_rules.form.readers import read_returns
from wennuan_rules.form.validate import ReturnLike, summarize, validate_many
from wennuan_rules.i18n import N_
from wennuan_rules.results import Report

__all__ = ["batch_of", "validate_batch"]


def _where(entry: object) -> str | None:
    if isinstance(entry, Return) and entry.file is not None:
        return entry.file if entry.line is None else f"{entry.file}:{entry.line}"
    return None


def validate_batch(
    source: str | Path | Iterable[ReturnLike],
    form: str | FormTemplate | None = None,
    *,
    tolerance: Decimal | str | int | None = None,
    forms: Iterable[FormTemplate] = (),
) -> Batch:
    """Check many returns into a :class:`~wennuan_rules.batch.Batch`: the styled per-rule report
    in a notebook, ``to_frame()``, ``failing()``, ``passes(fail_on=…, max_failing=…)``.

    Args:
        source: a folder (every ``.json``, ``.csv``, ``.xlsx``, ``.xls`` file in it, by name), a
            file, or the returns themselves (:class:`Return` objects or ``(form, values[, unit])``
            tuples, as :func:`~wennuan_rules.form.validate.validate_many` takes them).
        form: the form of CSV files and of workbooks in the wide layout (JSON names its own).
        tolerance: as for :func:`~wennuan_rules.form.validate.validate`.
        forms: forms not bundled (from ``load_form``) that returns may name.

    Raises:
        InputFileError, UnknownIdError, InvalidValueError: as :func:`read_returns` and
            :func:`validate_many` raise them (with the file and line).
    """
    extra = list(forms)
    if isinstance(form, FormTemplate):
        extra.append(form)
    if isinstance(source, str | Path):
        returns: Iterable[ReturnLike] = read_returns(source, form=form, forms=extra)
    elif isinstance(source, Iterable):
        returns = source
    else:
        raise InvalidValueError(
            N_("{what}: expected {expected}, got {got}"),
            what="source",
            expected="a folder, a file, or Return objects",
            got=type(source).__name__,
        )
    sources: list[str | None] = []

    def noted() -> Iterator[ReturnLike]:
        for entry in returns:
            sources.append(_where(entry))
            yield entry

    reports = list(validate_many(noted(), tolerance=tolerance, forms=extra))
    return batch_of(reports, forms=extra, sources=sources)


def batch_of(
    reports: Iterable[Report],
    *,
    forms: Iterable[FormTemplate] = (),
    sources: Iterable[str | None] | None = None,
) -> Batch:
    """A :class:`~wennuan_rules.batch.Batch` of reports already made (of form returns)."""
    kept = tuple(reports)
    summary = summarize(kept, forms=forms)
    where = tuple(sources) if sources is not None else (None,) * len(kept)
    return Batch(summary, kept, tuple(range(len(kept))), where)
