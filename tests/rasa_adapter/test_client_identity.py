"""Only the server says which client a message came from: a client's own claim is replaced."""

from __future__ import annotations

from types import SimpleNamespace

from bot.rasa_adapter.client_identity import (
    CLIENT_METADATA_KEY,
    CLIENT_PROOF_KEY,
    client_of_request,
    client_tag,
    vouched_client,
    with_client,
)

SECRET = b"client-identity-secret-0123456789"
FROM_PEER = SimpleNamespace(remote_addr="", ip="198.51.100.7")


def test_a_claimed_client_is_replaced_by_the_address_the_server_saw() -> None:
    claimed = {CLIENT_METADATA_KEY: "someone-else", CLIENT_PROOF_KEY: "0" * 64, "language": "nn"}
    tag = client_of_request(SECRET, claimed, FROM_PEER)
    assert tag == client_tag(SECRET, "198.51.100.7") != "someone-else"
    assert with_client(claimed, tag) == {"language": "nn", CLIENT_METADATA_KEY: tag}


def test_the_web_app_vouches_for_the_client_it_saw() -> None:
    seen = client_tag(SECRET, "203.0.113.9")
    assert client_of_request(SECRET, vouched_client(SECRET, seen), FROM_PEER) == seen
    assert client_of_request(b"another-secret-0123456789", vouched_client(SECRET, seen), FROM_PEER) != seen


def test_the_tag_is_not_the_address() -> None:
    tag = client_tag(SECRET, "203.0.113.9")
    assert tag and "." not in tag and len(tag) == 32 and client_tag(SECRET, None) is None
