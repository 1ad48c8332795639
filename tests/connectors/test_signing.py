from __future__ import annotations

from bot.connectors.signing import ReplayCache, sign, verify
from bot.verification import MemoryShortLivedStore

SECRET = b"connector-secret-0123456789"
BODY = b'{"status":"completed"}'
PATH = "/api/cases/VRN-AAAA-BB/completion"


def test_a_signed_request_verifies_within_five_minutes() -> None:
    header = sign(SECRET, BODY, 1_800_000_000, method="POST", path=PATH)
    assert verify(SECRET, BODY, header, 1_800_000_000 + 299, method="post", path=PATH)


def test_tampering_replay_and_garbage_do_not_verify() -> None:
    header = sign(SECRET, BODY, 1_800_000_000, method="POST", path=PATH)
    now = 1_800_000_000
    assert not verify(SECRET, b'{"status":"rejected"}', header, now, method="POST", path=PATH)
    assert not verify(SECRET, BODY, header, now, method="POST", path=PATH.replace("AAAA", "CCCC")), "another case"
    assert not verify(SECRET, BODY, header, now, method="PUT", path=PATH)
    assert not verify(b"another-secret-0123456789", BODY, header, now, method="POST", path=PATH)
    assert not verify(SECRET, BODY, header, now + 301, method="POST", path=PATH), "an old request replayed"
    for garbage in (None, "", "t=abc,v2=00", "v2=" + "0" * 64, header + "x", header.replace("v2", "v1")):
        assert not verify(SECRET, BODY, garbage, now, method="POST", path=PATH)


def test_the_replay_cache_knows_a_signature_once() -> None:
    cache = ReplayCache(MemoryShortLivedStore())
    assert cache.first_sighting("ab" * 32)
    assert not cache.first_sighting("ab" * 32)
    assert cache.first_sighting("cd" * 32)
