"""A typed yes does what the yes button does (issue 16, item 8)."""

from __future__ import annotations

import asyncio

from rasa_sdk import Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.answers import ActionAnswerYesNo
from actions.dsr import ActionStartRequest


def answered(previous: str, intent: str, text: str, language: str = "nb") -> Tracker:
    """The bot did `previous`, then the person wrote `text`, read as `intent`."""
    events = [
        {"event": "action", "name": previous},
        {"event": "action", "name": "action_listen"},
        {"event": "user", "text": text},
        {"event": "action", "name": "action_validate_slot_mappings"},
    ]
    latest = {"text": text, "intent": {"name": intent, "confidence": 0.99},
              "intent_ranking": [{"name": intent, "confidence": 0.99}]}
    return Tracker("chat", {"language": language}, latest, events, False, None, {}, "action_validate_slot_mappings")


def run(previous: str, intent: str, text: str) -> tuple[list, list]:
    dispatcher = CollectingDispatcher()
    return asyncio.run(ActionAnswerYesNo().run(dispatcher, answered(previous, intent, text), {})), dispatcher.messages


def test_a_typed_yes_to_the_caseworker_offer_queues_the_chat() -> None:
    events, messages = run("action_offer_handoff", "affirm", "ja")
    assert events == [FollowupAction("action_start_handoff")] and messages == []


def test_a_typed_yes_to_the_delete_question_deletes() -> None:
    events, _ = run("utter_confirm_forget_chat", "affirm", "ja takk")
    assert events == [FollowupAction("action_forget_chat")]


def test_a_no_or_a_yes_with_nothing_asked_is_answered_as_before() -> None:
    for previous, intent in (("action_offer_handoff", "deny"), ("utter_greet", "affirm")):
        events, messages = run(previous, intent, "ok")
        assert events == [] and messages[0]["response"] == "utter_anything_else"


def start_after(previous: str, intent: str, text: str) -> list:
    return asyncio.run(ActionStartRequest().run(CollectingDispatcher(), answered(previous, intent, text, "en"), {}))


def test_a_typed_yes_to_an_explanations_offer_starts_that_request() -> None:
    for right in ("access", "rectification", "erasure", "restriction", "portability", "objection"):
        events = start_after(f"utter_explain_{right}", "affirm", "yes please")
        assert SlotSet("request_kind", right) in events, right


def test_a_yes_after_anything_else_starts_nothing() -> None:
    assert start_after("utter_greet", "affirm", "yes") == []
    assert start_after("utter_explain_consent", "affirm", "yes") == []  # two offers there: the buttons decide
