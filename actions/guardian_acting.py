"""The dialogue side of a guardian acting for a child (bot.guardians.acting): spot "for my child", ask the
child's age and reference in the request form, and say what the server decided.

No new slot, intent or response: the child's details wait in the case-reference slot (unused by access,
erasure and consents) and the age is asked through the birth-year step, whose question is an action of its
own. So the model needs no retraining. None of it is evidence: the server decides after the e-mail code.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.dsr_common import contact, say
from actions.names import (
    ACTION_ASK_REQUEST_SCOPE,
    SLOT_BIRTH_YEAR,
    SLOT_CASE_REFERENCE,
    SLOT_EMAIL,
    SLOT_GAVE_UP,
    SLOT_REQUEST_KIND,
)
from bot.cases.errors import InvalidEmail
from bot.cases.keys import normalise_email
from bot.clock import utc_now
from bot.consent.age_answer import birth_year_from_answer
from bot.consent.ages import ImplausibleBirth, youngest_age
from bot.dsr.flow import RequestCompletion
from bot.guardians.acting import (
    FOR_CHILD,
    FOR_CHILD_PAYLOAD,
    GUARDIAN_KINDS,
    Refusal,
    age_limit,
    is_young_person,
    mentions_own_child,
    read_stash,
    stash,
)
from bot.guardians.registry import normalise_reference
from bot.wiring import services


def for_child_button(tracker: Tracker) -> dict[str, str]:
    # A known intent with a known entity: the form reads the press as an answer, and `switch_to_child` sees it.
    return {"title": say("button_for_child", tracker),
            "payload": f'/inform{{"{SLOT_CASE_REFERENCE}": "{FOR_CHILD}"}}'}


def may_act_for_child(kind: str) -> bool:
    return kind in GUARDIAN_KINDS


def acting_for_child(tracker: Tracker) -> bool:
    return read_stash(tracker.get_slot(SLOT_CASE_REFERENCE)) is not None and may_act_for_child(
        str(tracker.get_slot(SLOT_REQUEST_KIND) or ""))


def starts_for_child(kind: str, tracker: Tracker) -> bool:
    """"Innsyn for datteren min", or a "for my child" start button: the request is a guardian's from its start."""
    message = tracker.latest_message or {}
    pressed = any(entity.get("entity") == SLOT_CASE_REFERENCE and entity.get("value") == FOR_CHILD
                  for entity in message.get("entities") or [])
    return may_act_for_child(kind) and (pressed or mentions_own_child(str(message.get("text") or "")))


def start_for_child(tracker: Tracker, dispatcher: CollectingDispatcher) -> list[EventType]:
    dispatcher.utter_message(text=say("guardian_acting_intro", tracker, controller=services().settings.controller_name))
    return [SlotSet(SLOT_CASE_REFERENCE, stash())]


def required_slots(slots: list[str], tracker: Tracker) -> list[str]:
    """A guardian's request asks the child's age (and reference) first, in the birth-year step."""
    if not acting_for_child(tracker) or SLOT_BIRTH_YEAR in slots:
        return slots
    return [SLOT_BIRTH_YEAR, *slots]


def pressed_for_child(tracker: Tracker) -> bool:
    """The "for my child" button (or typed "for my daughter" while the form asks something else)."""
    message = tracker.latest_message or {}
    if any(entity.get("entity") == SLOT_CASE_REFERENCE and entity.get("value") == FOR_CHILD
           for entity in message.get("entities") or []):
        return True
    text = str(message.get("text") or "").strip()
    if text.startswith("/inform") and FOR_CHILD in text:
        return True
    return text == FOR_CHILD_PAYLOAD or (tracker.get_slot("requested_slot") != SLOT_EMAIL
                                         and mentions_own_child(text))


def switch_to_child(tracker: Tracker, dispatcher: CollectingDispatcher) -> list[EventType] | None:
    """Events that turn the running request into a guardian's (and undo the slot the press filled), or None."""
    if acting_for_child(tracker) or not may_act_for_child(str(tracker.get_slot(SLOT_REQUEST_KIND) or "")):
        return None
    if not pressed_for_child(tracker):
        return None
    events = start_for_child(tracker, dispatcher)
    requested = tracker.get_slot("requested_slot")
    if requested and requested != SLOT_CASE_REFERENCE:
        events.append(SlotSet(str(requested), None))
    return events


