"""Plausibility of a return's figures (issue 10, point 2): a figure above the bound of its unit
(``data/plausibility.toml``) is a finding, a figure longer than any real one an input error.

A figure shaped like an ID or bank card number is an error (it was pasted into the wrong cell); a
figure merely above the bound of its unit (more than 10 亿元, more than 10 million persons) is a
warning: it may be real, and a person should look.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from decimal import Decimal

from wennuan_rules.errors import WennuanError
from wennuan_rules.form.model import FormTemplate, LineItem
from wennuan_rules.i18n import N_, Message
from wennuan_rules.money import refuse_foreign_digits
from wennuan_rules.plausibility import ABOVE, ID_NUMBER, bounds, check_digits, judge
from wennuan_rules.results import Finding, Severity

__all__ = ["implausible"]

_SHORT = 5  # a figure of at most 5 characters is below every bound (the lowest is 100,000)


#: How the engine reads a value of a line item (``form.validate.parse_value``, which passes it).
Parse = Callable[[object, LineItem], object]


def _figure(
    form: FormTemplate, key: str, raw: object, parse_value: Parse
) -> tuple[str, Decimal] | None:
    """The code and number of a value worth a look, or ``None`` (short, not a number, unknown
    code: the rules engine reports what it cannot read)."""
    if raw is None or isinstance(raw, bool) or (isinstance(raw, str) and len(raw) <= _SHORT):
        return None
    if isinstance(raw, int) and -(10**_SHORT) < raw < 10**_SHORT:
        return None
    try:
        code = form.resolve(key)
        value = parse_value(raw, form.item(code))
    except WennuanError:
        return None
    return (code, value) if isinstance(value, Decimal) else None


@functools.cache
def _quiet() -> Decimal:
    """A figure ``x`` with ``-q < x <= q`` is below the bound of every unit and far shorter than
    the longest real figure: nothing to look at, whatever its line item."""
    b = bounds()
    return min([Decimal(10) ** (min(b.max_digits, 15) - 1), *(u.max for u in b.units.values())])


def implausible(
    form: FormTemplate, values: Mapping[str, object], parse_value: Parse
) -> list[Finding]:
    """The findings on the figures of ``values`` above the bound of their unit (``parse_value``:
    how the engine reads a value, passed by :mod:`wennuan_rules.form.validate`, the check above).

    Raises:
        InvalidValueError: a figure with more digits than any real one, or with a digit of another
            script (:func:`~wennuan_rules.money.refuse_foreign_digits`).
    """
    if not isinstance(values, Mapping):
        return []
    found: list[Finding] = []
    table = bounds().units
    quiet = _quiet()
    for key, raw in values.items():
        if raw.__class__ is Decimal and raw.is_finite() and -quiet < raw <= quiet:
            continue  # the usual figure: short, below every bound
        if isinstance(raw, str) and not raw.isascii():
            refuse_foreign_digits(raw, str(key))  # the engine's fast path would read them
        figure = _figure(form, key, raw, parse_value)
        if figure is None:
            continue
        code, value = figure
        check_digits(value, code)
        item = form.item(code)
        bound = table.get(item.unit)
        odd = judge(value, bound)
        if odd is None or bound is None:
            continue
        if odd == ABOVE:
            message = Message.of(
                N_("{item} is more than {max} {unit}, more than any one unit reports"),
                item=code,
                max=str(bound.max),
                unit=item.unit,
            )
        elif odd == ID_NUMBER:
            message = Message.of(N_("{item} looks like an ID number, not a figure"), item=code)
        else:
            message = Message.of(
                N_("{item} looks like a bank card number, not a figure"), item=code
            )
        found.append(
            Finding(
                rule=f"{form.id}/{code}=plausible",
                severity=Severity.WARNING if odd == ABOVE else Severity.ERROR,
                items=(code,),
                message=message,
                expected=f"<= {bound.max}",
                actual=None,
                source=form.item_source(code),
                unit=item.unit,
            )
        )
    return found
