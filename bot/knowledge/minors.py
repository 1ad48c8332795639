"""The age rule for the age a person asks about ("sønnen min er 12", "she is 14").

The band comes from the configured age bands (bot.consent.ages.rule_for), never
from this module: Denmark's thresholds differ from Norway's only in the settings.
"""

from __future__ import annotations

import re
from datetime import date

from bot.config import AgeBands
from bot.consent.ages import ImplausibleBirth, rule_for, youngest_age

OLDEST_ASKED_ABOUT = 25  # past the last band; a larger number is not an age people ask about here
_NUMBER = re.compile(r"(?<![\d.,:/-])(\d{1,4})(?!\d)(?![.,:/]\d)")
# "under 13", "from 16": a threshold asked about, not someone's age.
_THRESHOLD_BEFORE = re.compile(r"\b(under|over|fra|frå|from|below|above|før|efter|etter|til|until)\s*$", re.IGNORECASE)
_BIRTH_YEAR = re.compile(r"^(19|20)\d\d$")
# Ages written as words, in the four languages (the ages the bands turn on).
_WORDS = {
    "ti": 10, "ten": 10, "elleve": 11, "elve": 11, "eleven": 11, "tolv": 12, "twelve": 12,
    "tretten": 13, "thirteen": 13, "fjorten": 14, "fourteen": 14, "femten": 15, "fifteen": 15,
    "seksten": 16, "sixteen": 16, "sytten": 17, "seventeen": 17, "atten": 18, "eighteen": 18,
}
_WORD = re.compile(r"\b(" + "|".join(sorted(_WORDS, key=len, reverse=True)) + r")\b", re.IGNORECASE)


def age_in(text: str, today: date) -> int | None:
    """The age a message asks about: "12", "14-åring", "fjorten", or a birth year; None if none."""
    for match in _NUMBER.finditer(text):
        digits = match.group(1)
        if _THRESHOLD_BEFORE.search(text[: match.start()]):
            continue
        if _BIRTH_YEAR.match(digits):
            try:
                return youngest_age(int(digits), today)
            except ImplausibleBirth:
                continue
        if len(digits) <= 2 and int(digits) <= OLDEST_ASKED_ABOUT:
            return int(digits)
    word = _WORD.search(text)
    return _WORDS[word.group(1).lower()] if word else None


def age_rule(age: int, bands: AgeBands) -> str:
    """The band's name, as the knowledge base's `age_rules` keys it."""
    return rule_for(age, bands).value
