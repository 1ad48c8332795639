"""A question misread as cancelling, with nothing to cancel, is asked about rather than answered "nothing to cancel"."""

from __future__ import annotations

import asyncio

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.dsr import ActionCancelRequest


def cancel(text: str, confidence: float, *rest: tuple[str, float], topic: str = "answer_time") -> list:
    latest = {"text": text, "intent": {"name": "cancel", "confidence": confidence},
              "intent_ranking": [{"name": "cancel", "confidence": confidence}]
              + [{"name": name, "confidence": value} for name, value in rest],
              "response_selector": {"faq": {"response": {"intent_response_key": f"faq/{topic}"}}}}
    events = [{"event": "action", "name": "action_listen"}, {"event": "user", "text": text, "parse_data": latest}]
    tracker = Tracker("cancel-question", {"language": "en"}, latest, events, False, None, {}, "action_listen")
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionCancelRequest().run(dispatcher, tracker, {}))
    return dispatcher.messages


def test_an_unsure_question_read_as_cancelling_offers_what_it_may_have_asked() -> None:
    (message,) = cancel("how quickly do you deal with a request like mine", 0.57, ("faq", 0.2), ("greet", 0.05))
    assert [b["title"] for b in message["buttons"]] == ["How long until I get an answer?", "Something else"]


def test_with_no_reading_to_offer_it_is_asked_to_be_rephrased() -> None:
    (message,) = cancel("how does that work then", 0.5, ("greet", 0.2))
    assert message["response"] == "utter_default"


def test_a_cancel_with_nothing_going_on_is_still_told_so() -> None:
    for text, confidence in (("avbryt", 0.55), ("can we stop this?", 0.95)):
        (message,) = cancel(text, confidence, ("faq", 0.2))
        assert message["text"] == "There is nothing to cancel right now."
