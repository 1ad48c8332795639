"""The widget's transport: Rasa's socket.io channel as Vern runs it, spoken to by a real socket.io client."""

from __future__ import annotations

import datetime
import json
import random
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
import redis
import socketio
from sqlalchemy import text

from bot.db.engine import create_db_engine
from bot.i18n import translate
from bot.services.pii_warning import warning_text
from tests.pii.generators import norwegian_id
from tests.support.mailbox import code_for, mails_to, new_address
from tests.support.services import postgres_url, redis_url
from tests.support.stack import VernStack
from tests.support.stored import everything_stored

TIMEOUT = 60


@contextmanager
def socket(stack: VernStack, origin: str | None = None) -> Iterator[socketio.SimpleClient]:
    client = socketio.SimpleClient()
    headers = {"Origin": origin} if origin else {}
    client.connect(stack.rasa_url, headers=headers, transports=["polling"], wait_timeout=10)
    try:
        yield client
    finally:
        # Without abort, the client waits out the long-poll in flight (about 30 s) before it lets go.
        client.client.eio.disconnect(abort=True)
        client.disconnect()


def join(client: socketio.SimpleClient, session_id: str | None) -> str:
    client.emit("session_request", {"session_id": session_id})
    event, session_id = client.receive(timeout=TIMEOUT)
    assert event == "session_confirm"
    return str(session_id)


def turn(client: socketio.SimpleClient, message: Any, **extra: Any) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Send one message; return the bot's replies and the turn's receipt."""
    message_id = uuid.uuid4().hex[:12]
    client.emit("user_uttered", {"message": message, "message_id": message_id, **extra})
    replies: list[dict[str, Any]] = []
    while True:
        event, data = client.receive(timeout=TIMEOUT)  # one argument per event: [name, argument]
        if event == "bot_uttered":
            replies.append(data)
        elif event == "vern_turn":
            assert data["message_id"] == message_id
            return replies, data


def words(replies: list[dict[str, Any]]) -> str:
    return "\n".join(r.get("text", "") for r in replies)


def shown(replies: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """What a standard Rasa client (rasa-webchat) shows: messages of exactly Rasa's keys; Vern's custom
    messages are for Vern's widget only."""
    plain = [r for r in replies if "custom" not in r]
    assert all(set(r) in ({"text"}, {"text", "quick_replies"}) for r in plain), plain
    return plain


def test_a_page_from_an_origin_not_configured_cannot_open_the_socket(stack: VernStack) -> None:
    with pytest.raises(socketio.exceptions.ConnectionError), socket(stack, "http://evil.example"):
        pass


def test_vern_own_page_chats_over_the_socket_and_gets_buttons_as_quick_replies(stack: VernStack) -> None:
    with socket(stack, stack.web_url) as client:
        join(client, None)
        replies, receipt = turn(client, "slett denne samtalen")
    assert receipt["language"] == "nb"
    buttons = [q["title"] for r in replies for q in r.get("quick_replies", [])]
    assert len(buttons) >= 2, replies


def test_the_session_id_keeps_the_conversation_across_reconnects(stack: VernStack) -> None:
    chat = f"sock-{uuid.uuid4().hex}"
    with socket(stack, stack.web_url) as client:
        assert join(client, chat) == chat
        turn(client, "hi, what can you do?")
    with socket(stack, stack.web_url) as client:
        assert join(client, chat) == chat, "a reload asks for the same chat and gets it"
        _, receipt = turn(client, "ok thanks")
    assert receipt["language"] == "en", "the chat's language came along: it is the same conversation"


def test_a_forged_session_id_is_replaced_not_trusted(stack: VernStack) -> None:
    with socket(stack, stack.web_url) as client:
        given = join(client, "../../etc/passwd x")
    assert given != "../../etc/passwd x" and len(given) == 32


