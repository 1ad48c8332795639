"""«Slett denne samtalen»: after the person confirmed, the chat is erased once this turn is saved."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, Restarted
from rasa_sdk.executor import CollectingDispatcher

from actions.dsr_common import say
from actions.names import ACTION_FORGET_CHAT
from bot.retention.forget import FORGET_CHAT_CONTROL


class ActionForgetChat(Action):
    def name(self) -> str:
        return ACTION_FORGET_CHAT

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        dispatcher.utter_message(text=say("chat_forgotten", tracker))
        # The channel erases the chat from every store after Rasa has saved this turn.
        dispatcher.utter_message(json_message={"vern_control": FORGET_CHAT_CONTROL})
        return [Restarted()]
