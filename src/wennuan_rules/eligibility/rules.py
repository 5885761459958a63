"""The shape of a campaign's eligibility rules: its groups, categories, options and documents
checklist."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

import attrs

from wennuan_rules.eligibility.criteria import Criterion
from wennuan_rules.eligibility.documents import Checklist
from wennuan_rules.eligibility.household import Household
from wennuan_rules.errors import InvalidValueError, UnknownIdError
from wennuan_rules.i18n import N_, Label

__all__ = ["CampaignRules", "GroupRule", "Option", "resolve_options"]


@attrs.frozen
class GroupRule:
    """One priority group (or household category) of a campaign and the criterion that decides it.

    Attributes:
        id: the group id (contract.md for changzhou-edz-2021 and pingdingshan-2010).
        label: the group's name in zh-Hans, zh-Hant and en.
        source: the clause.
        criterion: the (composed) criterion.
        text: the clause as printed.
    """

    id: str
    label: Label
    source: str
    criterion: Criterion
    text: str = ""


@attrs.frozen
class Option:
    """A reading of an ambiguous clause that users may choose differently (docs/decisions.md).

    Attributes:
        name: the option's name.
        default: the reading chosen.
        choices: the readings allowed.
        doc: what it means.
    """

    name: str
    default: Any
    choices: tuple[Any, ...]
    doc: str


@attrs.frozen
class CampaignRules:
    """A campaign's eligibility rules, built for one choice of options.

    Attributes:
        campaign: the campaign id.
        groups: the priority groups, in the notice's order.
        categories: household categories of the campaign's form (``pingdingshan-2010`` line 03), or
            ().
        default_region: the region of the 低保 standard when a household names none.
        checklist: builds the documents checklist from the household and its eligible groups.
        options: the options used.
    """

    campaign: str
    groups: tuple[GroupRule, ...]
    categories: tuple[GroupRule, ...] = ()
    default_region: str | None = None
    checklist: Callable[[Household, tuple[str, ...]], Checklist] | None = None
    options: Mapping[str, Any] = attrs.field(factory=dict)


def resolve_options(
    declared: Mapping[str, Option], given: Mapping[str, Any] | None, campaign: str
) -> dict[str, Any]:
    """The declared defaults overridden by ``given`` (unknown names and values are errors)."""
    out = {name: opt.default for name, opt in declared.items()}
    for name, value in (given or {}).items():
        opt = declared.get(name)
        if opt is None:
            raise UnknownIdError(
                N_("{what}: unknown option {got}; expected one of {expected}"),
                what=f"options of {campaign}",
                expected=", ".join(declared) or "none",
                got=name,
            )
        if value not in opt.choices or type(value) is not type(opt.default):
            raise InvalidValueError(
                N_("{what}: expected {expected}, got {got}"),
                what=name,
                expected=" or ".join(repr(c) for c in opt.choices),
                got=value,
            )
        out[name] = value
    return out


def day(text: str) -> dt.date:
    """A date from ISO text (for rule modules)."""
    return dt.date.fromisoformat(text)
