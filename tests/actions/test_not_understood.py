"""A message the NLU could not place is asked about when it may be a request (issue 16, item 7)."""

from __future__ import annotations

import asyncio

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.handoff import ActionNotUnderstood


def run(text: str, ranking: list[tuple[str, float]]) -> list:
    latest = {"text": text, "intent": {"name": "nlu_fallback", "confidence": 0.45},
              "intent_ranking": [{"name": "nlu_fallback", "confidence": 0.45}]
              + [{"name": name, "confidence": confidence} for name, confidence in ranking]}
    events = [{"event": "action", "name": "action_listen"},
              {"event": "user", "text": text, "parse_data": latest}]
    tracker = Tracker("chat", {"language": "en"}, latest, events, False, None, {}, "action_listen")
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionNotUnderstood().run(dispatcher, tracker, {}))
    return dispatcher.messages


def test_a_possible_request_is_asked_about_with_its_button() -> None:
    (message,) = run("that thing about deleting", [("explain_erasure", 0.4), ("request_erasure", 0.35)])
    assert [b["payload"] for b in message["buttons"]] == ["/explain_erasure", "/request_erasure", "/deny"]


def test_anything_else_is_asked_to_be_rephrased() -> None:
    (message,) = run("purple monkey", [("greet", 0.3), ("thank", 0.2)])
    assert message["response"] == "utter_default"
