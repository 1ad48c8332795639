"""The live guard: people are warned once per kind, and high-risk numbers never reach a store or a log."""

from __future__ import annotations

import datetime
import uuid

import redis

from bot.i18n import translate
from bot.services.pii_warning import warning_text
from tests.pii.generators import norwegian_id
from tests.support.domain import expected
from tests.support.services import redis_url
from tests.support.stack import VernStack


def new_chat() -> str:
    return f"pii-{uuid.uuid4().hex}"


def stored_tracker(chat: str) -> str:
    raw = redis.Redis.from_url(redis_url()).get(f"vern:tracker:{chat}")
    assert raw is not None
    return raw.decode("utf-8", errors="replace")


def test_a_name_and_a_phone_number_get_one_warning_in_the_users_language(stack: VernStack) -> None:
    chat = new_chat()
    reply = stack.texts(chat, "hei, jeg heter Ingrid Haugland og telefonen min er 41234567")
    assert reply.endswith(warning_text(("name", "number"), "nb", 15))
    again = stack.texts(chat, "ring meg heller på 92345678")
    assert translate("pii_warning", "nb", what="x", minutes=15)[:20] not in again, "warned once per kind"


def test_the_warning_speaks_english_to_an_english_writer(stack: VernStack) -> None:
    reply = stack.texts(new_chat(), "hi, what can you do? my email is jane@example.org")
    assert reply.endswith(warning_text(("email",), "en", 15))


def test_a_national_id_is_masked_before_it_is_stored_or_logged(stack: VernStack) -> None:
    chat = new_chat()
    fnr = norwegian_id(datetime.date(1979, 8, 21), 404)
    reply = stack.texts(chat, f"fødselsnummeret mitt er {fnr}, kan dere slette meg?")
    assert translate("pii_high_risk_removed", "nb") in reply
    assert fnr not in stored_tracker(chat)
    assert "<number>" in stored_tracker(chat)
    for name in ("rasa", "actions"):
        assert fnr not in stack.logs[name].read_text(errors="replace")


def test_no_warning_for_the_address_vern_asked_for(stack: VernStack) -> None:
    chat = new_chat()
    stack.texts(chat, "jeg vil at dere sletter alt dere har om meg")
    reply = stack.texts(chat, f"person-{uuid.uuid4().hex[:8]}@example.org")
    assert translate("pii_kind_email", "nb") not in reply


def test_forget_this_chat_erases_it_after_confirmation(stack: VernStack) -> None:
    chat = new_chat()
    stack.texts(chat, "hei, jeg heter Ingrid Haugland")
    confirm = stack.say(chat, "slett denne samtalen")
    assert confirm[0]["text"] == expected("utter_confirm_forget_chat", "nb")
    assert [b["payload"] for b in confirm[0]["buttons"]] == ["/confirm_forget_chat", "/deny"]
    assert redis.Redis.from_url(redis_url()).get(f"vern:tracker:{chat}") is not None, "nothing before the press"
    done = stack.say(chat, "/confirm_forget_chat")
    assert [m.get("text") for m in done if "text" in m] == [translate("chat_forgotten", "nb")]
    assert [m["custom"] for m in done if "custom" in m] == [{"vern": "clear_transcript"}], (
        "the client is told to drop its transcript too; no other control message leaks out")
    assert redis.Redis.from_url(redis_url()).get(f"vern:tracker:{chat}") is None
    # The next message starts afresh.
    assert stack.texts(chat, "hei") != ""


def test_saying_no_keeps_the_chat(stack: VernStack) -> None:
    chat = new_chat()
    stack.texts(chat, "hei")
    stack.texts(chat, "slett denne samtalen")
    stack.texts(chat, "/deny")
    assert "hei" in stored_tracker(chat)
