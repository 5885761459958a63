"""The ``wennuan-rules`` command line (contract.md, "Command line"): :func:`main` parses arguments
(:mod:`.main`; the console script is :func:`run`, ``main`` then a quick exit); one module per
command reads its arguments, calls the checks and the renderers (:mod:`.campaigns`, :mod:`.forms`,
:mod:`.check`, :mod:`.assess`, :mod:`.audit`)."""

from __future__ import annotations

from wennuan_rules.cli.main import main, run

__all__ = ["main", "run"]
