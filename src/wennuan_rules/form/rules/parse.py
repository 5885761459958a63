"""The parser of rule formulas (hand-written, no dependency).

Grammar (spaces are free between tokens)::

    rule    := compare [ "<->" compare ] | premise "->" compare
    premise := compare | CODE "=" ANSWER            ANSWER: 是 | 否 (a yes-no item's answer)
    compare := linear OP linear                     OP: = <= >= < >
    linear  := ["+" | "-"] term { ("+" | "-") term }
    term    := NUMBER [ "*" CODE ] | CODE [ "*" NUMBER ]
    CODE    := 05A | 08A-1 | B | B1 | K2 | [01]      (a code in brackets: any normalised code)
    NUMBER  := 12 | 0.5 | 0.000001                   (decimal, exact; no fractions, no exponent)

A code written right after another code's letters with ``-`` and a digit is one code (``08A-1``);
to subtract a number, put spaces: ``B - 1``. Errors are :class:`FormulaError` with the 0-based
character position of the offending token.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Final

from wennuan_rules.form.rules.ast import Answer, Compare, Condition, Expr, Iff, Implies, Linear
from wennuan_rules.i18n import N_

__all__ = ["FormulaError", "parse"]

_TOKEN: Final = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<arrow><->|->)
  | (?P<op><=|>=|=|<|>)
  | (?P<sign>[+-])
  | (?P<times>\*)
  | (?P<code>(?:\d{2}[A-Z]|[A-Z]\d{0,2})(?:-[1-9]\d?)?(?![A-Za-z0-9.]))
  | (?P<bracket>\[(?:\d{2}[A-Z]?|[A-Z]\d{0,2})(?:-[1-9]\d?)?\])
  | (?P<number>\d+(?:\.\d+)?(?![A-Za-z0-9.]))
  | (?P<answer>是|否)
    """,
    re.VERBOSE,
)


#: What was expected, in words (the error's ``expected``) and as the catalog message of a data
#: file's error (``{file}``, ``{rule}``, ``{position}``, ``{got}``), so it reads in every language.
_EXPECTED: Final = {
    "token": (
        "a line item code (05A), a number, + - * or = <= >= < > ->",
        N_(
            "in {file}, rule {rule}, character {position}: expected a line item code (05A), a "
            "number, + - * or a comparison, got {got}"
        ),
    ),
    "op": (
        "one of = <= >= < >",
        N_("in {file}, rule {rule}, character {position}: expected one of = <= >= < >, got {got}"),
    ),
    "term": (
        "a line item code (05A) or a number",
        N_(
            "in {file}, rule {rule}, character {position}: expected a line item code (05A) or a "
            "number, got {got}"
        ),
    ),
    "code": (
        "a line item code after *",
        N_(
            "in {file}, rule {rule}, character {position}: expected a line item code after *, "
            "got {got}"
        ),
    ),
    "number": (
        "a number after *",
        N_("in {file}, rule {rule}, character {position}: expected a number after *, got {got}"),
    ),
    "end": (
        "the end of the formula",
        N_(
            "in {file}, rule {rule}, character {position}: expected the end of the formula, "
            "got {got}"
        ),
    ),
    "answer": (
        "-> after a yes-no answer (06B = 是 -> 06A > 0)",
        N_(
            "in {file}, rule {rule}, character {position}: expected -> after a yes-no answer "
            "(06B = 是 -> 06A > 0), got {got}"
        ),
    ),
    "arrow": (
        "-> , <-> or the end of the formula",
        N_(
            "in {file}, rule {rule}, character {position}: expected ->, <-> or the end of the "
            "formula, got {got}"
        ),
    ),
}


class FormulaError(Exception):
    """A formula that does not parse: where (0-based character position), what was expected
    (in words, and as the catalog message ``msgid`` of a data file's error), what was found."""

    def __init__(self, position: int, expected: str, got: str) -> None:
        words, msgid = _EXPECTED[expected]
        super().__init__(f"character {position + 1}: expected {words}, got {got}")
        self.position = position
        self.expected = words
        self.msgid = msgid
        self.got = got


Token = tuple[str, str, int]  # kind, text, position


def _tokens(text: str) -> list[Token]:
    out: list[Token] = []
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None:
            got = text[pos : pos + 10]
            raise FormulaError(pos, "token", got)
        kind = m.lastgroup or ""
        if kind == "bracket":
            out.append(("code", m.group()[1:-1], pos))
        elif kind != "space":
            out.append((kind, m.group(), pos))
        pos = m.end()
    out.append(("end", "", len(text)))
    return out


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = _tokens(text)
        self.i = 0

    def peek(self) -> Token:
        return self.tokens[self.i]

    def take(self, kind: str, expected: str) -> Token:
        """The next token, of ``kind``; else a FormulaError (``expected``: a key of _EXPECTED)."""
        token = self.peek()
        if token[0] != kind:
            raise FormulaError(token[2], expected, token[1] or '""')
        self.i += 1
        return token

    def rule(self) -> Expr:
        first = self.premise()
        kind, text, pos = self.peek()
        if isinstance(first, Answer) and (kind, text) != ("arrow", "->"):
            raise FormulaError(pos, "answer", text or '""')
        if kind == "arrow":
            self.i += 1
            second = self.compare()
            self.take("end", "end")
            if isinstance(first, Answer) or text == "->":
                return Implies(first, second)
            return Iff(first, second)
        self.take("end", "arrow")
        assert isinstance(first, Compare)
        return first

    def premise(self) -> Condition:
        """A comparison, or ``CODE = 是|否`` (a yes-no item's answer, only before ``->``)."""
        ahead = self.tokens[self.i : self.i + 3]
        if [(k, t if k == "op" else "") for k, t, _ in ahead] == [
            ("code", ""),
            ("op", "="),
            ("answer", ""),
        ]:
            self.i += 3
            return Answer(ahead[0][1], ahead[2][1] == "是")
        return self.compare()

    def compare(self) -> Compare:
        left = self.linear()
        op = self.take("op", "op")[1]
        right = self.linear()
        return Compare(left, op, right)

    def linear(self) -> Linear:
        terms: list[tuple[Decimal, str]] = []
        constant = Decimal(0)
        sign = Decimal(1)
        if self.peek()[0] == "sign":
            sign = Decimal(-1) if self.take("sign", "op")[1] == "-" else sign
        while True:
            coefficient, code = self.term()
            if code is None:
                constant += sign * coefficient
            else:
                terms.append((sign * coefficient, code))
            if self.peek()[0] != "sign":
                return Linear(tuple(terms), constant)
            sign = Decimal(-1) if self.take("sign", "op")[1] == "-" else Decimal(1)

    def term(self) -> tuple[Decimal, str | None]:
        kind, text, pos = self.peek()
        if kind == "number":
            self.i += 1
            if self.peek()[0] == "times":
                self.i += 1
                return Decimal(text), self.take("code", "code")[1]
            return Decimal(text), None
        if kind == "code":
            self.i += 1
            if self.peek()[0] == "times":
                self.i += 1
                return Decimal(self.take("number", "number")[1]), text
            return Decimal(1), text
        raise FormulaError(pos, "term", text or '""')


def parse(text: str) -> Expr:
    """The AST of a formula (``"05A = 05B + 05C"``, ``"10I > 0 -> 10H > 0"``).

    Raises:
        FormulaError: the formula does not parse (with the character position).
    """
    return _Parser(text).rule()
