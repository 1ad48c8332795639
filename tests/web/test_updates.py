"""The widget's poll returns only what reached the chat between the person's own turns."""

from __future__ import annotations

from bot.web.updates import pushed_messages

EVENTS = [
    {"event": "user", "text": "jeg vil være med på videoopptak", "timestamp": 1.0},
    {"event": "bot", "text": "already shown as the answer", "timestamp": 1.1},
    {"event": "user", "text": "EXTERNAL: EXTERNAL_guardian_answered", "timestamp": 5.0},
    {"event": "action", "name": "action_tell_guardian_answer", "timestamp": 5.1},
    {"event": "bot", "text": "Forelderen din har godkjent.", "timestamp": 5.2, "data": {"buttons": []}},
    {"event": "user", "text": "takk", "timestamp": 9.0},
    {"event": "bot", "text": "Bare hyggelig!", "timestamp": 9.1},
]


def test_only_replies_to_external_intents_are_pushed() -> None:
    assert [m["text"] for m in pushed_messages(EVENTS, 0)] == ["Forelderen din har godkjent."]


def test_what_the_widget_has_seen_is_not_sent_again() -> None:
    assert pushed_messages(EVENTS, 5.2) == []
