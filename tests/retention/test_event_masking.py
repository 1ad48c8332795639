"""The event walk: every string a person could have written is masked, Rasa's structure stays."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from rasa.shared.core.events import ReminderScheduled, deserialise_events

from bot.retention.event_masking import mask_event, mask_serialised_event, mask_value
from tests.retention.chats import SeededChat, SeededMasker

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)


def shape(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: shape(item) for key, item in value.items()}
    if isinstance(value, list):
        return [shape(item) for item in value]
    return "leaf"


@settings(max_examples=150, deadline=None)
@given(json_values)
def test_masking_any_json_keeps_its_shape_and_masks_every_string(value: Any) -> None:
    masked = mask_value(value, lambda text: "<x>")
    assert shape(masked) == shape(value)
    assert json.loads(json.dumps(masked)) == masked
    strings: list[str] = []

    def collect(item: Any) -> None:
        if isinstance(item, str):
            strings.append(item)
        elif isinstance(item, list):
            for child in item:
                collect(child)
        elif isinstance(item, dict):
            for child in item.values():
                collect(child)

    collect(masked)
    assert set(strings) <= {"<x>"}


def test_rasa_identifiers_and_numbers_stay_while_text_goes() -> None:
    chat = SeededChat()
    masker = SeededMasker([chat])
    for event in chat.events():
        original = event.as_dict()
        masked = mask_event(original, masker)
        for key in ("event", "timestamp", "name", "policy", "confidence", "input_channel", "message_id"):
            assert masked.get(key) == original.get(key)
        if original["event"] == "user":
            assert masked["parse_data"]["intent"] == original["parse_data"]["intent"]
            assert masked["parse_data"].get("intent_ranking") == original["parse_data"].get("intent_ranking")
            for before, after in zip(original["parse_data"]["entities"], masked["parse_data"]["entities"], strict=True):
                assert {k: v for k, v in after.items() if k != "value"} == {
                    k: v for k, v in before.items() if k != "value"
                }
            assert masked["metadata"]["model_id"] == original["metadata"]["model_id"]
            assert masked["metadata"].get("display_name") in (None, "<name> <name>")
        assert not [value for value in chat.personal_values() if value in json.dumps(masked)]


def test_a_scheduled_reminder_still_deserialises() -> None:
    from datetime import datetime

    reminder = ReminderScheduled(
        "remind_me", datetime(2030, 1, 2, 3, 4, 5), entities=[{"entity": "email", "value": "kari@example.no"}]
    )
    masked = json.loads(mask_serialised_event(json.dumps(reminder.as_dict()), SeededMasker()) or "")
    (restored,) = deserialise_events([masked])
    assert isinstance(restored, ReminderScheduled)
    assert restored.trigger_date_time == datetime(2030, 1, 2, 3, 4, 5)
    assert restored.entities == [{"entity": "email", "value": "<email>"}]
