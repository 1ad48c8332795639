"""Taking a data-subject request: which right, what it concerns, the address to verify."""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import guardian_acting
from actions.consent import (
    STASHED_YEAR,
    age_rule_lines,
    audience_of,
    consent_rule_of,
    registry_configured,
    stashed_birth_year,
)
from actions.dsr_common import clear_request_slots, contact, language_of, question_before, say, say_for
from actions.names import (
    ACTION_CANCEL_REQUEST,
    ACTION_EXPLAIN_PROGRESS,
    ACTION_START_REQUEST,
    FORM_CODE,
    FORM_DSR,
    SLOT_BIRTH_YEAR,
    SLOT_CASE_REFERENCE,
    SLOT_CONSENT_AGREE,
    SLOT_CONSENT_PURPOSE,
    SLOT_EMAIL,
    SLOT_GAVE_UP,
    SLOT_INVALID_COUNT,
    SLOT_OBJECTION_PROCESSING,
    SLOT_OBJECTION_REASON,
    SLOT_RECTIFICATION_CORRECT,
    SLOT_RECTIFICATION_WHAT,
    SLOT_REQUEST_KIND,
    SLOT_REQUEST_SCOPE,
    SLOT_RESTRICTION_GROUND,
    VALIDATE_DSR_FORM,
)
from bot.cases.errors import InvalidEmail
from bot.cases.keys import normalise_email
from bot.cases.reference import normalise_reference
from bot.clock import utc_now
from bot.consent.age_answer import birth_year_from_answer
from bot.consent.ages import ConsentRule, ImplausibleBirth, audience_for, rule_for, youngest_age
from bot.consent.purposes import match_purpose
from bot.dsr import kind_for_intent
from bot.dsr.flow import GUARDIAN_ADDRESS
from bot.dsr.free_text import refusal
from bot.guardians.registry import normalise_reference as normalise_child_reference
from bot.knowledge.replies import IDENTITY_CHECK_TOPIC, clarify_reply, faq_reply, selected_topic
from bot.mail.templates import REQUEST_TYPE_NAMES
from bot.nlu.intent_guards import unsure_question
from bot.nlu.leading_greeting import without_leading_greeting
from bot.wiring import services

# What each request needs before the address; the address comes last so the
# code goes out right after it is given.
REQUIRED_SLOTS: dict[str, list[str]] = {
    "access": [SLOT_REQUEST_SCOPE, SLOT_EMAIL],
    "portability": [SLOT_REQUEST_SCOPE, SLOT_EMAIL],
    "rectification": [SLOT_RECTIFICATION_WHAT, SLOT_RECTIFICATION_CORRECT, SLOT_EMAIL],
    "erasure": [SLOT_EMAIL],
    "restriction": [SLOT_RESTRICTION_GROUND, SLOT_EMAIL],
    "objection": [SLOT_OBJECTION_PROCESSING, SLOT_OBJECTION_REASON, SLOT_EMAIL],
    "status": [SLOT_CASE_REFERENCE, SLOT_EMAIL],
    "consents": [SLOT_EMAIL],
    # The age before the notice: the notice shown is the version for the age (child, young, adult), and the
    # record keeps the hash of that version.
    "give_consent": [SLOT_CONSENT_PURPOSE, SLOT_BIRTH_YEAR, SLOT_CONSENT_AGREE, SLOT_EMAIL],
}
MAX_INVALID_ANSWERS = 3
SKIP_GUARDIAN_ADDRESS = {"hopp over", "hopp", "hopp over dette", "spring over", "skip", "nei", "nej", "no", "nei takk",
                         "nej tak", "no thanks", "/skip"}
ADDRESS = re.compile(r"[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+")
MAX_ANSWER_CHARS = 500
# Art. 18(1)(a)-(d); the buttons send the letter, people may type it or its number.
RESTRICTION_GROUNDS = {"a": "a", "b": "b", "c": "c", "d": "d", "1": "a", "2": "b", "3": "c", "4": "d"}
EVERYTHING = {"alt", "alle", "all", "everything", "alt dere har", "alt de har", "all of it", "/everything"}
YES = {"ja", "jo", "yes", "ok", "okay", "okei", "gjerne", "ja takk", "yes please", "jeg samtykker", "eg samtykkjer",
       "i agree", "i consent", "jeg vil", "eg vil", "klart", "selvfølgelig", "sjølvsagt", "selvfølgelig ja"}
NO = {"nei", "nej", "no", "nope", "nei takk", "nej tak", "no thanks", "jeg vil ikke", "eg vil ikkje", "ikke nå"}


# An explanation that offers its request as a button: a typed "yes" after it means that button.
OFFERED_REQUEST = {f"utter_explain_{right}": f"request_{right}"
                   for right in ("access", "rectification", "erasure", "restriction", "portability", "objection")}


