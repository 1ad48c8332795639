"""Identity numbers: found when date and checksums hold, left alone (as a national ID) when they do not."""

from __future__ import annotations

import datetime

import pytest

from bot.pii import detect, mask, mask_high_risk
from bot.pii.recognizers.national_ids import is_danish_cpr, is_swedish_personnummer, norwegian_id_kind
from tests.pii.generators import (
    danish_cpr,
    norwegian_id,
    norwegian_id_2032,
    swedish_personnummer,
    with_wrong_check_digit,
)

BORN = datetime.date(1987, 3, 14)


def kinds(text: str) -> list[str]:
    return [span.kind for span in detect(text)]


@pytest.mark.parametrize(
    ("number", "kind"),
    [
        (norwegian_id(BORN, 123), "fodselsnummer"),
        (norwegian_id(datetime.date(2012, 11, 30), 512), "fodselsnummer"),
        (norwegian_id(BORN, 123, d_number=True), "d_nummer"),
        (norwegian_id(BORN, 123, h_number=True), "h_nummer"),
    ],
)
def test_norwegian_numbers_with_valid_date_and_checksums_are_found(number: str, kind: str) -> None:
    assert norwegian_id_kind(number) == kind
    assert kinds(f"fødselsnummeret mitt er {number}") == [kind]
    assert mask(f"fnr {number} takk") == "fnr <number> takk"


def test_the_2032_first_check_digit_rule_is_accepted() -> None:
    number = norwegian_id_2032(datetime.date(2033, 1, 5), 600)
    assert norwegian_id_kind(number) == "fodselsnummer"


def test_a_wrong_second_check_digit_is_not_a_national_id() -> None:
    number = with_wrong_check_digit(norwegian_id(BORN, 123))
    assert norwegian_id_kind(number) is None
    # Still eleven digits that could identify someone: masked, but not as a national ID.
    assert "fodselsnummer" not in kinds(f"nummer {number}")
    assert mask(f"nummer {number}") == "nummer <number>"


def test_an_impossible_date_is_not_a_national_id() -> None:
    valid = norwegian_id(BORN, 123)
    assert norwegian_id_kind("31" + "02" + valid[4:]) is None


@pytest.mark.parametrize("born", [datetime.date(1990, 5, 20), datetime.date(2004, 12, 31)])
def test_danish_cpr_needs_a_real_date_but_no_checksum(born: datetime.date) -> None:
    for serial in (1234, 4321, 9999):  # any serial: mod 11 is not required since 2007
        number = danish_cpr(born, serial)
        assert is_danish_cpr(number.replace("-", ""))
        assert kinds(f"mit CPR-nummer er {number}") == ["cpr"]


def test_a_danish_cpr_with_an_impossible_date_is_not_one() -> None:
    assert not is_danish_cpr("3202901234")


def test_swedish_personnummer_needs_the_luhn_digit() -> None:
    number = swedish_personnummer(datetime.date(1985, 6, 7), 123)
    assert is_swedish_personnummer(number.replace("-", ""))
    assert mask(f"mitt personnummer är {number}") == "mitt personnummer är <number>"
    wrong = with_wrong_check_digit(number)
    assert not is_swedish_personnummer(wrong.replace("-", ""))


def test_high_risk_masking_hides_national_ids_and_keeps_the_rest() -> None:
    fnr = norwegian_id(BORN, 321)
    text = f"jeg heter Kari, tlf 41234567, fnr {fnr}"
    assert mask_high_risk(text) == "jeg heter Kari, tlf 41234567, fnr <number>"
