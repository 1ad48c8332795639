"""Per-message language choice, session start and chat end."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, EventType, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.names import (
    ACTION_DETECT_LANGUAGE,
    ACTION_END_CHAT,
    ACTION_SESSION_START,
    SLOT_CONTROLLER_CONTACT,
    SLOT_CONTROLLER_NAME,
    SLOT_LANGUAGE,
)
from bot.i18n import translate
from bot.language import decide_language
from bot.services.conversations import ConversationService
from bot.wiring import services

logger = logging.getLogger(__name__)
# Rasa keeps the metadata of the message that started a session in this slot.
SESSION_METADATA_SLOT = "session_started_metadata"

def conversations() -> ConversationService:
    return services().conversations


class ActionDetectLanguage(Action):
    """Chooses the `language` slot: Rasa runs this after every user message,
    before any reply is chosen, so each reply is already in the right language."""

    def name(self) -> str:
        return ACTION_DETECT_LANGUAGE

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        settings = services().settings
        text = tracker.latest_message.get("text") or ""
        current = tracker.get_slot(SLOT_LANGUAGE)
        intent = str((tracker.latest_message.get("intent") or {}).get("name") or "")
        if intent.startswith("EXTERNAL_"):
            # Not the person writing (a guardian answered elsewhere): no language, no activity.
            return []
        if (text.lstrip().startswith("/") or text.strip() in services().purposes) and current:
            # A button payload ("/confirm_forget_chat", a purpose id) is no one's language: keep the chat's.
            text = ""
        picked = (tracker.latest_message.get("metadata") or {}).get("language")
        if picked in settings.languages:
            # Chosen in the widget's language picker: as explicit as writing "skriv på nynorsk".
            language = str(picked)
        else:
            # The session starts in the default language before anyone wrote a word: the first message of a
            # session is read as a new chat's, not as a line in a bokmål chat (Danish lines that are also
            # correct bokmål stayed in bokmål).
            known = None if current == settings.default_language and _first_user_message(tracker) else current
            decision = decide_language(text, known, settings.languages, settings.default_language)
            if decision.unsupported == "sv":
                dispatcher.utter_message(text=translate("swedish_note", decision.language))
            language = decision.language
        try:
            # A database write (an fsync on SQLite): in a thread, so the action server's event loop keeps
            # answering other chats meanwhile; still finished before this action answers.
            await asyncio.to_thread(
                conversations().record_user_message,
                tracker.sender_id, tracker.get_latest_input_channel() or "rest", language,
            )
        except Exception as error:  # noqa: BLE001 - a logging hiccup must not break the chat
            logger.error("Could not record chat activity (%s)", type(error).__name__)
        if language == current:
            return []
        return [SlotSet(SLOT_LANGUAGE, language)]


def _first_user_message(tracker: Tracker) -> bool:
    said = 0
    for event in reversed(tracker.events):
        if event.get("event") == "session_started":
            break
        if event.get("event") == "user":
            said += 1
    return said <= 1


class ActionSessionStart(Action):
    """Starts each session in the deployment's default language and names the controller."""

    def name(self) -> str:
        return ACTION_SESSION_START

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        settings = services().settings
        language = tracker.get_slot(SLOT_LANGUAGE) or carried_language(tracker, settings.languages)
        language = language or settings.default_language
        return [
            SessionStarted(),
            SlotSet(SLOT_LANGUAGE, language),
            SlotSet(SLOT_CONTROLLER_NAME, settings.controller_name),
            SlotSet(SLOT_CONTROLLER_CONTACT, settings.controller_contact),
            ActionExecuted("action_listen"),
        ]


def carried_language(tracker: Tracker, languages: tuple[str, ...]) -> str | None:
    """The chat's language across a reset (an erasure, "forget this chat", a restart after a handoff):
    the slots are gone, but the widget still writes in the chat's language and says so in every message."""
    metadata = tracker.get_slot(SESSION_METADATA_SLOT) or {}
    carried = metadata.get("widget_language") if isinstance(metadata, dict) else None
    return str(carried) if carried in languages else None


class ActionEndChat(Action):
    """Goodbye ends the chat: the masking clock of the processing agreement starts now."""

    def name(self) -> str:
        return ACTION_END_CHAT

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        try:
            conversations().end(tracker.sender_id, "goodbye")
        except Exception as error:  # noqa: BLE001
            logger.error("Could not record chat end (%s)", type(error).__name__)
        return []
