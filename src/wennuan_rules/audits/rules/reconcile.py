"""The reconciliation of a roster with the campaign's return (``payments/reconcile``; the lines
are data: ``[[reconcile]]`` of ``data/audits/<campaign>.toml``)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Final

from wennuan_rules.audits._common import PASS
from wennuan_rules.audits.registry import Check, Row, RuleUse, audit_rule
from wennuan_rules.audits.rules.payments import PaymentContext
from wennuan_rules.i18n import N_, Message

__all__: list[str] = []

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


def _return_number(values: Mapping[str, object], item: str) -> Decimal | None:
    value = values.get(item)
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | Decimal):
        return Decimal(value)
    from wennuan_rules.money import parse_number

    return parse_number(value, what=item, unit="万元")


@audit_rule(
    "payments/reconcile",
    clause="the form line each reconciliation of the campaign's audit data file reads "
    "([[reconcile]] source)",
    summary="with a return: roster totals per fund source and group against the form's line "
    "items, exactly in 万元 unless a tolerance is given (per item: payments/reconcile/<item>)",
)
def reconcile(ctx: PaymentContext, use: RuleUse) -> Check | None:
    values = ctx.return_values
    if values is None:
        return None
    recon = ctx.info.reconcile
    specs = [
        (
            i,
            frozenset(r.groups) if r.groups else None,
            frozenset(f.id for f in r.fund_sources) if r.fund_sources else None,
        )
        for i, r in enumerate(recon)
    ]
    amounts = [Decimal(0) for _ in recon]
    counts = [0 for _ in recon]

    def rows(batch: list[Row]) -> None:
        for item in batch:
            p, sid, _norm, _problem, gid = item
            for i, wanted_groups, wanted_sources in specs:
                if wanted_groups is not None and gid not in wanted_groups:
                    continue
                if wanted_sources is not None and sid not in wanted_sources:
                    continue
                amounts[i] += p.amount
                counts[i] += 1

    def finish() -> None:
        ctx.extra["reconciliation"] = [
            _reconcile_item(ctx, use, i, values, amounts[i], counts[i]) for i in range(len(recon))
        ]

    return Check(rows=rows if specs else None, finish=finish)


def _reconcile_item(
    ctx: PaymentContext,
    use: RuleUse,
    i: int,
    values: Mapping[str, object],
    total: Decimal,
    count: int,
) -> dict[str, Any]:
    """Reconcile one line item; its entry of ``extra["reconciliation"]``."""
    from wennuan_rules.money import yuan_to_wan

    r = ctx.info.reconcile[i]
    rule = ctx.rule(f"reconcile/{r.item}")
    reported = _return_number(values, r.item)
    ours = yuan_to_wan(total) if r.measure == "amount" else Decimal(count)
    entry: dict[str, Any] = {
        "item": r.item,
        "measure": r.measure,
        "relation": r.relation,
        "roster": str(ours),
        "return": None if reported is None else str(reported),
    }
    if reported is None:
        ctx.audit.skip(rule)
        entry["ok"] = None
        return entry
    allowed = ctx.tolerance if r.measure == "amount" else Decimal(0)
    ok = abs(ours - reported) <= allowed if r.relation == "eq" else ours <= reported + allowed
    entry["ok"] = ok
    if ok:
        ctx.audit.tally.add(rule, PASS)
        return entry
    msgid = _RECONCILE_MESSAGES["payments" if r.measure == "payments" else r.relation]
    message = Message.of(msgid, roster=str(ours), item=r.item, reported=str(reported))
    expected = str(reported) if r.relation == "eq" else f"<= {reported}"
    ctx.audit.finding(rule, (r.item,), message, None, r.source, expected, str(ours), use.severity)
    return entry
