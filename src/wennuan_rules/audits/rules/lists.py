"""The rules of hardship files, civil-affairs comparisons and goods rosters, one function each (ids
``files/complete``, ``civil-affairs/match``, ``goods/prohibited``; docs/audits.md).

Each cites the clause its ``source`` parameter gives in the campaign's audit data
(``data/audits/<campaign>.toml``): a campaign that gives none has no such rule, and the rule does
nothing. A rule looks at the whole list (:class:`ListContext`), records findings and counts in the
audit, and adds what it worked out to the report's ``extra``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

import attrs

from wennuan_rules.audits._common import PASS, Audit
from wennuan_rules.audits.registry import RuleUse, audit_rule
from wennuan_rules.audits.roster import normalize_id_number, normalized_id_problem
from wennuan_rules.i18n import N_, Label, Message
from wennuan_rules.privacy import mask_id_number, mask_name
from wennuan_rules.report import Severity
from wennuan_rules.vocabulary import CivilAffairs, _key

if TYPE_CHECKING:
    from wennuan_rules.audits.lists_records import CivilAffairsEntry, GoodsLine, HardshipRecord

__all__ = ["PLAN_PARTS", "ListContext", "clause"]

#: The four things every 解困脱困 family's plan states (豫工文〔2017〕61号 二5二), field → label.
PLAN_PARTS: Final = {
    "contact": Label("联系人（单位）", "聯繫人（單位）", "contact person (unit)"),
    "deadline": Label("期限", "期限", "deadline"),
    "measures": Label("措施", "措施", "measures"),
    "path": Label("路径", "路徑", "path out of hardship"),
}


@attrs.define
class ListContext:
    """What the rules of one audit of a list share.

    Attributes:
        audit: the findings collector.
        files: the union's hardship file (files and civil-affairs audits).
        civil: the civil-affairs list (civil-affairs audit).
        not_on_file: also report households on the civil-affairs list as 低保 that are not in the
            union's file.
        goods: the goods roster (goods audit).
        prohibited: the prohibited items or categories (``None``: no list given).
        extra: the report's ``extra``, which rules add to.
    """

    audit: Audit
    files: tuple[HardshipRecord, ...] = ()
    civil: tuple[CivilAffairsEntry, ...] = ()
    not_on_file: bool = False
    goods: tuple[GoodsLine, ...] = ()
    prohibited: tuple[str, ...] | None = None
    extra: dict[str, Any] = attrs.field(factory=dict)

    def family(self, ref: str | None, id_number: str | None, name: str | None) -> str:
        """How a finding names a family: ref, ID number, name (masked unless shown)."""
        show = self.audit.show
        parts = [ref] if ref else []
        if id_number:
            number = normalize_id_number(id_number)
            parts.append(number if show else mask_id_number(number))
        if name:
            parts.append(name if show else mask_name(name))
        return " ".join(parts) or "?"


def clause(use: RuleUse) -> str | None:
    """The clause a campaign's audit data gives the rule (its ``source`` parameter), or ``None``."""
    source = use.params.get("source")
    return source if isinstance(source, str) and source.strip() else None


_CLAUSE_PARAMS: Final = {"source": None, "text": None}


@audit_rule(
    "files/complete",
    clause="the campaign's clause on 解困脱困 plans (豫工文〔2017〕61号 二5二: 联系人（单位）明确，"
    "期限明确，措施明确，路径明确), given as the rule's source in its audit data",
    summary="every family of the hardship file states its contact (unit), deadline, measures and "
    "path; one finding per family naming each that is missing or blank",
    params=_CLAUSE_PARAMS,
)
def complete(ctx: ListContext, use: RuleUse) -> None:
    source = clause(use)
    if source is None:
        return
    rule = ctx.audit.prefix + "complete"
    incomplete = 0
    for r in ctx.files:
        missing = [f for f in PLAN_PARTS if getattr(r, f) is None]
        if not missing:
            ctx.audit.tally.add(rule, PASS)
            continue
        incomplete += 1
        labels = [PLAN_PARTS[f] for f in missing]
        parts = Label(
            "、".join(x.zh_hans for x in labels),
            "、".join(x.zh_hant for x in labels),
            ", ".join(x.en for x in labels),
        )
        message = Message.of(
            N_("family {family}: its plan out of hardship does not state {missing}"),
            family=ctx.family(r.ref, r.id_number, r.name),
            missing=parts,
        )
        ctx.audit.finding(rule, tuple(missing), message, r.where, source, None, None, use.severity)
    ctx.extra["files"] = {"families": len(ctx.files), "incomplete": incomplete}


