"""The five 送温暖 campaigns as data: periods, deadlines, payment rules, priority groups, sources.

Each campaign is one TOML file in ``data/campaigns/<id>.toml`` (read strictly with
:class:`wennuan_rules._data.Table`): every field carries the clause it rests on (document number and
section), the words of the notice as printed and a note on how they were read. Dates the notices
give by a rule ("12月下旬", "春节前", "正月十五") are computed from the calendar here, from the rule
in the data file.

>>> import wennuan_rules as wr
>>> c = wr.get_campaign("pingdingshan-2010")
>>> c.period.start, c.period.end
(datetime.date(2009, 12, 21), datetime.date(2010, 2, 13))
>>> c.spending_deadlines[FundSource.CENTRAL_FISCAL].last_day
datetime.date(2009, 12, 31)

A user's own campaign file is read with :func:`load_campaign`; ``docs/campaigns.md`` describes the
format.
"""

from __future__ import annotations

from wennuan_rules.campaign.dates import DATE_RULES, resolve_date
from wennuan_rules.campaign.loader import campaigns, get_campaign, load_campaign
from wennuan_rules.campaign.model import (
    Campaign,
    Deadline,
    DocumentNumber,
    GroupSpec,
    PaymentRules,
    Period,
    VisitQuota,
)
from wennuan_rules.vocabulary import FundSource

__all__ = [
    "DATE_RULES",
    "Campaign",
    "Deadline",
    "DocumentNumber",
    "FundSource",
    "GroupSpec",
    "PaymentRules",
    "Period",
    "VisitQuota",
    "campaigns",
    "get_campaign",
    "load_campaign",
    "resolve_date",
]
