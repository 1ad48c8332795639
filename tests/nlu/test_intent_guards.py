"""Where the words settle what a message is, the classifier's guess gives way (bot/nlu/intent_guards.py)."""

from __future__ import annotations

from typing import Any

import pytest
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlu import components
from bot.nlu.intent_guards import corrected_intent

SWITCH_FIRST = [{"name": "switch_language", "confidence": 0.6}, {"name": "inform", "confidence": 0.09}]


@pytest.mark.parametrize("text", ["spring over", "hopp over dette", "ok", "skip it"])
def test_a_language_switch_without_a_language_is_the_next_guess(text: str) -> None:
    assert corrected_intent(text, "switch_language", SWITCH_FIRST, set()) == "inform"


@pytest.mark.parametrize("text", ["skriv på dansk", "kan du snakke engelsk?", "bytt språk", "skift sprog",
                                  "change the language", "Nynorsk, takk", "can we speak English?",
                                  "jeg skjønner ikke dansk, skriv norsk"])
def test_a_language_switch_that_names_one_stands(text: str) -> None:
    assert corrected_intent(text, "switch_language", SWITCH_FIRST, set()) is None


def test_with_nothing_else_ranked_it_is_not_understood() -> None:
    assert corrected_intent("spring over", "switch_language", SWITCH_FIRST[:1], set()) == "nlu_fallback"


def test_a_purpose_id_is_an_answer_whatever_the_classifier_thought() -> None:
    purposes = {"health-adaptations", "newsletter"}
    assert corrected_intent("health-adaptations", "faq", [], purposes) == "inform"
    assert corrected_intent(" newsletter ", "switch_language", [], purposes) == "inform"
    assert corrected_intent("newsletter", "give_consent", [], purposes) is None  # a first message starts a consent
    assert corrected_intent("newsletter", "inform", [], purposes) is None
    assert corrected_intent("I want the newsletter", "give_consent", [], purposes) is None


@pytest.mark.parametrize("text", ["nummeret mitt er 913 57 246", "nummeret mitt er (+47) 913 57 246",
                                  "my number is +44 7700 900461", "mit cpr er 010190-1234"])
def test_a_long_number_without_an_age_is_no_question_about_ages(text: str) -> None:
    assert corrected_intent(text, "faq", [], set(), "faq/minors_consent") == "inform"


@pytest.mark.parametrize("text", ["dattera mi er 14, må eg samtykke?", "min søn er 12 og har nummer 913 57 246",
                                  "what are the rules for children under 13?", "sønnen min på 16"])
def test_an_age_keeps_the_question_about_ages(text: str) -> None:
    assert corrected_intent(text, "faq", [], set(), "faq/minors_consent") is None


@pytest.mark.parametrize(("text", "misread"), [
    ("jeg er elleve", "greet"), ("eg er fjorten år", "goodbye"), ("I'm 13", "nlu_fallback"), ("born in 2012", "deny"),
    ("sytten", "cancel"),
])
def test_a_message_that_is_only_an_age_is_an_answer_whatever_the_classifier_thought(text: str, misread: str) -> None:
    assert corrected_intent(text, misread, [], set()) == "inform"


def test_an_age_read_as_the_question_about_ages_stays_one() -> None:
    assert corrected_intent("jeg er 14", "faq", [], set(), "faq/minors_consent") is None
    assert corrected_intent("eg er ferdig", "goodbye", [], set()) is None  # no age: the classifier's reading stands
    assert corrected_intent("to", "deny", [], set()) is None  # a small number word is a word first


def test_a_long_number_changes_no_other_answer() -> None:
    assert corrected_intent("nummeret mitt er 913 57 246", "faq", [], set(), "faq/cost") is None
    assert corrected_intent("nummeret mitt er 913 57 246", "inform", [], set(), "faq/minors_consent") is None


