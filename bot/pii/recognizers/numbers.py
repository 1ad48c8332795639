"""Runs of digits: identity numbers, accounts, cards, phones, and any other number long enough to identify someone.

Every numeric kind masks to `<number>`, so the kind matters for two things only:
which numbers are high-risk (masked before a message is stored at all) and
which warning the person gets."""

from __future__ import annotations

import re
from collections.abc import Iterator

from bot.pii.recognizers.finance import IbanRecognizer, is_norwegian_account, is_payment_card
from bot.pii.recognizers.national_ids import is_danish_cpr, is_swedish_personnummer, norwegian_id_kind
from bot.pii.recognizers.phones import is_phone_number
from bot.pii.spans import NUMBER, PiiSpan

# Five digits or more identify: customer, member, case and student numbers.
# Four or fewer are years, ages, postcodes and amounts, which do not.
MIN_IDENTIFYING_DIGITS = 5

_CANDIDATE = re.compile(r"(?<![\w+])(?:\+|00)?\d(?:[ \-./]?\d){3,24}(?![\w])")
# Day, month and year ("12.03.2024", "1/2-24") or ISO ("2024-03-12"); "412-34-567" is a phone, not a date.
_DATE = re.compile(r"\d{1,2}[./\-]\d{1,2}[./\-](?:\d{2}|\d{4})|\d{4}[./\-]\d{1,2}[./\-]\d{1,2}")
_AMOUNT = re.compile(r"\d{1,3}(?:[ .]\d{3})+")
# One decimal point: a price, a measurement, a version or "2005.09". Phones are written in groups, never so.
_DECIMAL = re.compile(r"\d{1,4}\.\d{1,4}")
# "2004-2007", "1862-97": a span of years in prose, not a number in two halves.
_YEAR_RANGE = re.compile(r"(1[5-9]\d\d|20\d\d)[\-–](\d\d|\d{4})")
# "08/10/2000 08" of "08/10/2000 08:28": the candidate pattern runs a date on into the hour after it.
_DATE_THEN_HOUR = re.compile(r"\d{1,4}[./\-]\d{1,2}[./\-]\d{1,4} \d{1,2}")
_MONTH_BEFORE = re.compile(
    r"(?:jan|feb|mar|apr|mai|may|jun|jul|aug|sep|okt|oct|nov|des|dec)[a-zæøå]*\.? ?$", re.IGNORECASE
)
_DAY_YEAR = re.compile(r"\d{1,2},? \d{4}")
# A letter or two glued to six digits or more: passport, driving licence and member numbers ("P1234567",
# "AB1234567"). Vern's own case references are in dashed groups of four and never match.
_LETTERED_NUMBER = re.compile(r"(?<![\w\-/.])[A-Za-z]{1,2}\d{6,9}(?![\w\-/])")
# A public archive's case number, year first ("sak 2024/1234", document "2024/1234-3"): names a case, not a person.
_ARCHIVE_CASE = re.compile(r"(?:19|20)\d\d/\d{1,6}(?:-\d{1,3})?")
_IP_OR_NETWORK = re.compile(r"\d{1,3}(?:\.\d{1,3}){3}(?:/(?:[0-9]|[12][0-9]|3[0-2]))?")
_IPV4 = re.compile(r"(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})")
# host:port after a machine's own address: an operational detail, not a person.
_PORT_AFTER_HOST = re.compile(r"(?:localhost|\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[[0-9a-fA-F:]+\]):$")


def _ip_kind(candidate: str) -> str | None:
    """A public IPv4 address identifies a household; loopback and private ones are the server's own."""
    parts = [int(p) for p in _IPV4.fullmatch(candidate).groups()]  # type: ignore[union-attr]
    if any(part > 255 for part in parts):
        return None
    if all(part < 10 for part in parts):
        # "kap. 3.5.2.3" is a section of a report; the few real addresses of this shape ("8.8.8.8", "1.1.1.1")
        # are public resolvers that every household shares.
        return None
    first, second = parts[0], parts[1]
    private = first in (0, 10, 127) or (first == 172 and 16 <= second <= 31) or (first == 192 and second == 168)
    return None if private else "ip_address"


def classify_number(candidate: str) -> tuple[str, float] | None:
    """The kind of number `candidate` is, with a confidence; None when it is not identifying."""
    digits = re.sub(r"\D", "", candidate)
    international = candidate.startswith(("+", "00"))
    if not international and _IP_OR_NETWORK.fullmatch(candidate):
        kind = _ip_kind(candidate.split("/")[0])  # "127.0.0.1/8", "10.0.0.0/16": a network, as its first address
        return (kind, 0.8) if kind else None
    if not international and _DATE.fullmatch(candidate):
        return None  # a date; birth dates alone are not masked as numbers
    if not international and (_DECIMAL.fullmatch(candidate) or _is_year_range(candidate)
                              or _ARCHIVE_CASE.fullmatch(candidate)):
        return None
    if not international:
        kind = norwegian_id_kind(digits)
        if kind:
            return kind, 1.0
        if is_danish_cpr(digits) and _looks_like_cpr(candidate):
            return "cpr", 0.95
        if is_swedish_personnummer(digits) and len(digits) in (10, 12) and not digits.startswith("0"):
            return "personnummer", 0.9
        if is_norwegian_account(digits):
            return "kontonummer", 0.95
        if is_payment_card(digits):
            return "card", 0.95
    if _AMOUNT.fullmatch(candidate) and len(digits) <= 6:
        return None  # "25 000" or "200.000" kroner is an amount: no home region's phone number is that short
    if is_phone_number(candidate):
        return "phone", 0.9
    if len(digits) >= MIN_IDENTIFYING_DIGITS:
        return "digits", 0.6
    return None


def _is_year_range(candidate: str) -> bool:
    match = _YEAR_RANGE.fullmatch(candidate)
    if not match:
        return False
    first, second = match.group(1), match.group(2)
    end = int(first[:2] + second) if len(second) == 2 else int(second)
    return 0 < end - int(first) <= 100


def _is_a_date_or_time(candidate: str, before: str, next_char: str) -> bool:
    """ "08/10/2000 08:28 AM" and "September 20 1888" are when something happened, not who."""
    if _DATE_THEN_HOUR.fullmatch(candidate) and next_char == ":":
        return True
    return bool(_DAY_YEAR.fullmatch(candidate) and _MONTH_BEFORE.search(before))


def _looks_like_cpr(candidate: str) -> bool:
    return bool(re.fullmatch(r"\d{6}[\- ]?\d{4}", candidate))


class NumberRecognizer:
    name = "numbers"

    def __init__(self) -> None:
        self._iban = IbanRecognizer()

    def find(self, text: str, language: str | None) -> Iterator[PiiSpan]:
        yield from self._iban.find(text, language)
        for match in _LETTERED_NUMBER.finditer(text):
            yield PiiSpan(match.start(), match.end(), NUMBER, "document_number", 0.7)
        for match in _CANDIDATE.finditer(text):
            candidate = match.group(0)
            before = text[max(0, match.start() - 48) : match.start()]
            next_char = text[match.end() : match.end() + 1]
            if _PORT_AFTER_HOST.search(before) or _is_a_date_or_time(candidate, before, next_char):
                continue
            classified = classify_number(candidate)
            if classified is not None:
                kind, score = classified
                yield PiiSpan(match.start(), match.end(), NUMBER, kind, score)
