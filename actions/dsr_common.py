"""What the request actions share: the person's language, the request's details, slot clean-up."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet

from actions.names import (
    ACTION_ANSWER_YES_NO,
    ACTION_DETECT_LANGUAGE,
    REQUEST_SLOTS,
    SLOT_BIRTH_YEAR,
    SLOT_CASE_REFERENCE,
    SLOT_CONSENT_PURPOSE,
    SLOT_LANGUAGE,
    SLOT_OBJECTION_PROCESSING,
    SLOT_OBJECTION_REASON,
    SLOT_RECTIFICATION_CORRECT,
    SLOT_RECTIFICATION_WHAT,
    SLOT_REQUEST_SCOPE,
    SLOT_RESTRICTION_GROUND,
)
from bot.guardians.acting import guardian_details
from bot.i18n import for_age, translate
from bot.rasa_adapter.client_identity import CLIENT_METADATA_KEY
from bot.wiring import services

# Slot -> the key the case keeps it under (see bot.cases.request_types).
DETAIL_KEYS = {
    SLOT_REQUEST_SCOPE: "scope",
    SLOT_RECTIFICATION_WHAT: "what_is_wrong",
    SLOT_RECTIFICATION_CORRECT: "correct_value",
    SLOT_RESTRICTION_GROUND: "ground",
    SLOT_OBJECTION_PROCESSING: "processing",
    SLOT_OBJECTION_REASON: "ground",
    SLOT_CASE_REFERENCE: "reference",
    SLOT_CONSENT_PURPOSE: "purpose",
    SLOT_BIRTH_YEAR: "birth_year",
}


def language_of(tracker: Tracker) -> str:
    return str(tracker.get_slot(SLOT_LANGUAGE) or services().settings.default_language)


def say(key: str, tracker: Tracker, **values: Any) -> str:
    return translate(key, language_of(tracker), **values)


def say_for(key: str, tracker: Tracker, audience: str | None, **values: Any) -> str:
    """The line in the version for the person's age (child, young; bot/i18n/ages.py), else the adult one."""
    return translate(for_age(key, audience), language_of(tracker), **values)


def contact() -> str:
    return services().settings.controller_contact


def channel_of(tracker: Tracker) -> str:
    return tracker.get_latest_input_channel() or "rest"


def client_of(tracker: Tracker) -> str | None:
    """The channel's tag for where this message came from; set by the server, whatever the client sent."""
    metadata = (tracker.latest_message or {}).get("metadata") or {}
    found = metadata.get(CLIENT_METADATA_KEY) if isinstance(metadata, dict) else None
    return found if isinstance(found, str) else None


def details_from(tracker: Tracker) -> dict[str, str]:
    details: dict[str, str] = {}
    for slot, key in DETAIL_KEYS.items():
        value = tracker.get_slot(slot)
        if value:
            details[key] = str(value)
    # A guardian's request: the child's details leave the reference slot's stash (bot.guardians.acting).
    return guardian_details(details)


def masked_address(email: str) -> str:
    """k•••@example.org: enough for the person to spot a typo, little for anyone reading along."""
    local, _, domain = email.partition("@")
    return f"{local[:1]}•••@{domain}"


def clear_request_slots() -> list[EventType]:
    return [SlotSet(slot, None) for slot in REQUEST_SLOTS]


# Bot steps that do not ask anything: a yes or no after them answers what came before.
NOT_A_QUESTION = {"action_listen", ACTION_DETECT_LANGUAGE, ACTION_ANSWER_YES_NO}


def question_before(tracker: Tracker) -> str | None:
    """The last thing the bot did before the person's latest message."""
    seen_user = False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            if seen_user:
                return None
            seen_user = True
        elif seen_user and event.get("event") == "action" and event.get("name") not in NOT_A_QUESTION:
            return str(event.get("name"))
    return None
