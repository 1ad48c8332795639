from __future__ import annotations

from bot.connectors.signing import sign, verify

SECRET = b"connector-secret-0123456789"
BODY = b'{"status":"completed"}'


def test_a_signed_body_verifies_within_five_minutes() -> None:
    header = sign(SECRET, BODY, 1_800_000_000)
    assert verify(SECRET, BODY, header, 1_800_000_000 + 299)


def test_tampering_replay_and_garbage_do_not_verify() -> None:
    header = sign(SECRET, BODY, 1_800_000_000)
    assert not verify(SECRET, b'{"status":"rejected"}', header, 1_800_000_000)
    assert not verify(b"another-secret-0123456789", BODY, header, 1_800_000_000)
    assert not verify(SECRET, BODY, header, 1_800_000_000 + 301), "an old request replayed"
    for garbage in (None, "", "t=abc,v1=00", "v1=" + "0" * 64, header + "x"):
        assert not verify(SECRET, BODY, garbage, 1_800_000_000)
