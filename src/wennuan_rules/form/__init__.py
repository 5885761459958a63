"""Statistical forms: templates from data files, compiled validation of returns, readers, summaries.

>>> import wennuan_rules as wr
>>> report = wr.validate("wuhan-2015:swn", {"05A": "10", "05B": "3", "05C": "5", "05D": "1",
...                                          "05E": "0", "05F": "0"})  # doctest: +SKIP
>>> report.fix  # doctest: +SKIP Fix(item='05A', value='9', current='10')
"""

from __future__ import annotations

from wennuan_rules.form.codes import is_code, normalize_code
from wennuan_rules.form.compare import compare
from wennuan_rules.form.loader import form_ids, forms, get_form, load_form
from wennuan_rules.form.model import (
    FormTemplate,
    LeRule,
    LineItem,
    PairedRule,
    Return,
    Rule,
    SumRule,
)
from wennuan_rules.form.readers import read_returns
from wennuan_rules.form.validate import (
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
    "compare",
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
