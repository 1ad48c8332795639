"""The live guard: people are warned once per kind, and high-risk numbers never reach a store or a log."""

from __future__ import annotations

import datetime
import json
import uuid

import pytest
import redis

from bot.i18n import translate
from bot.pii.normalise import normalise
from bot.services.pii_warning import warning_text
from tests.pii.generators import danish_cpr, norwegian_id
from tests.support.domain import expected
from tests.support.services import redis_url
from tests.support.stack import VernStack, post_json


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


def _stored_as_read(chat: str) -> str:
    """The stored tracker as a person would read it: JSON escapes decoded, invisible characters and spacing gone."""
    readable = json.dumps(json.loads(stored_tracker(chat)), ensure_ascii=False)
    return "".join(c for c in normalise(readable).text if c not in " -")


@pytest.mark.parametrize(
    ("language", "template", "value"),
    [
        ("nb", "fødselsnummeret mitt er {}", "\u200b".join(norwegian_id(datetime.date(1983, 4, 9), 318))),
        (
            "nn", "kva lagrar de om meg? eg er ikkje trygg, personnummeret mitt er {}",
            "\u00ad".join(norwegian_id(datetime.date(1991, 12, 24), 472)),
        ),
        ("da", "mit cpr-nummer er {}", danish_cpr(datetime.date(1977, 5, 30), 2291).replace("-", "\u00a0")),
        ("en", "my Danish CPR is {}", "\u200d".join(danish_cpr(datetime.date(1999, 2, 14), 3564))),
    ],
)
def test_an_id_split_by_invisible_characters_never_reaches_the_tracker(
    stack: VernStack, language: str, template: str, value: str
) -> None:
    """Issue 14 item 5: the guard reads the text as it looks, so a split number is masked before storage."""
    chat = new_chat()
    reply = stack.texts(chat, template.format(value))
    assert translate("pii_high_risk_removed", language) in reply
    digits = "".join(c for c in value if c.isdigit())
    assert digits not in _stored_as_read(chat)
    assert "<number>" in stored_tracker(chat)


def test_request_metadata_is_stored_masked_and_bounded(stack: VernStack) -> None:
    chat = new_chat()
    webhook = f"{stack.rasa_url}/webhooks/rest/webhook"
    profile = {"about": "jeg heter Ditte Kjærsgaard", "phone": "20617438", "language": "da"}
    assert post_json(webhook, {"sender": chat, "message": "hej", "metadata": profile}).status == 200
    stored = _stored_as_read(chat)
    assert "Kjærsgaard" not in stored and "20617438" not in stored
    oversized = post_json(webhook, {"sender": chat, "message": "hej", "metadata": {"blob": "x" * 5000}})
    assert oversized.status == 400
    assert "x" * 5000 not in stored_tracker(chat)
