"""Audit of a payment roster against a campaign's rules (docs/audits.md).

Rules (ids ``<campaign>:payments/<name>``), each citing the clause it rests on:

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

from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, Final

from wennuan_rules.audits._common import (
    NOT_EVALUATED,
    PASS,
    Audit,
    check_file_campaign,
    check_tolerance,
    resolve_campaign,
)
from wennuan_rules.audits.data import AuditData, audit_data
from wennuan_rules.audits.roster import (
    Payment,
    Roster,
    check_digit,
    normalize_id_number,
    normalized_id_problem,
)
from wennuan_rules.errors import InvalidValueError
from wennuan_rules.i18n import N_, Label, Message
from wennuan_rules.privacy import mask_id_number
from wennuan_rules.report import Report, Severity
from wennuan_rules.vocabulary import PaymentChannel

if TYPE_CHECKING:
    from wennuan_rules.campaign import Campaign
    from wennuan_rules.form.model import Return

__all__ = ["audit_payments", "resolve_campaign"]

_CENT: Final = Decimal("0.01")

_RECONCILE_MESSAGES: Final = {
    "payments": N_(
        "the roster has {roster} payments (person-times) for {item}; the return reports {reported}"
    ),
    "eq": N_(
        "the roster adds up to {roster} (10,000 yuan) for {item}; the return reports {reported}"
    ),
    "le": N_(
        "the roster pays out {roster} (10,000 yuan) from the sources of {item}, more than the "
        "{reported} the return reports"
    ),
}

_ID_MESSAGES: Final = {
    "missing": N_("no ID number: payments must be made in the recipient's real name"),
    "length": N_("ID number {id} has {length} characters; a resident identity card number has 18"),
    "format": N_("ID number {id} has characters other than digits before its check digit"),
    "checksum": N_("ID number {id} has a wrong check digit (expected {check})"),
    "birth-date": N_("ID number {id} holds an impossible birth date"),
    "region": N_("ID number {id} has region code {region}, which did not exist in its birth year"),
}


_PASS, _NE = PASS, NOT_EVALUATED


def _finer_than_fen(amount: Decimal) -> bool:
    """Whether ``amount`` is not a whole number of 分 (``12.345``; ``12.340`` is fine)."""
    try:
        return amount != amount.quantize(_CENT)
    except InvalidOperation:  # more digits than the context holds: look at the exponent instead
        _sign, digits, exponent = amount.as_tuple()
        assert isinstance(exponent, int)  # finite: Payment refuses anything else
        zeros = len(digits) - len("".join(map(str, digits)).rstrip("0"))
        return exponent + zeros < -2


def _return_number(values: Mapping[str, object], item: str) -> Decimal | None:
    value = values.get(item)
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | Decimal):
        return Decimal(value)
    from wennuan_rules.money import parse_number

    return parse_number(value, what=item, unit="万元")


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
        expected="a Payment or a mapping of roster fields",
        got=type(row).__name__,
    )


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
        data: the campaign's audit data (default: the bundled ``data/audits/<campaign>.toml``).
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
    if return_values is not None and not isinstance(return_values, Mapping):
        # a forms Return (wr.read_returns): its form must be the one the audit data reconciles with
        form = getattr(return_values, "form", None)
        if form != info.form:
            raise InvalidValueError(
                N_("{what}: expected {expected}, got {got}"),
                what="return_values",
                expected=f"a return of {info.form}" if info.form else "no return (no form bundled)",
                got=form,
            )
        return_values = return_values.values
    if isinstance(payments, Roster):
        check_file_campaign(payments.campaign, camp.id, payments.file)
        unit = unit if unit is not None else payments.unit
        rows: Iterable[Payment] = payments.payments
    else:
        rows = payments  # type: ignore[assignment]  # mappings are read in the loop
    audit = Audit(camp.id, "payments", show_personal_data=show_personal_data)
    prefix = audit.prefix
    rules = camp.payment

    def shown_id(value: str) -> str:
        return value if show_personal_data else mask_id_number(value)

    real_name = rules.real_name if rules.real_name is not None and rules.real_name.value else None
    file_rule = (
        rules.file_before_aid
        if rules.file_before_aid is not None and rules.file_before_aid.value
        else None
    )
    scope = frozenset(rules.rules_apply_to) if rules.rules_apply_to else None
    real_sources = file_sources = None if scope is None else frozenset(f.id for f in scope)
    real_source = real_name.source if real_name else ""
    file_source = file_rule.source if file_rule else ""

    channels: frozenset[PaymentChannel] = frozenset()
    channel_source = ""
    if rules.channels is not None and rules.channels.value:
        channels = frozenset(rules.channels.value)
        channel_source = rules.channels.source
    channel_sources = (
        frozenset(f.id for f in rules.channel_applies_to) if rules.channel_applies_to else None
    )
    ordered = sorted(channels, key=lambda c: c.id)
    channel_names = ", ".join(c.id for c in ordered)
    # the channels in the reader's language, for messages (银行卡、工会卡 / bank card, union card)
    channel_labels = Label(
        zh_hans="、".join(c.label.zh_hans for c in ordered),
        zh_hant="、".join(c.label.zh_hant for c in ordered),
        en=", ".join(c.label.en for c in ordered),
    )

    deadlines = {src.id: (src, d) for src, d in camp.spending_deadlines.items()}
    period = camp.period
    period_source = period.source
    group_ids = {g.id for g in info.groups}
    # the rules without a clause of their own (amounts, duplicates) rest on the campaign's rules on
    # the management of aid money: 专款专用 / 实名制发放
    money_source = "; ".join(
        dict.fromkeys(
            s.source for s in (rules.earmarked, rules.real_name) if s is not None and s.source
        )
    )

    r_real = prefix + "real-name"
    r_file = prefix + "file-before-aid"
    r_period = prefix + "period"
    r_channel = prefix + "channel"
    r_amount = prefix + "amount"
    r_dup = prefix + "duplicate"
    r_group = prefix + "group"
    tally = audit.tally
    add = tally.add
    c_real = tally.counter(r_real)
    c_file = tally.counter(r_file)
    c_period = tally.counter(r_period)
    c_channel = tally.counter(r_channel)
    c_amount = tally.counter(r_amount)
    c_dup = tally.counter(r_dup)
    c_group = tally.counter(r_group)
    # fund source id -> (rule, deadline, counter); ids, not enum members: hashing an Enum member
    # runs Python code, and this loop may see millions of rows
    deadline_of = {
        sid: (
            f"{prefix}spending-deadline/{sid}",
            d,
            tally.counter(f"{prefix}spending-deadline/{sid}"),
        )
        for sid, (_src, d) in deadlines.items()
    }
    not_evaluated = audit.not_evaluated
    # duplicates: fund source id -> ID number key -> first row (an int key per valid number)
    seen: dict[str, dict[int | str, int | str]] = {}
    total = Decimal(0)
    count = 0
    by_source: dict[str, Decimal] = {}
    by_group: dict[str, Decimal] = {}
    period_start, period_end = period.start, period.end
    goods = PaymentChannel.GOODS
    payment_type = Payment
    zero = Decimal(0)
    recon = info.reconcile if return_values is not None else ()
    recon_specs = [
        (
            i,
            frozenset(r.groups) if r.groups else None,
            frozenset(f.id for f in r.fund_sources) if r.fund_sources else None,
        )
        for i, r in enumerate(recon)
    ]
    group_cache: dict[str, str | None] = {}
    recon_amount = [Decimal(0) for _ in recon]
    recon_count = [0 for _ in recon]

    error = audit.finding

    for p in rows:
        count += 1
        if type(p) is not payment_type:  # a mapping (or a subclass): read it, else refuse it
            p = _as_payment(p, count)
        sid = p.fund_source._value_
        amount = p.amount
        paid_on = p.paid_on
        total += amount
        by_source[sid] = by_source.get(sid, zero) + amount
        if p.group is not None:
            by_group[p.group] = by_group.get(p.group, zero) + amount

        # -- 实名制 ------------------------------------------------------------------------------
        number = p.id_number
        norm = normalize_id_number(number) if number else ""
        problem = normalized_id_problem(norm, strict_region)
        if real_name is not None and (real_sources is None or sid in real_sources):
            if not p.name:
                error(
                    r_real,
                    ("name",),
                    Message.of(
                        N_("no recipient name: payments must be made in the recipient's real name")
                    ),
                    p.where,
                    real_source,
                )
            elif problem is not None:
                shown = shown_id(number) if number else ""
                params: dict[str, object] = {"id": shown}
                expected = None
                if problem == "length":
                    params["length"] = len(norm)
                    expected = "18"
                elif problem == "checksum":
                    expected = params["check"] = check_digit(norm)
                elif problem == "region":
                    params["region"] = norm[:6]
                error(
                    r_real,
                    ("id_number",),
                    Message.of(_ID_MESSAGES[problem], **params),
                    p.where,
                    real_source,
                    expected=expected,
                    actual=shown or None,
                )
            else:
                c_real[_PASS] += 1

        # -- 先建档、后帮扶 ------------------------------------------------------------------------
        if file_rule is not None and (file_sources is None or sid in file_sources):
            filed_on = p.filed_on
            if filed_on is None and p.file_category is None:
                error(
                    r_file,
                    ("file_category", "filed_on"),
                    Message.of(
                        N_(
                            "the recipient has no hardship file; aid is paid only to "
                            "families on file"
                        )
                    ),
                    p.where,
                    file_source,
                )
            elif filed_on is None:
                c_file[_NE] += 1
                not_evaluated.append(f"{r_file} [{p.where}]")
            elif paid_on < filed_on:
                error(
                    r_file,
                    ("paid_on", "filed_on"),
                    Message.of(
                        N_("paid on {paid_on}, before the hardship file was opened on {filed_on}"),
                        paid_on=paid_on.isoformat(),
                        filed_on=filed_on.isoformat(),
                    ),
                    p.where,
                    file_source,
                    expected=f">= {filed_on.isoformat()}",
                    actual=paid_on.isoformat(),
                )
            else:
                c_file[_PASS] += 1

        # -- spending deadline per fund source ----------------------------------------------------
        found_deadline = deadline_of.get(sid)
        if found_deadline is not None:
            rule, deadline, counter = found_deadline
            if paid_on <= deadline.last_day:
                counter[_PASS] += 1
            else:
                error(
                    rule,
                    ("paid_on", "fund_source"),
                    Message.of(
                        N_(
                            "money from {fund_source} paid on {paid_on}, after its spending "
                            "deadline {deadline}"
                        ),
                        fund_source=p.fund_source,
                        paid_on=paid_on.isoformat(),
                        deadline=deadline.last_day.isoformat(),
                    ),
                    p.where,
                    deadline.source,
                    expected=f"<= {deadline.last_day.isoformat()}",
                    actual=paid_on.isoformat(),
                )

        # -- campaign period ----------------------------------------------------------------------
        if period_start <= paid_on <= period_end:
            c_period[_PASS] += 1
        else:
            error(
                r_period,
                ("paid_on",),
                Message.of(
                    N_("paid on {paid_on}, outside the campaign period {start} to {end}"),
                    paid_on=paid_on.isoformat(),
                    start=period_start.isoformat(),
                    end=period_end.isoformat(),
                ),
                p.where,
                period_source,
                expected=f"{period_start.isoformat()} .. {period_end.isoformat()}",
                actual=paid_on.isoformat(),
            )

        # -- channel ------------------------------------------------------------------------------
        if channels and (channel_sources is None or sid in channel_sources):
            channel = p.channel
            if channel in channels:
                c_channel[_PASS] += 1
            elif exempt_goods and channel is goods:
                pass
            else:
                error(
                    r_channel,
                    ("channel",),
                    Message.of(
                        N_(
                            "paid by {channel}; money from {fund_source} must be paid by {expected}"
                        ),
                        channel=channel,
                        fund_source=p.fund_source,
                        expected=channel_labels,
                    ),
                    p.where,
                    channel_source,
                    expected=channel_names,
                    actual=channel.id,
                )

        # -- amount -------------------------------------------------------------------------------
        if amount <= 0:
            error(
                r_amount,
                ("amount",),
                Message.of(N_("amount {amount} yuan is not positive"), amount=str(amount)),
                p.where,
                money_source,
                expected="> 0",
                actual=str(amount),
            )
        elif _finer_than_fen(amount):
            error(
                r_amount,
                ("amount",),
                Message.of(
                    N_("amount {amount} yuan is not given to the fen (0.01 yuan)"),
                    amount=str(amount),
                ),
                p.where,
                money_source,
                expected=str(amount.quantize(_CENT)),
                actual=str(amount),
            )
        else:
            c_amount[_PASS] += 1

        # -- the same person paid twice from the same source -------------------------------------
        if norm:
            key: int | str = norm
            if problem is None:  # 17 digits and a check digit: one int instead of a string
                last = norm[17]
                key = int(norm[:17]) * 16 + (10 if last == "X" else ord(last) - 48)
            first_rows = seen.get(sid)
            if first_rows is None:
                first_rows = seen[sid] = {}
            first = first_rows.get(key)
            if first is None:
                first_rows[key] = p.row if p.row is not None else p.where
                c_dup[_PASS] += 1
            else:
                error(
                    r_dup,
                    ("id_number", "fund_source"),
                    Message.of(
                        N_(
                            "paid twice from {fund_source}: ID number {id} was already "
                            "paid in row {first}"
                        ),
                        fund_source=p.fund_source,
                        id=shown_id(number or ""),
                        first=str(first),
                    ),
                    p.where,
                    money_source,
                    actual=str(first),
                    severity=Severity.WARNING,
                )

        # -- recipient group ----------------------------------------------------------------------
        gid = p.group
        if gid is not None and group_ids:
            if gid in group_ids:
                c_group[_PASS] += 1
            else:
                if gid not in group_cache:
                    found = info.group(gid)
                    group_cache[gid] = None if found is None else found.id
                resolved = group_cache[gid]
                if resolved is not None:
                    c_group[_PASS] += 1
                    gid = resolved
                else:
                    error(
                        r_group,
                        ("group",),
                        Message.of(
                            N_("unknown recipient group {got}; expected one of {expected}"),
                            got=gid,
                            expected=", ".join(sorted(group_ids)),
                        ),
                        p.where,
                        info.file or "",
                        expected=", ".join(sorted(group_ids)),
                        actual=gid,
                    )

        # -- reconciliation sums -----------------------------------------------------------------
        for i, wanted_groups, wanted_sources in recon_specs:
            if wanted_groups is not None and gid not in wanted_groups:
                continue
            if wanted_sources is not None and sid not in wanted_sources:
                continue
            recon_amount[i] += amount
            recon_count[i] += 1

    # -- reconciliation against the return ---------------------------------------------------------
    recon_out: list[dict[str, Any]] = []
    if return_values is not None:
        from wennuan_rules.money import yuan_to_wan

        for i, r in enumerate(recon):
            rule = f"{prefix}reconcile/{r.item}"
            reported = _return_number(return_values, r.item)
            ours: Decimal = (
                yuan_to_wan(recon_amount[i]) if r.measure == "amount" else Decimal(recon_count[i])
            )
            entry: dict[str, Any] = {
                "item": r.item,
                "measure": r.measure,
                "relation": r.relation,
                "roster": str(ours),
                "return": None if reported is None else str(reported),
            }
            if reported is None:
                add(rule, _NE)
                not_evaluated.append(rule)
                entry["ok"] = None
                recon_out.append(entry)
                continue
            allowed = tol if r.measure == "amount" else Decimal(0)
            ok = (
                abs(ours - reported) <= allowed
                if r.relation == "eq"
                else ours <= reported + allowed
            )
            entry["ok"] = ok
            recon_out.append(entry)
            if ok:
                add(rule, _PASS)
                continue
            msgid = _RECONCILE_MESSAGES["payments" if r.measure == "payments" else r.relation]
            msg = Message.of(msgid, roster=str(ours), item=r.item, reported=str(reported))
            expected = str(reported) if r.relation == "eq" else f"<= {reported}"
            audit.finding(rule, (r.item,), msg, None, r.source, expected, str(ours))

    extra: dict[str, Any] = {
        "campaign": camp.id,
        "rows": count,
        "totals": {
            "amount": str(total),
            "by_fund_source": {k: str(v) for k, v in sorted(by_source.items())},
            "by_group": {k: str(v) for k, v in sorted(by_group.items())},
        },
    }
    if return_values is not None:
        extra["reconciliation"] = recon_out
    return audit.report(unit, extra)
