"""Statistical forms: templates from data files, compiled validation of returns, readers, summaries.

>>> import wennuan_rules as wr
>>> report = wr.validate("wuhan-2015:swn", {"05A": "10", "05B": "3", "05C": "5", "05D": "1",
...                                          "05E": "0", "05F": "0"})  # doctest: +SKIP
>>> report.fix  # doctest: +SKIP Fix(item='05A', value='9', current='10')
"""

from __future__ import annotations

import sys
import types

from wennuan_rules.forms.codes import is_code, normalize_code
from wennuan_rules.forms.loader import form_ids, forms, get_form, load_form
from wennuan_rules.forms.model import (
    FormTemplate,
    LeRule,
    LineItem,
    PairedRule,
    Return,
    Rule,
    SumRule,
)
from wennuan_rules.forms.readers import read_returns
from wennuan_rules.forms.validate import (
    RuleSummary,
    Summary,
    make_return,
    parse_value,
    roll_up,
    summarize,
    validate,
    validate_many,
)

__all__ = [
    "FormTemplate",
    "LeRule",
    "LineItem",
    "PairedRule",
    "Return",
    "Rule",
    "RuleSummary",
    "SumRule",
    "Summary",
    "form_ids",
    "forms",
    "get_form",
    "is_code",
    "load_form",
    "make_return",
    "normalize_code",
    "parse_value",
    "read_returns",
    "roll_up",
    "summarize",
    "validate",
    "validate_many",
]


class _CallableModule(types.ModuleType):
    """``import wennuan_rules.forms`` makes ``wennuan_rules.forms`` this subpackage (Python sets
    the parent's attribute after the import), which would shadow the function ``wr.forms()`` that
    contract.md promises.
    Calling the subpackage therefore does what the function does."""

    def __call__(self) -> tuple[FormTemplate, ...]:
        return forms()


sys.modules[__name__].__class__ = _CallableModule
