"""The chat side of a guardian acting for a child: "for my child" noticed, the child's age and number asked,
and what reaches the server; without new intents or slots, so the model needs no retraining."""

from __future__ import annotations

import asyncio
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.consent import ActionAskBirthYear
from actions.dsr import ActionStartRequest, ValidateDsrForm
from actions.dsr_common import details_from
from actions.guardian_acting import for_child_button
from bot.clock import utc_now
from bot.config import get_settings
from bot.i18n import translate


def tracker(text: str, slots: dict[str, Any] | None = None, intent: str = "inform",
            entities: list[dict[str, Any]] | None = None) -> Tracker:
    latest = {"text": text, "intent": {"name": intent, "confidence": 0.99}, "entities": entities or [],
              "intent_ranking": [{"name": intent, "confidence": 0.99}]}
    values = {"language": "nb", **(slots or {})}
    return Tracker("chat", values, latest, [{"event": "user", "text": text}], False, None,
                   {"name": "dsr_form"} if slots else {}, "action_listen")


def texts(dispatcher: CollectingDispatcher) -> list[str]:
    return [message.get("text") or "" for message in dispatcher.messages]


def intro() -> str:
    return translate("guardian_acting_intro", "nb", controller=get_settings().controller_name)


def test_for_my_daughter_makes_the_access_request_a_guardians() -> None:
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ActionStartRequest().run(
        dispatcher, tracker("Jeg vil ha innsyn i det dere har om datteren min", intent="request_access"), {}))
    assert SlotSet("case_reference", "forchild:") in events
    assert texts(dispatcher) == [translate("request_intro_access", "nb"), intro()]
    assert dispatcher.messages[0]["buttons"] == [], "no «for my child» button when the message said so"


def test_the_parents_answer_buttons_start_a_guardians_request() -> None:
    dispatcher = CollectingDispatcher()
    pressed = tracker('/request_erasure{"case_reference": "forchild:"}', intent="request_erasure",
                      entities=[{"entity": "case_reference", "value": "forchild:"}])
    events = asyncio.run(ActionStartRequest().run(dispatcher, pressed, {}))
    assert SlotSet("case_reference", "forchild:") in events
    assert texts(dispatcher) == [translate("request_intro_erasure", "nb"), intro()]


def test_a_request_without_child_words_offers_the_button() -> None:
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ActionStartRequest().run(dispatcher, tracker("slett meg", intent="request_erasure"), {}))
    assert SlotSet("case_reference", "forchild:") not in events
    assert dispatcher.messages[0]["buttons"] == [for_child_button(tracker("x"))]
    # Rectification is not among what a guardian asks for in the chat: no button.
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionStartRequest().run(dispatcher, tracker("rett navnet", intent="request_rectification"), {}))
    assert dispatcher.messages[0]["buttons"] == []


def test_the_button_mid_form_switches_to_the_child_and_undoes_the_answer_it_filled() -> None:
    payload = for_child_button(tracker("x"))["payload"]
    pressed = tracker(payload, {"request_kind": "access", "requested_slot": "request_scope",
                                "request_scope": payload},
                      entities=[{"entity": "case_reference", "value": "forchild:"}])
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ValidateDsrForm().run(dispatcher, pressed, {"forms": {}}))
    assert SlotSet("case_reference", "forchild:") in events and SlotSet("request_scope", None) in events
    assert SlotSet("requested_slot", "birth_year") in events, "the child's age is asked next"
    assert texts(dispatcher) == [intro()]


def test_the_childs_age_then_number_are_asked_and_reach_the_server_as_the_childs() -> None:
    form = ValidateDsrForm()
    slots = {"request_kind": "access", "case_reference": "forchild:", "request_scope": "everything"}
    required = asyncio.run(form.required_slots([], CollectingDispatcher(), tracker("", slots), {}))
    assert required == ["birth_year", "request_scope", "email"]

    asker = CollectingDispatcher()
    asyncio.run(ActionAskBirthYear().run(asker, tracker("", slots), {}))
    assert texts(asker) == [translate("guardian_ask_child_age", "nb")]

    first = asyncio.run(form.validate_birth_year("10", CollectingDispatcher(), tracker("10", slots), {}))
    year = utc_now().date().year - 11
    assert first == {"birth_year": None, "case_reference": f"forchild:{year}:"}
    slots.update(first)
    asker = CollectingDispatcher()
    asyncio.run(ActionAskBirthYear().run(asker, tracker("", slots), {}))
    assert texts(asker) == [translate("guardian_ask_child_reference", "nb",
                                      controller=get_settings().controller_name)]

    second = asyncio.run(form.validate_birth_year("elev-4711", CollectingDispatcher(), tracker("elev-4711", slots), {}))
    assert second == {"birth_year": str(year), "case_reference": f"forchild:{year}:ELEV-4711"}
    slots.update(second)
    assert details_from(tracker("", slots)) == {
        "scope": "everything", "acting_for": "child", "child_reference": "ELEV-4711", "child_birth_year": str(year)}


