"""``wennuan-rules campaigns [ID] [--format text|json|csv] [--lang …]``."""

from __future__ import annotations

import argparse
from typing import TextIO

from wennuan_rules.campaign.loader import campaigns, get_campaign
from wennuan_rules.render.campaigns import campaign_fields, campaign_list

__all__ = ["run"]


def run(args: argparse.Namespace, out: TextIO) -> int:
    """The list of campaigns, or the campaign ``args.id``; returns the exit status."""
    lang: str | None = getattr(args, "lang", None)
    fmt: str = getattr(args, "format", "text") or "text"
    ident: str | None = getattr(args, "id", None)
    if ident is None:
        out.write(campaign_list(campaigns(), fmt, lang))
    else:
        out.write(campaign_fields(get_campaign(ident), fmt, lang))
    return 0
