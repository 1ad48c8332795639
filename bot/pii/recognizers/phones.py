"""Phone numbers: Norwegian, Danish and Swedish national forms, and any international number."""

from __future__ import annotations

import phonenumbers

# The regions whose national forms (no country code) Vern's users write.
HOME_REGIONS = ("NO", "DK", "SE")


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
