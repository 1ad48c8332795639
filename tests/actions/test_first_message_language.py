"""The first message of a session is answered in its own language (issue 16 item 6).

The session starts in the default language (bokmål) before anyone wrote a word. Read as a line in a bokmål
chat, Danish lines that are also correct bokmål stayed in bokmål; the first message is now read as a new
chat's. Measured on the held-out first messages, which nothing was tuned on."""

from __future__ import annotations

import asyncio

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.session import ActionDetectLanguage
from tests.language.test_first_messages import HELD_OUT, TARGET


def answered_in(text: str, earlier_user_messages: int = 0) -> str:
    events = [{"event": "session_started"}, {"event": "action", "name": "action_session_start"},
              {"event": "slot", "name": "language", "value": "nb"}]
    for index in range(earlier_user_messages):
        events += [{"event": "user", "text": f"hei {index}"}, {"event": "action", "name": "action_listen"}]
    events.append({"event": "user", "text": text})
    tracker = Tracker("chat", {"language": "nb"}, {"text": text, "intent": {"name": "greet"}}, events, False, None,
                      {}, "action_listen")
    result = asyncio.run(ActionDetectLanguage().run(CollectingDispatcher(), tracker, {}))
    slots = [event["value"] for event in result if event.get("event") == "slot"]
    return str(slots[-1]) if slots else "nb"


@pytest.mark.parametrize("language", ["nb", "nn", "da", "en"])
def test_a_sessions_first_message_is_answered_in_its_language(language: str) -> None:
    lines = [text for written, text in HELD_OUT if written == language]
    wrong = [text for text in lines if answered_in(text) != language]
    assert 1 - len(wrong) / len(lines) >= TARGET, wrong


def test_a_later_short_line_keeps_the_chats_language() -> None:
    assert answered_in("ok", earlier_user_messages=2) == "nb"
