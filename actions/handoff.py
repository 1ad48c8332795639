"""Handing the chat to a caseworker: offer, queue, relaying the caseworker's words, no one free.

Thin: the queue and the messages live in `bot.handoff`; these actions only
speak. Caseworker messages arrive through Rasa's HTTP API (an external
intent on this conversation), and the action reads them from the server."""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.dsr_common import channel_of, contact, language_of, say
from actions.names import (
    ACTION_HANDOFF_TIMEOUT,
    ACTION_NOT_UNDERSTOOD,
    ACTION_OFFER_HANDOFF,
    ACTION_RELAY_CASEWORKER,
    ACTION_START_HANDOFF,
)
from bot.handoff.hours import is_open
from bot.knowledge.replies import clarify_reply
from bot.pii import mask
from bot.wiring import services

logger = logging.getLogger(__name__)
# What the bot had understood, for the caseworker's queue (no text of the person's, only intents).
SUMMARY_SKIP = {"greet", "goodbye", "thank", "affirm", "deny", "human_handoff", "confirm_handoff", "nlu_fallback"}


def _closed(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """Outside opening hours the person is told so, and offered a case instead."""
    settings = services().settings
    if is_open(settings):
        return False
    dispatcher.utter_message(text=say("handoff_closed", tracker, hours=settings.handoff_hours, contact=contact()))
    return True


def handoff_buttons(tracker: Tracker) -> list[dict[str, str]]:
    """"Connect me to a caseworker", when caseworkers are in the chat; nothing otherwise."""
    if not is_open(services().settings):
        return []
    return [{"title": say("handoff_yes", tracker), "payload": "/confirm_handoff"}]


class ActionOfferHandoff(Action):
    def name(self) -> str:
        return ACTION_OFFER_HANDOFF

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        if _closed(dispatcher, tracker):
            return []
        buttons = [*handoff_buttons(tracker), {"title": say("button_no", tracker), "payload": "/deny"}]
        dispatcher.utter_message(text=say("handoff_offer", tracker, contact=contact()), buttons=buttons)
        return []


class ActionStartHandoff(Action):
    def name(self) -> str:
        return ACTION_START_HANDOFF

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        if _closed(dispatcher, tracker):
            return []
        understood: list[str] = []
        for event in tracker.events:
            intent = ((event.get("parse_data") or {}).get("intent") or {}).get("name") if event.get(
                "event") == "user" else None
            if intent and intent not in SUMMARY_SKIP and not intent.startswith("EXTERNAL_") and \
                    intent not in understood:
                understood.append(intent)
        try:
            queued = services().handoff.request(tracker.sender_id, language_of(tracker), channel_of(tracker),
                                               mask(", ".join(understood)))
        except Exception as error:  # noqa: BLE001 - the person is told, nothing half-done stays
            logger.error("handoff not queued (%s)", type(error).__name__)
            dispatcher.utter_message(text=say("service_unavailable", tracker))
            return []
        dispatcher.utter_message(text=say("handoff_queued", tracker, position=queued.position or 1))
        dispatcher.utter_message(json_message={"vern_control": "await_updates", "handoff": True})
        return []


class ActionRelayCaseworker(Action):
    """Triggered on the person's conversation when the caseworker joined or wrote."""

    def name(self) -> str:
        return ACTION_RELAY_CASEWORKER

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        try:
            messages = services().handoff.undelivered(tracker.sender_id)
        except Exception as error:  # noqa: BLE001 - the next trigger delivers them
            logger.error("caseworker messages not relayed (%s)", type(error).__name__)
            return []
        for message in messages:
            if message.sender == "system":
                dispatcher.utter_message(text=say("handoff_joined", tracker))
            else:
                dispatcher.utter_message(text=message.text, json_message={"from": "caseworker"})
        return []


class ActionNotUnderstood(Action):
    """The first miss asks to rephrase; the second in a row offers a person instead of a loop."""

    def name(self) -> str:
        return ACTION_NOT_UNDERSTOOD

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        intents = [((e.get("parse_data") or {}).get("intent") or {}).get("name")
                   for e in tracker.events if e.get("event") == "user"]
        if len(intents) >= 2 and intents[-1] == intents[-2] == "nlu_fallback" and handoff_buttons(tracker):
            buttons = [*handoff_buttons(tracker), {"title": say("button_no", tracker), "payload": "/deny"}]
            dispatcher.utter_message(text=say("handoff_after_misses", tracker, contact=contact()), buttons=buttons)
            return []
        # A request in words the NLU was unsure of is asked about, not answered "I did not understand".
        clarification = clarify_reply(tracker.latest_message, language_of(tracker))
        if clarification is not None:
            dispatcher.utter_message(text=clarification.text, buttons=clarification.buttons)
            return []
        dispatcher.utter_message(response="utter_default")
        return []


class ActionHandoffTimeout(Action):
    def name(self) -> str:
        return ACTION_HANDOFF_TIMEOUT

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        dispatcher.utter_message(text=say("handoff_timeout", tracker, contact=contact()))
        return []


__all__ = ["ActionHandoffTimeout", "ActionNotUnderstood", "ActionOfferHandoff", "ActionRelayCaseworker",
           "ActionStartHandoff",
           "handoff_buttons", "language_of"]
