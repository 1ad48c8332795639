"""Answers from the controller's knowledge base (FAQ topics, age rules) and the plain yes/no."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.dsr_common import language_of
from actions.names import ACTION_ANSWER_FAQ, ACTION_ANSWER_YES_NO
from bot.clock import utc_now
from bot.config import get_settings
from bot.knowledge import knowledge_base
from bot.knowledge.replies import Reply, faq_reply, yes_no_reply


def _send(reply: Reply, dispatcher: CollectingDispatcher) -> None:
    if reply.text is None:
        dispatcher.utter_message(response=reply.response)
    else:
        dispatcher.utter_message(text=reply.text, buttons=reply.buttons or None)


class ActionAnswerFaq(Action):
    """The response selector chose a topic (`faq/<topic>`): answer it with the controller's facts."""

    def name(self) -> str:
        return ACTION_ANSWER_FAQ

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        reply = faq_reply(
            tracker.latest_message, language_of(tracker), knowledge_base(), get_settings(), utc_now().date()
        )
        _send(reply, dispatcher)
        return []


class ActionAnswerYesNo(Action):
    """A yes or no with nothing asked; asks first when it may have been a request."""

    def name(self) -> str:
        return ACTION_ANSWER_YES_NO

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        _send(yes_no_reply(tracker.latest_message, language_of(tracker)), dispatcher)
        return []
