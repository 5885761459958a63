"""Reading campaign data files strictly: :func:`load_campaign`, :func:`campaigns`,
:func:`get_campaign`."""

from __future__ import annotations

import datetime as dt
import re
import types
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any, Final

from wennuan_rules._data import Sourced, Table, bundled_files, is_bundled, load_toml, on_data_change
from wennuan_rules.campaign.dates import _spring_festival, resolve_date
from wennuan_rules.campaign.model import (
    _ID,
    _SPEC_ID,
    Campaign,
    Deadline,
    DocumentNumber,
    GroupSpec,
    PaymentRules,
    Period,
    VisitQuota,
)
from wennuan_rules.errors import (
    DataFileError,
    InvalidValueError,
    UnknownIdError,
    WennuanError,
)
from wennuan_rules.i18n import N_, Message
from wennuan_rules.vocabulary import FundSource, PaymentChannel, UnionLevel, vocabularies

__all__ = ["campaigns", "get_campaign", "load_campaign"]

# --------------------------------------------------------------------------------------------------
# reading data files

_OPTIONAL_FIELDS: Final = (
    "document",
    "issued_on",
    "published_on",
    "theme",
    "visiting_window",
    "report_deadline",
    "application_deadline",
    "spending_deadlines",
    "coverage",
    "visit_quota",
    "programmes",
    "payment.real_name",
    "payment.file_before_aid",
    "payment.channels",
    "payment.earmarked",
    "forms",
    "reports",
)


def _reraise(table: Table, key: str, exc: WennuanError) -> DataFileError:
    if isinstance(exc, DataFileError):
        return exc
    return table.error(key, exc.expected or N_("a valid value"), exc.got)


def _read_period(table: Table, key: str) -> Period:
    sub = table.table(key)
    start = resolve_date(sub.get("start", object), where=sub, key="start")
    end = resolve_date(sub.get("end", object), is_end=True, where=sub, key="end")
    try:
        period = Period(
            start=start,
            end=end,
            source=sub.get("source", str),
            text=sub.get("text", str),
            note=sub.text("note"),
            dated=sub.get("dated", bool, True),
        )
    except WennuanError as exc:
        raise _reraise(table, key, exc) from None
    sub.close()
    return period


def _read_observances(table: Table) -> dict[str, Period]:
    sub = table.table("observances", required=False)
    names = sub.keys()
    out = {name: _read_period(sub, name) for name in names}
    sub.close()
    return out


def _read_deadline(table: Table, key: str) -> Deadline:
    sub = table.table(key)
    inclusive = sub.get("inclusive", bool, True)
    named = resolve_date(sub.get("day", object), is_end=True, where=sub, key="day")
    deadline = Deadline(
        last_day=named if inclusive else named - dt.timedelta(days=1),
        named_day=named,
        inclusive=inclusive,
        source=sub.get("source", str),
        text=sub.get("text", str),
        note=sub.text("note"),
    )
    sub.close()
    return deadline


def _read_sourced_bool(table: Table, key: str) -> Sourced[bool] | None:
    if key not in table:
        return None
    return table.sourced(key, lambda t: t.get("value", bool))


def _read_sourced_list(table: Table, key: str) -> tuple[Sourced[str], ...]:
    return tuple(sub.as_sourced(sub.get("value", str)) for sub in table.tables(key, required=False))


def _vocab_ids(table: Table, key: str, vocab: type[Any]) -> tuple[Any, ...]:
    out = []
    for i, text in enumerate(table.strs(key, ())):
        if text not in vocab.ids():
            raise table.error(
                f"{key}[{i}]", Message.of(N_("one of {known}"), known=", ".join(vocab.ids())), text
            )
        out.append(vocab.from_text(text))
    return tuple(out)


def _read_payment(table: Table) -> PaymentRules:
    sub = table.table("payment", required=False)
    channels: Sourced[tuple[PaymentChannel, ...]] | None = None
    if "channels" in sub:
        channels = sub.sourced("channels", lambda t: _vocab_ids(t, "value", PaymentChannel))
    rules = PaymentRules(
        real_name=_read_sourced_bool(sub, "real_name"),
        file_before_aid=_read_sourced_bool(sub, "file_before_aid"),
        channels=channels,
        channel_applies_to=_vocab_ids(sub, "channel_applies_to", FundSource),
        earmarked=_read_sourced_bool(sub, "earmarked"),
        rules_apply_to=_vocab_ids(sub, "rules_apply_to", FundSource),
        bound_groups=(sub.sourced("bound_groups", _group_ids) if "bound_groups" in sub else None),
    )
    sub.close()
    return rules


