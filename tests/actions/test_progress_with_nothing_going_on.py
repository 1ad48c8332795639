"""A question about a step with no request going on ("why do you need my e-mail?") is answered, not met with the
help list."""

from __future__ import annotations

import asyncio

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.dsr import ActionExplainProgress
from bot.wiring import services


def progress(text: str, topic: str) -> list:
    latest = {"text": text, "intent": {"name": "ask_progress", "confidence": 0.89},
              "intent_ranking": [{"name": "ask_progress", "confidence": 0.89}],
              "response_selector": {"faq": {"response": {"intent_response_key": f"faq/{topic}"}}}}
    events = [{"event": "action", "name": "action_listen"}, {"event": "user", "text": text, "parse_data": latest}]
    tracker = Tracker("progress", {"language": "en"}, latest, events, False, None, {}, "action_listen")
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionExplainProgress().run(dispatcher, tracker, {}))
    return dispatcher.messages


def test_why_vern_needs_an_address_is_the_identity_check_answer() -> None:
    (message,) = progress("why do you need my email address", "identity_check")
    assert message["text"] == services().knowledge.answer("identity_check", "en")
    assert [b["payload"] for b in message["buttons"]] == ["/human_handoff"]


def test_what_happens_now_with_nothing_going_on_is_the_help_list() -> None:
    (message,) = progress("what happens now", "chat_data")
    assert message["response"] == "utter_help"
