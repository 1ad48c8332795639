"""A question asked in the middle of a form is answered without a second way in: the form's own question follows
as the next step, so the answer names no button and carries none (the minors' rules once said "press Give consent
to start" while the consent form was asking which purpose)."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.answers import ActionAnswerFaq

BUTTON = {"nb": "Gi samtykke", "nn": "Gi samtykke", "da": "Giv samtykke", "en": "Give consent"}
ASKED = {"nb": "datteren min er 14, hva gjelder da?", "nn": "sonen min er 12, kven må seie ja?",
         "da": "min søn er 16, hvad gælder?", "en": "she is 14, what applies?"}


def answer(language: str, loop: dict[str, Any]) -> list[dict[str, Any]]:
    latest = {
        "text": ASKED[language],
        "intent": {"name": "faq", "confidence": 0.98},
        "response_selector": {"faq": {"response": {"intent_response_key": "faq/minors_consent"}}},
    }
    tracker = Tracker("chat-form-question", {"language": language, "requested_slot": "consent_purpose"}, latest, [],
                      False, None, loop, "action_listen")
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionAnswerFaq().run(dispatcher, tracker, {}))
    return dispatcher.messages


@pytest.mark.parametrize("language", ["nb", "nn", "da", "en"])
def test_the_age_rule_asked_in_the_consent_form_names_no_start_button(language: str) -> None:
    (inside,) = answer(language, {"name": "dsr_form"})
    assert inside["text"] and BUTTON[language] not in inside["text"] and not inside["buttons"]
    (outside,) = answer(language, {})
    assert outside["text"].startswith(inside["text"]) and BUTTON[language] in outside["text"]
    assert [button["payload"] for button in outside["buttons"]] == ["/give_consent"]