def validate_child(value: Any, tracker: Tracker, dispatcher: CollectingDispatcher) -> dict[str, Any] | str:
    """The birth-year step of a guardian's request: first the child's age, then the reference.

    Returns the slots to set, or the key of the message to repeat the question with."""
    found = read_stash(tracker.get_slot(SLOT_CASE_REFERENCE))
    assert found is not None
    settings = services().settings
    if found.birth_year is None:
        today = utc_now().date()
        try:
            year = birth_year_from_answer(str(value or ""), today)
        except ImplausibleBirth:
            return "consent_birth_year_invalid"
        limit = age_limit(str(tracker.get_slot(SLOT_REQUEST_KIND)), settings.guardian_acts_below,
                          settings.age_bands.joint_below)
        if youngest_age(year, today) >= limit:
            # Checked again on the server after the code; said here so nobody verifies an address for nothing.
            dispatcher.utter_message(text=say("guardian_child_too_old", tracker, age=limit, contact=contact()))
            return {SLOT_BIRTH_YEAR: None, SLOT_CASE_REFERENCE: None, SLOT_GAVE_UP: True}
        return {SLOT_BIRTH_YEAR: None, SLOT_CASE_REFERENCE: stash(year)}
    if found.reference is not None and is_young_person(found.birth_year, utc_now().date()):
        return young_email_answer(value, found.birth_year, found.reference)
    reference = normalise_reference(str(value or ""))
    if reference is None:
        return "guardian_child_reference_invalid"
    if is_young_person(found.birth_year, utc_now().date()):
        # 16-17: the same step asks next for the young person's address (optional), so Vern can tell them.
        return {SLOT_BIRTH_YEAR: None, SLOT_CASE_REFERENCE: stash(found.birth_year, reference)}
    return {SLOT_BIRTH_YEAR: str(found.birth_year), SLOT_CASE_REFERENCE: stash(found.birth_year, reference)}


def young_email_answer(value: Any, year: int, reference: str) -> dict[str, Any] | str:
    """The third answer of a 16-17's step: their address, or "skip". Whether it is the guardian's own is checked
    on the server after the code (the guardian's address is not known yet)."""
    from actions.dsr import ADDRESS, SKIP_GUARDIAN_ADDRESS

    text = str(value or "").strip()
    if text.casefold().strip(" .!") in SKIP_GUARDIAN_ADDRESS:
        return {SLOT_BIRTH_YEAR: str(year), SLOT_CASE_REFERENCE: stash(year, reference)}
    found = ADDRESS.search(text)
    try:
        address = normalise_email(found.group(0) if found else text)
    except InvalidEmail:
        return "guardian_young_email_invalid"
    return {SLOT_BIRTH_YEAR: str(year), SLOT_CASE_REFERENCE: stash(year, reference, address)}


def ask_child(tracker: Tracker, dispatcher: CollectingDispatcher) -> bool:
    """The birth-year step's question for a guardian's request; False when it is not one."""
    found = read_stash(tracker.get_slot(SLOT_CASE_REFERENCE))
    if found is None or not acting_for_child(tracker):
        return False
    if found.birth_year is None:
        dispatcher.utter_message(text=say("guardian_ask_child_age", tracker))
    elif found.reference is not None and is_young_person(found.birth_year, utc_now().date()):
        buttons = [{"title": say("button_skip", tracker), "payload": "hopp over"}]
        dispatcher.utter_message(text=say("guardian_ask_young_email", tracker), buttons=buttons)
    else:
        dispatcher.utter_message(text=say("guardian_ask_child_reference", tracker,
                                          controller=services().settings.controller_name))
    return True


class ActionAskRequestScope(Action):
    """The scope question, about the child when a guardian asks for one ("alt vi har om barnet")."""

    def name(self) -> str:
        return ACTION_ASK_REQUEST_SCOPE

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        if acting_for_child(tracker):
            button = {"title": say("button_everything", tracker), "payload": '/inform{"request_scope": "everything"}'}
            dispatcher.utter_message(text=say("guardian_ask_request_scope", tracker), buttons=[button])
        else:
            dispatcher.utter_message(response="utter_ask_request_scope")
        return []


def tell_refusal(completion: RequestCompletion, tracker: Tracker, dispatcher: CollectingDispatcher) -> None:
    settings = services().settings
    refusal = completion.refusal or Refusal.NO_CHILD.value
    if refusal == Refusal.TOO_OLD.value:
        limit = age_limit(str(tracker.get_slot(SLOT_REQUEST_KIND)), settings.guardian_acts_below,
                          settings.age_bands.joint_below)
        text = say("guardian_child_too_old", tracker, age=limit, contact=contact())
    elif refusal == Refusal.UNAVAILABLE.value:
        text = say("guardian_register_unavailable", tracker, contact=contact())
    else:
        text = say(f"guardian_refused_{refusal}", tracker, controller=settings.controller_name, contact=contact())
    dispatcher.utter_message(text=text)


def tell_acting(completion: RequestCompletion, tracker: Tracker, dispatcher: CollectingDispatcher) -> None:
    """After the case line: whose case it is, for which child, and what happens next."""
    acting = completion.acting
    if acting is None or completion.case is None:
        return
    controller = services().settings.controller_name
    lines = [say("guardian_case_for_child", tracker, child=acting.child_reference)]
    if acting.verified != "register":
        lines.append(say("guardian_case_check_by_hand", tracker, controller=controller))
    if acting.young_person:
        told = completion.young_person_told
        key = {"mailed": "guardian_case_young_person_mailed",
               "own_address": "guardian_case_young_person_own_address"}.get(told or "", "guardian_case_young_person")
        lines.append(say(key, tracker))
    dispatcher.utter_message(text=" ".join(lines))