def _group_ids(table: Table) -> tuple[str, ...]:
    value = table.get("value", list)
    if not value or not all(isinstance(v, str) and v for v in value):
        raise table.error("value", N_("a list of recipient group ids"), value)
    return tuple(value)


def _read_criteria(sub: Table) -> tuple[Mapping[str, Any], ...]:
    out = []
    for i, item in enumerate(sub.get("criteria", list, [])):
        if not isinstance(item, dict) or not isinstance(item.get("kind"), str):
            raise sub.error(f"criteria[{i}]", N_('a table with kind = "…" and source = "…"'), item)
        out.append(types.MappingProxyType(dict(item)))
    return tuple(out)


def _read_groups(
    table: Table, key: str = "groups", pattern: re.Pattern[str] = _ID
) -> tuple[GroupSpec, ...]:
    out: list[GroupSpec] = []
    for sub in table.tables(key, required=False):
        ident = sub.get("id", str)
        if not pattern.match(ident):
            raise sub.error("id", N_("lower-case words joined by '-', e.g. serious-illness"), ident)
        if any(g.id == ident for g in out):
            raise sub.error("id", N_("an id not used by another group of the campaign"), ident)
        out.append(
            GroupSpec(
                id=ident,
                label=sub.label("label"),
                source=sub.get("source", str),
                text=sub.get("text", str),
                note=sub.text("note"),
                criteria=_read_criteria(sub),
            )
        )
        sub.close()
    return tuple(out)


def _read_quota(table: Table) -> VisitQuota | None:
    if "visit_quota" not in table:
        return None
    sub = table.table("visit_quota")
    kinds = sub.table("by_kind")
    by_kind: dict[str, int] = {}
    names = kinds.keys()
    for name in names:
        count = kinds.get(name, int)
        if count < 0:
            raise kinds.error(name, N_("a count ≥ 0"), count)
        by_kind[name] = count
    kinds.close()
    minimum = sub.get("minimum_households", int)
    if minimum < sum(by_kind.values()):
        raise sub.error("minimum_households", N_("at least the sum of by_kind"), minimum)
    quota = VisitQuota(
        minimum_households=minimum,
        by_kind=by_kind,
        per=sub.get("per", str, "unit-visited"),
        source=sub.get("source", str),
        text=sub.get("text", str),
        note=sub.text("note"),
    )
    sub.close()
    return quota


def _read_programmes(table: Table) -> tuple[Sourced[str], ...]:
    known = vocabularies()
    out = _read_sourced_list(table, "programmes")
    for i, p in enumerate(out):
        if p.value not in known:
            raise table.error(
                f"programmes[{i}].value",
                Message.of(N_("one of {known}"), known=", ".join(known)),
                p.value,
            )
    return out


def _read_sourced_date(table: Table, key: str) -> Sourced[dt.date] | None:
    if key not in table:
        return None
    return table.sourced(key, lambda t: t.date("value"))


