"""The e-mail question of a request: a "no thanks" is told why the address is needed and what else there is,
instead of "that does not look like an e-mail address"; a typo is still asked again and counted."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.dsr import ValidateDsrForm
from bot.i18n import translate


def asked_for_email(text: str, intent: str, language: str) -> Tracker:
    latest = {"text": text, "intent": {"name": intent, "confidence": 0.97}, "entities": [],
              "intent_ranking": [{"name": intent, "confidence": 0.97}]}
    slots: dict[str, Any] = {"language": language, "requested_slot": "email", "request_kind": "access"}
    return Tracker("chat", slots, latest, [{"event": "user", "text": text}], False, None,
                   {"name": "dsr_form"}, "action_listen")


@pytest.mark.parametrize(("language", "text"), [("nb", "nei takk"), ("nn", "nei, helst ikkje"),
                                                ("da", "nej tak"), ("en", "no, I'd rather not")])
def test_no_to_the_email_question_explains_and_offers_a_person_or_stopping(language: str, text: str) -> None:
    dispatcher = CollectingDispatcher()
    tracker = asked_for_email(text, "deny", language)
    result = asyncio.run(ValidateDsrForm().validate_email(text, dispatcher, tracker, {}))

    assert result == {"email": None, "dsr_invalid_count": 1.0}  # asked again; a third miss brings a caseworker
    [message] = dispatcher.messages
    assert message["text"] == translate("email_declined", language)
    assert [b["payload"] for b in message["buttons"]] == ["/human_handoff", "/cancel"]
    assert message["buttons"][1]["title"] == translate("button_stop_request", language)


def test_a_typo_is_still_asked_again_and_counted() -> None:
    dispatcher = CollectingDispatcher()
    tracker = asked_for_email("kari.example.no", "inform", "nb")
    result = asyncio.run(ValidateDsrForm().validate_email("kari.example.no", dispatcher, tracker, {}))

    assert result["email"] is None and result["dsr_invalid_count"] == 1.0
    assert dispatcher.messages[0]["text"] == translate("email_invalid", "nb")
