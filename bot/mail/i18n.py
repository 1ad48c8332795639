"""Dates, times, plurals and the words every mail shares, in nb, nn, da and en.

Our own month table instead of `locale`: system locales differ between
machines and containers (many have only C.UTF-8), and a mail must read the
same wherever Vern runs.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.config import SUPPORTED_LANGUAGES
from bot.mail.errors import InvalidMail

# Deadlines are dates in the controller's zone (see bot.cases.deadlines); Oslo
# and Copenhagen have kept the same clock since 1980.
DEFAULT_ZONE = "Europe/Oslo"

_NORWEGIAN_MONTHS = (
    "januar", "februar", "mars", "april", "mai", "juni",
    "juli", "august", "september", "oktober", "november", "desember",
)
MONTHS: dict[str, tuple[str, ...]] = {
    "nb": _NORWEGIAN_MONTHS,
    "nn": _NORWEGIAN_MONTHS,  # the nynorsk month names are the bokmål ones
    "da": (
        "januar", "februar", "marts", "april", "maj", "juni",
        "juli", "august", "september", "oktober", "november", "december",
    ),
    "en": (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ),
}

_MINUTES = {
    "nb": ("minutt", "minutter"),
    "nn": ("minutt", "minutt"),  # nynorsk: eitt minutt, fleire minutt
    "da": ("minut", "minutter"),
    "en": ("minute", "minutes"),
}


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
    month = MONTHS[check_language(language)][day.month - 1]
    if language == "en":
        return f"{day.day} {month} {day.year}"
    return f"{day.day}. {month} {day.year}"


def format_moment(moment: datetime, language: str, zone: str = DEFAULT_ZONE) -> str:
    """A date and a clock time in the controller's zone: "22. desember 2026 kl. 14.30 (CET)".

    Norwegian and Danish write the time with a full stop (Språkrådet, Dansk
    Sprognævn); English with a colon. The zone abbreviation keeps it
    unambiguous for readers elsewhere.
    """
    aware = moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
    local = aware.astimezone(_zone(zone))
    day = format_date(local.date(), language, zone)
    label = local.tzname() or "UTC"
    if language == "en":
        return f"{day}, {local:%H:%M} ({label})"
    return f"{day} kl. {local:%H.%M} ({label})"


def minutes(count: int, language: str) -> str:
    singular, plural = _MINUTES[check_language(language)]
    return f"{count} {singular if count == 1 else plural}"


GREETING = {"nb": "Hei!", "nn": "Hei!", "da": "Hej", "en": "Hello,"}

SIGNATURE = {
    "nb": "Vennlig hilsen\nVern, personvernassistenten til {controller}",
    "nn": "Venleg helsing\nVern, personvernassistenten til {controller}",
    "da": "Venlig hilsen\nVern, databeskyttelsesassistent hos {controller}",
    "en": "Kind regards,\nVern, the privacy assistant of {controller}",
}

# Who sends the mail and whom to ask (Art. 12(1) and 13(1)(a)-(b): the
# controller's identity and contact details, in clear and plain language).
FOOTER = {
    "nb": "Denne e-posten er sendt automatisk av Vern på vegne av {controller}. "
    "Har du spørsmål om personvern, kan du skrive til {contact}.",
    "nn": "Denne e-posten er sendt automatisk av Vern på vegner av {controller}. "
    "Har du spørsmål om personvern, kan du skrive til {contact}.",
    "da": "Denne e-mail er sendt automatisk af Vern på vegne af {controller}. "
    "Har du spørgsmål om databeskyttelse, kan du skrive til {contact}.",
    "en": "This e-mail was sent automatically by Vern on behalf of {controller}. "
    "If you have questions about privacy, write to {contact}.",
}