def _read_campaign(table: Table, file: str) -> Campaign:
    ident = table.get("id", str)
    if not _ID.match(ident):
        raise table.error("id", N_("lower-case words joined by '-', e.g. pingdingshan-2010"), ident)
    issuer = table.table("issuer")
    level_text = issuer.get("level", str)
    if level_text not in UnionLevel.ids():
        raise issuer.error(
            "level", Message.of(N_("one of {known}"), known=", ".join(UnionLevel.ids())), level_text
        )
    issuer_label = issuer.label("label")
    issuer_source: Sourced[str] = Sourced(
        value=issuer_label.zh_hans,
        source=issuer.get("source", str),
        text=issuer.get("text", str),
        note=issuer.text("note"),
    )
    issuer.close()

    document: DocumentNumber | None = None
    if "document" in table:
        doc = table.table("document")
        text = doc.get("text", str)
        try:
            document = DocumentNumber.parse(text)
        except WennuanError as exc:
            raise _reraise(doc, "text", exc) from None
        doc.close()

    spending: dict[FundSource, Deadline] = {}
    sd = table.table("spending_deadlines", required=False)
    fund_names = sd.keys()
    for name in fund_names:
        if name not in FundSource.ids():
            raise sd.error(
                name,
                Message.of(N_("a fund source id: {known}"), known=", ".join(FundSource.ids())),
                name,
            )
        spending[FundSource.from_text(name)] = _read_deadline(sd, name)
    sd.close()

    absent: dict[str, Sourced[None]] = {}
    ab = table.table("absent", required=False)
    absent_names = ab.keys()
    for name in absent_names:
        if name not in _OPTIONAL_FIELDS:
            raise ab.error(
                name,
                Message.of(N_("an optional field: {known}"), known=", ".join(_OPTIONAL_FIELDS)),
                name,
            )
        absent[name] = ab.sourced(name, lambda t: None)
    ab.close()

    festival_year = table.get("festival_year", int)
    campaign = Campaign(
        id=ident,
        cite=table.get("cite", str),
        title=table.label("title"),
        issuer=issuer_label,
        issuer_source=issuer_source,
        level=UnionLevel.from_text(level_text),
        document=document,
        issued_on=_read_sourced_date(table, "issued_on"),
        published_on=_read_sourced_date(table, "published_on"),
        theme=table.sourced_str("theme") if "theme" in table else None,
        period=_read_period(table, "period"),
        visiting_window=(
            _read_period(table, "visiting_window") if "visiting_window" in table else None
        ),
        report_deadline=(
            _read_deadline(table, "report_deadline") if "report_deadline" in table else None
        ),
        application_deadline=(
            _read_deadline(table, "application_deadline")
            if "application_deadline" in table
            else None
        ),
        spending_deadlines=spending,
        payment=_read_payment(table),
        forms=_read_sourced_list(table, "forms"),
        reports=_read_sourced_list(table, "reports"),
        groups=_read_groups(table),
        coverage=table.sourced("coverage", lambda t: t.text("value"))
        if "coverage" in table
        else None,
        visit_quota=_read_quota(table),
        programmes=_read_programmes(table),
        observances=_read_observances(table),
        spring_festival=_spring_festival(festival_year),
        absent=absent,
        file=file,
        region=table.opt("region", str),
        categories=_read_groups(table, "categories", _SPEC_ID),
    )
    table.close()
    return campaign


def load_campaign(path: Path | str) -> Campaign:
    """Read a campaign from a TOML data file (the format is described in docs/campaigns.md).

    Raises:
        DataFileError: naming the file and key, for a missing, unknown or malformed key.
    """
    text = str(path) if isinstance(path, (str, Path)) else None
    if text is None or not text.strip() or len(text) > 4096 or "\x00" in text:
        raise InvalidValueError(
            N_("{what}: expected {expected}, got {got}"),
            what=N_("path"),
            expected=N_("a file path"),
            got=path,
        )
    try:
        table = load_toml(path)
    except WennuanError:
        raise
    except ValueError as exc:  # e.g. a path the file system cannot encode
        raise InvalidValueError(
            N_("{what}: expected {expected}, got {got}"),
            what=N_("path"),
            expected=N_("a file path"),
            got=path,
        ) from exc
    return _read_campaign(table, str(path))


@on_data_change
def _clear() -> None:
    _bundled.cache_clear()


@cache
def _bundled() -> dict[str, Campaign]:
    found: dict[str, Campaign] = {}
    for stem, path in bundled_files("campaigns"):
        name = f"data/campaigns/{stem}.toml" if is_bundled(path) else str(path)
        campaign = _read_campaign(load_toml(path, name=name), str(path))
        if campaign.id != stem:
            raise DataFileError(
                N_("in {file}, key {what}: expected {expected}, got {got}"),
                what=N_("id"),
                expected=stem,
                got=campaign.id,
                file=name,
                params={"file": name},
            )
        found[stem] = campaign
    # in the order of their festivals (contract.md lists the bundled ones so), then by id
    return dict(sorted(found.items(), key=lambda kv: (kv[1].spring_festival, kv[0])))


def campaigns() -> tuple[Campaign, ...]:
    """The campaigns, bundled and from the user's data directories, in the order of their
    festivals (read once, then cached)."""
    return tuple(_bundled().values())


def get_campaign(id: object) -> Campaign:
    """The bundled campaign ``id`` (``pingdingshan-2010``); a :class:`Campaign` is returned as is.

    Raises:
        UnknownIdError: listing the known ids.
    """
    if isinstance(id, Campaign):
        return id
    found = _bundled().get(id) if isinstance(id, str) else None
    if found is None:
        raise UnknownIdError(
            N_("{what}: unknown value {got}; expected one of {expected}"),
            what=N_("campaign"),
            expected=", ".join(_bundled()),
            got=id,
        )
    return found
