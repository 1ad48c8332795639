"""Payment cards, Norwegian bank accounts and IBANs."""

from __future__ import annotations

import re
from collections.abc import Iterator

from stdnum import iban, luhn
from stdnum.no import kontonr

from bot.pii.spans import NUMBER, PiiSpan


def is_payment_card(digits: str) -> bool:
    return 13 <= len(digits) <= 19 and digits.isdigit() and luhn.is_valid(digits)


def is_norwegian_account(digits: str) -> bool:
    return len(digits) == 11 and kontonr.is_valid(digits)


class IbanRecognizer:
    """IBANs in groups of four or run together, any country; valid only with the mod-97 check."""

    name = "iban"
    CANDIDATE = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]{1,4}){3,8}(?![A-Za-z0-9])")
    GROUP = re.compile(r" ?[A-Za-z0-9]{1,4}")

    def find(self, text: str, language: str | None) -> Iterator[PiiSpan]:
        for match in self.CANDIDATE.finditer(text):
            # The candidate may run into a following word; try the longest valid prefix.
            start = match.start()
            ends = [start + 4 + g.end() for g in self.GROUP.finditer(match.group(0)[4:])]
            for end in reversed(ends):
                if iban.is_valid(text[start:end].replace(" ", "").upper()):
                    yield PiiSpan(start, end, NUMBER, "iban", 1.0)
                    break
