"""Audit of a payment roster against a campaign's rules (docs/audits.md).

:func:`audit_payments` is the driver: it reads the campaign's rule list from its audit data
(``[rules] payments``; every registered rule by default), starts each rule
(:mod:`wennuan_rules.audits.rules.payments`, one function per rule), feeds every row to each, once,
and collects the findings. Rules (ids ``<campaign>:payments/<name>``), each citing the clause it
rests on:

* ``real-name`` (实名制发放): a name and a valid 居民身份证 number (python-stdnum's ``cn.ric``:
  length, check digit, birth date, region code). Error.
* ``file-before-aid`` (先建档、后帮扶 / 依档帮扶): the recipient is on file and was paid on or after
  the day the file was opened. Error; a file category without a filing date is not evaluated.
* ``spending-deadline/<fund source>``: money of a source with a spending deadline was paid by its
  last day (``Deadline.last_day``, inclusive). Error.
* ``period``: paid inside the campaign period (inclusive). Error.
* ``channel``: paid through the channel the campaign requires (bank card, union card) for the money
  it covers; goods (实物) are exempt unless ``exempt_goods=False``. Error.
* ``amount``: positive, to the 分. Error.
* ``duplicate``: the same ID number paid twice from the same fund source. Warning.
* ``group``: the row's recipient group is one the campaign's audit data names. Error.
* ``recipient-category``, ``employer-union`` (平工总［2009］38号 附件3 三1): the row's group is one
  aid may go to, and the employer has a union (``[recipients]`` of the audit data;
  :mod:`wennuan_rules.audits.rules.recipients`). Error; a row that does not say is not evaluated.
* ``reconcile/<item>``: with a return, roster totals per fund source and group against the form's
  line items (``data/audits/<campaign>.toml``), exactly in 万元 unless a ``tolerance`` is given.
  Error.

Counting: ``Report.passed`` counts (rule, row) checks that passed; ``Report.not_evaluated`` names
the checks that could not be made (``<rule> [<row>]``); ``Report.extra["rules"]`` has per-rule
counts.

Personal data is masked when the report is built (``show_personal_data=False``, the default): no
message, expected or actual value of a finding holds a name, an ID number or a card number in clear.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

from wennuan_rules.audits._common import (
    Audit,
    check_file_campaign,
    check_tolerance,
    resolve_campaign,
)
from wennuan_rules.audits.data import AuditData, audit_data
from wennuan_rules.audits.roster import Payment, Roster, normalize_id_number, normalized_id_problem
from wennuan_rules.audits.rules import Row
from wennuan_rules.audits.rules.payments import PaymentContext
from wennuan_rules.errors import InvalidValueError
from wennuan_rules.i18n import N_, Message
from wennuan_rules.privacy import mask_personal_in
from wennuan_rules.report import Report

if TYPE_CHECKING:
    from wennuan_rules.campaign import Campaign
    from wennuan_rules.form.model import Return

__all__ = ["audit_payments", "resolve_campaign"]


def _as_payment(row: object, number: int) -> Payment:
    """A row given as a mapping (a JSON record, a DataFrame's ``to_dict("records")`` row) read by
    :meth:`Payment.from_mapping`, its ``row`` the 1-based position; anything else is refused."""
    if isinstance(row, Payment):
        return row
    if isinstance(row, Mapping):
        return Payment.from_mapping(row, row=number)
    raise InvalidValueError(
        N_("{what}: expected {expected}, got {got}"),
        what=f"payments[{number - 1}]",
        expected=N_("a Payment or a mapping of roster fields"),
        got=type(row).__name__,
    )


def _return_values(
    return_values: Mapping[str, object] | Return | None, info: AuditData
) -> Mapping[str, object] | None:
    """The values to reconcile with; a forms ``Return`` must be of the form the audit data
    reconciles with."""
    if return_values is None or isinstance(return_values, Mapping):
        return return_values
    form = getattr(return_values, "form", None)
    if form != info.form:
        raise InvalidValueError(
            N_("{what}: expected {expected}, got {got}"),
            what="return_values",
            expected=(
                Message.of(N_("a return of {form}"), form=info.form)
                if info.form
                else N_("no return (no form bundled)")
            ),
            got=form,
        )
    return return_values.values


def audit_payments(
    payments: Iterable[Payment | Mapping[str, object]] | Roster,
    campaign: Campaign | str,
    *,
    return_values: Mapping[str, object] | Return | None = None,
    unit: str | None = None,
    show_personal_data: bool = False,
    data: AuditData | None = None,
    exempt_goods: bool = True,
    tolerance: Decimal | int = 0,
    strict_region: bool = False,
) -> Report:
    """Audit a payment roster against a campaign's rules.

    Args:
        payments: the rows (any iterable, read once: a generator keeps memory flat) or a
            :class:`Roster`. A row may be a :class:`Payment` or a mapping of the roster fields
            (``Payment.from_mapping``: ids or labels, amounts as text or Decimal).
        campaign: a campaign or its id.
        return_values: the campaign's return (a ``Return`` from ``wr.read_returns``, or a mapping
            of line item code → value in the form's unit, ``None`` for not reported), to reconcile
            roster totals against; ``None`` skips reconciliation.
        unit: the paying unit, shown in the report (default: the roster's own).
        show_personal_data: put names, ID and card numbers in clear into the report (default:
            masked).
        data: the campaign's audit data (default: the bundled ``data/audits/<campaign>.toml``):
            its groups, reconciliation lines and the rules to run (``[rules] payments``).
        exempt_goods: goods (实物) are not held to the required payment channel.
        tolerance: allowed absolute difference of amounts in reconciliation, in 万元 (default
            exact).
        strict_region: python-stdnum's rule that an ID number's region code was in use in the birth
            year (default: in use in or after it; docs/decisions.md "Audits").

    Returns:
        A :class:`~wennuan_rules.report.Report` with form ``<campaign>:payments``; totals in
        ``extra``.

    Raises:
        UnknownIdError: an unknown campaign id.
        InvalidValueError: a bad ``tolerance`` or return value; a roster file that names another
            campaign.
    """
    camp = resolve_campaign(campaign)
    tol = check_tolerance(tolerance)
    info = data if data is not None else audit_data(camp.id)
    values = _return_values(return_values, info)
    if isinstance(payments, Roster):
        check_file_campaign(payments.campaign, camp.id, payments.file)
        unit = unit if unit is not None else payments.unit
        rows: Iterable[Payment | Mapping[str, object]] = payments.payments
    elif isinstance(payments, str | bytes | Mapping) or not isinstance(payments, Iterable):
        raise InvalidValueError(
            N_("{what}: expected {expected}, got {got}"),
            what=N_("payments"),
            expected=N_("a Roster or an iterable of Payment or mappings"),
            got=type(payments).__name__,
        )
    else:
        rows = payments
    audit = Audit(camp.id, "payments", show_personal_data=show_personal_data)
    ctx = PaymentContext(
        campaign=camp,
        info=info,
        audit=audit,
        show_personal_data=show_personal_data,
        exempt_goods=exempt_goods,
        tolerance=tol,
        return_values=values,
        group_ids=frozenset(g.id for g in info.groups),
    )
    checks = [c for c in (use.rule.function(ctx, use) for use in info.rules("payments")) if c]
    count, totals = _run(rows, [c.rows for c in checks if c.rows], ctx, strict_region)
    extra: dict[str, Any] = {"campaign": camp.id, "rows": count, "totals": totals}
    for check in checks:
        if check.finish is not None:
            check.finish()
    if values is not None:
        extra["reconciliation"] = ctx.extra.get("reconciliation", [])
    return audit.report(unit, extra)


_BATCH: Final = 512


def _run(
    rows: Iterable[Payment | Mapping[str, object]],
    checks: list[Callable[[list[Row]], None]],
    ctx: PaymentContext,
    strict_region: bool,
) -> tuple[int, dict[str, Any]]:
    """Feed every row to every rule, once, a batch at a time; the number of rows and the totals."""
    group_ids = ctx.group_ids
    group_cache: dict[str, str | None] = {}
    total = Decimal(0)
    zero = Decimal(0)
    count = 0
    by_source: dict[str, Decimal] = {}
    by_group: dict[str, Decimal] = {}
    payment_type = Payment
    batch: list[Row] = []
    add, size = batch.append, _BATCH
    for p in rows:
        count += 1
        if type(p) is not payment_type:  # a mapping (or a subclass): read it, else refuse it
            p = _as_payment(p, count)
        sid = p.fund_source._value_
        amount = p.amount
        total += amount
        by_source[sid] = by_source.get(sid, zero) + amount
        gid = p.group
        if gid is not None:
            if group_ids and gid not in group_ids:  # a label: the group's id, if it names one
                if gid not in group_cache:
                    found = ctx.info.group(gid)
                    group_cache[gid] = None if found is None else found.id
                gid = group_cache[gid] or gid
            key = gid if gid in group_ids or ctx.show_personal_data else mask_personal_in(gid)
            by_group[key] = by_group.get(key, zero) + amount  # keyed by id, not by what was typed
        number = p.id_number
        norm = normalize_id_number(number) if number else ""
        add((p, sid, norm, normalized_id_problem(norm, strict_region), gid))
        if len(batch) == size:
            _flush(batch, checks, ctx)
    _flush(batch, checks, ctx)
    totals = {
        "amount": str(total),
        "by_fund_source": {k: str(v) for k, v in sorted(by_source.items())},
        "by_group": {k: str(v) for k, v in sorted(by_group.items())},
    }
    return count, totals


def _flush(
    batch: list[Row], checks: list[Callable[[list[Row]], None]], ctx: PaymentContext
) -> None:
    """Run the rules over a batch, then put its findings in row order (each rule made its own in
    row order; rows then rules, as if every row went through every rule in turn)."""
    findings = ctx.audit.findings
    mark = len(findings)
    for check in checks:
        check(batch)
    made = ctx.failed_rows
    if len(made) > 1:
        at = {id(item): i for i, item in enumerate(batch)}
        new = findings[mark:]
        order = sorted(range(len(new)), key=lambda j: at[id(made[j])])  # stable: rule order kept
        findings[mark:] = [new[j] for j in order]
    made.clear()
    batch.clear()
