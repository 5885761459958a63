"""Hypothesis entry point: ``st.from_type`` knows the library's value types.

Hypothesis calls :func:`_hypothesis_setup_hook` when it is imported, through the ``hypothesis``
entry point group declared in pyproject.toml. The hook imports the two types it registers; their
strategies are built only when a test asks for one (``st.deferred``).
"""

from __future__ import annotations

import datetime as dt


def _hypothesis_setup_hook() -> None:
    from hypothesis import strategies as st

    from wennuan_rules.eligibility import Household
    from wennuan_rules.lunar import LunarDate

    def _households() -> st.SearchStrategy[Household]:
        from wennuan_rules.strategies import households

        return households()

    def _lunar_dates() -> st.SearchStrategy[LunarDate]:
        from wennuan_rules.lunar import to_lunar

        return st.dates(dt.date(1900, 1, 31), dt.date(2100, 12, 31)).map(to_lunar)

    st.register_type_strategy(Household, st.deferred(_households))
    st.register_type_strategy(LunarDate, st.deferred(_lunar_dates))
