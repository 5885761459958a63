"""Statistical forms: templates from data files, compiled validation of returns, readers, summaries.

>>> import wennuan_rules as wr
>>> report = wr.validate("wuhan-2015:swn", {"05A": "10", "05B": "3", "05C": "5", "05D": "1",
...                                          "05E": "0", "05F": "0"})  # doctest: +SKIP
>>> report.fix  # doctest: +SKIP Fix(item='05A', value='9', current='10')

Public names are loaded on first use (``import wennuan_rules.form.loader`` runs this module first:
a command that reads a form does not import the comparison of returns, nor the readers).
"""

from __future__ import annotations

import sys
from types import ModuleType
from typing import TYPE_CHECKING

from wennuan_rules._lazy import lazy_names

# public name -> module of this package that defines it
_LAZY: dict[str, str] = {
    "is_code": "codes",
    "normalize_code": "codes",
    "compare": "compare",
    "form_ids": "loader",
    "forms": "loader",
    "get_form": "loader",
    "load_form": "loader",
    "FormTemplate": "model",
    "LeRule": "model",
    "LineItem": "model",
    "PairedRule": "model",
    "Return": "model",
    "Rule": "model",
    "SumRule": "model",
    "read_returns": "readers",
    "RuleSummary": "validate",
    "Summary": "validate",
    "make_return": "validate",
    "parse_value": "validate",
    "roll_up": "validate",
    "summarize": "validate",
    "validate": "validate",
    "validate_many": "validate",
}

__all__ = sorted(_LAZY)


__getattr__, __dir__ = lazy_names(__name__, _LAZY, globals())


#: Public names that are also the names of their modules: ``wennuan_rules.form.validate`` is the
#: function, as it was when this module imported every submodule and bound the names after.
_SHADOWED: frozenset[str] = frozenset({"compare", "validate"})


class _Package(ModuleType):
    """This package, whose ``validate`` and ``compare`` stay the functions when the import system
    binds their submodules here (it does so when it loads one)."""

    def __setattr__(self, name: str, value: object) -> None:
        if name in _SHADOWED and isinstance(value, ModuleType):
            value = getattr(value, name)
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


if TYPE_CHECKING:  # pragma: no cover - for type checkers only
    from wennuan_rules.form.codes import is_code as is_code
    from wennuan_rules.form.codes import normalize_code as normalize_code
    from wennuan_rules.form.compare import compare as compare
    from wennuan_rules.form.loader import form_ids as form_ids
    from wennuan_rules.form.loader import forms as forms
    from wennuan_rules.form.loader import get_form as get_form
    from wennuan_rules.form.loader import load_form as load_form
    from wennuan_rules.form.model import FormTemplate as FormTemplate
    from wennuan_rules.form.model import LeRule as LeRule
    from wennuan_rules.form.model import LineItem as LineItem
    from wennuan_rules.form.model import PairedRule as PairedRule
    from wennuan_rules.form.model import Return as Return
    from wennuan_rules.form.model import Rule as Rule
    from wennuan_rules.form.model import SumRule as SumRule
    from wennuan_rules.form.readers import read_returns as read_returns
    from wennuan_rules.form.validate import RuleSummary as RuleSummary
    from wennuan_rules.form.validate import Summary as Summary
    from wennuan_rules.form.validate import make_return as make_return
    from wennuan_rules.form.validate import parse_value as parse_value
    from wennuan_rules.form.validate import roll_up as roll_up
    from wennuan_rules.form.validate import summarize as summarize
    from wennuan_rules.form.validate import validate as validate
    from wennuan_rules.form.validate import validate_many as validate_many
