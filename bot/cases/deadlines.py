"""Art. 12(3) GDPR: answer "without undue delay and in any event within one
month of receipt", extendable "by two further months where necessary".

A month is a calendar month, counted the way Regulation (EEC, Euratom)
No 1182/71 counts periods (Art. 3(2)(c)): it ends on the day of the next
month with the same number as the day of receipt, or on that month's last day
when there is no such day (31 January -> 28/29 February; 30 November -> 30
December). The day of receipt is the controller's local date: a request sent
at 00:30 in Oslo on 1 March is a March request even though it is still
28/29 February in UTC.

Not done here: 1182/71 Art. 3(4) moves a deadline that falls on a weekend or
public holiday to the next working day. Vern keeps the unmoved (earlier)
date, which is never late; a holiday calendar per country is for later.
"""

from __future__ import annotations

import calendar
from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

from bot.cases.errors import ExtensionNotAllowed

DEFAULT_TIMEZONE = "Europe/Oslo"
ANSWER_MONTHS = 1
MAX_EXTENSION_MONTHS = 2


def add_months(start: date, months: int) -> date:
    """The same day number `months` later, or the last day of that month."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    last_day = calendar.monthrange(year, month)[1]
    return date(year, month, min(start.day, last_day))


def local_date(moment: datetime, zone: str | ZoneInfo = DEFAULT_TIMEZONE) -> date:
    """The controller's calendar day at `moment` (naive datetimes are UTC, as stored)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(_zone(zone)).date()


def due_date(received_at: datetime, zone: str | ZoneInfo = DEFAULT_TIMEZONE) -> date:
    """The last day on which the answer is on time."""
    return add_months(local_date(received_at, zone), ANSWER_MONTHS)


def extended_due_date(received_at: datetime, extension_months: int, zone: str | ZoneInfo = DEFAULT_TIMEZONE) -> date:
    """The deadline after extending by `extension_months` in total.

    Counted from the receipt, not from the first deadline: 31 January plus
    three months is 30 April, while 28 February plus two would be 28 April.
    """
    if not 1 <= extension_months <= MAX_EXTENSION_MONTHS:
        raise ExtensionNotAllowed(f"an extension is 1 to {MAX_EXTENSION_MONTHS} further months in total",
                                  key="console_error_extension_total", values={"months": MAX_EXTENSION_MONTHS})
    return add_months(local_date(received_at, zone), ANSWER_MONTHS + extension_months)


def months_between(earlier: date, later: date) -> int:
    """Whole calendar months from one deadline to another computed from the same receipt."""
    return (later.year - earlier.year) * 12 + later.month - earlier.month


def days_left(due: date, today: date) -> int:
    """0 on the last day, negative once the deadline has passed."""
    return (due - today).days


def _zone(zone: str | ZoneInfo) -> ZoneInfo:
    return zone if isinstance(zone, ZoneInfo) else ZoneInfo(zone)
