"""Year on year: items of a return that moved more than a set ratio from last year's
(合理性审核, plausibility review: warnings only, never errors).

An item is compared when it is a number (a count or 万元) reported in both years; an item blank in
either year is not evaluated. It is flagged when ``|this − last| > ratio × |last|``; an item that
was 0 last year is flagged when it is not 0 this year (any change is more than any ratio of 0).
The default ratio, :data:`DEFAULT_RATIO` = 0.5, flags a rise of more than half or a fall of more
than half; set your own (``ratio="0.3"``). Everything is exact (Decimal).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Final

from wennuan_rules.errors import InvalidValueError
from wennuan_rules.form.loader import get_form
from wennuan_rules.form.model import FormTemplate, Return
from wennuan_rules.form.validate import make_return
from wennuan_rules.i18n import N_, Message
from wennuan_rules.report import Finding, Report, Severity

__all__ = ["BASIS", "DEFAULT_RATIO", "compare"]

#: The change, as a share of last year's value, beyond which an item is flagged.
DEFAULT_RATIO: Final = Decimal("0.5")
#: The basis every finding cites: the plausibility review of statistical returns.
BASIS: Final = "合理性审核"


def _ratio(value: Decimal | str | int) -> Decimal:
    try:
        ratio = Decimal(str(value)) if not isinstance(value, Decimal) else value
    except ArithmeticError:
        ratio = Decimal("NaN")
    if not ratio.is_finite() or ratio < 0 or isinstance(value, bool | float):
        raise InvalidValueError(
            N_("{what}: expected {expected}, got {got}"),
            what="ratio",
            expected=N_("a number ≥ 0 such as 0.5 (Decimal, string or int; not a float)"),
            got=value,
        )
    return ratio


def _as_return(form: FormTemplate, data: Return | Mapping[str, object]) -> Return:
    if isinstance(data, Return):
        if data.form != form.id:
            raise InvalidValueError(
                N_("{what}: expected {expected}, got {got}"),
                what=N_("form"),
                expected=Message.of(N_("a return of {form}"), form=form.id),
                got=data.form,
            )
        return data
    return make_return(form, data)


def compare(
    this_year: Return | Mapping[str, object],
    last_year: Return | Mapping[str, object],
    form: str | FormTemplate | None = None,
    *,
    ratio: Decimal | str | int = DEFAULT_RATIO,
) -> Report:
    """Year-on-year plausibility findings (warnings) for ``this_year`` against ``last_year``.

    Args:
        this_year: this year's return (a :class:`Return` or code → value).
        last_year: last year's return of the same form.
        form: the form (id or template); taken from ``this_year`` when it is a Return.
        ratio: the change, as a share of last year's value, beyond which an item is flagged
            (default :data:`DEFAULT_RATIO`).

    Returns:
        A :class:`Report`: one warning per flagged item (rule ``<form>/yoy:<code>``, expected last
        year's value, actual this year's, source 合理性审核 and the form line); ``not_evaluated``
        the items blank in either year.

    Raises:
        InvalidValueError: a bad ratio, a return of another form, a value that is not a number.
        UnknownIdError: an unknown form or code.
    """
    if form is None:
        if not isinstance(this_year, Return):
            raise InvalidValueError(
                N_("{what}: expected {expected}, got {got}"),
                what=N_("form"),
                expected=N_("a form id (or Return objects)"),
                got=Message.of(N_("nothing")),
            )
        form = this_year.form
    template = get_form(form)
    limit = _ratio(ratio)
    now, before = _as_return(template, this_year), _as_return(template, last_year)
    findings: list[Finding] = []
    skipped: list[str] = []
    passed = 0
    for item in template.items:
        if item.is_yes_no:
            continue
        rule = f"{template.id}/yoy:{item.code}"
        this, last = now.values.get(item.code), before.values.get(item.code)
        if not isinstance(this, Decimal) or not isinstance(last, Decimal):
            skipped.append(rule)
            continue
        change = this - last
        allowed = limit * abs(last)
        if abs(change) <= allowed and not (last == 0 and this != 0):
            passed += 1
            continue
        findings.append(
            Finding(
                rule=rule,
                severity=Severity.WARNING,
                items=(item.code,),
                message=Message.of(
                    N_(
                        "{code} is {this} this year against {last} last year: a change of "
                        "{change}, more than {percent}% of last year's value"
                    ),
                    code=item.code,
                    this=str(this),
                    last=str(last),
                    change=f"{change:+}",
                    percent=format((limit * 100).normalize(), "f"),
                ),
                expected=str(last),
                actual=str(this),
                source=f"{BASIS} {template.item_source(item.code)}",
                unit=item.unit,
                expected_value=last,
                actual_value=this,
                values=((item.code, this),),
            )
        )
    return Report(
        form=template.id,
        unit=now.unit,
        findings=tuple(findings),
        passed=passed,
        not_evaluated=tuple(skipped),
    )
