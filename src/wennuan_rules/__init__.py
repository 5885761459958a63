"""wennuan_rules: the rules of Chinese trade unions' 送温暖 campaigns as code.

>>> import wennuan_rules as wr
>>> wr.spring_festival(2010)
datetime.date(2010, 2, 14)

Public names are loaded on first use (nothing is read or computed at import time); ``__all__`` lists
them.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from wennuan_rules import _wiring
from wennuan_rules.errors import (
    CalendarError,
    DataFileError,
    InputFileError,
    InputProblems,
    InvalidValueError,
    ParameterError,
    UnknownIdError,
    WennuanError,
)

if TYPE_CHECKING:  # pragma: no cover - for type checkers only
    from wennuan_rules.results import Renderers


def _renderers() -> Renderers:
    """The renderers results' methods call (``Report._repr_html_``, ``Summary.to_text``, …): the
    top package wires the results layer to the renderers above it, loaded on first use."""
    from wennuan_rules import render

    return render


# installed where results find them, without importing results (``import wennuan_rules`` builds
# none of the result types)
_wiring.use_renderers(_renderers)


def _version() -> str:
    """The installed version, looked up on first use of ``__version__`` (importlib.metadata is
    slow to import: start-up does not pay for it)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("wennuan-rules")
    except PackageNotFoundError:  # pragma: no cover - a source tree without installing
        return "0+unknown"


# public name -> module that defines it
_LAZY: dict[str, str] = {
    # calendar
    "spring_festival": "wennuan_rules.lunar",
    "lantern_festival": "wennuan_rules.lunar",
    "to_lunar": "wennuan_rules.lunar",
    "from_lunar": "wennuan_rules.lunar",
    "parse_lunar_day": "wennuan_rules.lunar",
    "LunarDate": "wennuan_rules.lunar",
    "LunarDay": "wennuan_rules.lunar",
    # money
    "parse_amount": "wennuan_rules.money",
    "parse_number": "wennuan_rules.money",
    "parse_count": "wennuan_rules.money",
    "yuan_to_wan": "wennuan_rules.money",
    "wan_to_yuan": "wennuan_rules.money",
    "format_yuan": "wennuan_rules.money",
    "format_wan": "wennuan_rules.money",
    # campaigns
    "Campaign": "wennuan_rules.campaign",
    "add_data_dir": "wennuan_rules._data",
    "remove_data_dir": "wennuan_rules._data",
    "data_dirs": "wennuan_rules._data",
    "campaigns": "wennuan_rules.campaign",
    "get_campaign": "wennuan_rules.campaign",
    "load_campaign": "wennuan_rules.campaign",
    "DocumentNumber": "wennuan_rules.campaign",
    "Period": "wennuan_rules.campaign",
    "Deadline": "wennuan_rules.campaign",
    "GroupSpec": "wennuan_rules.campaign",
    "PaymentRules": "wennuan_rules.campaign",
    "VisitQuota": "wennuan_rules.campaign",
    # reports
    "Report": "wennuan_rules.results",
    "Finding": "wennuan_rules.results",
    "Severity": "wennuan_rules.results",
    # forms
    "FormTemplate": "wennuan_rules.form",
    "forms": "wennuan_rules.form",
    "get_form": "wennuan_rules.form",
    "load_form": "wennuan_rules.form",
    "validate": "wennuan_rules.form",
    "validate_many": "wennuan_rules.form",
    "validate_batch": "wennuan_rules.form.batch",
    "Batch": "wennuan_rules.batch",
    "compare": "wennuan_rules.form",
    "summarize": "wennuan_rules.form",
    "roll_up": "wennuan_rules.form",
    "read_returns": "wennuan_rules.form",
    "make_return": "wennuan_rules.form",
    "Return": "wennuan_rules.form",
    "Summary": "wennuan_rules.form",
    "normalize_code": "wennuan_rules.form",
    "form_ids": "wennuan_rules.form",
    # forms at scale (extra ``columnar``: polars, sqlglot; imported when called)
    "validate_frame": "wennuan_rules.form.columnar",
    "form_sql": "wennuan_rules.form.sql",
    # eligibility
    "Household": "wennuan_rules.eligibility",
    "Assessment": "wennuan_rules.eligibility",
    "assess": "wennuan_rules.eligibility",
    "assess_many": "wennuan_rules.eligibility",
    "Decision": "wennuan_rules.eligibility",
    "Reason": "wennuan_rules.eligibility",
    "load_parameters": "wennuan_rules.parameters",
    "Parameters": "wennuan_rules.parameters",
    "dibao_standard": "wennuan_rules.parameters",
    # audits
    "audit_payments": "wennuan_rules.audits",
    "audit_visits": "wennuan_rules.audits",
    "read_roster": "wennuan_rules.audits",
    "iter_payments": "wennuan_rules.audits",
    "read_visits": "wennuan_rules.audits",
    "read_families": "wennuan_rules.audits",
    # collect, don't stop: what a reader returns with errors="collect"
    "Collected": "wennuan_rules._io",
    # audits of lists: hardship files (解困脱困), civil-affairs comparison, goods rosters
    "audit_files": "wennuan_rules.audits.lists",
    "audit_civil_affairs": "wennuan_rules.audits.lists",
    "audit_goods": "wennuan_rules.audits.lists",
    "read_hardship_files": "wennuan_rules.audits.lists_records",
    "read_civil_affairs": "wennuan_rules.audits.lists_records",
    "read_goods": "wennuan_rules.audits.lists_records",
    "read_prohibited": "wennuan_rules.audits.lists_records",
}

__all__ = [
    "CalendarError",
    "DataFileError",
    "InputFileError",
    "InputProblems",
    "InvalidValueError",
    "ParameterError",
    "UnknownIdError",
    "WennuanError",
    "__version__",
    *sorted(_LAZY),
]


def __getattr__(name: str) -> Any:
    if name == "__version__":
        globals()[name] = found = _version()
        return found
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'wennuan_rules' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


if TYPE_CHECKING:  # pragma: no cover - for type checkers only
    from wennuan_rules._data import add_data_dir as add_data_dir
    from wennuan_rules._data import data_dirs as data_dirs
    from wennuan_rules._data import remove_data_dir as remove_data_dir
    from wennuan_rules._io import Collected as Collected
    from wennuan_rules.form.columnar import validate_frame as validate_frame
    from wennuan_rules.form.sql import form_sql as form_sql
    from wennuan_rules.lunar import (
        LunarDate as LunarDate,
    )
    from wennuan_rules.lunar import (
        LunarDay as LunarDay,
    )
    from wennuan_rules.lunar import (
        from_lunar as from_lunar,
    )
    from wennuan_rules.lunar import (
        lantern_festival as lantern_festival,
    )
    from wennuan_rules.lunar import (
        parse_lunar_day as parse_lunar_day,
    )
    from wennuan_rules.lunar import (
        spring_festival as spring_festival,
    )
    from wennuan_rules.lunar import (
        to_lunar as to_lunar,
    )
    from wennuan_rules.money import (
        format_wan as format_wan,
    )
    from wennuan_rules.money import (
        format_yuan as format_yuan,
    )
    from wennuan_rules.money import (
        parse_amount as parse_amount,
    )
    from wennuan_rules.money import (
        parse_count as parse_count,
    )
    from wennuan_rules.money import (
        parse_number as parse_number,
    )
    from wennuan_rules.money import (
        wan_to_yuan as wan_to_yuan,
    )
    from wennuan_rules.money import (
        yuan_to_wan as yuan_to_wan,
    )
