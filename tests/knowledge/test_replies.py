"""Answers chosen from a parsed message: the age asked about, the training basis, a yes/no that may be a request."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from bot.config import AgeBands, load_settings
from bot.i18n import translate
from bot.knowledge import load_knowledge
from bot.knowledge.minors import age_in
from bot.knowledge.replies import (
    FAQ_BUTTON_TOPICS,
    Reply,
    clarify_reply,
    faq_reply,
    lone_answer_reply,
    yes_no_reply,
)

TODAY = date(2026, 12, 6)


@pytest.fixture
def settings(tmp_path: Path):
    return load_settings({"VERN_ENV": "test", "VERN_VAR_DIR": str(tmp_path)})


def faq(topic: str, text: str) -> dict:
    return {
        "text": text,
        "intent": {"name": "faq", "confidence": 0.97},
        "response_selector": {"faq": {"response": {"intent_response_key": f"faq/{topic}"}}},
    }


@pytest.mark.parametrize(
    ("text", "age"),
    [("sønnen min er 12", 12), ("she is 14", 14), ("min datter på 16", 16), ("my daughter is 12, can she agree", 12),
     ("dottera mi er fjorten", 14), ("han er født i 2012", 13), ("hvilke regler gjelder for barn?", None),
     ("møtet er kl 12:30", None), ("saken VRN-8828-90", None)],
)
def test_the_age_asked_about_is_found(text: str, age: int | None) -> None:
    assert age_in(text, TODAY) == age


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("sønnen min er 12", "nb", "Ved 12 år er det foreldrene eller verge som samtykker"),
        ("datteren min er 14, må jeg samtykke for henne?", "nb", "Ved 14 år må både barnet og en forelder"),
        ("min datter på 16", "da", "Ved 16 år giver den unge selv samtykke"),
        ("she is 14", "en", "At 14, both the child and a parent must consent"),
        ("my son is 19", "en", "At 19, a person consents on their own"),
        ("dottera mi er 13", "nn", "Ved 13 år må både barnet og ein forelder samtykkje"),
    ],
)
def test_the_band_for_the_age_is_answered_with_a_consent_button(settings, text, language, expected) -> None:
    reply = faq_reply(faq("minors_consent", text), language, load_knowledge(settings), settings, TODAY)
    assert reply.text is not None and reply.text.startswith(expected)
    assert reply.buttons[0]["payload"] == "/give_consent"


@pytest.mark.parametrize(("text", "language"), [("sønnen min er 12", "nb"), ("regler for samtykke under 18", "nn"),
                                               ("min datter er 16", "da"), ("she is 14", "en")])
def test_the_rules_end_with_the_consent_button_outside_a_form_and_without_it_inside(settings, text, language):
    knowledge = load_knowledge(settings)
    outside = faq_reply(faq("minors_consent", text), language, knowledge, settings, TODAY)
    inside = faq_reply(faq("minors_consent", text), language, knowledge, settings, TODAY, in_form=True)
    button = {"nb": "Gi samtykke", "nn": "Gi samtykke", "da": "Giv samtykke", "en": "Give consent"}[language]
    assert outside.text is not None and button in outside.text.split(". ")[-1], outside.text  # the last sentence
    assert [b["payload"] for b in outside.buttons] == ["/give_consent"]
    # In a form, the form's own question comes next: no second way in, the same rule.
    assert inside.text is not None and button not in inside.text and not inside.buttons
    assert outside.text.startswith(inside.text)


def test_other_answers_in_a_form_carry_no_buttons(settings) -> None:
    knowledge = load_knowledge(settings)
    reply = faq_reply(faq("parent_rights", "hva kan jeg gjøre for barnet mitt"), "nb", knowledge, settings, TODAY,
                      in_form=True)
    assert reply.text is not None and not reply.buttons


@pytest.mark.parametrize(("topic", "language", "how_to_start"),
                         [("cost", "nb", "«jeg vil ha innsyn»"), ("personal_data", "nn", "«eg vil ha innsyn»"),
                          ("cost", "da", "»jeg vil have indsigt«"), ("answer_time", "en", "status with the reference")])
def test_how_to_start_is_said_outside_a_form_and_not_inside(settings, topic, language, how_to_start) -> None:
    knowledge = load_knowledge(settings)
    outside = faq_reply(faq(topic, "?"), language, knowledge, settings, TODAY)
    inside = faq_reply(faq(topic, "?"), language, knowledge, settings, TODAY, in_form=True)
    assert outside.text is not None and outside.text.split(". ")[-1].find(how_to_start) >= 0, outside.text
    assert inside.text == knowledge.answer(topic, language) and how_to_start not in inside.text


def test_the_bands_come_from_the_settings_not_the_code(settings) -> None:
    # A deployment with Danish-style thresholds: 15 is already past the joint band.
    danish = replace(settings, age_bands=AgeBands(guardian_only_below=13, joint_below=15, adult_from=18))
    reply = faq_reply(faq("minors_consent", "min søn er 15"), "da", load_knowledge(danish), danish, TODAY)
    assert reply.text is not None and reply.text.startswith("Ved 15 år giver den unge selv samtykke")


def test_without_an_age_the_general_rule_is_told(settings) -> None:
    reply = faq_reply(faq("minors_consent", "regler for samtykke under 18"), "nb", load_knowledge(settings),
                      settings, TODAY)
    assert reply.text is not None and "Under 13 år samtykker foreldrene alene" in reply.text


def test_the_training_answer_follows_the_training_basis(settings) -> None:
    by_consent = replace(settings, training_basis="consent")
    reply = faq_reply(faq("chat_training", "is the chat used to train the bot?"), "en", load_knowledge(by_consent),
                      by_consent, TODAY)
    assert reply.text is not None and reply.text.startswith("Only if you consented")


def test_a_topic_without_a_knowledge_answer_uses_its_domain_response(settings) -> None:
    reply = faq_reply(faq("opening_hours", "when are you open"), "nb", load_knowledge(settings), settings, TODAY)
    assert reply.text is None and reply.response == "utter_faq/opening_hours"


def test_a_plain_yes_gets_anything_else() -> None:
    message = {"text": "ja", "intent_ranking": [{"name": "affirm", "confidence": 0.99}]}
    assert yes_no_reply(message, "nb").response == "utter_anything_else"


def test_an_uncertain_yes_that_may_be_a_request_is_asked_about() -> None:
    message = {
        "text": "ja takk, kan dere kvitte dere med tingene mine",
        "intent_ranking": [
            {"name": "affirm", "confidence": 0.55},
            {"name": "request_erasure", "confidence": 0.31},
            {"name": "deny", "confidence": 0.08},
        ],
    }
    reply = yes_no_reply(message, "nb")
    assert reply.text is not None and "forespørsel" in reply.text
    assert [b["payload"] for b in reply.buttons] == ["/request_erasure", "/deny"]


def _unsure(text: str, *ranking: tuple[str, float]) -> dict:
    return {
        "text": text,
        "intent": {"name": "nlu_fallback", "confidence": 0.45},
        "intent_ranking": [{"name": "nlu_fallback", "confidence": 0.45}]
        + [{"name": name, "confidence": confidence} for name, confidence in ranking],
    }


def test_an_unclear_message_that_may_be_a_request_is_asked_about_with_buttons() -> None:
    message = _unsure("det der med innsyn", ("explain_access", 0.41), ("request_access", 0.38), ("greet", 0.05))
    reply = clarify_reply(message, "nb")
    assert reply is not None and reply.text is not None and "forespørsel" in reply.text
    assert [b["payload"] for b in reply.buttons] == ["/explain_access", "/request_access", "/deny"]
    assert reply.buttons[1]["title"] == "Be om innsyn"


def test_an_unclear_message_between_a_request_and_a_question_offers_both() -> None:
    message = _unsure("slette chatten eller data?", ("faq", 0.4), ("request_erasure", 0.35))
    reply = clarify_reply(message, "en")
    assert reply is not None
    assert [b["title"] for b in reply.buttons] == ["Ask for erasure", "Something else"]
    assert reply.text == "I am not quite sure what you mean. Did you mean one of these?"  # no right to explain


def test_an_unsure_question_read_as_a_request_is_asked_about_not_started() -> None:
    # The guard (bot/nlu/intent_guards.py) made it not understood and kept the ranking: the withdrawal is offered
    # as a button instead of asking for an e-mail address at once.
    message = _unsure("how quickly will you get back to me", ("manage_consents", 0.6), ("faq", 0.3),
                      ("explain_consent", 0.05))
    reply = clarify_reply(message, "en")
    assert reply is not None
    assert [b["payload"] for b in reply.buttons] == ["/manage_consents", "/deny"]


def test_an_unclear_message_with_no_request_in_sight_is_not_asked_about() -> None:
    assert clarify_reply(_unsure("blåbær", ("greet", 0.4), ("thank", 0.3)), "nb") is None


def test_a_parents_question_is_one_press_from_a_request_for_the_child(settings) -> None:
    acting = replace(settings, guardian_acts_below=15)
    reply = faq_reply(faq("parent_rights", "hvilke rettigheter har jeg for barnet mitt"), "nb",
                      load_knowledge(acting), acting, TODAY)
    assert reply.text is not None and "under 15 år" in reply.text  # the age comes from the settings
    payloads = [button["payload"] for button in reply.buttons]
    assert '/request_access{"case_reference": "forchild:"}' in payloads
    assert '/request_erasure{"case_reference": "forchild:"}' in payloads


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("jeg er tolv", "nb", "Ved 12 år er det foreldrene eller verge som samtykker"),
        ("eg er femten år", "nn", "Ved 15 år må både barnet og ein forelder samtykkje"),
        ("jeg er 16", "da", "Ved 16 år giver den unge selv samtykke"),
        ("I'm nine", "en", "At 9,"),
    ],
)
def test_an_age_typed_with_nothing_asked_gets_the_rule_for_that_age(settings, text, language, expected) -> None:
    reply = lone_answer_reply(text, language, load_knowledge(settings), settings, TODAY)
    assert reply.text is not None and reply.text.startswith(expected), reply.text
    assert [b["payload"] for b in reply.buttons] == ["/give_consent"]


@pytest.mark.parametrize("text", ["koden er 482913", "ola@example.org", "to", "jeg er 3", "hvor gammel må man være"])
def test_any_other_answer_with_nothing_asked_is_not_understood(settings, text: str) -> None:
    reply = lone_answer_reply(text, "nb", load_knowledge(settings), settings, TODAY)
    assert reply == Reply(response="utter_default")


def test_a_greeting_before_the_age_changes_nothing(settings) -> None:
    reply = lone_answer_reply("hej, jeg er 16", "da", load_knowledge(settings), settings, TODAY)
    assert reply.text is not None and reply.text.startswith("Ved 16 år giver den unge selv samtykke")


def test_an_unsure_question_offers_the_faq_answer_it_may_have_been(settings) -> None:
    message = _unsure("hvor lang tid har I til at behandle min anmodning", ("ask_status", 0.3), ("faq", 0.25))
    message["response_selector"] = {"faq": {"response": {"intent_response_key": "faq/answer_time"}}}
    reply = clarify_reply(message, "da")
    assert reply is not None
    assert [b["title"] for b in reply.buttons] == ["Status på min sag", "Hvor lang tid går der, før jeg får svar?",
                                                   "Noget andet"]
    # The button names the topic; pressed, it is answered whatever the selector makes of the payload's text.
    pressed = {"text": reply.buttons[1]["payload"], "intent": {"name": "faq", "confidence": 1.0},
               "entities": [{"entity": "faq_topic", "value": "answer_time"}],
               "response_selector": {"faq": {"response": {"intent_response_key": "faq/cost"}}}}
    answer = faq_reply(pressed, "da", load_knowledge(settings), settings, TODAY)
    assert answer.text is not None and "en måned" in answer.text


@pytest.mark.parametrize("language", ["nb", "nn", "da", "en"])
def test_every_topic_offered_as_a_button_has_a_title_and_an_answer(settings, language: str) -> None:
    knowledge = load_knowledge(settings)
    titles = {translate(f"button_faq_{topic}", language) for topic in FAQ_BUTTON_TOPICS}
    assert len(titles) == len(FAQ_BUTTON_TOPICS) and not any(title.startswith("button_") for title in titles)
    assert all(knowledge.has_answer(topic) for topic in FAQ_BUTTON_TOPICS)


def test_a_typed_topic_payload_names_only_a_topic_vern_offers(settings) -> None:
    typed = {"text": '/faq{"faq_topic": "../../secret"}', "intent": {"name": "faq", "confidence": 1.0},
             "entities": [{"entity": "faq_topic", "value": "../../secret"}],
             "response_selector": {"faq": {"response": {"intent_response_key": "faq/cost"}}}}
    reply = faq_reply(typed, "en", load_knowledge(settings), settings, TODAY)
    assert reply.text is not None and "free" in reply.text  # the selector's topic, not the typed one
