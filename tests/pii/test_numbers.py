"""Phones, cards, accounts, IBANs and other long numbers become <number>; years, ages and amounts do not."""

from __future__ import annotations

import pytest

from bot.pii import detect, mask, mask_high_risk
from tests.pii.generators import card_number, iban, norwegian_account, with_wrong_check_digit


@pytest.mark.parametrize(
    "phone",
    ["41234567", "412 34 567", "41 23 45 67", "+47 412 34 567", "+4741234567", "0047 41234567",
     "+45 20 12 34 56", "20123456", "070-123 45 67", "+46 70 123 45 67", "+44 20 7946 0958", "+1 202 555 0143"],
)
def test_phone_numbers_in_every_supported_form_are_masked_whole(phone: str) -> None:
    assert mask(f"ring meg på {phone} i morgen") == "ring meg på <number> i morgen"


def test_payment_cards_pass_luhn() -> None:
    card = card_number("4571", 16)
    grouped = " ".join(card[i : i + 4] for i in range(0, 16, 4))
    assert [s.kind for s in detect(f"kort {grouped}")] == ["card"]
    assert mask_high_risk(f"kort {grouped}") == "kort <number>"
    # A failing checksum is still a long number, masked, but not high-risk.
    wrong = with_wrong_check_digit(card)
    assert mask(f"kort {wrong}") == "kort <number>"
    assert mask_high_risk(f"kort {wrong}") == f"kort {wrong}"


def test_norwegian_account_numbers_with_dots_or_spaces() -> None:
    account = norwegian_account()
    dotted = f"{account[:4]}.{account[4:6]}.{account[6:]}"
    spaced = f"{account[:4]} {account[4:6]} {account[6:]}"
    for form in (account, dotted, spaced):
        assert mask_high_risk(f"kontonummer {form}") == "kontonummer <number>"


def test_ibans_in_groups_or_run_together() -> None:
    number = iban("NO", "86011117947")
    grouped = " ".join(number[i : i + 4] for i in range(0, len(number), 4))
    for form in (number, grouped, number.lower()):
        assert mask_high_risk(f"IBAN: {form} takk") == "IBAN: <number> takk"
    assert mask_high_risk(f"IBAN: {with_wrong_check_digit(number)}").startswith("IBAN: NO")


@pytest.mark.parametrize(
    "text",
    [
        "datteren min er 13 år",
        "vi svarer innen 30 dager",
        "saken fra 2024 er lukket",
        "postnummer 0150",
        "det kostet 25 000 kroner",
        "møtet er 22.12.2026 kl 14:30",
        "artikkel 15 og 17",
    ],
)
def test_years_ages_dates_and_amounts_are_left_alone(text: str) -> None:
    assert mask(text) == text


def test_other_long_numbers_identify_and_are_masked() -> None:
    assert mask("medlemsnummer 4829104") == "medlemsnummer <number>"
    assert mask("kundenr 88213") == "kundenr <number>"


def test_a_document_number_of_letters_and_digits_is_masked_and_a_case_reference_is_not() -> None:
    assert mask("passnummeret mitt er KT4418207") == "passnummeret mitt er <number>"
    assert mask("membership no. R30066152, please check") == "membership no. <number>, please check"
    for kept in ("saken min er VRN-7F3K-Q2", "kommunen skrev sak 2023/4471 i brevet", "dokument 2024/118-2",
                 "koden var ABC123", "et A4-ark og en mp3", "COVID19 i 2021"):
        assert mask(kept) == kept


def test_public_ip_addresses_are_masked_and_the_servers_own_are_not() -> None:
    assert mask("innlogget fra 84.215.3.9 i går") == "innlogget fra <number> i går"
    assert mask("from 84.215.3.0/24") == "from <number>"
    for own in ("listening on 127.0.0.1:43211", "bound to 0.0.0.0:5005", "peer 10.0.12.7", "host 192.168.1.20",
                "API open to 127.0.0.1/8, 10.0.0.0/16"):
        assert mask(own) == own


def test_digits_inside_a_record_id_are_not_a_number_but_a_number_beside_one_is() -> None:
    import uuid

    from bot.pii import detect

    ids = [str(uuid.UUID(int=n * 0x1111)) for n in range(1, 200)] + ["65a80e98-44bd-4f49-a3be-694324720734"]
    assert [i for i in ids if detect(f'/confirm_withdraw_consent{{"consent_record": "{i}"}}')] == []
    (span,) = detect("ring 99887766, saken er 65a80e98-44bd-4f49-a3be-694324720734")
    assert span.type == "number" and span.start == 5


@pytest.mark.parametrize(
    "text",
    [
        "se kap. 3.5.2.3 i meldingen",
        "i perioden 2004-2007 og 1998–2001",
        "komponisten levde (1862-97)",
        "08/10/2000 08:28 AM",
        "founded on September 20 1888",
        "stipendet er verdt 200.000 kroner",
        "Slope: 0.1171 (0.0022)",
        "oppdatert i versjon 2.14",
    ],
)
def test_section_numbers_year_spans_timestamps_decimals_and_amounts_are_not_personal(text: str) -> None:
    assert mask(text) == text


def test_a_phone_next_to_a_timestamp_is_still_masked() -> None:
    assert mask("08/10/2000 08:28 AM ring 41234567") == "08/10/2000 08:28 AM ring <number>"
