"""Phone numbers: Norwegian, Danish and Swedish national forms, and any international number.

Plain digit runs ("412 34 567", "+47 412 34 567", "0045 20 12 34 56") are found by the number
recognizer, which asks `is_phone_number`. The forms with brackets are found here, because a bracket
ends a digit run and a partial mask leaks the country: "(+45) 20 12 34 56", "+46 (0)70-123 45 67",
"+44 (0)20 7946 0958", "+1 (415) 555-0132" are each one number, masked from the first bracket on. So are
national forms with a bracketed area code, as Americans, Britons and Swedes write them at home: "(415)
555-0132", "(020) 7946 0958", "(08) 123 456 78", "(0)20 7946 0958"; the digits after the bracket alone would
leave the area."""

from __future__ import annotations

import re
from collections.abc import Iterator

import phonenumbers

from bot.pii.spans import NUMBER, PiiSpan

# The regions whose national forms (no country code) Vern's users write.
HOME_REGIONS = ("NO", "DK", "SE")
# Where a national number is written with its area code in brackets: the US and Canada, the UK and Sweden (Norway
# and Denmark have no area codes). Their area codes are three digits from 2 on, or a trunk 0 and up to four more:
# "(2019)" and "(12)" are a year and a note, never an area.
AREA_CODE_REGIONS = ("US", "GB", "SE")

_COUNTRY = r"(?:\(\s?(?:\+|00)\d{1,3}\s?\)|(?:\+|00)\d{1,3})"
# Digits, each after at most one separator, or a bracketed group ("(0)", "(415)"): bounded, so linear.
_BODY = r"(?:[ \-.]?(?:\(\d{1,4}\)|\d)){6,16}"
_BRACKETED_NUMBER = re.compile(rf"(?<![\w+(]){_COUNTRY}{_BODY}(?![\w])")
# "(415) 555-0132", "(020) 7946 0958": an area code in brackets, then the subscriber's digits.
# "(0)20 7946 0958", "(0)70-123 45 67": the trunk 0 bracketed without the country code, as on a British or Swedish
# card read aloud; the area code follows it.
_AREA_CODE_NUMBER = re.compile(r"(?<![\w+(])\((?:0\d{1,4}|[2-9]\d\d|0)\)[ \-.]?\d(?:[ \-.]?\d){4,9}(?![\w])")
_COUNTRY_CODE_BEFORE = re.compile(r"(?:\+|00)\d{1,3}\s?$")
# "(0)" after the country code is the national trunk prefix, dialled at home and dropped from abroad.
_TRUNK = re.compile(r"\(\s?0\s?\)")


def is_phone_number(candidate: str) -> bool:
    compact = candidate.strip()
    if compact.startswith("00"):
        compact = "+" + compact[2:]
    if compact.startswith("+"):
        return _valid(compact, None)
    return any(_valid(compact, region) for region in HOME_REGIONS)


def _valid(candidate: str, region: str | None) -> bool:
    try:
        number = phonenumbers.parse(candidate, region)
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_valid_number(number)


class BracketedPhoneRecognizer:
    name = "phones_bracketed"

    def find(self, text: str, language: str | None) -> Iterator[PiiSpan]:
        if "(" not in text:
            return
        for match in _BRACKETED_NUMBER.finditer(text):
            candidate = match.group(0)
            if "(" not in candidate:
                continue  # a plain international number: the number recognizer's
            dialled = re.sub(r"[()]", "", _TRUNK.sub("", candidate)).strip()
            if is_phone_number(dialled):
                yield PiiSpan(match.start(), match.end(), NUMBER, "phone", 0.9)
        for match in _AREA_CODE_NUMBER.finditer(text):
            if match.group(0).startswith("(0)") and _COUNTRY_CODE_BEFORE.search(text, max(0, match.start() - 6),
                                                                                 match.start()):
                continue  # "+44 (0)20 …": the whole number is the bracketed-number search's, found above
            dialled = re.sub(r"[()]", "", match.group(0))
            if any(_valid(dialled, region) for region in AREA_CODE_REGIONS):
                yield PiiSpan(match.start(), match.end(), NUMBER, "phone", 0.9)
