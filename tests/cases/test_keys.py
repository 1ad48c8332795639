"""Subject keys and the encrypted contact: one person, one key; the address never in the clear."""

from __future__ import annotations

import pytest

from bot.cases.errors import ContactUnreadable, InvalidEmail
from bot.cases.keys import ContactCipher, normalise_email, subject_key

KEY = b"a-secret-key-of-enough-length-123"


def test_normalising_trims_and_lowercases_the_whole_address() -> None:
    assert normalise_email("  Kari.Nordmann@Kommune.NO \n") == "kari.nordmann@kommune.no"


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "   ",
        "kari.kommune.no",
        "kari@@kommune.no",
        "kari@nordmann@kommune.no",
        "@kommune.no",
        "kari@kommune",
        "kari@.kommune.no",
        "kari@kommune..no",
        "kari nordmann@kommune.no",
        "kari@kom mune.no",
        "k" * 250 + "@kommune.no",
    ],
)
def test_invalid_addresses_are_refused_without_echoing_them(raw: str) -> None:
    with pytest.raises(InvalidEmail) as error:
        normalise_email(raw)
    if raw.strip():
        assert raw.strip().lower() not in str(error.value)


def test_an_address_of_254_characters_is_accepted() -> None:
    address = "k" * (254 - len("@kommune.no")) + "@kommune.no"
    assert normalise_email(address) == address


def test_international_domains_get_one_spelling() -> None:
    assert normalise_email("Bo@ÆRØ.dk") == normalise_email("bo@xn--r-3fa9c.dk") == "bo@xn--r-3fa9c.dk"


def test_the_subject_key_ignores_case_and_spaces_but_not_the_secret() -> None:
    key = subject_key(KEY, "kari@kommune.no")
    assert key == subject_key(KEY, " KARI@Kommune.no ")
    assert len(key) == 64 and int(key, 16) >= 0
    assert key != subject_key(KEY, "ola@kommune.no")
    assert key != subject_key(b"another-secret-key-of-enough-len", "kari@kommune.no")
    assert "kari" not in key


def test_the_contact_cipher_round_trips_and_hides_the_address() -> None:
    cipher = ContactCipher(KEY)
    token = cipher.encrypt("Kari@Kommune.no")
    assert "kari" not in token.lower() and "kommune" not in token.lower()
    assert cipher.decrypt(token) == "kari@kommune.no"


def test_a_contact_encrypted_under_another_key_is_unreadable() -> None:
    token = ContactCipher(KEY).encrypt("kari@kommune.no")
    with pytest.raises(ContactUnreadable):
        ContactCipher(b"another-secret-key-of-enough-len").decrypt(token)


def test_an_empty_secret_key_is_refused() -> None:
    with pytest.raises(ValueError):
        subject_key(b"", "kari@kommune.no")
    with pytest.raises(ValueError):
        ContactCipher(b"")