class ActionStartRequest(Action):
    """The person asked to exercise a right (or about a case): explain it in one sentence, start the form."""

    def name(self) -> str:
        return ACTION_START_REQUEST

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if intent == "affirm":
            intent = OFFERED_REQUEST.get(question_before(tracker) or "")
        kind = kind_for_intent(intent)
        if kind is None:
            return []
        value = kind if isinstance(kind, str) else kind.value
        for_child = guardian_acting.starts_for_child(value, tracker)
        # Access, erasure and consents may be asked for one's child: a button says so, when the message did not.
        buttons = ([guardian_acting.for_child_button(tracker)]
                   if guardian_acting.may_act_for_child(value) and not for_child else [])
        dispatcher.utter_message(text=say(f"request_intro_{value}", tracker), buttons=buttons)
        events: list[EventType] = [*clear_request_slots(), SlotSet(SLOT_REQUEST_KIND, value)]
        if for_child:
            events += guardian_acting.start_for_child(tracker, dispatcher)
        # Typed any way ("vrn 7f3k q2"), the reference is read as Vern wrote it.
        reference = normalise_reference(tracker.latest_message.get("text") or "")
        if value == "status" and reference:
            events.append(SlotSet(SLOT_CASE_REFERENCE, reference))
        if value == "give_consent":
            purpose = match_purpose(tracker.latest_message.get("text") or "", services().purposes)
            if purpose:
                events.append(SlotSet(SLOT_CONSENT_PURPOSE, purpose))
        return events