@audit_rule(
    "civil-affairs/match",
    clause="the campaign's clause on comparing hardship files with civil-affairs data "
    "(豫工文〔2017〕61号 三1, 二5三), given as the rule's source in its audit data",
    summary="each family of the union's file matches the civil-affairs list by ID number: one "
    "recorded as 低保 or 低保边缘 is on the list, with the same status; optionally, every 低保 "
    "household of the list is on the union's file",
    severity=Severity.WARNING,
    params=_CLAUSE_PARAMS,
)
def match(ctx: ListContext, use: RuleUse) -> None:
    source = clause(use)
    if source is None:
        return
    prefix = ctx.audit.prefix + "match/"
    listed: dict[str, CivilAffairsEntry] = {}
    for e in ctx.civil:
        number = normalize_id_number(e.id_number or "")
        if normalized_id_problem(number) is None:
            listed.setdefault(number, e)
    seen: set[str] = set()
    for r in ctx.files:
        number = normalize_id_number(r.id_number or "")
        if normalized_id_problem(number) is not None:  # an input problem, reported by the reader
            ctx.audit.skip(prefix + "status", r.where)
            continue
        seen.add(number)
        _compare(ctx, use, prefix, source, r, listed.get(number))
    mismatches = sum(1 for f in ctx.audit.findings if f.rule.startswith(prefix))
    if ctx.not_on_file:
        _not_on_file(ctx, use, prefix, source, listed, seen)
    ctx.extra["civil_affairs"] = {
        "on_file": len(ctx.files),
        "on_list": len(ctx.civil),
        "mismatches": mismatches,
        "not_on_file_checked": ctx.not_on_file,
    }


def _compare(
    ctx: ListContext,
    use: RuleUse,
    prefix: str,
    source: str,
    r: HardshipRecord,
    entry: CivilAffairsEntry | None,
) -> None:
    family = ctx.family(r.ref, r.id_number, r.name)
    union = r.civil_affairs
    if entry is None:
        rule = prefix + "not-on-list"
        if union is None:
            ctx.audit.tally.add(rule, PASS)
            return
        message = Message.of(
            N_(
                "family {family} is recorded as {status} in the union's file but is not on the "
                "civil-affairs list"
            ),
            family=family,
            status=union,
        )
        ctx.audit.finding(
            rule, ("civil_affairs",), message, r.where, source, None, union.id, use.severity
        )
        return
    rule = prefix + "status"
    if union is entry.status:
        ctx.audit.tally.add(rule, PASS)
        return
    if union is None:
        message = Message.of(
            N_(
                "family {family} is on the civil-affairs list as {civil} but the union's file "
                "records no civil-affairs status"
            ),
            family=family,
            civil=entry.status,
        )
    else:
        message = Message.of(
            N_(
                "family {family}: the union's file records {status}, the civil-affairs list {civil}"
            ),
            family=family,
            status=union,
            civil=entry.status,
        )
    actual = None if union is None else union.id
    ctx.audit.finding(
        rule, ("civil_affairs",), message, r.where, source, entry.status.id, actual, use.severity
    )


def _not_on_file(
    ctx: ListContext,
    use: RuleUse,
    prefix: str,
    source: str,
    listed: dict[str, CivilAffairsEntry],
    seen: set[str],
) -> None:
    rule = prefix + "not-on-file"
    for number, e in listed.items():
        if e.status is not CivilAffairs.DIBAO:
            continue
        if number in seen:
            ctx.audit.tally.add(rule, PASS)
            continue
        message = Message.of(
            N_(
                "household {family} is on the civil-affairs list as {civil} but not in the "
                "union's hardship file"
            ),
            family=ctx.family(e.ref, e.id_number, e.name),
            civil=e.status,
        )
        ctx.audit.finding(rule, ("id_number",), message, e.where, source, None, None, use.severity)


@audit_rule(
    "goods/prohibited",
    clause="the campaign's ban on buying prohibited items with 送温暖 money (平顶山市总工会办公室 "
    "2022 三(三) 不得购买明令禁止的物品), given as the rule's source in its audit data; the notice "
    "names no list: the user supplies one, and without it the rule is not evaluated",
    summary="no line of the goods roster is of a category on the user's list of prohibited items",
    params=_CLAUSE_PARAMS,
)
def prohibited(ctx: ListContext, use: RuleUse) -> None:
    source = clause(use)
    if source is None:
        return
    rule = ctx.audit.prefix + "prohibited"
    if ctx.prohibited is None:  # the notice names no list: nothing to compare with
        ctx.audit.skip(rule)
        ctx.extra["prohibited"] = None
        return
    banned = {_key(p): p for p in ctx.prohibited}
    for g in ctx.goods:
        if g.category is None:
            ctx.audit.skip(rule, g.where)
            continue
        found = banned.get(_key(g.category))
        if found is None:
            ctx.audit.tally.add(rule, PASS)
            continue
        message = Message.of(
            N_("{item} is of category {category}, which is on the list of prohibited items"),
            item=g.item,
            category=g.category,
        )
        ctx.audit.finding(rule, ("category",), message, g.where, source, None, None, use.severity)
    ctx.extra["prohibited"] = list(ctx.prohibited)
