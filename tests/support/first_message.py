"""A tracker that holds one message, parsed as the test says, with nothing going on: for running one action."""

from __future__ import annotations

import asyncio
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher


def run_on_first_message(action: Action, text: str, intent: str, confidence: float,
                         *rest: tuple[str, float], topic: str | None = None, language: str = "en") -> list[Any]:
    """What `action` says to `text`, read as `intent` (then `rest`), the FAQ selector having chosen `topic`."""
    latest: dict[str, Any] = {
        "text": text, "intent": {"name": intent, "confidence": confidence},
        "intent_ranking": [{"name": name, "confidence": value} for name, value in ((intent, confidence), *rest)],
    }
    if topic is not None:
        latest["response_selector"] = {"faq": {"response": {"intent_response_key": f"faq/{topic}"}}}
    events = [{"event": "action", "name": "action_listen"}, {"event": "user", "text": text, "parse_data": latest}]
    tracker = Tracker("first-message", {"language": language}, latest, events, False, None, {}, "action_listen")
    dispatcher = CollectingDispatcher()
    asyncio.run(action.run(dispatcher, tracker, {}))
    return dispatcher.messages
