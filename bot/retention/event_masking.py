"""Masking one serialised Rasa event: every piece of text a person could have written.

Rasa keeps what a person typed in many places of an event (`text`, the
`parse_data` copy of it, entity values, slot values — strings, lists or dicts —,
`metadata`, bot texts that echo the person, button payloads, action texts). The
walk masks every string and number it finds, except at the few positions that
hold Rasa's own identifiers and numbers (event type, timestamps, intent,
action and slot names, confidences, entity labels and offsets, message ids):
those must survive for the tracker to load and for training on the masked chat.
Anything not known to be an identifier is masked — a new Rasa field errs
towards privacy. Dict keys are structure and are kept.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

MaskText = Callable[[str], str]

# Top-level event fields whose scalar values are Rasa's own (never a person's words).
_EVENT_IDENTIFIERS = frozenset(
    {
        "event", "timestamp", "name", "policy", "confidence", "input_channel", "message_id",
        "hide_rule_turn", "use_text_for_featurization", "is_interrupted", "kill_on_user_msg",
        # ReminderScheduled/Cancelled: an intent name and an ISO date Rasa parses on load.
        "intent", "date_time",
    }
)  # fmt: skip
# In parse_data: the NLU result's labels and token offsets, kept whole.
_PARSE_DATA_KEPT = frozenset({"intent", "intent_ranking", "message_id", "text_tokens"})
# In an entity: its label, offsets and the extractor; `value` is what the person wrote.
_ENTITY_LABELS = frozenset(
    {
        "entity", "start", "end", "extractor", "role", "group", "processors",
        "confidence_entity", "confidence_role", "confidence_group",
    }
)  # fmt: skip
# In metadata: ids Rasa sets itself. Not "name": a channel may put a person's name there.
_METADATA_IDENTIFIERS = frozenset({"model_id", "assistant_id", "utter_action", "template_name"})
# In a response selector result: retrieval intent keys, response ids and confidences.
_SELECTOR_IDENTIFIERS = frozenset(
    {
        "intent_response_key", "retrieval_intent", "all_retrieval_intents", "utter_action",
        "template_name", "confidence", "id",
    }
)  # fmt: skip


def mask_value(value: Any, mask_text: MaskText, keep: frozenset[str] = frozenset()) -> Any:
    """Mask every string (and number) in `value`; dict entries named in `keep` stay as they are."""
    if isinstance(value, str):
        return mask_text(value)
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, (int, float)):
        # A number a person gave (a phone number slot, an entity value) is as
        # personal as the same digits in a sentence; the masker decides.
        as_text = str(value)
        masked = mask_text(as_text)
        return value if masked == as_text else masked
    if isinstance(value, list):
        return [mask_value(item, mask_text, keep) for item in value]
    if isinstance(value, dict):
        return {key: item if key in keep else mask_value(item, mask_text, keep) for key, item in value.items()}
    return value


def _mask_entities(entities: Any, mask_text: MaskText) -> Any:
    if not isinstance(entities, list):
        return mask_value(entities, mask_text)
    return [
        {key: item if key in _ENTITY_LABELS else mask_value(item, mask_text) for key, item in entity.items()}
        if isinstance(entity, dict)
        else mask_value(entity, mask_text)
        for entity in entities
    ]


def _mask_parse_data(parse_data: Any, mask_text: MaskText) -> Any:
    if not isinstance(parse_data, dict):
        return mask_value(parse_data, mask_text)
    masked: dict[str, Any] = {}
    for key, item in parse_data.items():
        if key in _PARSE_DATA_KEPT:
            masked[key] = item
        elif key == "entities":
            masked[key] = _mask_entities(item, mask_text)
        elif key == "response_selector":
            masked[key] = mask_value(item, mask_text, _SELECTOR_IDENTIFIERS)
        elif key == "metadata":
            masked[key] = mask_value(item, mask_text, _METADATA_IDENTIFIERS)
        else:
            masked[key] = mask_value(item, mask_text)
    return masked


def mask_event(event: dict[str, Any], mask_text: MaskText) -> dict[str, Any]:
    """A masked copy of one event as `Event.as_dict()` produced it."""
    masked: dict[str, Any] = {}
    for key, item in event.items():
        if key in _EVENT_IDENTIFIERS and not isinstance(item, (dict, list)):
            masked[key] = item
        elif key == "parse_data":
            masked[key] = _mask_parse_data(item, mask_text)
        elif key == "entities":
            masked[key] = _mask_entities(item, mask_text)
        elif key == "metadata":
            masked[key] = mask_value(item, mask_text, _METADATA_IDENTIFIERS)
        else:
            # text, value (slot), data (buttons, payloads), action_text, ...
            masked[key] = mask_value(item, mask_text)
    return masked


def mask_any_event(event: Any, mask_text: MaskText) -> Any:
    return mask_event(event, mask_text) if isinstance(event, dict) else mask_value(event, mask_text)


def mask_serialised_event(data: str | None, mask_text: MaskText) -> str | None:
    """Mask one `events.data` value; serialised with `json.dumps` defaults as Rasa does."""
    if data is None:
        return None
    try:
        event = json.loads(data)
    except ValueError:
        # Unparseable: the structure cannot be kept, the privacy promise can.
        return mask_text(data)
    return json.dumps(mask_any_event(event, mask_text))


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        yield str(value)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)


def masker_for_chat(mask_text: MaskText, events: list[Any]) -> MaskText:
    """A masker that knows the chat: values found in any event are masked in every event.

    Plain functions are used as they are; a masker with `learn_from` (bot.pii's
    ChatMasker) first reads every string of the chat."""
    learn = getattr(mask_text, "learn_from", None)
    if learn is None:
        return mask_text
    learned: MaskText = learn(list(_strings(events)))
    return learned