def test_bad_messages_get_plain_words_and_the_socket_lives_on(stack: VernStack) -> None:
    with socket(stack, stack.web_url) as client:
        join(client, None)
        for bad, code in (("", "error_empty_message"), ("   ", "error_empty_message"), (12345, "error_bad_request"),
                          ("x" * 5000, "error_message_too_long"), ({"a": 1}, "error_bad_request")):
            replies, receipt = turn(client, bad)
            assert receipt["error"] == code
            assert shown(replies) == [{"text": translate(code, "nb", limit=2000)}], "plain words any client shows"
            assert {"vern": "next", "as": "error", "message_id": receipt["message_id"], "error": code} in [
                r.get("custom") for r in replies], "Vern's widget also learns it is an error"
        replies, receipt = turn(client, "hva er personvern?")
        assert "error" not in receipt and words(replies)


def test_a_message_before_joining_a_session_is_refused_in_words(stack: VernStack) -> None:
    with socket(stack, stack.web_url) as client:
        replies, receipt = turn(client, "hei")
    assert receipt["error"] == "error_bad_request"
    assert shown(replies) == [{"text": translate("error_bad_request", "nb")}]


def test_a_national_id_comes_back_masked_with_the_warning_for_that_message(stack: VernStack) -> None:
    national_id = norwegian_id(datetime.date(1987, 3, 14), random.randint(100, 400))
    with socket(stack, stack.web_url) as client:
        chat = join(client, None)
        replies, receipt = turn(client, f"fødselsnummeret mitt er {national_id}, kan dere slette meg?")
    assert national_id not in receipt["stored_text"] and "<number>" in receipt["stored_text"]
    assert receipt["warning"] == warning_text(("national_id",), "nb", 15)
    plain = shown(replies)
    assert plain[0] == {"text": receipt["warning"]}, "a plain message every client shows, before the answer"
    assert len(plain) > 1, "and the answer after it"
    marker = replies.index({"custom": {"vern": "next", "as": "warning", "message_id": receipt["message_id"]}})
    assert replies[marker + 1] == plain[0], "Vern's widget is told the next text is the warning, to put it beside"
    stored = redis.Redis.from_url(redis_url()).get(f"vern:tracker:{chat}")
    assert stored is not None and national_id.encode() not in stored


def test_the_picker_language_answers_the_next_message(stack: VernStack) -> None:
    with socket(stack, stack.web_url) as client:
        join(client, None)
        replies, receipt = turn(client, "hei, hva kan du hjelpe meg med?", metadata={"language": "da"})
        assert receipt["language"] == "da"
        _, receipt = turn(client, "hva med sletting?", metadata={"language": "xx"})
    assert receipt["language"] in ("nb", "da"), "an unknown picker value is ignored, not obeyed"


def test_ending_over_the_socket_starts_the_masking_clock(stack: VernStack) -> None:
    with socket(stack, stack.web_url) as client:
        chat = join(client, None)
        turn(client, "hei, eg lurer på kva de gjer")
        ended = client.call("vern_end", {"language": "nn"}, timeout=TIMEOUT)
        assert ended == {"ended": True, "text": translate("chat_ended", "nn", minutes=15)}
        _, receipt = turn(client, "hei igjen")
    assert receipt["error"] == "error_bad_request", "the ended chat is no longer this socket's to write to"
    engine = create_db_engine(postgres_url())
    try:
        with engine.connect() as connection:
            row = connection.execute(text("SELECT ended_at, end_reason FROM conversations WHERE conversation_id = :c"),
                                     {"c": chat}).one()
    finally:
        engine.dispose()
    assert row.ended_at is not None and row.end_reason == "widget"


def test_a_copy_is_mailed_only_to_a_proven_address_which_is_not_kept(stack: VernStack) -> None:
    address = new_address()
    with socket(stack, stack.web_url) as client:
        chat = join(client, None)
        turn(client, "what rights do I have under the GDPR?")
        asked = client.call("vern_copy_code", {"email": address, "language": "en"}, timeout=TIMEOUT)
        assert asked == {"ok": True, "text": translate("copy_code_sent", "en"), "field": "code"}
        code = code_for(stack, address)
        wrong = "000000" if code != "000000" else "111111"
        refused = client.call("vern_copy_send", {"email": address, "code": wrong}, timeout=TIMEOUT)
        assert refused["ok"] is False and refused["text"] == translate("copy_wrong", "en", attempts=4)
        other = client.call("vern_copy_send", {"email": new_address(), "code": code}, timeout=TIMEOUT)
        assert other["ok"] is False, "a code proves one address; it cannot send the chat to another"
        sent = client.call("vern_copy_send", {"email": address, "code": code}, timeout=TIMEOUT)
        assert sent == {"ok": True, "text": translate("copy_sent", "en"), "field": None}
        again = client.call("vern_copy_send", {"email": address, "code": code}, timeout=TIMEOUT)
        assert again["ok"] is False, "a code is used once"
    copy = mails_to(stack, address)[-1]
    assert "what rights do I have under the GDPR?" in copy and "Vern" in copy
    # Stores and logs alike: the address went to the SMTP server and nowhere else.
    assert address not in everything_stored(stack.var_dir)
    assert chat