def test_a_child_of_16_is_told_to_ask_themselves_before_any_code() -> None:
    slots = {"request_kind": "erasure", "case_reference": "forchild:"}
    dispatcher = CollectingDispatcher()
    result = asyncio.run(ValidateDsrForm().validate_birth_year("16", dispatcher, tracker("16", slots), {}))
    assert result["dsr_gave_up"] is True and result["case_reference"] is None
    assert texts(dispatcher) == [translate("guardian_child_too_old", "nb", age=get_settings().guardian_acts_below,
                                           contact=get_settings().controller_contact)]


def test_a_bad_number_is_asked_again() -> None:
    slots = {"request_kind": "consents", "case_reference": "forchild:2016:"}
    dispatcher = CollectingDispatcher()
    result = asyncio.run(ValidateDsrForm().validate_birth_year("??", dispatcher, tracker("??", slots), {}))
    assert result["birth_year"] is None
    assert texts(dispatcher) == [translate("guardian_child_reference_invalid", "nb",
                                           controller=get_settings().controller_name)]


def test_an_age_heard_as_the_minors_question_is_still_the_childs_age() -> None:
    # "han er 10" parses as the question about minors' consent; asked for the child's age, it is the answer.
    asked = tracker("han er 10", {"request_kind": "access", "case_reference": "forchild:",
                                  "requested_slot": "birth_year"}, intent="faq")
    extracted = asyncio.run(ValidateDsrForm().extract_birth_year(CollectingDispatcher(), asked, {}))
    assert extracted == {"birth_year": "han er 10"}
    question = tracker("er det gratis?", {"request_kind": "access", "case_reference": "forchild:",
                                          "requested_slot": "birth_year"}, intent="faq")
    assert asyncio.run(ValidateDsrForm().extract_birth_year(CollectingDispatcher(), question, {})) == {}


def test_the_scope_question_is_about_the_child_when_a_guardian_asks() -> None:
    from actions.guardian_acting import ActionAskRequestScope

    dispatcher = CollectingDispatcher()
    asked = tracker("ABC-12345", {"request_kind": "access", "case_reference": "forchild:2016:ABC-12345",
                                  "requested_slot": "request_scope"})
    asyncio.run(ActionAskRequestScope().run(dispatcher, asked, {}))
    assert texts(dispatcher) == [translate("guardian_ask_request_scope", "nb")]
    own = CollectingDispatcher()
    asyncio.run(ActionAskRequestScope().run(own, tracker("x", {"request_kind": "access",
                                                              "requested_slot": "request_scope"}), {}))
    assert own.messages[0]["response"] == "utter_ask_request_scope"


def test_at_17_the_guardian_is_asked_for_the_young_persons_address_or_skip(monkeypatch: Any) -> None:
    import dataclasses

    import bot.config

    monkeypatch.setattr(bot.config, "_cached", dataclasses.replace(get_settings(), guardian_acts_below=18))
    form = ValidateDsrForm()
    year = utc_now().date().year - 18  # 17 at the youngest
    slots: dict[str, Any] = {"request_kind": "access", "case_reference": f"forchild:{year}:",
                             "request_scope": "everything"}
    reference = asyncio.run(form.validate_birth_year("elev-4711", CollectingDispatcher(), tracker("elev-4711", slots),
                                                     {}))
    assert reference == {"birth_year": None, "case_reference": f"forchild:{year}:ELEV-4711"}, "the step goes on"
    slots.update(reference)
    asker = CollectingDispatcher()
    asyncio.run(ActionAskBirthYear().run(asker, tracker("", slots), {}))
    assert texts(asker) == [translate("guardian_ask_young_email", "nb")]
    assert asker.messages[0]["buttons"] == [{"title": translate("button_skip", "nb"), "payload": "hopp over"}]

    wrong = CollectingDispatcher()
    again = asyncio.run(form.validate_birth_year("ola", wrong, tracker("ola", slots), {}))
    assert again["birth_year"] is None and texts(wrong) == [translate("guardian_young_email_invalid", "nb")]

    skipped = asyncio.run(form.validate_birth_year("hopp over", CollectingDispatcher(), tracker("hopp over", slots),
                                                   {}))
    assert skipped == {"birth_year": str(year), "case_reference": f"forchild:{year}:ELEV-4711"}

    given = asyncio.run(form.validate_birth_year("Ola@Example.org", CollectingDispatcher(),
                                                 tracker("Ola@Example.org", slots), {}))
    assert given == {"birth_year": str(year), "case_reference": f"forchild:{year}:ELEV-4711:ola@example.org"}
    slots.update(given)
    assert details_from(tracker("", slots)) == {
        "scope": "everything", "acting_for": "child", "child_reference": "ELEV-4711", "child_birth_year": str(year),
        "young_person_email": "ola@example.org"}
