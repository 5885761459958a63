"""Every public parser, fed junk, answers with a WennuanError and nothing else (no TypeError, no
AttributeError, no borax or decimal exception, no hang on a megabyte of text).

After python-stdnum's robustness test: one list of parsers, one list of junk, every pair tried.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from wennuan_rules.audits import audit_payments, audit_visits
from wennuan_rules.audits.readers import read_roster
from wennuan_rules.audits.visits import read_families, read_visits
from wennuan_rules.campaign import DocumentNumber, get_campaign, load_campaign, resolve_date
from wennuan_rules.eligibility import Household, assess
from wennuan_rules.eligibility.readers import read_households
from wennuan_rules.errors import WennuanError
from wennuan_rules.form import get_form, load_form, normalize_code, read_returns, validate
from wennuan_rules.lunar import (
    from_lunar,
    lantern_festival,
    parse_lunar_day,
    spring_festival,
    to_lunar,
)
from wennuan_rules.money import parse_amount, parse_count, parse_number
from wennuan_rules.parameters import dibao_standard
from wennuan_rules.vocabulary import vocabularies

_HOUSEHOLD_KEYS = (
    "members",
    "monthly_income",
    "annual_medical_out_of_pocket",
    "has_labour_contract",
    "causes",
    "model_worker_level",
    "hardship_file",
    "civil_affairs",
    "region",
    "event_on",
    "documents",
)


def _household_with(key: str) -> Callable[[object], object]:
    """Household.from_mapping with ``key`` set to the junk (members and income otherwise valid)."""
    base: dict[str, object] = {"members": 2, "monthly_income": "1000"}
    return lambda v: Household.from_mapping({**base, key: v})


def _read_households_from(value: object) -> object:
    """read_households over a file holding the junk (text, bytes, or its JSON)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "households.json"
        if isinstance(value, bytes):
            path.write_bytes(value)
        elif isinstance(value, str):
            path.write_bytes(value.encode("utf-8", "surrogatepass"))
        else:
            path.write_text(json.dumps(value, default=str), encoding="utf-8")
        return list(read_households(str(path))[1])


