"""When caseworkers are in the chat: weekdays within HANDOFF_HOURS, in the controller's time zone."""

from __future__ import annotations

import re
from datetime import datetime, time
from zoneinfo import ZoneInfo

from bot.clock import utc_now
from bot.config import Settings

HOURS = re.compile(r"^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$")
ZONE = ZoneInfo("Europe/Oslo")


def parse_hours(text: str) -> tuple[time, time] | None:
    """`08:00-15:30` → (08:00, 15:30); empty → None (always open)."""
    if not text.strip():
        return None
    found = HOURS.match(text.strip())
    if not found:
        raise ValueError("HANDOFF_HOURS must look like 08:00-15:30")
    start, end = time(int(found[1]), int(found[2])), time(int(found[3]), int(found[4]))
    if start >= end:
        raise ValueError("HANDOFF_HOURS must start before it ends")
    return start, end


def is_open(settings: Settings, now: datetime | None = None) -> bool:
    hours = parse_hours(settings.handoff_hours)
    if hours is None:
        return True
    local = (now or utc_now()).astimezone(ZONE)
    return local.weekday() < 5 and hours[0] <= local.time() < hours[1]
