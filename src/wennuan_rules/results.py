"""The results of every check (form returns, payment rosters, visits): plain data, no formatting.

These types sit below the checks that build them (and below the domain types that name a
:class:`Severity`); everything that formats them sits above, in :mod:`wennuan_rules.render`. The
methods users call on results (``_repr_html_``, ``to_frame``, ``Summary.to_text``) reach the
renderers through :func:`renderers`, a hook ``wennuan_rules/__init__.py`` wires when the package is
imported (docs/decisions.md, "Layers").

A check returns a :class:`Report`: plain data, no text. Messages are
:class:`~wennuan_rules.i18n.Message`
objects, rendered into a locale only by :meth:`Report.to_dict` and the renderers in
:mod:`wennuan_rules.render`. Rules that could not be evaluated (an item not reported) are counted in
``not_evaluated``, never as passed (as R validate keeps NA apart from passes).
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import Any, Protocol

import attrs

from wennuan_rules import _wiring
from wennuan_rules.i18n import N_, Label, Message, phrase, translate

__all__ = [
    "Finding",
    "Fix",
    "Outcome",
    "Renderers",
    "Report",
    "RuleSummary",
    "Severity",
    "Summary",
    "renderers",
    "use_renderers",
]


class Severity(enum.Enum):
    """How serious a failed rule is: an error makes the return not ok; a warning does not."""

    ERROR = "error"
    WARNING = "warning"

    def __str__(self) -> str:
        return self.value

    def text(self, lang: str | None = None) -> str:
        """The severity as people read it in ``lang`` (错误, 警告; the value stays the id)."""
        return translate(N_("error") if self is Severity.ERROR else N_("warning"), lang)


class Outcome(enum.Enum):
    """What happened to one rule on one return."""

    PASSED = "passed"
    FAILED = "failed"
    NOT_EVALUATED = "not_evaluated"


@attrs.frozen
class Finding:
    """One failed rule.

    Attributes:
        rule: the rule id, ``<form or campaign>/<name>`` (``wuhan-2015:swn/05A=sum``).
        severity: error or warning.
        items: the line items (or roster fields/rows) the rule reads.
        message: the message, rendered later in the caller's locale.
        expected: what the rule expected, as an exact string (``"123.45"``), or ``None``.
        actual: what was found, as an exact string, or ``None``.
        source: the clause the rule rests on (``武工办〔2014〕74号 附件1 05``).
        where: for roster audits, the row (1-based) or record reference; ``None`` for returns.
        unit: the unit of ``expected`` and ``actual`` when it is one (``万元``, ``人次``), so that
            renderers can show amounts in the reader's language; ``None`` when mixed or not a
            figure.
        expected_value: ``expected`` as an exact value (the bound or the sum), or ``None``.
        actual_value: ``actual`` as an exact value, or ``None``.
        relation: how they compare when the rule holds: ``=``, ``<=``, ``>=``, ``<``, ``>`` (a
            comparison, or an implication's conclusion), ``<->`` (both or neither), ``unit``.
        values: the exact values of ``items`` the rule read (code, value).
        formula: the rule in data-file syntax (``05A = 05B + 05C``), or ``None``.
        row_no: the row's own number on the user's roster or log (its 序号 column), besides the
            file line in ``where``; ``None`` when the file has no such column.

    ``expected_value`` … ``formula`` are for renderers and software (not in the JSON, not
    compared).
    """

    rule: str
    severity: Severity
    items: tuple[str, ...]
    message: Message
    expected: str | None = None
    actual: str | None = None
    source: str = ""
    where: str | None = None
    unit: str | None = None
    expected_value: Decimal | None = attrs.field(default=None, eq=False)
    actual_value: Decimal | None = attrs.field(default=None, eq=False)
    relation: str | None = attrs.field(default=None, eq=False)
    values: tuple[tuple[str, Decimal | bool | None], ...] = attrs.field(default=(), eq=False)
    formula: str | None = attrs.field(default=None, eq=False)
    row_no: str | None = None

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        out: dict[str, Any] = {
            "rule": self.rule,
            "severity": self.severity.value,
            "items": list(self.items),
            "message": self.message.render(lang),
            "expected": phrase(self.expected, lang),
            "actual": self.actual,
            "source": self.source,
        }
        if self.where is not None:
            out["where"] = self.where
        if self.row_no is not None:
            out["row_no"] = self.row_no
        return out


@attrs.frozen
class Fix:
    """A likely fix: changing one item to one value makes every failing rule of the return pass.

    ``label`` is the line item's name on the form (shown by the text report; not compared).
    """

    item: str
    value: str
    current: str | None
    label: Label | None = attrs.field(default=None, eq=False)

    def to_dict(self) -> dict[str, Any]:
        return {"item": self.item, "value": self.value, "current": self.current}


@attrs.frozen
class Report:
    """The result of checking one return (or one roster, one visit log).

    Attributes:
        form: the form id for returns; for audits the campaign-scoped id of what was audited
            (``pingdingshan-2010:payments``).
        unit: the reporting unit (填报单位) or ``None``.
        findings: the failed rules, errors first, in rule order.
        passed: how many rules passed.
        not_evaluated: the ids of rules that could not be evaluated (an item was not reported).
            The unit checks of items not reported come last, one per item of ``not_reported``.
        not_reported: the line items not reported (their unit checks end ``not_evaluated``);
            derived by the engine, so renderers never parse rule ids.
        fix: where one changed item would make every failing rule pass, that item and value.
        extra: further JSON-ready data a check adds (totals of an audit, …), rendered as given.
    """

    form: str
    unit: str | None
    findings: tuple[Finding, ...]
    passed: int
    not_evaluated: tuple[str, ...] = ()
    fix: Fix | None = None
    extra: Mapping[str, Any] = attrs.field(factory=dict)
    not_reported: tuple[str, ...] = attrs.field(default=(), eq=False, kw_only=True)

    @property
    def not_evaluated_rules(self) -> tuple[str, ...]:
        """The rules not evaluated, without the unit checks of items not reported."""
        return self.not_evaluated[: len(self.not_evaluated) - len(self.not_reported)]

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.WARNING)

    @property
    def ok(self) -> bool:
        """True when no finding is an error (warnings allowed)."""
        return not any(f.severity is Severity.ERROR for f in self.findings)

    @property
    def counts(self) -> dict[str, int]:
        errors = sum(1 for f in self.findings if f.severity is Severity.ERROR)
        return {
            "error": errors,
            "warning": len(self.findings) - errors,
            "passed": self.passed,
            "not_evaluated": len(self.not_evaluated),
        }

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        """The report as contract.md's JSON (plus ``not_evaluated_rules``, ``fix``, ``extra``)."""
        out: dict[str, Any] = {
            "form": self.form,
            "unit": self.unit,
            "ok": self.ok,
            "counts": self.counts,
            "findings": [f.to_dict(lang) for f in self.findings],
            "not_evaluated_rules": list(self.not_evaluated),
            "fix": None if self.fix is None else self.fix.to_dict(),
        }
        if self.extra:
            out["extra"] = dict(self.extra)
        return out

    def _repr_html_(self) -> str:
        return renderers().report_html(self)

    def to_frame(self, lang: str | None = None) -> Any:
        """The findings as a pandas DataFrame (needs the ``pandas`` extra; imported only here)."""
        return renderers().findings_frame([self], lang)


@attrs.frozen
class RuleSummary:
    """How one rule fared over many returns (R validate's ``summary`` row)."""

    rule: str
    severity: Severity
    items: tuple[str, ...]
    passed: int
    failed: int
    not_evaluated: int
    source: str = ""
    unit_check: bool = attrs.field(default=False, eq=False, kw_only=True)
    #: the rule's formula as parsed (the form's AST), for renderers to print in a language;
    #: ``None`` for unit checks
    expr: Any = attrs.field(default=None, eq=False, kw_only=True, repr=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "items": list(self.items),
            "passed": self.passed,
            "failed": self.failed,
            "not_evaluated": self.not_evaluated,
            "source": self.source,
        }


@attrs.frozen
class Summary:
    """Per rule, over many returns: passed, failed, not evaluated.

    Attributes:
        returns: how many returns of each form were summarised.
        with_errors: how many returns had at least one error.
        rules: one row per rule of every form seen (rules first, then unit checks), in form order.
    """

    returns: Mapping[str, int]
    with_errors: int
    rules: tuple[RuleSummary, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "returns": dict(self.returns),
            "with_errors": self.with_errors,
            "rules": [r.to_dict() for r in self.rules],
        }

    def to_text(self, lang: str | None = None) -> str:
        """The summary as aligned terminal text (:func:`wennuan_rules.render.summary_text`)."""
        return renderers().summary_text(self, lang)

    def to_csv(self) -> str:
        """The summary as CSV (:func:`wennuan_rules.render.summary_csv`)."""
        return renderers().summary_csv(self)

    def to_html(self, lang: str | None = None) -> str:
        """The summary as a styled table (:func:`wennuan_rules.render.summary_html`)."""
        return renderers().summary_html(self, lang)

    def _repr_html_(self) -> str:
        return self.to_html()


# -- the renderers, wired from above ---------------------------------------------------------------


class Renderers(Protocol):
    """What the methods of results need from :mod:`wennuan_rules.render` (which satisfies it)."""

    def report_html(self, report: Report, lang: str | None = None) -> str: ...

    def findings_frame(self, reports: Iterable[Report], lang: str | None = None) -> Any: ...

    def summary_text(self, summary: Summary, lang: str | None = None) -> str: ...

    def summary_csv(self, summary: Summary) -> str: ...

    def summary_html(self, summary: Summary, lang: str | None = None) -> str: ...

    # a Batch (wennuan_rules.batch, a layer above this one)
    def batch_html(self, batch: Any, lang: str | None = None, top: int = 3) -> str: ...

    def batch_frame(
        self, batch: Any, kind: str, lang: str | None, library: str = "pandas"
    ) -> Any: ...

    # an Assessment (wennuan_rules.eligibility, a layer above this one)
    def assessment_html(self, assessment: Any, lang: str | None = None) -> str: ...


def use_renderers(load: Callable[[], Renderers]) -> None:
    """Install the function that returns the renderers (``wennuan_rules/__init__.py`` does, in
    :mod:`wennuan_rules._wiring`, so that importing the package does not import this module)."""
    _wiring.use_renderers(load)


def renderers() -> Renderers:
    """The renderers :func:`use_renderers` installed (the package's own, loaded on first use)."""
    found: Renderers = _wiring.renderers()
    return found
