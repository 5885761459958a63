"""What the payment and visit audits share: the campaign lookup, per-rule counts, and the findings
collector that builds the report."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

from wennuan_rules.errors import InvalidValueError
from wennuan_rules.i18n import N_, Message
from wennuan_rules.privacy import mask_numbers_in
from wennuan_rules.report import Finding, Report, Severity

if TYPE_CHECKING:
    from wennuan_rules.campaign import Campaign

__all__ = [
    "FAIL",
    "NOT_EVALUATED",
    "PASS",
    "Audit",
    "Tally",
    "check_file_campaign",
    "check_tolerance",
    "fallback_source",
    "resolve_campaign",
]

#: Indexes into a rule's ``[passed, failed, not_evaluated]`` counter.
PASS: Final = 0
FAIL: Final = 1
NOT_EVALUATED: Final = 2


def resolve_campaign(campaign: Campaign | str) -> Campaign:
    """The campaign object for an id (``UnknownIdError`` listing the ids) or the object itself."""
    from wennuan_rules.campaign import Campaign, get_campaign

    if isinstance(campaign, Campaign):
        return campaign
    return get_campaign(campaign)


def fallback_source(campaign: Campaign, *absent: str) -> str:
    """What a rule cites when the campaign has no clause of its own for it: the clauses that say
    why the fields ``absent`` are missing (``Campaign.absent``), else the campaign's document."""
    found = [campaign.absent[key].source for key in absent if key in campaign.absent]
    return "; ".join(dict.fromkeys(s for s in found if s)) or campaign.cite


def check_file_campaign(named: str | None, campaign: str, file: str | None) -> None:
    """Refuse a roster or visits file that names another campaign than the one audited against (its
    rules, deadlines and groups would not be the file's).

    Raises:
        InvalidValueError: naming the file, the campaign it names and the one asked for.
    """
    if named is not None and named != campaign:
        raise InvalidValueError(
            N_("{what}: expected {expected}, got {got}"),
            what=N_("campaign named by the file"),
            expected=campaign,
            got=named,
            file=file,
        )


def check_tolerance(
    tolerance: object,
    *,
    what: str = "tolerance",
    got: object = None,
    expected: str = "a Decimal or int ≥ 0 (万元), e.g. 0.01",
) -> Decimal:
    """``tolerance`` as a Decimal ≥ 0 (万元); a float, a negative or a non-finite value is refused.

    Raises:
        InvalidValueError: naming ``what`` and showing ``got`` (default: ``tolerance`` itself).
    """
    value = None
    if not isinstance(tolerance, bool) and isinstance(tolerance, int | Decimal):
        value = Decimal(tolerance)
    if value is None or not value.is_finite() or value < 0:
        raise InvalidValueError(
            N_("{what}: expected {expected}, got {got}"),
            what=what,
            expected=expected,
            got=tolerance if got is None else got,
        )
    return value


class Tally:
    """Per-rule counts of passed, failed and not evaluated checks."""

    def __init__(self) -> None:
        self.counts: dict[str, list[int]] = {}

    def add(self, rule: str, outcome: int) -> None:
        self.counter(rule)[outcome] += 1

    def counter(self, rule: str) -> list[int]:
        """The ``[passed, failed, not_evaluated]`` list of a rule (to update in a hot loop)."""
        counts = self.counts.get(rule)
        if counts is None:
            counts = self.counts[rule] = [0, 0, 0]
        return counts

    @property
    def passed(self) -> int:
        return sum(c[0] for c in self.counts.values())

    def to_dict(self) -> dict[str, dict[str, int]]:
        return {
            rule: {"passed": c[0], "failed": c[1], "not_evaluated": c[2]}
            for rule, c in sorted(self.counts.items())
            if any(c)
        }


class Audit:
    """The findings, counts and rules not evaluated of one audit, and the report they make.

    Args:
        campaign: the campaign id.
        kind: what is audited, ``payments`` or ``visits`` (rule ids are ``<campaign>:<kind>/…``).
        show_personal_data: recorded in the report's ``extra``.
    """

    def __init__(self, campaign: str, kind: str, *, show_personal_data: bool) -> None:
        self.form = f"{campaign}:{kind}"
        self.prefix = self.form + "/"
        self.show = show_personal_data
        self.tally = Tally()
        self.findings: list[Finding] = []
        self.not_evaluated: list[str] = []

    def finding(
        self,
        rule: str,
        items: tuple[str, ...],
        message: Message,
        where: str | None,
        source: str,
        expected: str | None = None,
        actual: str | None = None,
        severity: Severity = Severity.ERROR,
        row_no: str | None = None,
    ) -> None:
        """Count a failed check of ``rule`` and record its finding (``row_no``: the row's own
        number on the roster or log, its 序号, besides the line in ``where``; ID- or card-shaped
        digits in it masked unless personal data is shown)."""
        self.tally.add(rule, FAIL)
        if row_no is not None and not self.show:
            row_no = mask_numbers_in(row_no)
        self.findings.append(
            Finding(
                rule=rule,
                severity=severity,
                items=items,
                message=message,
                expected=expected,
                actual=actual,
                source=source,
                where=where,
                row_no=row_no,
            )
        )

    def skip(self, rule: str, what: str | None = None) -> None:
        """Count a check that could not be made (``what``: the row, shown as ``rule [what]``)."""
        self.tally.add(rule, NOT_EVALUATED)
        self.not_evaluated.append(rule if what is None else f"{rule} [{what}]")

    def report(self, unit: str | None, extra: dict[str, Any]) -> Report:
        """The report: errors first, then warnings; per-rule counts in ``extra["rules"]``."""
        self.findings.sort(key=lambda f: 0 if f.severity is Severity.ERROR else 1)
        extra["rules"] = self.tally.to_dict()
        extra["personal_data"] = "shown" if self.show else "masked"
        return Report(
            form=self.form,
            unit=unit,
            findings=tuple(self.findings),
            passed=self.tally.passed,
            not_evaluated=tuple(self.not_evaluated),
            extra=extra,
        )
