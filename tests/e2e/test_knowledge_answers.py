"""Issue 16 end to end through the REST channel: the questions citizens ask first, answered from
the controller's knowledge base, and requests that carry personal data or a case reference."""

from __future__ import annotations

import uuid

from bot.config import load_settings
from bot.i18n import translate
from bot.knowledge import load_knowledge
from tests.support.domain import expected
from tests.support.stack import VernStack


def new_chat() -> str:
    return f"test-{uuid.uuid4().hex}"


def knowledge():
    return load_knowledge(load_settings())


def test_a_complaint_question_names_the_authority_of_the_controllers_country(stack: VernStack) -> None:
    (answer,) = stack.say(new_chat(), "kan jeg klage til Datatilsynet?")
    assert answer["text"] == knowledge().answer("complaint", "nb")
    assert "https://www.datatilsynet.no/" in answer["text"]


def test_how_long_the_chat_is_kept_comes_from_the_retention_policy(stack: VernStack) -> None:
    (answer,) = stack.say(new_chat(), "How long do you keep this chat?")
    assert answer["text"] == knowledge().answer("chat_data", "en")
    assert "15 minutes" in answer["text"] and "365 days" in answer["text"]
    assert [b["payload"] for b in answer["buttons"]] == ["/forget_chat"]


def test_the_age_asked_about_gets_its_band_and_a_consent_button(stack: VernStack) -> None:
    (answer,) = stack.say(new_chat(), "datteren min er 14, må jeg samtykke for henne?")
    rule = knowledge().age_answer("child_and_guardian", 14, "nb")
    assert answer["text"] == f"{rule} {translate('next_step_parent_confirms', 'nb')}"
    assert [b["payload"] for b in answer["buttons"]] == ["/give_consent"]


def test_an_age_typed_with_nothing_asked_gets_the_rule_for_that_age(stack: VernStack) -> None:
    # A child's first words, often: "jeg er tolv". Once the plain "I did not understand".
    (answer,) = stack.say(new_chat(), "jeg er tolv")
    rule = knowledge().age_answer("guardian_only", 12, "nb")
    assert answer["text"] == f"{rule} {translate('next_step_guardian_gets_link', 'nb')}"
    assert [b["payload"] for b in answer["buttons"]] == ["/give_consent"]


def test_an_erasure_request_with_a_cpr_number_stays_an_erasure_request(stack: VernStack) -> None:
    texts = stack.texts(new_chat(), "hej, jeg vil gerne have slettet mine oplysninger, mit cpr er 010190-1234")
    assert translate("request_intro_erasure", "da") in texts
    assert "CPR" in texts  # the once-per-chat warning: the number was removed before it was stored


def test_a_case_reference_is_looked_up_and_not_warned_about(stack: VernStack) -> None:
    texts = stack.texts(new_chat(), "what is the status of my case VRN-8828-90?")
    assert translate("request_intro_status", "en") in texts
    assert expected("utter_ask_email", "en") in texts  # the reference was taken: no "which case?"
    assert "phone" not in texts.casefold() and "personal data" not in texts.casefold()


def test_a_typed_yes_to_the_delete_question_deletes_the_chat(stack: VernStack) -> None:
    chat = new_chat()
    stack.say(chat, "slett denne samtalen")
    assert stack.texts(chat, "ja") == translate("chat_forgotten", "nb")


def test_a_question_inside_a_request_form_is_answered_not_stored(stack: VernStack) -> None:
    chat = new_chat()
    stack.say(chat, "I want a copy of everything you hold about me")
    texts = stack.texts(chat, "is it free?")
    assert knowledge().answer("cost", "en") in texts
    # The form's question is the next step: no "to get started, type …" in the middle of a request.
    assert translate("next_step_cost", "en") not in texts
    assert expected("utter_ask_request_scope", "en") in texts  # asked again, not stored as the scope


def test_a_question_about_a_right_is_explained_and_the_request_offered(stack: VernStack) -> None:
    (answer,) = stack.say(new_chat(), "hei, jeg har et spørsmål om innsyn")
    assert answer["text"] == expected("utter_explain_access", "nb")
    assert [b["payload"] for b in answer["buttons"]] == ["/request_access", "/deny"]
    (answer,) = stack.say(new_chat(), "I have a question about erasure")
    assert answer["text"] == expected("utter_explain_erasure", "en")
    assert answer["buttons"][0]["payload"] == "/request_erasure"


def test_a_plain_request_still_starts_the_request(stack: VernStack) -> None:
    assert translate("request_intro_access", "nb") in stack.texts(new_chat(), "jeg vil ha innsyn")


def test_a_greeting_in_front_of_a_question_gets_the_answer(stack: VernStack) -> None:
    (answer,) = stack.say(new_chat(), "hei! er du et menneske eller en robot?")
    assert answer["text"] == knowledge().answer("human", "nb")
    (answer,) = stack.say(new_chat(), "Good morning, is this free?")
    assert answer["text"] == f"{knowledge().answer('cost', 'en')} {translate('next_step_cost', 'en')}"


def test_the_faq_button_of_vern_s_did_you_mean_question_answers_its_topic(stack: VernStack) -> None:
    # What the button in clarify_reply sends: Rasa must keep the entity (the domain declares it) and the action
    # must answer the topic it names, whatever the selector makes of the payload's text.
    chat = new_chat()
    stack.say(chat, "hei")
    answers = stack.say(chat, '/faq{"faq_topic": "answer_time"}')
    assert answers[0]["text"].startswith(knowledge().answer("answer_time", "nb"))
