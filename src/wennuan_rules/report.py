"""Findings and reports: the old home of the result types, kept for code that imports them from here
(they live in :mod:`wennuan_rules.results`)."""

from __future__ import annotations

from wennuan_rules.results import Finding, Fix, Outcome, Report, Severity

__all__ = ["Finding", "Fix", "Outcome", "Report", "Severity"]
