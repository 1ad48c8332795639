"""Quasi-identifiers out of training lines: ages become bands, postcodes and dates become tokens.

An age, a postcode and a date together single out a person even in a masked
line (AISVS C11: remove quasi-identifiers before training). The intent of
"min datter er 14, kan hun samtykke?" depends on the age band, not on the
number, so the age becomes the band of the deployment's age rules
(`<age_child>`, `<age_young_teen>`, `<age_older_teen>`, `<age_adult>`); a
postcode becomes `<postcode>` and a date `<date>`.
"""

from __future__ import annotations

import re
from collections import Counter

from bot.config import AgeBands
from bot.consent.ages import ConsentRule, rule_for

BAND_TOKENS = {
    ConsentRule.GUARDIAN_ONLY: "<age_child>",
    ConsentRule.CHILD_AND_GUARDIAN: "<age_young_teen>",
    ConsentRule.CHILD_GUARDIAN_INFORMED: "<age_older_teen>",
    ConsentRule.SELF: "<age_adult>",
}
_MONTHS = (
    "januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember|"
    "january|february|march|may|june|july|october|december|marts|maj|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|okt|oct|nov|des|dec"
)
# Dates first: "14.03.2024" must not be read as an age or a postcode.
_DATE = re.compile(
    rf"\b(?:\d{{4}}-\d{{1,2}}-\d{{1,2}}|\d{{1,2}}[./-]\d{{1,2}}[./-]\d{{2,4}}|\d{{1,2}}\.?\s+(?:{_MONTHS})\.?(?:\s+\d{{4}})?"
    rf"|(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?)\b",
    re.IGNORECASE,
)
_AGE_AFTER = re.compile(
    r"\b(\d{1,3})\s*(?:-\s*)?(?:år(?:s|ig|ing|ingen)?|aar|års?gammel|years?(?:\s+old)?|yrs?|yo)\b", re.IGNORECASE)
_AGE_BEFORE = re.compile(
    r"\b(?:alder(?:en)?|age[ds]?|aged|er|is|am|i'?m|på|turned|fylt|fylte|fyller|blir|vert|bliver)\s+(\d{1,2})\b"
    r"(?!\s*(?:[.:/,-]\s*\d|kr\b|kroner|%|prosent|procent|percent|stk|timer|minutter|dager|dage|days|hours))",
    re.IGNORECASE,
)
_POSTCODE = re.compile(
    r"\b(?:post(?:nummer(?:et)?|nr|code|kode)?\.?|zip(?:\s*code)?)(?:\s+(?:er|is|mitt|min|mit|my)){0,2}\s*:?\s*"
    r"(\d{4})\b|\b(\d{4})\s+(?=[A-ZÆØÅ][a-zæøå]+)")


def generalise(text: str, bands: AgeBands) -> tuple[str, Counter[str]]:
    """The line with its quasi-identifiers replaced, and how many of each kind were replaced."""
    counts: Counter[str] = Counter()

    def token(kind: str, replacement: str) -> str:
        counts[kind] += 1
        return replacement

    text = _DATE.sub(lambda m: token("date", "<date>"), text)

    def band(match: re.Match[str]) -> str:
        age = int(match.group(1))
        if age > 120:
            return match.group(0)
        start, end = match.span(1)
        whole_start = match.start(0)
        body = match.group(0)
        replacement = BAND_TOKENS[rule_for(age, bands)]
        return body[: start - whole_start] + token("age", replacement) + body[end - whole_start:]

    text = _AGE_AFTER.sub(band, text)
    text = _AGE_BEFORE.sub(band, text)

    def postcode(match: re.Match[str]) -> str:
        group = 1 if match.group(1) else 2
        start, end = match.span(group)
        body = match.group(0)
        offset = match.start(0)
        return body[: start - offset] + token("postcode", "<postcode>") + body[end - offset:]

    text = _POSTCODE.sub(postcode, text)
    return text, counts
