"""Phone numbers: Norwegian, Danish and Swedish national forms, and any international number.

Plain digit runs ("412 34 567", "+47 412 34 567", "0045 20 12 34 56") are found by the number
recognizer, which asks `is_phone_number`. The forms with brackets are found here, because a bracket
ends a digit run and a partial mask leaks the country: "(+45) 20 12 34 56", "+46 (0)70-123 45 67",
"+44 (0)20 7946 0958", "+1 (415) 555-0132" are each one number, masked from the first bracket on."""

from __future__ import annotations

import re
from collections.abc import Iterator

import phonenumbers

from bot.pii.spans import NUMBER, PiiSpan

# The regions whose national forms (no country code) Vern's users write.
HOME_REGIONS = ("NO", "DK", "SE")

_COUNTRY = r"(?:\(\s?(?:\+|00)\d{1,3}\s?\)|(?:\+|00)\d{1,3})"
# Digits, each after at most one separator, or a bracketed group ("(0)", "(415)"): bounded, so linear.
_BODY = r"(?:[ \-.]?(?:\(\d{1,4}\)|\d)){6,16}"
_BRACKETED_NUMBER = re.compile(rf"(?<![\w+(]){_COUNTRY}{_BODY}(?![\w])")
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
