"""What a chat client sends is checked before it reaches Rasa."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from bot.chat_input import ChatMessage, InputRejected, parse_chat_request


def body(**payload: object) -> bytes:
    return json.dumps(payload).encode()


def test_a_normal_message_passes_cleaned() -> None:
    parsed = parse_chat_request(body(sender="abc-123", message="  hei\x00 kafe\u0301  "), 2000)
    assert isinstance(parsed, ChatMessage)
    assert parsed.sender == "abc-123"
    assert parsed.text == "hei kaf\u00e9"


def test_limits_and_shapes() -> None:
    assert parse_chat_request(body(sender="a", message="x" * 2001), 2000) == InputRejected(
        "error_message_too_long", 413, "a", "x" * 2000
    )
    assert parse_chat_request(body(sender="a", message=""), 2000) == InputRejected("error_empty_message", 400, "a")
    assert parse_chat_request(body(message="hei"), 2000) == InputRejected("error_bad_request", 400)
    assert parse_chat_request(b"\xc3\x28", 2000) == InputRejected("error_bad_request", 400)
    assert parse_chat_request(b"[" * 100000, 2000) == InputRejected("error_bad_request", 400)


@given(st.binary(max_size=4096))
def test_never_raises_on_any_bytes(raw: bytes) -> None:
    assert isinstance(parse_chat_request(raw, 2000), (ChatMessage, InputRejected))
