"""Street addresses with a house number: "Storgata 5B", "Nørregade 12", "12 Baker Street"."""

from __future__ import annotations

import re
from collections.abc import Iterator

from bot.pii.spans import ADDRESS, PiiSpan

# Street-name endings in Norwegian (both forms), Danish and Swedish. Chat users
# write these in lowercase too, so the first letter's case does not matter; the
# list stays short because endings like "-lien" or "-ringen" end ordinary words.
_NORDIC_ENDINGS = (
    "gata|gaten|gate|veien|vegen|vei|veg|stien|plassen|plass|torget|alléen|allé|alle|bakken|"
    "gade|vej|stræde|strede|plads|torv|gatan|vägen"
)
_HOUSE_NUMBER = r"\d{1,4}(?:\s?[A-Za-z](?![\wæøå]))?(?!\d)"
_NORDIC = re.compile(
    rf"(?<![\w])(?:[A-ZÆØÅÄÖ][\w'\-]{{0,30}}\s){{0,2}}[A-Za-zÆØÅæøåÄÖäö][\w'\-]{{1,30}}(?:{_NORDIC_ENDINGS})"
    rf"\.?\s{_HOUSE_NUMBER}"
)
# "Kongens gate 12", "Gamle Kongevei 4": a capitalised name, then the street word apart.
_NORDIC_SEPARATE = re.compile(
    rf"(?<![\w])(?:[A-ZÆØÅÄÖ][\w'\-]{{0,30}}\s){{1,2}}(?:gate|gata|vei|veg|allé|gade|vej|plass|plads|stræde|gatan)"
    rf"\s{_HOUSE_NUMBER}"
)
# English puts the number first and capitalises the street's name.
_ENGLISH = re.compile(
    r"(?<![\w])\d{1,4}[A-Za-z]?\s(?:[A-Z][\w'\-]{0,30}\s){1,3}"
    r"(?:Street|Road|Avenue|Lane|Drive|Way|Close|Court|Crescent|Place|Terrace|St|Rd|Ave)\b\.?"
)


class StreetAddressRecognizer:
    name = "street_address"

    def find(self, text: str, language: str | None) -> Iterator[PiiSpan]:
        for pattern in (_NORDIC, _NORDIC_SEPARATE, _ENGLISH):
            for match in pattern.finditer(text):
                yield PiiSpan(match.start(), match.end(), ADDRESS, "street_address", 0.85)
