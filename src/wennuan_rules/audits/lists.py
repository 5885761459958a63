"""Audits of lists: the union's hardship file (every 解困脱困 plan complete), its comparison with a
civil-affairs list, and a goods roster against a list of prohibited items (docs/audits.md).

>>> import wennuan_rules as wr
>>> from wennuan_rules.audits.lists_records import read_hardship_files
>>> report = wr.audit_files(read_hardship_files("files.csv"), "henan-2018")  # doctest: +SKIP

Each audit runs the rules its campaign's audit data lists for its kind (``files``,
``civil-affairs``, ``goods``), each citing the clause the data gives it; a campaign whose notice
states no such rule is refused (:class:`~wennuan_rules.errors.InvalidValueError` naming the
campaigns that do). Names and ID numbers are masked in findings unless
``show_personal_data=True``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Final

from wennuan_rules.audits._common import Audit, resolve_campaign
from wennuan_rules.audits.data import audit_data
from wennuan_rules.audits.model import AuditData
from wennuan_rules.audits.registry import RuleUse
from wennuan_rules.audits.roster import check_digit, id_number_problem, normalize_id_number
from wennuan_rules.audits.rules.lists import ListContext, clause
from wennuan_rules.errors import InputFileError, InvalidValueError
from wennuan_rules.i18n import N_, Message
from wennuan_rules.privacy import mask_id_number
from wennuan_rules.report import Report

if TYPE_CHECKING:
    from wennuan_rules.audits.lists_records import CivilAffairsEntry, GoodsLine, HardshipRecord
    from wennuan_rules.campaign import Campaign

__all__ = [
    "audit_civil_affairs",
    "audit_files",
    "audit_goods",
    "campaigns_stating",
    "id_problem",
    "id_problems",
]


def campaigns_stating(kind: str) -> tuple[str, ...]:
    """The campaigns whose audit data gives a rule of ``kind`` its clause."""
    from wennuan_rules.campaign import campaigns

    return tuple(c.id for c in campaigns() if any(clause(u) for u in audit_data(c.id).rules(kind)))


def _run(
    kind: str, campaign: Campaign | str, data: AuditData | None, show: bool, **given: object
) -> Report:
    """Run the rules of ``kind`` the campaign's audit data gives a clause, on a context of
    ``given``; the report names the campaign."""
    camp = resolve_campaign(campaign)
    info = data if data is not None else audit_data(camp.id)
    uses: list[RuleUse] = [u for u in info.rules(kind) if clause(u)]
    if not uses:
        stating = ", ".join(campaigns_stating(kind))
        raise InvalidValueError(
            N_(
                "{what}: expected a campaign whose notice states the {kind} audit ({campaigns}), "
                "got {got}"
            ),
            what="campaign",
            expected=Message.of(
                N_("a campaign whose notice states the {kind} audit: {campaigns}"),
                kind=kind,
                campaigns=stating or Message.of(N_("none")),
            ),
            got=camp.id,
            params={"kind": kind, "campaigns": stating or "—"},
        )
    ctx = ListContext(audit=Audit(camp.id, kind, show_personal_data=show), **given)  # type: ignore[arg-type]
    ctx.extra["campaign"] = camp.id
    for use in uses:
        use.rule.function(ctx, use)
    return ctx.audit.report(None, ctx.extra)


def audit_files(
    files: Iterable[HardshipRecord],
    campaign: Campaign | str,
    *,
    show_personal_data: bool = False,
    data: AuditData | None = None,
) -> Report:
    """Audit the union's hardship file: every family's 解困脱困 plan states its contact (unit),
    deadline, measures and path (豫工文〔2017〕61号 二5二); one finding per family naming each part
    missing or blank.

    Returns:
        A :class:`~wennuan_rules.report.Report` with form ``<campaign>:files``.

    Raises:
        UnknownIdError: an unknown campaign id.
        InvalidValueError: a campaign whose notice states no such rule.
    """
    return _run("files", campaign, data, show_personal_data, files=tuple(files))


def audit_civil_affairs(
    files: Iterable[HardshipRecord],
    civil: Iterable[CivilAffairsEntry],
    campaign: Campaign | str,
    *,
    not_on_file: bool = False,
    show_personal_data: bool = False,
    data: AuditData | None = None,
) -> Report:
    """Compare the union's hardship file with a civil-affairs list (豫工文〔2017〕61号 三1),
    matching by ID number (normalised): a family recorded as 低保 or 低保边缘 that is not on the
    list, a status that differs, and (``not_on_file=True``) a 低保 household of the list that is
    not on the union's file. Records whose ID number is invalid are not evaluated (the readers'
    :func:`id_problems` names them as input problems).

    Returns:
        A :class:`~wennuan_rules.report.Report` with form ``<campaign>:civil-affairs``.

    Raises:
        UnknownIdError: an unknown campaign id.
        InvalidValueError: a campaign whose notice states no such rule.
    """
    return _run(
        "civil-affairs",
        campaign,
        data,
        show_personal_data,
        files=tuple(files),
        civil=tuple(civil),
        not_on_file=not_on_file,
    )


def audit_goods(
    goods: Iterable[GoodsLine],
    campaign: Campaign | str,
    *,
    prohibited: Iterable[str] | None = None,
    data: AuditData | None = None,
) -> Report:
    """Audit a goods roster bought with 送温暖 money (平顶山市总工会办公室 2022 三(三) 不得购买
    明令禁止的物品): a line whose category is on ``prohibited`` is an error. The notice names no
    list: without one (``None``) the rule is not evaluated, and the report says so.

    Returns:
        A :class:`~wennuan_rules.report.Report` with form ``<campaign>:goods``.

    Raises:
        UnknownIdError: an unknown campaign id.
        InvalidValueError: a campaign whose notice states no such rule.
    """
    banned = None if prohibited is None else tuple(prohibited)
    return _run("goods", campaign, data, False, goods=tuple(goods), prohibited=banned)


# -- ID numbers ------------------------------------------------------------------------------------

_ID_MESSAGES: Final = {
    "missing": N_("no ID number: families are matched with civil-affairs data by ID number"),
    "length": N_("ID number {id} has {length} characters; a resident identity card number has 18"),
    "format": N_("ID number {id} has characters other than digits before its check digit"),
    "checksum": N_("ID number {id} has a wrong check digit (expected {check})"),
    "birth-date": N_("ID number {id} holds an impossible birth date"),
    "region": N_("ID number {id} has region code {region}, which did not exist in its birth year"),
}


def id_problem(value: str | None, *, show: bool = False) -> Message | None:
    """What is wrong with an ID number (``None``: valid), masked unless ``show``."""
    problem = id_number_problem(value)
    if problem is None:
        return None
    number = normalize_id_number(value or "")
    shown = number if show else mask_id_number(number)
    params: dict[str, object] = {"id": shown}
    if problem == "length":
        params["length"] = len(number)
    elif problem == "checksum":
        params["check"] = check_digit(number)
    elif problem == "region":
        params["region"] = number[:6]
    return Message.of(_ID_MESSAGES[problem], **params)


def id_problems(
    records: Iterable[HardshipRecord | CivilAffairsEntry],
    file: str | None,
) -> list[InputFileError]:
    """An input problem for each record whose ID number is missing or invalid (python-stdnum's
    ``cn.ric`` checks), naming the file, its line and the field; the number masked (an error never
    shows a personal number)."""
    out = []
    for r in records:
        message = id_problem(r.id_number)
        if message is not None:
            out.append(
                InputFileError(
                    message.msgid,
                    what="id_number",
                    file=file,
                    line=r.row,
                    column="id_number",
                    params=dict(message.params),
                )
            )
    return out
