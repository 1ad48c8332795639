"""A plain "no" where a request form asked a free-text question ("what is it about?") is not the answer: it is
never stored as the request's scope or reason. Vern asks whether to stop, with a button that does, and counts it,
so that no answer at all ends with a caseworker rather than a loop."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.dsr import MAX_INVALID_ANSWERS, ValidateDsrForm
from bot.i18n import translate


def asked(slot: str, text: str, intent: str, language: str, misses: int = 0) -> Tracker:
    latest = {"text": text, "intent": {"name": intent, "confidence": 0.9}, "entities": [],
              "intent_ranking": [{"name": intent, "confidence": 0.9}]}
    slots: dict[str, Any] = {"language": language, "requested_slot": slot, "request_kind": "access",
                             "dsr_invalid_count": float(misses)}
    return Tracker("chat", slots, latest, [{"event": "user", "text": text}], False, None,
                   {"name": "dsr_form"}, "action_listen")


@pytest.mark.parametrize(("language", "text"), [("nb", "nei, glem det"), ("nn", "nei, gløym det"),
                                                ("da", "nej, glem det"), ("en", "no, never mind")])
def test_no_to_what_it_is_about_asks_whether_to_stop(language: str, text: str) -> None:
    dispatcher = CollectingDispatcher()
    result = asyncio.run(ValidateDsrForm().validate_request_scope(
        text, dispatcher, asked("request_scope", text, "deny", language), {}))

    assert result == {"request_scope": None, "dsr_invalid_count": 1.0}
    [message] = dispatcher.messages
    assert message["text"] == translate("answer_is_no", language)
    assert [(b["title"], b["payload"]) for b in message["buttons"]] == [
        (translate("button_stop_request", language), "/cancel")]


def test_a_reason_is_not_a_no_either() -> None:
    dispatcher = CollectingDispatcher()
    result = asyncio.run(ValidateDsrForm().validate_objection_reason(
        "nei", dispatcher, asked("objection_reason", "nei", "deny", "nb"), {}))
    assert result["objection_reason"] is None
    assert dispatcher.messages[0]["text"] == translate("answer_is_no", "nb")


def test_no_after_no_ends_with_a_caseworker_not_a_loop() -> None:
    dispatcher = CollectingDispatcher()
    tracker = asked("request_scope", "nei", "deny", "nb", misses=MAX_INVALID_ANSWERS - 1)
    result = asyncio.run(ValidateDsrForm().validate_request_scope("nei", dispatcher, tracker, {}))
    assert result["request_scope"] is None and result["dsr_gave_up"] is True


def test_an_answer_is_still_taken() -> None:
    dispatcher = CollectingDispatcher()
    text = "bildene fra skoleturen"
    result = asyncio.run(ValidateDsrForm().validate_request_scope(
        text, dispatcher, asked("request_scope", text, "inform", "nb"), {}))
    assert result == {"request_scope": text}
    assert dispatcher.messages == []
