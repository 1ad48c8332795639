"""Art. 17 in the chat: «Yes, delete everything» after the preview of what goes."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, Restarted
from rasa_sdk.executor import CollectingDispatcher

from actions.dsr_common import clear_request_slots, say
from actions.names import ACTION_CONFIRM_ERASURE, INTENT_CONFIRM_ERASURE
from bot.dsr import CompletionStatus
from bot.dsr.erasure_confirmation import CONFIRM_TTL_SECONDS
from bot.dsr.factory import request_flow
from bot.retention.forget import FORGET_CHAT_CONTROL


def erasure_buttons(tracker: Tracker) -> list[dict[str, str]]:
    return [{"title": say("erasure_confirm_button", tracker), "payload": f"/{INTENT_CONFIRM_ERASURE}"},
            {"title": say("erasure_keep_button", tracker), "payload": "/deny"}]


class ActionConfirmErasure(Action):
    """The server decides: only the chat that passed the code check and saw the preview can confirm."""

    def name(self) -> str:
        return ACTION_CONFIRM_ERASURE

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        completion = await request_flow().confirm_erasure(tracker.sender_id)
        if completion.status is CompletionStatus.UNAVAILABLE:
            dispatcher.utter_message(text=say("service_unavailable", tracker))
            return []
        if completion.fulfilled != "erased":
            dispatcher.utter_message(text=say("erasure_nothing_pending", tracker,
                                              minutes=CONFIRM_TTL_SECONDS // 60))
            return []
        dispatcher.utter_message(text=say("subject_erased", tracker))
        # Rasa saves this turn after the action; the channel erases the chat right after that.
        dispatcher.utter_message(json_message={"vern_control": FORGET_CHAT_CONTROL})
        return [*clear_request_slots(), Restarted()]