def test_a_bad_address_for_a_copy_is_answered_in_words(stack: VernStack) -> None:
    with socket(stack, stack.web_url) as client:
        join(client, None)
        reply = client.call("vern_copy_code", {"email": "not an address", "language": "da"}, timeout=TIMEOUT)
        assert reply == {"ok": False, "text": translate("email_invalid", "da"), "field": "email"}
        reply = client.call("vern_copy_send", {"email": 5, "code": None, "language": "en"}, timeout=TIMEOUT)
        assert reply["ok"] is False and reply["field"] == "email"


def receive_text(client: socketio.SimpleClient, wanted: str, timeout: float) -> list[Any]:
    """Everything the socket got until a bot message with exactly the text `wanted` (within `timeout` s)."""
    deadline = time.monotonic() + timeout
    got: list[Any] = []
    while time.monotonic() < deadline:
        try:
            event, data = client.receive(timeout=max(0.1, deadline - time.monotonic()))
        except socketio.exceptions.TimeoutError:
            break
        got.append((event, data))
        if event == "bot_uttered" and data == {"text": wanted}:
            return got
    raise AssertionError(f"{wanted!r} did not reach the socket: {got}")


def test_a_caseworkers_reply_reaches_the_sessions_room_as_a_plain_rasa_message(stack: VernStack) -> None:
    from tests.e2e.test_handoff import take_waiting_chat

    engine = create_db_engine(postgres_url())
    try:
        with socket(stack, stack.web_url) as citizen:
            join(citizen, None)
            turn(citizen, "kan jeg snakke med et menneske?")
            queued, _ = turn(citizen, "/confirm_handoff")
            assert {"vern_control": "await_updates", "handoff": True} in [r.get("custom") for r in queued]
            console, handoff_id, csrf = take_waiting_chat(stack, engine, "nb")
            receive_text(citizen, translate("handoff_joined", "nb"), 10)
            reply = f"Hei, jeg er saksbehandler {uuid.uuid4().hex[:4]}."
            sent_at = time.monotonic()
            console.call("POST", f"/console/chats/{handoff_id}/send", {"csrf": csrf, "message": reply})
            got = receive_text(citizen, reply, 5)
            assert time.monotonic() - sent_at < 5, "pushed, not waiting for a poll"
            assert got[-2] == ("bot_uttered", {"custom": {"vern": "next", "as": "caseworker"}}), (
                "Vern's widget is told whose words follow; other clients ignore it")
            console.call("POST", f"/console/chats/{handoff_id}/end", {"csrf": csrf})
    finally:
        engine.dispose()


def test_forgetting_the_chat_tells_the_client_to_drop_its_transcript(stack: VernStack) -> None:
    with socket(stack, stack.web_url) as client:
        join(client, None)
        turn(client, "slett denne samtalen")
        replies, receipt = turn(client, "/confirm_forget_chat")
    assert receipt.get("forgotten") is True
    assert shown(replies) == [{"text": translate("chat_forgotten", "nb")}]
    assert {"custom": {"vern": "clear_transcript"}} in replies


def test_rasa_webchats_custom_data_sets_the_language(stack: VernStack) -> None:
    with socket(stack, stack.web_url) as client:
        session = join(client, None)
        # Exactly what rasa-webchat 1.0.1 emits: its page's customData, and the session id in the message.
        replies, receipt = turn(client, "hei", customData={"language": "en"}, session_id=session)
        assert receipt["language"] == "en" and shown(replies)
        _, receipt = turn(client, "hva med sletting?", metadata=json.dumps({"language": "da"}))
    assert receipt["language"] == "da", "Rasa's metadata key, as a JSON string, works as well"
