"""Times a guardian or a child reads, in the deployment's zone (TIMEZONE), not the stored UTC."""

from __future__ import annotations

from datetime import datetime, timezone
from zoneinfo import ZoneInfo


def local_time(moment: datetime, zone: str) -> str:
    """A stored UTC time as the reader's clock shows it: "2026-12-06 13:05 CET"."""
    aware = moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment
    return aware.astimezone(ZoneInfo(zone)).strftime("%Y-%m-%d %H:%M %Z")
