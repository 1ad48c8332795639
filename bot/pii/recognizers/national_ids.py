"""National identity numbers of Norway, Denmark and Sweden, checked by date and checksum.

Each check returns the kind of number or None; the caller has already reduced
the candidate to its digits."""

from __future__ import annotations

import datetime

from stdnum import luhn
from stdnum.dk import cpr
from stdnum.exceptions import ValidationError
from stdnum.no import fodselsnummer

_FNR_WEIGHTS_1 = (3, 7, 6, 1, 8, 9, 4, 5, 2, 1)
_FNR_WEIGHTS_2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2, 1)


def _fnr_checksums_hold(digits: str) -> bool:
    values = [int(c) for c in digits]
    first = sum(w * v for w, v in zip(_FNR_WEIGHTS_1, values[:10], strict=True)) % 11
    second = sum(w * v for w, v in zip(_FNR_WEIGHTS_2, values, strict=True)) % 11
    # From 2032 the first control digit may leave a remainder of 0-3 (Skatteetaten's
    # new rule, to make room for more numbers per day); the second is unchanged.
    return first in (0, 1, 2, 3) and second == 0


def norwegian_id_kind(digits: str) -> str | None:
    """fødselsnummer, D-number (day + 40) or H-number (month + 40); None when it is none of them."""
    if len(digits) != 11 or not digits.isdigit() or not _fnr_checksums_hold(digits):
        return None
    try:
        fodselsnummer.get_birth_date(digits)
    except ValidationError:
        return None
    if int(digits[0]) >= 4:
        return "d_nummer"
    if int(digits[2]) >= 4:
        return "h_nummer"
    return "fodselsnummer"


def _valid_date(day: int, month: int, years: tuple[int, ...]) -> bool:
    for year in years:
        try:
            datetime.date(year, month, day)
            return True
        except ValueError:
            continue
    return False


def is_danish_cpr(digits: str) -> bool:
    """DDMMYY + 4 digits with a real date. No checksum: CPR numbers issued since 2007 may fail mod 11."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    try:
        cpr.get_birth_date(digits)
    except ValidationError:
        return False
    return True


def is_swedish_personnummer(digits: str) -> bool:
    """YYMMDDNNNC or YYYYMMDDNNNC with a Luhn check digit; samordningsnummer have day + 60."""
    if len(digits) == 12:
        century, digits = digits[:2], digits[2:]
        if century not in ("18", "19", "20"):
            return False
    if len(digits) != 10 or not digits.isdigit() or not luhn.is_valid(digits):
        return False
    month, day = int(digits[2:4]), int(digits[4:6])
    if day > 60:
        day -= 60
    return _valid_date(day, month, (2000, 1999, 1900)) if month else False
