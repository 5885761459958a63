"""The old home of :func:`read_households`, kept for code that imports it from here.

It lives in :mod:`wennuan_rules.eligibility.readers`; the ``assess`` command is
:mod:`wennuan_rules.cli.assess`."""

from __future__ import annotations

from wennuan_rules.eligibility.readers import read_households

__all__ = ["read_households"]
