"""The chat's language survives a reset (issue 16, item 8): after an erasure or "forget this chat"
the slots are gone, but the new session starts in the language the widget is writing in."""

from __future__ import annotations

import asyncio

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.session import ActionSessionStart


def started(slots: dict) -> str:
    tracker = Tracker("chat", slots, {}, [], False, None, {}, "action_listen")
    events = asyncio.run(ActionSessionStart().run(CollectingDispatcher(), tracker, {}))
    return next(e["value"] for e in events if e == SlotSet("language", e.get("value")))


def test_a_new_session_after_a_reset_keeps_the_widgets_language() -> None:
    assert started({"session_started_metadata": {"widget_language": "nn"}}) == "nn"


def test_the_chats_own_language_wins_and_unknown_languages_are_ignored() -> None:
    assert started({"language": "da", "session_started_metadata": {"widget_language": "nn"}}) == "da"
    assert started({"session_started_metadata": {"widget_language": "sv"}}) == "nb"
    assert started({}) == "nb"
