from __future__ import annotations

import pytest

from bot.pii import mask


@pytest.mark.parametrize(
    "address",
    ["ola.nordmann@example.org", "KARI+vern@sub.example.co.uk", "søren@eksempel.dk", "o'brien@example.ie"],
)
def test_email_addresses_become_the_email_token(address: str) -> None:
    assert mask(f"send svaret til {address}, takk") == "send svaret til <email>, takk"


def test_spelled_out_addresses_are_caught() -> None:
    assert mask("skriv til kari (at) example (dot) com") == "skriv til <email>"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("jeg bor i Storgata 5B", "jeg bor i <address>"),
        ("adressen er nedre slottsgate 12", "adressen er nedre <address>"),
        ("min adresse er Nørregade 7, 2. th", "min adresse er <address>, 2. th"),
        ("I live at 221 Baker Street", "I live at <address>"),
    ],
)
def test_street_addresses_with_house_numbers(text: str, expected: str) -> None:
    assert mask(text) == expected


def test_a_street_without_a_number_or_an_ordinary_word_is_left_alone() -> None:
    for text in ("jeg går i Storgata hver dag", "i have 2 children", "the gate 3 is open"):
        assert "<address>" not in mask(text)


def test_street_names_written_apart() -> None:
    assert mask("vi bor i Kongens gate 12") == "vi bor i <address>"
