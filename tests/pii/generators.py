"""Valid and invalid identity numbers built from their rules, so tests never carry real people's numbers."""

from __future__ import annotations

import datetime

from stdnum import luhn

W1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
W2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def _check(weights: tuple[int, ...], digits: str) -> int | None:
    remainder = 11 - sum(w * int(d) for w, d in zip(weights, digits)) % 11
    if remainder == 11:
        return 0
    return None if remainder == 10 else remainder


def norwegian_id(born: datetime.date, individual: int, *, d_number: bool = False, h_number: bool = False) -> str:
    """The first valid number for that date at or after `individual`; D: day + 40, H: month + 40."""
    day = born.day + (40 if d_number else 0)
    month = born.month + (40 if h_number else 0)
    for number in range(individual, individual + 100):
        base = f"{day:02d}{month:02d}{born.year % 100:02d}{number:03d}"
        k1 = _check(W1, base)
        if k1 is None:
            continue
        k2 = _check(W2, base + str(k1))
        if k2 is None:
            continue
        return base + str(k1) + str(k2)
    raise AssertionError("no valid number in range")


def norwegian_id_2032(born: datetime.date, individual: int) -> str:
    """A number valid only under the 2032 rule: the first control sum leaves a remainder of 1-3, not 0."""
    for number in range(individual, individual + 200):
        base = f"{born.day:02d}{born.month:02d}{born.year % 100:02d}{number:03d}"
        for k1 in range(10):
            total = sum(w * int(d) for w, d in zip((*W1, 1), base + str(k1))) % 11
            if total not in (1, 2, 3):
                continue
            k2 = _check(W2, base + str(k1))
            if k2 is not None:
                return base + str(k1) + str(k2)
    raise AssertionError("no 2032-style number in range")


def with_wrong_check_digit(number: str) -> str:
    return number[:-1] + str((int(number[-1]) + 1) % 10)


def danish_cpr(born: datetime.date, serial: int) -> str:
    return f"{born.day:02d}{born.month:02d}{born.year % 100:02d}-{serial:04d}"


def swedish_personnummer(born: datetime.date, serial: int) -> str:
    base = f"{born.year % 100:02d}{born.month:02d}{born.day:02d}{serial:03d}"
    return f"{base[:6]}-{base[6:]}{luhn.calc_check_digit(base)}"


def card_number(prefix: str, length: int = 16) -> str:
    body = prefix + "0" * (length - len(prefix) - 1)
    return body + luhn.calc_check_digit(body)


def norwegian_account(bank: str = "1503", group: str = "27") -> str:
    body = bank + group + "1234"
    weights = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
    for last in range(10):
        candidate = body[:9] + str(last)
        check = 11 - sum(w * int(d) for w, d in zip(weights, candidate)) % 11
        if check == 11:
            check = 0
        if check != 10:
            return candidate + str(check)
    raise AssertionError("no account number")


def iban(country: str, bban: str) -> str:
    rearranged = bban + country + "00"
    numeric = "".join(str(int(c, 36)) for c in rearranged)
    check = 98 - int(numeric) % 97
    return f"{country}{check:02d}{bban}"