def test_the_last_pipeline_step_applies_them(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(components, "_purpose_ids", lambda: frozenset({"health-adaptations"}))
    parsed: dict[str, Any] = {TEXT: "health-adaptations", INTENT: {"name": "faq", "confidence": 0.7},
                              INTENT_RANKING_KEY: [{"name": "faq", "confidence": 0.7},
                                                   {"name": "inform", "confidence": 0.2}]}
    [message] = components.LeadingGreetingRestorer().process([Message(data=parsed)])
    assert message.get(INTENT) == {"name": "inform", "confidence": 0.2}
    assert [entry["name"] for entry in message.get(INTENT_RANKING_KEY)] == ["inform", "faq"]


def test_the_last_pipeline_step_reads_the_faq_answer_chosen(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(components, "_purpose_ids", lambda: frozenset())
    parsed: dict[str, Any] = {
        TEXT: "telefonen min er 913 57 246", INTENT: {"name": "faq", "confidence": 0.99},
        INTENT_RANKING_KEY: [{"name": "faq", "confidence": 0.99}, {"name": "inform", "confidence": 0.01}],
        "response_selector": {"faq": {"response": {"intent_response_key": "faq/minors_consent"}}},
    }
    [message] = components.LeadingGreetingRestorer().process([Message(data=parsed)])
    assert message.get(INTENT)["name"] == "inform"


@pytest.mark.parametrize("typed", ["hej, jeg er 16", "hei! eg er tolv", "hello, I'm 14"])
def test_a_greeting_before_an_age_changes_nothing(monkeypatch: pytest.MonkeyPatch, typed: str) -> None:
    monkeypatch.setattr(components, "_purpose_ids", lambda: frozenset())
    message = Message(data={TEXT: typed})
    components.LeadingGreetingRemover()._strip(message)
    message.set(INTENT, {"name": "greet", "confidence": 0.6})
    message.set(INTENT_RANKING_KEY, [{"name": "greet", "confidence": 0.6}, {"name": "inform", "confidence": 0.3}])
    [message] = components.LeadingGreetingRestorer().process([message])
    assert message.get(INTENT)["name"] == "inform"
    assert message.get(TEXT) == typed  # the actions read what was typed


def _ranked(first: str, confidence: float) -> list[dict[str, Any]]:
    return [{"name": first, "confidence": confidence}, {"name": "faq", "confidence": 1 - confidence}]


@pytest.mark.parametrize(("text", "misread"), [
    ("how quickly will you get back to me", "manage_consents"),
    ("kor lang tid har de på å svara på ein førespurnad?", "request_access"),
    ("hvad sker der med mine oplysninger når jeg lukker chatten", "request_erasure"),
    ("er det nokon eg kan snakke med", "ask_status"),
])
def test_an_unsure_question_is_asked_about_before_it_starts_a_request(text: str, misread: str) -> None:
    # A request starts by asking for an e-mail address: a question read so without much confidence is asked about.
    assert corrected_intent(text, misread, _ranked(misread, 0.55), set()) == "nlu_fallback"


@pytest.mark.parametrize(("text", "confidence"), [
    ("kan dere slette alt dere har om meg?", 0.93),  # a question by its form, a request the classifier is sure of
    ("jeg vil se hva dere har lagret om meg", 0.6),  # unsure, but no question: a request put plainly
    ("I'd like a copy of my data", 0.5),
    ("can I get a copy of what you hold on me?", 0.62),  # a question, but sure enough
])
def test_a_sure_request_or_a_plain_one_starts(text: str, confidence: float) -> None:
    assert corrected_intent(text, "request_access", _ranked("request_access", confidence), set()) is None


def test_an_unsure_question_that_is_no_request_keeps_its_reading() -> None:
    assert corrected_intent("hva er innsyn?", "explain_access", _ranked("explain_access", 0.5), set()) is None


def test_the_pipeline_keeps_the_readings_an_unsure_question_is_asked_about(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(components, "_purpose_ids", lambda: frozenset())
    parsed: dict[str, Any] = {TEXT: "how quickly will you get back to me",
                              INTENT: {"name": "manage_consents", "confidence": 0.55},
                              INTENT_RANKING_KEY: [{"name": "manage_consents", "confidence": 0.55},
                                                   {"name": "faq", "confidence": 0.3}]}
    [message] = components.LeadingGreetingRestorer().process([Message(data=parsed)])
    assert message.get(INTENT) == {"name": "nlu_fallback", "confidence": 0.55}
    assert [entry["name"] for entry in message.get(INTENT_RANKING_KEY)] == ["nlu_fallback", "manage_consents", "faq"]


def _fallback_over(first: str) -> list[dict[str, Any]]:
    return [{"name": "nlu_fallback", "confidence": 0.45}, {"name": first, "confidence": 0.34},
            {"name": "request_objection", "confidence": 0.33}]


@pytest.mark.parametrize("text", ["I want to stop getting your newsletter", "meld meg av nyhetsbrevet deres",
                                  "vi vil ikke at dere filmer sønnen vår lenger"])
def test_words_that_take_a_consent_back_settle_an_unsure_reading_about_consent(text: str) -> None:
    assert corrected_intent(text, "nlu_fallback", _fallback_over("give_consent"), set()) == "manage_consents"
    assert corrected_intent(text, "nlu_fallback", _fallback_over("manage_consents"), set()) == "manage_consents"


def test_an_unsure_reading_about_something_else_stays_not_understood() -> None:
    # "stop" alone is no withdrawal when the classifier leaned to another right ("stop processing my data").
    assert corrected_intent("stop using my data for marketing", "nlu_fallback", _fallback_over("request_objection")[:1]
                            + [{"name": "request_objection", "confidence": 0.4}], set()) is None
    assert corrected_intent("I want the newsletter", "nlu_fallback", _fallback_over("give_consent"), set()) is None


@pytest.mark.parametrize("text", ["kan en 14-åring samtykke til bilder på skolens nettside?",
                                  "can a fifteen year old consent to the club using photos",
                                  "må en 12-årig selv give samtykke"])
def test_a_question_about_consent_that_names_an_age_gets_the_rule_for_that_age(text: str) -> None:
    ranked = [{"name": "explain_consent", "confidence": 0.92}, {"name": "faq", "confidence": 0.04}]
    assert corrected_intent(text, "explain_consent", ranked, set(), "faq/minors_consent") == "faq"


def test_what_consent_is_stays_the_explanation() -> None:
    ranked = [{"name": "explain_consent", "confidence": 0.92}, {"name": "faq", "confidence": 0.04}]
    assert corrected_intent("hva er samtykke?", "explain_consent", ranked, set(), "faq/minors_consent") is None
    assert corrected_intent("kan en 14-åring samtykke?", "explain_consent", ranked, set(), "faq/cost") is None


@pytest.mark.parametrize(("text", "misread", "confidence"), [
    ("can a 16 year old agree to being filmed", "explain_portability", 0.48),
    ("can my 16 year old agree to photos?", "nlu_fallback", 0.45),
])
def test_an_unsure_question_that_names_an_age_gets_the_rule_for_that_age(text: str, misread: str,
                                                                         confidence: float) -> None:
    ranked = [{"name": misread, "confidence": confidence}, {"name": "give_consent", "confidence": 0.12}]
    assert corrected_intent(text, misread, ranked, set(), "faq/minors_consent") == "faq"


def test_a_sure_request_that_names_an_age_stays_a_request() -> None:
    ranked = [{"name": "request_access", "confidence": 0.91}, {"name": "faq", "confidence": 0.05}]
    text = "can my 14 year old get a copy of his data?"
    assert corrected_intent(text, "request_access", ranked, set(), "faq/minors_consent") is None


@pytest.mark.parametrize(("text", "misread"), [
    ("afmeld mig nyhedsbrevet", "request_objection"),
    ("I want to stop getting your newsletter", "request_objection"),
    ("vi vil ikke lenger være med på filmingen", "request_restriction"),
])
def test_taking_back_what_was_given_by_consent_is_a_withdrawal_not_an_objection(text: str, misread: str) -> None:
    ranked = [{"name": misread, "confidence": 0.7}, {"name": "manage_consents", "confidence": 0.2}]
    named = {"nyhedsbrevet": "newsletter", "newsletter": "newsletter", "filmingen": "training-video"}

    def purpose(typed: str) -> str | None:
        return next((pid for word, pid in named.items() if word in typed), None)

    assert corrected_intent(text, misread, ranked, set(), consent_purpose_named=purpose) == "manage_consents"
    # An objection to processing that no consent covers stays an objection.
    assert corrected_intent(text, misread, ranked, set(), consent_purpose_named=lambda _t: None) is None
    assert corrected_intent("I object to your newsletter profiling", misread, ranked, set(),
                            consent_purpose_named=purpose) is None
