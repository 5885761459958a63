"""Whom aid may go to: the recipient's category and the employer's union (ids
``payments/recipient-category`` and ``payments/employer-union``; docs/audits.md).

平工总［2009］38号 附件3 三1: "慰问款必须定向用于建有工会组织的企事业单位的特困职工和
困难劳动模范、农民工". The allowed categories and whether the employer must have a union are
the campaign's audit data (``[recipients]``); a campaign without it has neither rule.

A row that does not state what a rule needs (no recipient group; no 单位是否建会) is not evaluated,
never passed. Consecutive rows not stated make one entry of ``Report.not_evaluated``
(``<rule> [2..25]``: rows from the one at line 2 to the one at line 25), so that a roster of
millions of rows without the column keeps its memory flat; ``extra["rules"]`` counts every row.
"""

from __future__ import annotations

from typing import Final

from wennuan_rules.audits._common import NOT_EVALUATED, PASS
from wennuan_rules.audits.registry import Check, Row, RuleUse, audit_rule
from wennuan_rules.audits.rules.payments import PaymentContext
from wennuan_rules.i18n import N_, Label, Message
from wennuan_rules.privacy import mask_personal_in

__all__: list[str] = []

_CLAUSE: Final = (
    "whom aid may go to: the campaign audit data's [recipients] source "
    "(平工总［2009］38号 附件3 三1 慰问款…定向用于建有工会组织的企事业单位的"
    "特困职工和困难劳动模范、农民工)"
)


class _Unstated:
    """The rows a rule could not evaluate, as runs of consecutive rows (``first..last``)."""

    def __init__(self, ctx: PaymentContext, rule: str) -> None:
        self.entries = ctx.audit.not_evaluated
        self.counter = ctx.audit.tally.counter(rule)
        self.rule = rule
        self.first: str | None = None
        self.last: str | None = None

    def add(self, where: str) -> None:
        self.counter[NOT_EVALUATED] += 1
        if self.first is None:
            self.first = where
        self.last = where

    def add_all(self, batch: list[Row]) -> None:
        """:meth:`add` of every row of ``batch``, at once."""
        self.counter[NOT_EVALUATED] += len(batch)
        if self.first is None:
            self.first = batch[0][0].where
        self.last = batch[-1][0].where

    def close(self) -> None:
        """End the current run (a stated row, or the end of the roster)."""
        if self.first is None:
            return
        span = self.first if self.first == self.last else f"{self.first}..{self.last}"
        self.entries.append(f"{self.rule} [{span}]")
        self.first = self.last = None


def _labels(ctx: PaymentContext, ids: tuple[str, ...]) -> Label:
    """The groups ``ids`` by their labels, joined in each language (特困职工、困难劳模 …)."""
    groups = {g.id: g.label for g in ctx.info.groups}
    labels = [groups.get(i, Label(zh_hans=i, zh_hant=i, en=i)) for i in ids]
    return Label(
        zh_hans="、".join(x.zh_hans for x in labels),
        zh_hant="、".join(x.zh_hant for x in labels),
        en=", ".join(x.en for x in labels),
    )


@audit_rule(
    "payments/recipient-category",
    clause=_CLAUSE,
    summary="the recipient's group (类别) is one the clause allows; a row naming no group is not "
    "evaluated",
)
def recipient_category(ctx: PaymentContext, use: RuleUse) -> Check | None:
    rules = ctx.info.recipients
    if rules is None or not rules.groups:
        return None
    allowed = frozenset(rules.groups)
    rule, source, severity = ctx.rule("recipient-category"), rules.source, use.severity
    expected, shown_allowed = ", ".join(rules.groups), _labels(ctx, rules.groups)
    error, counter, unstated = ctx.fail, ctx.audit.tally.counter(rule), _Unstated(ctx, rule)
    labels = {g.id: g.label for g in ctx.info.groups}

    def rows(batch: list[Row]) -> None:
        others = [item for item in batch if item[4] not in allowed]
        if all(item[4] is not None for item in others):  # every row states its group
            if batch:
                unstated.close()
            counter[PASS] += len(batch) - len(others)
        else:  # rows that state none: one by one, in runs
            others = []
            for item in batch:
                if item[4] is None:
                    unstated.add(item[0].where)
                    continue
                unstated.close()
                if item[4] in allowed:
                    counter[PASS] += 1
                else:
                    others.append(item)
        for item in others:
            p, _sid, _norm, _problem, gid = item
            assert gid is not None  # others state a group
            got = gid if ctx.show_personal_data else mask_personal_in(gid)
            message = Message.of(
                N_("the recipient is of category {got}; this aid may go only to {expected}"),
                got=labels.get(gid, got),
                expected=shown_allowed,
            )
            error(item, rule, ("group",), message, p.where, source, expected, got, severity)

    return Check(rows=rows, finish=unstated.close)


@audit_rule(
    "payments/employer-union",
    clause=_CLAUSE,
    summary="the recipient's employer has a union (单位是否建会); a row that does not say is not "
    "evaluated",
)
def employer_union(ctx: PaymentContext, use: RuleUse) -> Check | None:
    rules = ctx.info.recipients
    if rules is None or not rules.unionised_employer:
        return None
    bound = frozenset(rules.union_applies_to) or None
    rule, source, severity = ctx.rule("employer-union"), rules.source, use.severity
    error, counter, unstated = ctx.fail, ctx.audit.tally.counter(rule), _Unstated(ctx, rule)
    message = Message.of(
        N_(
            "the recipient's employer has no union; this aid may go only to {expected} of units "
            "that have one"
        ),
        expected=_labels(ctx, rules.groups or rules.union_applies_to),
    )

    def rows(batch: list[Row]) -> None:
        if bound is None and batch:  # a column stated on every row or on none: all at once
            stated = [item[0].employer_has_union for item in batch]
            if stated.count(None) == len(batch):
                unstated.add_all(batch)
                return
            if stated.count(True) == len(batch):
                unstated.close()
                counter[PASS] += len(batch)
                return
        for item in batch:
            p, _sid, _norm, _problem, gid = item
            has_union = p.employer_has_union
            if bound is not None and gid is not None and gid not in bound:
                unstated.close()  # a group the condition does not bind
            elif has_union is True:
                unstated.close()
                counter[PASS] += 1
            elif has_union is None or (bound is not None and gid is None):
                unstated.add(p.where)
            else:
                unstated.close()
                items = ("employer_has_union",)
                error(item, rule, items, message, p.where, source, "true", "false", severity)

    return Check(rows=rows, finish=unstated.close)
