"""The payment roster rules, one function each (ids ``payments/<name>``; docs/audits.md).

Each rule is started once per audit with the :class:`PaymentContext` and returns a
:class:`~wennuan_rules.audits.rules.Check` whose ``row`` the driver
(:func:`wennuan_rules.audits.audit_payments`) calls for every row, or ``None`` when the campaign
has no such rule. Rows arrive with the facts every rule shares worked out once: the fund source
id, the normalised ID number and its problem
(:func:`~wennuan_rules.audits.roster.normalized_id_problem`), and the recipient group id resolved
against the campaign's groups.

A rule's state (the ID numbers already paid, the sums to reconcile) lives in its own closure:
constant memory per row, as a generator of rows allows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, Final

import attrs

from wennuan_rules.audits._common import NOT_EVALUATED, PASS, Audit, fallback_source
from wennuan_rules.audits.model import AuditData
from wennuan_rules.audits.registry import Check, Row, RuleUse, audit_rule
from wennuan_rules.audits.roster import check_digit
from wennuan_rules.i18n import N_, Label, Message
from wennuan_rules.plausibility import CARD_NUMBER, ID_NUMBER, Bound, bounds, judge
from wennuan_rules.privacy import mask_id_number, mask_personal_in
from wennuan_rules.report import Severity
from wennuan_rules.vocabulary import PaymentChannel

if TYPE_CHECKING:
    from wennuan_rules.campaign import Campaign

__all__ = ["PaymentContext"]

_CENT: Final = Decimal("0.01")

_ID_MESSAGES: Final = {
    "missing": N_("no ID number: payments must be made in the recipient's real name"),
    "length": N_("ID number {id} has {length} characters; a resident identity card number has 18"),
    "format": N_("ID number {id} has characters other than digits before its check digit"),
    "checksum": N_("ID number {id} has a wrong check digit (expected {check})"),
    "birth-date": N_("ID number {id} holds an impossible birth date"),
    "region": N_("ID number {id} has region code {region}, which did not exist in its birth year"),
}


@attrs.define
class PaymentContext:
    """What the payment rules of one audit share.

    Attributes:
        campaign: the campaign audited.
        info: its audit data.
        audit: the findings collector.
        show_personal_data: ID numbers in clear in findings.
        exempt_goods: goods (实物) are not held to the required channel.
        tolerance: allowed difference in reconciliation (万元).
        return_values: the return's values to reconcile with, or ``None``.
        group_ids: the ids of the campaign's recipient groups.
        extra: the report's ``extra``, which rules may add to when they finish.
    """

    campaign: Campaign
    info: AuditData
    audit: Audit
    show_personal_data: bool
    exempt_goods: bool
    tolerance: Decimal
    return_values: Mapping[str, object] | None
    group_ids: frozenset[str]
    extra: dict[str, Any] = attrs.field(factory=dict)
    #: the row (a batch item) of each finding of the current batch, in the order made
    failed_rows: list[Row] = attrs.field(factory=list)

    def fail(
        self,
        item: Row,
        rule: str,
        items: tuple[str, ...],
        message: Message,
        where: str | None,
        source: str,
        expected: str | None = None,
        actual: str | None = None,
        severity: Severity = Severity.ERROR,
    ) -> None:
        """Record a finding of ``rule`` about the row ``item`` (see :meth:`Audit.finding`)."""
        self.failed_rows.append(item)
        self.audit.finding(
            rule, items, message, where, source, expected, actual, severity, item[0].no
        )

    def rule(self, name: str) -> str:
        """The id findings carry: ``<campaign>:payments/<name>``."""
        return self.audit.prefix + name

    def shown_id(self, value: str) -> str:
        return value if self.show_personal_data else mask_id_number(value)

    def scope(self) -> frozenset[str] | None:
        """The fund source ids the payment rules govern (``None``: every source)."""
        wanted = self.campaign.payment.rules_apply_to
        return frozenset(f.id for f in wanted) if wanted else None

    def bound_groups(self) -> frozenset[str] | None:
        """The recipient groups 依档帮扶 and the channel rule govern (``None``: every row)."""
        bound = self.campaign.payment.bound_groups
        return frozenset(bound.value) if bound is not None else None

    @property
    def money_source(self) -> str:
        """The clause of the rules without one of their own (amounts, duplicates): the
        campaign's rules on the management of aid money (专款专用 / 实名制发放); where it has
        neither, the clauses its data cites for their absence, else its document."""
        rules = self.campaign.payment
        found = "; ".join(
            dict.fromkeys(
                s.source for s in (rules.earmarked, rules.real_name) if s is not None and s.source
            )
        )
        return found or fallback_source(self.campaign, "payment.earmarked", "payment.real_name")


@audit_rule(
    "payments/real-name",
    clause="实名制发放: the campaign's payment rule real_name (its document and section)",
    summary="a name and a valid 居民身份证 number (length, check digit, birth date, region)",
)
def real_name(ctx: PaymentContext, use: RuleUse) -> Check | None:
    clause = ctx.campaign.payment.real_name
    if clause is None or not clause.value:
        return None
    rule, source, severity, scope = ctx.rule("real-name"), clause.source, use.severity, ctx.scope()
    error, shown_id, counter = ctx.fail, ctx.shown_id, ctx.audit.tally.counter(rule)

    def rows(batch: list[Row]) -> None:
        inside = batch if scope is None else [item for item in batch if item[1] in scope]
        failing = [item for item in inside if item[3] is not None or not item[0].name]
        counter[PASS] += len(inside) - len(failing)
        for item in failing:
            p, _sid, norm, problem, _gid = item
            if not p.name:
                no_name = N_(
                    "no recipient name: payments must be made in the recipient's real name"
                )
                error(
                    item, rule, ("name",), Message.of(no_name), p.where, source, severity=severity
                )
            elif problem is not None:
                number = p.id_number
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
                message = Message.of(_ID_MESSAGES[problem], **params)
                error(
                    item,
                    rule,
                    ("id_number",),
                    message,
                    p.where,
                    source,
                    expected,
                    shown or None,
                    severity,
                )

    return Check(rows=rows)


@audit_rule(
    "payments/file-before-aid",
    clause="先建档、后帮扶: the campaign's payment rule file_before_aid",
    summary="the recipient is on file, and was paid on or after the day the file was opened",
)
def file_before_aid(ctx: PaymentContext, use: RuleUse) -> Check | None:
    clause = ctx.campaign.payment.file_before_aid
    if clause is None or not clause.value:
        return None
    rule, source, severity, scope, bound = (
        ctx.rule("file-before-aid"),
        clause.source,
        use.severity,
        ctx.scope(),
        ctx.bound_groups(),
    )
    error, counter, not_evaluated = (
        ctx.fail,
        ctx.audit.tally.counter(rule),
        ctx.audit.not_evaluated,
    )

    def governed(item: Row) -> bool:
        gid = item[4]
        return (scope is None or item[1] in scope) and (
            bound is None or gid is None or gid in bound
        )

    def rows(batch: list[Row]) -> None:
        inside = batch if scope is None and bound is None else list(filter(governed, batch))
        # on file before paid: checked here for every row, the others looked at one by one
        odd = [item for item in inside if (f := item[0].filed_on) is None or item[0].paid_on < f]
        counter[PASS] += len(inside) - len(odd)
        for item in odd:
            p = item[0]
            filed_on = p.filed_on
            if filed_on is None and p.file_category is None:
                message = Message.of(
                    N_("the recipient has no hardship file; aid is paid only to families on file")
                )
                error(
                    item,
                    rule,
                    ("file_category", "filed_on"),
                    message,
                    p.where,
                    source,
                    severity=severity,
                )
            elif filed_on is None:
                counter[NOT_EVALUATED] += 1
                not_evaluated.append(f"{rule} [{p.where}]")
            else:  # paid before the file was opened
                paid, filed = p.paid_on.isoformat(), filed_on.isoformat()
                message = Message.of(
                    N_("paid on {paid_on}, before the hardship file was opened on {filed_on}"),
                    paid_on=paid,
                    filed_on=filed,
                )
                items = ("paid_on", "filed_on")
                error(item, rule, items, message, p.where, source, f">= {filed}", paid, severity)

    return Check(rows=rows)


@audit_rule(
    "payments/spending-deadline",
    clause="the campaign's spending deadline of each fund source (spending_deadlines)",
    summary="money of a source with a spending deadline was paid by its last day (per source: "
    "payments/spending-deadline/<fund source>)",
)
def spending_deadline(ctx: PaymentContext, use: RuleUse) -> Check | None:
    if not ctx.campaign.spending_deadlines:
        return None
    severity, error, tally = use.severity, ctx.fail, ctx.audit.tally
    # fund source id -> (rule, deadline, counter); ids, not enum members: hashing an Enum member
    # runs Python code, and this may see millions of rows
    deadline_of = {}
    for src, deadline in ctx.campaign.spending_deadlines.items():
        rule = ctx.rule(f"spending-deadline/{src.id}")
        deadline_of[src.id] = (rule, deadline, tally.counter(rule))
    last_of = {sid: deadline.last_day for sid, (_r, deadline, _c) in deadline_of.items()}.get
    never = dt.date.max

    def rows(batch: list[Row]) -> None:
        late = [item for item in batch if item[0].paid_on > last_of(item[1], never)]
        sids = [item[1] for item in batch]
        for sid, (_rule, _deadline, counter) in deadline_of.items():
            counter[PASS] += sids.count(sid)  # each row of a source with a deadline; less the late
        for item in late:
            p, sid, _norm, _problem, _gid = item
            rule, deadline, counter = deadline_of[sid]
            counter[PASS] -= 1
            last = deadline.last_day
            paid = p.paid_on.isoformat()
            message = Message.of(
                N_(
                    "money from {fund_source} paid on {paid_on}, after its spending "
                    "deadline {deadline}"
                ),
                fund_source=p.fund_source,
                paid_on=paid,
                deadline=last.isoformat(),
            )
            items = ("paid_on", "fund_source")
            error(
                item,
                rule,
                items,
                message,
                p.where,
                deadline.source,
                f"<= {last.isoformat()}",
                paid,
                severity,
            )

    return Check(rows=rows)


@audit_rule(
    "payments/period",
    clause="the campaign period (period: its document and section)",
    summary="paid inside the campaign period (inclusive); a warning: no clause limits payment "
    "dates beyond the spending deadlines",
    severity=Severity.WARNING,
)
def period(ctx: PaymentContext, use: RuleUse) -> Check | None:
    span = ctx.campaign.period
    start, end, source, severity = span.start, span.end, span.source, use.severity
    rule = ctx.rule("period")
    error, counter = ctx.fail, ctx.audit.tally.counter(rule)
    expected = f"{start.isoformat()} .. {end.isoformat()}"

    def rows(batch: list[Row]) -> None:
        outside = [item for item in batch if not start <= item[0].paid_on <= end]
        counter[PASS] += len(batch) - len(outside)
        for item in outside:
            p = item[0]
            paid = p.paid_on.isoformat()
            message = Message.of(
                N_("paid on {paid_on}, outside the campaign period {start} to {end}"),
                paid_on=paid,
                start=start.isoformat(),
                end=end.isoformat(),
            )
            error(item, rule, ("paid_on",), message, p.where, source, expected, paid, severity)

    return Check(rows=rows)


@audit_rule(
    "payments/channel",
    clause="the campaign's payment rule channels (银行卡、工会卡: its document and section)",
    summary="paid through the channel the campaign requires for the money it covers; goods "
    "(实物) exempt unless exempt_goods=False",
)
def channel(ctx: PaymentContext, use: RuleUse) -> Check | None:
    rules = ctx.campaign.payment
    if rules.channels is None or not rules.channels.value:
        return None
    channels = frozenset(rules.channels.value)
    source, severity, exempt = rules.channels.source, use.severity, ctx.exempt_goods
    applies = (
        frozenset(f.id for f in rules.channel_applies_to) if rules.channel_applies_to else None
    )
    ordered = sorted(channels, key=lambda c: c.id)
    names = ", ".join(c.id for c in ordered)
    # the channels in the reader's language, for messages (银行卡、工会卡 / bank card, union card)
    labels = Label(
        zh_hans="、".join(c.label.zh_hans for c in ordered),
        zh_hant="、".join(c.label.zh_hant for c in ordered),
        en=", ".join(c.label.en for c in ordered),
    )
    rule, goods, bound = ctx.rule("channel"), PaymentChannel.GOODS, ctx.bound_groups()
    error, counter = ctx.fail, ctx.audit.tally.counter(rule)

    def rows(batch: list[Row]) -> None:
        for item in batch:
            p, sid, _norm, _problem, gid = item
            if (applies is not None and sid not in applies) or (
                bound is not None and gid is not None and gid not in bound
            ):
                continue
            paid_by = p.channel
            if paid_by in channels:
                counter[PASS] += 1
            elif not (exempt and paid_by is goods):
                message = Message.of(
                    N_("paid by {channel}; money from {fund_source} must be paid by {expected}"),
                    channel=paid_by,
                    fund_source=p.fund_source,
                    expected=labels,
                )
                error(
                    item, rule, ("channel",), message, p.where, source, names, paid_by.id, severity
                )

    return Check(rows=rows)


def _finer_than_fen(amount: Decimal) -> bool:
    """Whether ``amount`` is not a whole number of 分 (``12.345``; ``12.340`` is fine)."""
    try:
        return amount != amount.quantize(_CENT)
    except InvalidOperation:  # more digits than the context holds: look at the exponent instead
        _sign, digits, exponent = amount.as_tuple()
        assert isinstance(exponent, int)  # finite: Payment refuses anything else
        zeros = len(digits) - len("".join(map(str, digits)).rstrip("0"))
        return exponent + zeros < -2


def _implausible(odd: str, bound: Bound) -> Message:
    """The message for an amount above the plausibility bound of a payment (the amount itself is
    not shown: it may be an ID or card number)."""
    if odd == ID_NUMBER:
        return Message.of(N_("the amount looks like an ID number, not an amount in yuan"))
    if odd == CARD_NUMBER:
        return Message.of(N_("the amount looks like a bank card number, not an amount in yuan"))
    return Message.of(
        N_("the amount is more than {max} yuan, more than any one payment of aid"),
        max=str(bound.max),
    )


@audit_rule(
    "payments/amount",
    clause="the campaign's rules on aid money (专款专用 earmarked; 实名制发放 real_name)",
    summary="the amount is positive and given to the 分 (0.01 yuan)",
)
def amount(ctx: PaymentContext, use: RuleUse) -> Check | None:
    rule, source, severity = ctx.rule("amount"), ctx.money_source, use.severity
    error, counter = ctx.fail, ctx.audit.tally.counter(rule)
    bound = bounds().payment
    top, zero = bound.max, Decimal(0)
    # plausible amounts already found whole 分 (a roster repeats few amounts; the set is bounded)
    whole_fen: set[Decimal] = set()

    def rows(batch: list[Row]) -> None:
        others = [
            item for item in batch if not (zero < (v := item[0].amount) <= top and v in whole_fen)
        ]
        passed = len(batch) - len(others)
        for item in others:
            p = item[0]
            value = p.amount
            if zero < value <= top and not _finer_than_fen(value):
                passed += 1
                if len(whole_fen) < _KNOWN_AMOUNTS:
                    whole_fen.add(value)
                continue
            odd = judge(value, bound) if value > bound.max else None
            if odd is not None:
                message = _implausible(odd, bound)
                expected = f"<= {bound.max}"
                error(item, rule, ("amount",), message, p.where, source, expected, None, severity)
            elif value <= 0:
                text = str(value)
                message = Message.of(N_("amount {amount} yuan is not positive"), amount=text)
                error(item, rule, ("amount",), message, p.where, source, "> 0", text, severity)
            elif _finer_than_fen(value):
                text = str(value)
                message = Message.of(
                    N_("amount {amount} yuan is not given to the fen (0.01 yuan)"), amount=text
                )
                expected = str(value.quantize(_CENT))
                error(item, rule, ("amount",), message, p.where, source, expected, text, severity)
        counter[PASS] += passed

    return Check(rows=rows)


_KNOWN_AMOUNTS: Final = 4096


@audit_rule(
    "payments/duplicate",
    clause="the campaign's rules on aid money (专款专用 earmarked; 实名制发放 real_name)",
    summary="the same ID number paid twice from the same fund source",
    severity=Severity.WARNING,
)
def duplicate(ctx: PaymentContext, use: RuleUse) -> Check | None:
    rule, source, severity = ctx.rule("duplicate"), ctx.money_source, use.severity
    error, counter, shown_id = ctx.fail, ctx.audit.tally.counter(rule), ctx.shown_id
    # fund source id -> ID number key -> first row (an int key per valid number)
    seen: dict[str, dict[int | str, int | str]] = {}

    def rows(batch: list[Row]) -> None:
        passed = 0
        for item in batch:
            p, sid, norm, problem, _gid = item
            if not norm:
                continue
            # 17 digits and a check digit (0-9, X): one int (read in base 36) instead of a string
            key: int | str = int(norm, 36) if problem is None else norm
            first_rows = seen.get(sid)
            if first_rows is None:
                first_rows = seen[sid] = {}
            first = first_rows.get(key)
            if first is None:
                row = p.row
                first_rows[key] = row if row is not None else p.where
                passed += 1
                continue
            message = Message.of(
                N_("paid twice from {fund_source}: ID number {id} was already paid in row {first}"),
                fund_source=p.fund_source,
                id=shown_id(p.id_number or ""),
                first=str(first),
            )
            items = ("id_number", "fund_source")
            error(item, rule, items, message, p.where, source, None, str(first), severity)
        counter[PASS] += passed

    return Check(rows=rows)


@audit_rule(
    "payments/group",
    clause="the campaign's audit data file (data/audits/<campaign>.toml: its recipient groups, "
    "each with the form line it reads)",
    summary="the row's recipient group is one the campaign's audit data names",
)
def group(ctx: PaymentContext, use: RuleUse) -> Check | None:
    group_ids = ctx.group_ids
    if not group_ids:
        return None
    groups = ctx.info.groups
    source = ctx.info.file or "; ".join(dict.fromkeys(g.source for g in groups))
    rule, severity = ctx.rule("group"), use.severity
    error, counter = ctx.fail, ctx.audit.tally.counter(rule)
    expected = ", ".join(sorted(group_ids))

    def rows(batch: list[Row]) -> None:
        others = [item for item in batch if item[4] not in group_ids]
        counter[PASS] += len(batch) - len(others)
        for item in others:
            p, _sid, _norm, _problem, gid = item
            if gid is None:  # not stated
                continue
            shown = gid if ctx.show_personal_data else mask_personal_in(gid)
            message = Message.of(
                N_("unknown recipient group {got}; expected one of {expected}"),
                got=shown,
                expected=expected,
            )
            error(item, rule, ("group",), message, p.where, source, expected, shown, severity)

    return Check(rows=rows)
