"""Answers from the controller's knowledge base (FAQ topics, age rules) and the plain yes/no."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.consent import stashed_birth_year
from actions.dsr_common import language_of, question_before
from actions.names import (
    ACTION_ANSWER_FAQ,
    ACTION_ANSWER_OUTSIDE_FORM,
    ACTION_ANSWER_YES_NO,
    ACTION_FORGET_CHAT,
    ACTION_OFFER_HANDOFF,
    ACTION_START_HANDOFF,
    FORM_DSR,
    SLOT_BIRTH_YEAR,
)
from bot.clock import utc_now
from bot.consent.age_answer import is_only_an_age
from bot.knowledge.replies import Reply, faq_reply, lone_answer_reply, yes_no_reply
from bot.wiring import services

# A typed "ja" does what the question's yes button does (issue 16, item 8): question asked -> the yes action.
TYPED_YES = {ACTION_OFFER_HANDOFF: ACTION_START_HANDOFF, "utter_confirm_forget_chat": ACTION_FORGET_CHAT}


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
        text = str(tracker.latest_message.get("text") or "")
        if (tracker.active_loop_name == FORM_DSR and tracker.get_slot("requested_slot") == SLOT_BIRTH_YEAR
                and (is_only_an_age(text, utc_now().date())
                     or (stashed_birth_year(tracker) and not text.rstrip().endswith("?")))):
            # "jeg er 14" (or, in the step's second question, "mamma har kari@example.org") read as a question
            # about Vern while the form asks for exactly that: it is the answer.
            from actions.dsr import ValidateDsrForm  # the form's own validation, not a second copy

            filled = await ValidateDsrForm().validate_birth_year(text, dispatcher, tracker, domain)
            return [SlotSet(slot, value) for slot, value in filled.items()]
        reply = faq_reply(
            tracker.latest_message, language_of(tracker), services().knowledge, services().settings, utc_now().date(),
            in_form=tracker.active_loop_name is not None,
        )
        _send(reply, dispatcher)
        return []


class ActionAnswerOutsideForm(Action):
    """An answer with no question asked (`inform` outside a form): an age gets the minors' rule for it."""

    def name(self) -> str:
        return ACTION_ANSWER_OUTSIDE_FORM

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        text = str(tracker.latest_message.get("text") or "")
        reply = lone_answer_reply(text, language_of(tracker), services().knowledge, services().settings,
                                  utc_now().date())
        _send(reply, dispatcher)
        return []


class ActionAnswerYesNo(Action):
    """A yes or no with nothing asked; asks first when it may have been a request."""

    def name(self) -> str:
        return ACTION_ANSWER_YES_NO

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        intent = str((tracker.latest_message.get("intent") or {}).get("name") or "")
        follow = TYPED_YES.get(question_before(tracker) or "")
        if intent == "affirm" and follow is not None:
            return [FollowupAction(follow)]
        _send(yes_no_reply(tracker.latest_message, language_of(tracker)), dispatcher)
        return []