class ValidateDsrForm(FormValidationAction):
    def name(self) -> str:
        return VALIDATE_DSR_FORM

    async def required_slots(
        self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[str]:
        if tracker.get_slot(SLOT_GAVE_UP):
            return []  # the form ends; action_send_code offers a caseworker instead
        return guardian_acting.required_slots(list(REQUIRED_SLOTS.get(str(tracker.get_slot(SLOT_REQUEST_KIND)), [])),
                                              tracker)

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        switched = guardian_acting.switch_to_child(tracker, dispatcher)
        if switched is None:
            events: list[EventType] = await super().run(dispatcher, tracker, domain)
            return events
        # «For my child» pressed (or said) mid-form: the answer it filled is undone and the child's age is next.
        tracker.add_slots(switched)
        next_slot = await self.next_requested_slot(dispatcher, tracker, domain)
        return [*switched, next_slot] if next_slot is not None else switched

    def _invalid(self, slot: str, message: str, dispatcher: CollectingDispatcher, tracker: Tracker) -> dict[str, Any]:
        count = int(tracker.get_slot(SLOT_INVALID_COUNT) or 0) + 1
        if count >= MAX_INVALID_ANSWERS:
            # Never a loop: after a few misses a person takes over.
            dispatcher.utter_message(text=say("caseworker_offer", tracker, contact=contact()))
            return {slot: None, SLOT_INVALID_COUNT: float(count), SLOT_GAVE_UP: True}
        dispatcher.utter_message(text=message)
        return {slot: None, SLOT_INVALID_COUNT: float(count)}

    def _free_text(self, slot: str, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker) -> dict[str, Any]:
        text = str(value or "").strip()
        if not text:
            return {slot: None}
        if len(text) > MAX_ANSWER_CHARS:
            return self._invalid(slot, say("answer_too_long", tracker, limit=MAX_ANSWER_CHARS), dispatcher, tracker)
        if (tracker.latest_message.get("intent") or {}).get("name") == "deny":
            # "nei, glem det" to "what is it about?" is not what it is about: storing it would send a request
            # nobody meant. Ask whether to stop, and count it, so that no answer at all ends with a caseworker.
            count = int(tracker.get_slot(SLOT_INVALID_COUNT) or 0) + 1
            if count >= MAX_INVALID_ANSWERS:
                return self._invalid(slot, "", dispatcher, tracker)
            dispatcher.utter_message(text=say("answer_is_no", tracker), buttons=[
                {"title": say("button_stop_request", tracker), "payload": "/cancel"},
            ])
            return {slot: None, SLOT_INVALID_COUNT: float(count)}
        reason = refusal(slot, text)
        if reason is not None:
            # Not an answer: a question, or personal data the request does not need. Ask again.
            return self._invalid(slot, say(reason, tracker), dispatcher, tracker)
        return {slot: text}

    async def validate_email(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        try:
            return {SLOT_EMAIL: normalise_email(str(value or ""))}
        except InvalidEmail:
            count = int(tracker.get_slot(SLOT_INVALID_COUNT) or 0) + 1
            if (tracker.latest_message.get("intent") or {}).get("name") == "deny" and count < MAX_INVALID_ANSWERS:
                # "no thanks" to the address is not a typo: say why it is needed and what else there is. It still
                # counts, so that no answer at all ends with a caseworker, never a loop.
                dispatcher.utter_message(text=say("email_declined", tracker), buttons=[
                    {"title": say("button_talk_to_person", tracker), "payload": "/human_handoff"},
                    {"title": say("button_stop_request", tracker), "payload": "/cancel"},
                ])
                return {SLOT_EMAIL: None, SLOT_INVALID_COUNT: float(count)}
            return self._invalid(SLOT_EMAIL, say("email_invalid", tracker), dispatcher, tracker)

    async def validate_rectification_what(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._free_text(SLOT_RECTIFICATION_WHAT, value, dispatcher, tracker)

    async def validate_rectification_correct(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._free_text(SLOT_RECTIFICATION_CORRECT, value, dispatcher, tracker)

    async def validate_objection_processing(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._free_text(SLOT_OBJECTION_PROCESSING, value, dispatcher, tracker)

    async def validate_objection_reason(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._free_text(SLOT_OBJECTION_REASON, value, dispatcher, tracker)

    async def validate_request_scope(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        text = str(value or "").strip()
        if text.lower().strip(" .!") in EVERYTHING:
            return {SLOT_REQUEST_SCOPE: "everything"}
        return self._free_text(SLOT_REQUEST_SCOPE, text, dispatcher, tracker)

    async def validate_restriction_ground(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        text = str(value or "").strip().lower().strip(").:")
        if text in RESTRICTION_GROUNDS:
            return {SLOT_RESTRICTION_GROUND: RESTRICTION_GROUNDS[text]}
        return self._invalid(SLOT_RESTRICTION_GROUND, say("restriction_ground_invalid", tracker), dispatcher, tracker)

    async def validate_consent_purpose(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        purpose = match_purpose(str(value or ""), services().purposes)
        if purpose is None:
            return self._invalid(SLOT_CONSENT_PURPOSE, say("consent_purpose_unknown", tracker), dispatcher, tracker)
        return {SLOT_CONSENT_PURPOSE: purpose}

    async def validate_consent_agree(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        text = str(value or "").strip().lower().strip(" .!")
        if intent == "affirm" or text in YES:
            return {SLOT_CONSENT_AGREE: "yes"}
        if intent == "deny" or text in NO:
            # Saying no is as easy as saying yes, and leaves nothing behind.
            dispatcher.utter_message(text=say_for("consent_not_given", tracker, audience_of(tracker)))
            return {SLOT_CONSENT_AGREE: None, SLOT_GAVE_UP: True}
        return self._invalid(SLOT_CONSENT_AGREE, say_for("consent_agree_invalid", tracker, audience_of(tracker)),
                             dispatcher, tracker)

    async def extract_birth_year(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """"Han er 10", "jeg er 14": the NLU hears the minors' question, but asked for an age it is the answer.

        The slot's mapping leaves questions (`faq`) to be answered; an age or a birth year is taken here instead,
        so the form goes on rather than explaining the age rules and asking again."""
        if tracker.get_slot("requested_slot") != SLOT_BIRTH_YEAR:
            return {}
        if (tracker.latest_message.get("intent") or {}).get("name") != "faq":
            return {}
        text = str(tracker.latest_message.get("text") or "")
        try:
            birth_year_from_answer(text, utc_now().date())
        except ImplausibleBirth:
            return {}
        return {SLOT_BIRTH_YEAR: text}

    async def validate_birth_year(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if guardian_acting.acting_for_child(tracker):
            checked = guardian_acting.validate_child(value, tracker, dispatcher)
            if isinstance(checked, str):
                controller = services().settings.controller_name
                return self._invalid(SLOT_BIRTH_YEAR, say(checked, tracker, controller=controller), dispatcher, tracker)
            return checked
        stashed = stashed_birth_year(tracker)
        if stashed and consent_rule_of(tracker, int(stashed)) is ConsentRule.CHILD_GUARDIAN_INFORMED:
            # 16-17, the second answer of this step: the guardian's address, so Vern informs them itself.
            text = str(value or "").strip()
            if text.casefold().strip(" .!") in SKIP_GUARDIAN_ADDRESS:
                return {SLOT_BIRTH_YEAR: stashed, SLOT_CASE_REFERENCE: None}  # the link to pass on, as before
            found = ADDRESS.search(text)
            try:
                address = normalise_email(found.group(0) if found else text)
            except InvalidEmail:
                return self._invalid(SLOT_BIRTH_YEAR, say("consent_guardian_email_invalid", tracker), dispatcher,
                                     tracker)
            return {SLOT_BIRTH_YEAR: stashed, SLOT_CASE_REFERENCE: GUARDIAN_ADDRESS + address}
        if stashed:
            # The second answer of this step: the controller's reference for the child (see docs/consent.md).
            reference = normalise_child_reference(str(value or ""))
            if reference is None:
                return self._invalid(SLOT_BIRTH_YEAR, say_for("consent_child_reference_invalid", tracker,
                                                              audience_of(tracker)), dispatcher, tracker)
            return {SLOT_BIRTH_YEAR: stashed, SLOT_CASE_REFERENCE: reference}
        today = utc_now().date()
        try:
            # "2012", "14", "im 14", "jeg er 14", "fjorten": read here, so the NLU model needs no retraining.
            year = birth_year_from_answer(str(value or ""), today)
        except ImplausibleBirth:
            return self._invalid(SLOT_BIRTH_YEAR, say("consent_birth_year_invalid", tracker), dispatcher, tracker)
        settings = services().settings
        purpose = services().purposes.get(str(tracker.get_slot(SLOT_CONSENT_PURPOSE) or ""))
        age = youngest_age(year, today)
        rule = rule_for(age, settings.age_bands, purpose)
        # The rule for this age, from the configured bands, before the e-mail step: a child under 13 hears
        # here that a guardian decides.
        for line in age_rule_lines(age, settings.age_bands, purpose, language_of(tracker),
                                   audience_for(age, settings.age_bands)):
            dispatcher.utter_message(text=line)
        if rule.needs_guardian and purpose is not None and purpose.registry_required and registry_configured(settings):
            # The year waits in the (otherwise unused) reference slot while the same step asks for the child's
            # reference: a new slot would change the domain and force a retrain.
            return {SLOT_BIRTH_YEAR: None, SLOT_CASE_REFERENCE: f"{STASHED_YEAR}{year}"}
        if rule is ConsentRule.CHILD_GUARDIAN_INFORMED:
            # 16-17: the same step asks for the guardian's address next (Vern informs them itself).
            return {SLOT_BIRTH_YEAR: None, SLOT_CASE_REFERENCE: f"{STASHED_YEAR}{year}"}
        return {SLOT_BIRTH_YEAR: str(year)}

    async def validate_case_reference(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        found = normalise_reference(str(value or ""))
        # Anything without a reference ("I don't know it", the "all my cases" button) means: all cases.
        return {SLOT_CASE_REFERENCE: found or "all"}


class ActionCancelRequest(Action):
    """«avbryt»: drop the request everywhere, say so, and leave no address behind."""

    def name(self) -> str:
        return ACTION_CANCEL_REQUEST

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        in_request = tracker.active_loop_name in (FORM_DSR, FORM_CODE) or tracker.get_slot(SLOT_REQUEST_KIND)
        await services().request_flow.cancel(tracker.sender_id)
        if not in_request:
            # "how quickly do you deal with a request like mine", read as cancelling at 0.57: a question was asked,
            # and "nothing to cancel" answers none. Ask which was meant instead.
            message = tracker.latest_message
            confidence = float((message.get("intent") or {}).get("confidence") or 0.0)
            if unsure_question(without_leading_greeting(str(message.get("text") or "")), confidence):
                reply = clarify_reply(message, language_of(tracker), request_needed=False)
                if reply is not None:
                    dispatcher.utter_message(text=reply.text, buttons=reply.buttons)
                else:
                    dispatcher.utter_message(response="utter_default")
                return []
            dispatcher.utter_message(text=say("nothing_to_cancel", tracker))
            return []
        dispatcher.utter_message(text=say("request_cancelled", tracker))
        return [ActiveLoop(None), *clear_request_slots(), SlotSet("requested_slot", None)]


class ActionExplainProgress(Action):
    """«hva skjer nå?»: where the request stands and what the person can say."""

    def name(self) -> str:
        return ACTION_EXPLAIN_PROGRESS

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        kind = tracker.get_slot(SLOT_REQUEST_KIND)
        if tracker.active_loop_name == FORM_CODE:
            dispatcher.utter_message(text=say("progress_code", tracker))
        elif tracker.active_loop_name == FORM_DSR and tracker.get_slot("requested_slot") == SLOT_EMAIL:
            dispatcher.utter_message(text=say("progress_email", tracker))
        elif tracker.active_loop_name == FORM_DSR and kind:
            names = REQUEST_TYPE_NAMES.get(str(kind), {})
            name = names.get(language_of(tracker), str(kind)).lower()
            dispatcher.utter_message(text=say("progress_details", tracker, kind=name))
        elif selected_topic(tracker.latest_message) == IDENTITY_CHECK_TOPIC:
            # "why do you need my e-mail address?" with no request going on: not a step to explain, but the
            # question of how Vern checks who someone is, which the knowledge base answers.
            reply = faq_reply(tracker.latest_message, language_of(tracker), services().knowledge,
                              services().settings, utc_now().date())
            dispatcher.utter_message(text=reply.text, response=reply.response, buttons=reply.buttons or None)
        else:
            dispatcher.utter_message(response="utter_help")
        return []
