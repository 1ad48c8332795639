"""Malformed, binary, empty and oversized messages get a clear answer; the server stays up."""

from __future__ import annotations

import uuid

import pytest

from bot.i18n import translate
from tests.support.domain import expected
from tests.support.stack import HttpResult, VernStack, http, post_json

JSON = {"Content-Type": "application/json"}


def webhook(stack: VernStack) -> str:
    return f"{stack.rasa_url}/webhooks/rest/webhook"


def assert_still_answers(stack: VernStack) -> None:
    assert stack.texts(f"test-{uuid.uuid4().hex}", "hi, what can you do?") == expected("utter_help", "en")


def shown(result: HttpResult) -> str:
    """What any Rasa REST client shows: the texts of the list of bot messages."""
    assert isinstance(result.body, list), result.body
    return "\n".join(m["text"] for m in result.body if "text" in m)


def error_code(result: HttpResult) -> str:
    """What a program reads: the header, and the custom entry Vern's widget marks the message with."""
    markers = [m["custom"] for m in result.body if "custom" in m]
    assert markers == [{"vern": "next", "as": "error", "error": result.headers["x-vern-error"]}], markers
    return result.headers["x-vern-error"]


def test_empty_message_is_refused_plainly(stack: VernStack) -> None:
    # A person's turn answers 200 with bot messages, as Rasa's REST channel does: widgets built on
    # jQuery or axios drop the body of a 4xx, and the person would get no answer at all.
    result = post_json(webhook(stack), {"sender": "test-empty", "message": "   "})
    assert result.status == 200
    assert error_code(result) == "error_empty_message"
    assert shown(result) == translate("error_empty_message", "nb")
    assert all(m["recipient_id"] == "test-empty" for m in result.body)
    assert_still_answers(stack)


def test_100_kb_message_is_refused_with_the_limit(stack: VernStack) -> None:
    result = post_json(webhook(stack), {"sender": "test-huge", "message": "hei på deg " * 9400})
    assert result.status == 200
    assert error_code(result) == "error_message_too_long"
    assert "2000" in shown(result)
    assert_still_answers(stack)


@pytest.mark.parametrize(
    "body",
    [
        b'{"sender": "test-bin", "message": "\xff\xfe\x00\x81 hei"}',
        bytes(range(256)) * 8,
        b'{"sender": "test-json", "message": "unterminated',
        b"[1, 2, 3]",
        b'{"sender": "bad sender with spaces", "message": "hei"}',
        b'{"sender": "test-type", "message": {"nested": true}}',
        b"",
    ],
    ids=["invalid-utf8", "binary", "malformed-json", "json-array", "bad-sender", "non-string", "no-body"],
)
def test_unreadable_requests_get_400_with_words(stack: VernStack, body: bytes) -> None:
    # Not a message any person typed: the developer sees a 400, still with words in Rasa's shape.
    result = http("POST", webhook(stack), body, JSON)
    assert result.status == 400
    assert error_code(result) == "error_bad_request"
    assert "sender" in shown(result)
    assert "Traceback" not in result.raw.decode("utf-8", "replace")


def test_control_characters_are_dropped_not_fatal(stack: VernStack) -> None:
    chat = f"test-{uuid.uuid4().hex}"
    assert stack.texts(chat, "hi,\x00 what can\x07 you do?") == expected("utter_help", "en")


def test_the_web_app_forwards_chat_and_applies_the_same_checks(stack: VernStack) -> None:
    chat = f"test-{uuid.uuid4().hex}"
    ok = post_json(f"{stack.web_url}/api/chat", {"sender": chat, "message": "hej, hvad kan du hjælpe med?"})
    assert ok.status == 200
    assert ok.body[0]["text"] == expected("utter_help", "da")
    bad = http("POST", f"{stack.web_url}/api/chat", b"\xff\xfe", JSON)
    assert bad.status == 400 and error_code(bad) == "error_bad_request"
    empty = post_json(f"{stack.web_url}/api/chat", {"sender": chat, "message": " "})
    assert empty.status == 200 and error_code(empty) == "error_empty_message"
    assert shown(empty) == translate("error_empty_message", "nb")


def test_demo_page_is_served_with_a_strict_policy(stack: VernStack) -> None:
    import urllib.request

    with urllib.request.urlopen(f"{stack.web_url}/", timeout=10) as resp:
        page = resp.read().decode()
        policy = resp.headers["Content-Security-Policy"]
    assert '<script src="/widget.js">' in page
    assert "default-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert f"connect-src 'self' {stack.rasa_url} ws://127.0.0.1:{stack.ports['rasa']};" in policy