def _read_file_holding(value: object, name: str, read: Callable[[Path], object]) -> object:
    """``read`` over a file holding the junk (text, bytes, or its JSON)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        if isinstance(value, bytes):
            path.write_bytes(value)
        elif isinstance(value, str):
            path.write_bytes(value.encode("utf-8", "surrogatepass"))
        else:
            path.write_text(json.dumps(value, default=str), encoding="utf-8")
        return read(path)


# The public parsers: (name, callable taking one value). EXTEND THIS LIST when you add a parser
# (vocabulary from_text, Household.from_mapping, return and roster readers, …): append a
# ("module.function", callable) pair; wrap functions that need more arguments in a lambda.
PARSERS: list[tuple[str, Callable[[object], object]]] = [
    ("money.parse_amount", parse_amount),
    ("money.parse_number", parse_number),
    ("money.parse_count", parse_count),
    ("lunar.parse_lunar_day", parse_lunar_day),  # type: ignore[list-item]
    ("lunar.to_lunar", to_lunar),  # type: ignore[list-item]
    ("lunar.from_lunar", lambda v: from_lunar(v, 1, 1)),  # type: ignore[arg-type]
    ("lunar.from_lunar(month)", lambda v: from_lunar(2010, v, 1)),  # type: ignore[arg-type]
    ("lunar.from_lunar(day)", lambda v: from_lunar(2010, 1, v)),  # type: ignore[arg-type]
    ("lunar.from_lunar(leap)", lambda v: from_lunar(2010, 1, 1, v)),  # type: ignore[arg-type]
    ("lunar.parse_lunar_day(year)", lambda v: parse_lunar_day("腊月十一", year=v)),  # type: ignore[call-overload]
    ("lunar.spring_festival", spring_festival),  # type: ignore[list-item]
    ("lunar.lantern_festival", lantern_festival),  # type: ignore[list-item]
    ("forms.normalize_code", normalize_code),
    ("forms.get_form", get_form),  # type: ignore[arg-type]
    ("forms.load_form", load_form),  # type: ignore[arg-type]
    ("forms.read_returns", lambda v: list(read_returns(v))),  # type: ignore[arg-type]
    ("forms.validate(values)", lambda v: validate("wuhan-2015:swn", v)),  # type: ignore[arg-type]
    ("forms.validate(value)", lambda v: validate("wuhan-2015:swn", {"05A": v})),
    ("forms.validate(tolerance)", lambda v: validate("wuhan-2015:swn", {}, tolerance=v)),  # type: ignore[arg-type]
    *[(f"vocabulary.{n}.from_text", c.from_text) for n, c in sorted(vocabularies().items())],
    ("campaigns.DocumentNumber.parse", DocumentNumber.parse),
    ("campaigns.get_campaign", get_campaign),
    ("campaigns.load_campaign", load_campaign),  # type: ignore[arg-type]
    ("campaigns.resolve_date", resolve_date),
    ("campaigns.resolve_date(rule)", lambda v: resolve_date({"rule": "month", "year": v})),
    ("eligibility.Household.from_mapping", Household.from_mapping),  # type: ignore[arg-type]
    *[
        (f"eligibility.Household.from_mapping({key})", _household_with(key))
        for key in _HOUSEHOLD_KEYS
    ],
    ("parameters.dibao_standard", dibao_standard),  # type: ignore[arg-type]
    ("parameters.dibao_standard(on)", lambda v: dibao_standard("changzhou-edz", v)),  # type: ignore[arg-type]
    ("eligibility.read_households(path)", lambda v: list(read_households(v)[1])),  # type: ignore[arg-type]
    ("eligibility.read_households(content)", _read_households_from),
    ("audits.read_roster", lambda v: read_roster(v)),  # type: ignore[arg-type]
    ("audits.read_roster(content)", lambda v: _read_file_holding(v, "roster.json", read_roster)),
    ("audits.read_roster(csv)", lambda v: _read_file_holding(v, "roster.csv", read_roster)),
    ("audits.read_visits", lambda v: read_visits(v)),  # type: ignore[arg-type]
    ("audits.read_visits(content)", lambda v: _read_file_holding(v, "visits.json", read_visits)),
    ("audits.read_families", lambda v: read_families(v)),  # type: ignore[arg-type]
    ("audits.audit_payments", lambda v: audit_payments(v, "pingdingshan-2010")),  # type: ignore[arg-type]
    ("audits.audit_payments(row)", lambda v: audit_payments([v], "pingdingshan-2010")),  # type: ignore[list-item]
    ("audits.audit_visits", lambda v: audit_visits(v, "pingdingshan-2010")),  # type: ignore[arg-type]
    ("audits.audit_visits(visit)", lambda v: audit_visits([v], "pingdingshan-2010")),  # type: ignore[list-item]
    ("eligibility.assess(campaign)", lambda v: assess({"members": 1, "monthly_income": "1"}, v)),
    (
        "eligibility.assess(on)",
        lambda v: assess({"members": 1, "monthly_income": "1"}, "wuhan-2015", v),
    ),  # type: ignore[arg-type]
]

MEGABYTE = "1" * 1_000_000

JUNK: list[tuple[str, object]] = [
    ("None", None),
    ("empty", ""),
    ("object", object()),
    ("emoji", "😴"),
    ("megabyte", MEGABYTE),
    ("megabyte of spaces", " " * 1_000_000),
    ("list", [1, 2]),
    ("dict", {"a": 1}),
    ("float", 1.5),
    ("float nan", float("nan")),
    ("bool", True),
    ("bytes", b"12"),
    ("decimal nan", Decimal("NaN")),
    ("huge int", 10**400),
    ("negative int", -1),
    ("control characters", "\x00\x1b[2J"),
    ("lone surrogate", "\udcff"),
]

# (parser, junk) pairs where the "junk" is valid input: a 400-digit amount is exact and allowed,
# and year=None means "no year" for parse_lunar_day.
ACCEPTED = {
    ("money.parse_amount", "huge int"),
    ("money.parse_number", "huge int"),
    ("money.parse_count", "huge int"),
    ("lunar.parse_lunar_day(year)", "None"),
    # a return's value may be not reported (None, ""), a boolean, or a number that fails its unit
    # check (a report with an error, not an exception)
    ("forms.validate(value)", "None"),
    ("forms.validate(value)", "empty"),
    ("forms.validate(value)", "megabyte of spaces"),
    ("forms.validate(value)", "megabyte"),
    ("forms.validate(value)", "bool"),
    ("forms.validate(value)", "huge int"),
    ("forms.validate(value)", "negative int"),
    ("forms.validate(tolerance)", "None"),
    # a household fact may be not stated (None); a bool is a yes/no fact; assess(on=None) is
    # today
    *[(f"eligibility.Household.from_mapping({key})", "None") for key in _HOUSEHOLD_KEYS[1:]],
    ("eligibility.Household.from_mapping(has_labour_contract)", "bool"),
    ("eligibility.assess(on)", "None"),
}


@pytest.mark.parametrize(("junk_name", "junk"), JUNK, ids=[name for name, _ in JUNK])
@pytest.mark.parametrize(("name", "parser"), PARSERS, ids=[name for name, _ in PARSERS])
def test_junk_gives_a_wennuan_error_and_nothing_else(
    name: str, parser: Callable[[object], object], junk_name: str, junk: object
) -> None:
    try:
        result = parser(junk)
    except WennuanError as error:
        # the error is usable: it renders in every locale and names what was wrong
        for lang in ("zh-Hans", "zh-Hant", "en"):
            assert error.message(lang)
        assert len(str(error)) < 1_000  # a megabyte of input is not echoed back
        return
    # the few junk values that are valid input for a parser must give a value
    assert (name, junk_name) in ACCEPTED, f"{name} accepted {junk_name}: {result!r}"
    assert result is not None
