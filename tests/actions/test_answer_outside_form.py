"""An answer typed with nothing asked: an age gets the minors' rule for it, anything else is not understood."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.answers import ActionAnswerOutsideForm


def answer(text: str, language: str) -> list[dict[str, Any]]:
    latest = {"text": text, "intent": {"name": "inform", "confidence": 0.9}}
    tracker = Tracker("chat-lone-answer", {"language": language}, latest, [], False, None, {}, "action_listen")
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionAnswerOutsideForm().run(dispatcher, tracker, {}))
    return dispatcher.messages


@pytest.mark.parametrize(("text", "language", "starts"), [
    ("jeg er tolv", "nb", "Ved 12 år"), ("eg er 14 år", "nn", "Ved 14 år"), ("jeg er seksten", "da", "Ved 16 år"),
    ("I'm 17", "en", "At 17,"),
])
def test_an_age_alone_is_told_the_rule_for_it_with_the_consent_button(text: str, language: str, starts: str) -> None:
    (message,) = answer(text, language)
    assert message["text"].startswith(starts)
    assert [button["payload"] for button in message["buttons"]] == ["/give_consent"]


def test_anything_else_is_not_understood() -> None:
    (message,) = answer("koden er 482913", "nb")
    assert message["response"] == "utter_default" and not message["text"]
