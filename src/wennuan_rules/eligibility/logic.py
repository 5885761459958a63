"""A campaign's eligibility rules, put together from its data file and, where data cannot express a
group, its logic module.

The labels, sources and the list of groups come only from the campaign's data file
(:class:`~wennuan_rules.campaign.GroupSpec`). A group's criterion comes from ``criteria = […]`` in
the data (:mod:`~wennuan_rules.eligibility.from_data`) or from the campaign's module, found from the
campaign id (no registry):

* bundled campaigns: ``wennuan_rules.eligibility.campaigns.<id with _ for ->``;
* a campaign from a user's data directory: ``campaigns/<id>.py`` beside its data file, loaded by
  path (else the bundled module of the same id, if any).

A module defines ``build(campaign, options) -> Logic`` and, if it has readings to choose,
``OPTIONS`` (docs/extending.md).
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable, Mapping
from functools import cache
from importlib import import_module
from pathlib import Path
from types import ModuleType
from typing import Any

import attrs

from wennuan_rules._data import is_bundled, on_data_change
from wennuan_rules.campaign import Campaign, GroupSpec, get_campaign
from wennuan_rules.eligibility.criteria import Criterion
from wennuan_rules.eligibility.documents import Checklist
from wennuan_rules.eligibility.from_data import group_criterion
from wennuan_rules.eligibility.household import Household
from wennuan_rules.eligibility.rules import CampaignRules, GroupRule, Option, resolve_options
from wennuan_rules.errors import DataFileError, UnknownIdError
from wennuan_rules.i18n import N_, Message

__all__ = ["Logic", "campaign_module", "campaign_options", "campaign_rules", "module_name"]

PACKAGE = "wennuan_rules.eligibility.campaigns"


@attrs.frozen
class Logic:
    """What a campaign's module adds to its data: the criteria data cannot express.

    Attributes:
        groups: group id → criterion, for the groups of the data file the module decides.
        categories: category id → criterion (pingdingshan-2010 附件1 line 03).
        checklist: builds the documents checklist from the household and its eligible groups.
    """

    groups: Mapping[str, Criterion] = attrs.field(factory=dict)
    categories: Mapping[str, Criterion] = attrs.field(factory=dict)
    checklist: Callable[[Household, tuple[str, ...]], Checklist] | None = None


def module_name(campaign_id: str) -> str:
    """The bundled module of a campaign: ``wennuan_rules.eligibility.campaigns.wuhan_2015``."""
    return f"{PACKAGE}.{campaign_id.replace('-', '_')}"


@on_data_change
def _clear() -> None:
    _by_path.cache_clear()


@cache
def _by_path(path: Path) -> ModuleType:
    name = f"wennuan_rules_data_{abs(hash(path)):x}_{path.stem.replace('-', '_')}"
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:  # pragma: no cover - a .py file always has a spec
        raise DataFileError(
            N_("data file {file} cannot be read: {reason}"),
            file=str(path),
            params={"file": str(path), "reason": "not a Python module"},
        )
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def campaign_module(campaign: Campaign) -> ModuleType | None:
    """The campaign's logic module, or None when its data decides every group."""
    if campaign.file and not is_bundled(campaign.file):
        beside = Path(campaign.file).with_suffix(".py")
        if beside.is_file():
            return _by_path(beside.resolve())
    name = module_name(campaign.id)
    if importlib.util.find_spec(name) is None:
        return None
    return import_module(name)


def campaign_options(campaign: object) -> Mapping[str, Option]:
    """The options (readings of ambiguous clauses) a campaign's rules accept."""
    module = campaign_module(get_campaign(campaign))
    options: Mapping[str, Option] = getattr(module, "OPTIONS", {})
    return options


def _rule(
    c: Campaign, spec: GroupSpec, decided: Mapping[str, Criterion], key: str, i: int
) -> GroupRule:
    criterion = decided.get(spec.id)
    if criterion is None and spec.criteria:
        criterion = group_criterion(spec.criteria, c.file, f"{key}[{i}]")
    if criterion is None:
        raise DataFileError(
            N_("campaign {campaign} has no eligibility rule for group {group}"),
            what=f"{key}[{i}].criteria",
            expected=Message.of(
                N_("criteria = [...] in the data file, or the module {module}"),
                module=module_name(c.id),
            ),
            got=spec.id,
            file=c.file,
            params={"campaign": c.id, "group": spec.id, "file": c.file},
        )
    return GroupRule(spec.id, spec.label, spec.source, criterion, spec.text)


def _check_ids(c: Campaign, decided: Mapping[str, Criterion], specs: tuple[GroupSpec, ...]) -> None:
    known = {s.id for s in specs}
    for ident in decided:
        if ident not in known:
            raise UnknownIdError(
                N_("{what}: unknown value {got}; expected one of {expected}"),
                what=f"group of {c.id} (its module)",
                expected=", ".join(sorted(known)),
                got=ident,
            )


def campaign_rules(campaign: object, options: Mapping[str, Any] | None = None) -> CampaignRules:
    """The campaign's rules (groups, categories, checklist) for ``options``: labels and sources
    from its data file, criteria from the data or its module.

    Raises:
        UnknownIdError: no such campaign (listing the known ones).
        DataFileError: the campaign has no eligibility rules (neither a module nor criteria in
            its data), or one of its groups has none.
    """
    c = get_campaign(campaign)
    module = campaign_module(c)
    opts = resolve_options(getattr(module, "OPTIONS", {}), options, c.id)
    if module is None and not any(g.criteria for g in c.groups):
        raise DataFileError(
            N_("campaign {campaign} has no eligibility rules"),
            what=N_("criteria"),
            expected=Message.of(
                N_("criteria = [...] in the groups of {file}, or a module {module}"),
                file=c.file,
                module=module_name(c.id),
            ),
            got=c.id,
            file=c.file,
            params={"campaign": c.id, "file": c.file},
        )
    logic: Logic = module.build(c, opts) if module is not None else Logic()
    _check_ids(c, logic.groups, c.groups)
    _check_ids(c, logic.categories, c.categories)
    return CampaignRules(
        campaign=c.id,
        groups=tuple(_rule(c, g, logic.groups, "groups", i) for i, g in enumerate(c.groups)),
        categories=tuple(
            _rule(c, g, logic.categories, "categories", i) for i, g in enumerate(c.categories)
        ),
        default_region=c.region,
        checklist=logic.checklist,
        options=opts,
    )
