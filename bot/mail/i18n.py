"""Dates, times and counts in mails, in the person's language.

Month names come from CLDR through Babel, not from `locale`: system locales differ between machines and
containers (many have only C.UTF-8), and a mail must read the same wherever Vern runs. How a date and a time
are written (the patterns, "kl.") and the words for a count are catalog entries (locales/source/mail.yml), so a
translator decides them with the rest of the mail.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel.dates import format_date as _cldr_date
from babel.dates import format_time as _cldr_time

from bot.config import SUPPORTED_LANGUAGES
from bot.i18n import translate, translate_plural
from bot.mail.errors import InvalidMail

# Deadlines are dates in the controller's zone (see bot.cases.deadlines); Oslo
# and Copenhagen have kept the same clock since 1980.
DEFAULT_ZONE = "Europe/Oslo"


def check_language(language: str) -> str:
    if language not in SUPPORTED_LANGUAGES:
        raise InvalidMail(f"mail language must be one of {', '.join(SUPPORTED_LANGUAGES)}")
    return language


def _zone(name: str) -> ZoneInfo | timezone:
    try:
        return ZoneInfo(name)
    except ZoneInfoNotFoundError:
        # No tz database on this machine: UTC, labelled as such, is still correct.
        return timezone.utc


def format_date(day: date, language: str, zone: str = DEFAULT_ZONE) -> str:
    """2026-12-22 -> "22. desember 2026" (nb, nn), "22. december 2026" (da), "22 December 2026" (en)."""
    if isinstance(day, datetime):
        # A moment, not a day: the controller's calendar day decides.
        aware = day if day.tzinfo else day.replace(tzinfo=timezone.utc)
        day = aware.astimezone(_zone(zone)).date()
    return _cldr_date(day, translate("mail_date_format", check_language(language)), locale=language)


def format_moment(moment: datetime, language: str, zone: str = DEFAULT_ZONE) -> str:
    """A date and a clock time in the controller's zone: "22. desember 2026 kl. 14.30 (CET)".

    Norwegian and Danish write the time with a full stop (Språkrådet, Dansk
    Sprognævn); English with a colon. The zone abbreviation keeps it
    unambiguous for readers elsewhere.
    """
    aware = moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
    local = aware.astimezone(_zone(zone))
    day = format_date(local.date(), language, zone)
    time = _cldr_time(local.time(), translate("mail_time_format", language), locale=language)
    return translate("mail_moment", language, date=day, time=time, zone=local.tzname() or "UTC")


def minutes(count: int, language: str) -> str:
    """"1 minutt", "10 minutter" (nb); nynorsk says "10 minutt"."""
    return translate_plural("mail_minutes", count, check_language(language))
