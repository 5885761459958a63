"""Form rules as expressions: one parser, one AST, everything else derived from it.

* :mod:`.ast` the nodes (:class:`Linear`, :class:`Compare`, :class:`Answer`, :class:`Implies`,
  :class:`Iff`, :class:`UnitCheck`) and the direct interpreter :func:`evaluate`;
* :mod:`.parse` formula text → AST (:func:`parse`, :class:`FormulaError` with positions);
* :mod:`.expression` AST → formula text and the printed expression in each language;
* :mod:`.compile` AST → straight-line Python of the row evaluator;
* :mod:`.solve` the single-item solve behind the likely fix and the strategies;
* :mod:`.findings` AST + values → :class:`~wennuan_rules.report.Finding`;
* :mod:`.rule` :class:`FormRule` (name, formula, severity, source) and the 0.1 kinds as sugar.
"""

from __future__ import annotations

from wennuan_rules.form.rules.ast import (
    Answer,
    Compare,
    Expr,
    Iff,
    Implies,
    Linear,
    UnitCheck,
    evaluate,
    rule_items,
    shape,
)
from wennuan_rules.form.rules.expression import describe, formula
from wennuan_rules.form.rules.parse import FormulaError, parse
from wennuan_rules.form.rules.rule import FormRule, LeRule, PairedRule, SumRule

__all__ = [
    "Answer",
    "Compare",
    "Expr",
    "FormRule",
    "FormulaError",
    "Iff",
    "Implies",
    "LeRule",
    "Linear",
    "PairedRule",
    "SumRule",
    "UnitCheck",
    "describe",
    "evaluate",
    "formula",
    "parse",
    "rule_items",
    "shape",
]
