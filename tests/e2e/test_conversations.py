"""Whole conversations through the running Rasa REST channel and the real action server."""

from __future__ import annotations

import uuid

import pytest

from tests.support.domain import expected
from tests.support.stack import VernStack

# How people open a chat in each language; also sets the reply language.
OPENERS = {
    "nb": "hei, hva kan du hjelpe meg med?",
    "nn": "kva kan du hjelpe meg med?",
    "da": "hej, hvad kan du hjælpe med?",
    "en": "hi, what can you do?",
}

QUESTIONS = {
    "nb": {
        "utter_explain_access": "hva betyr innsynsrett egentlig?",
        "utter_explain_rectification": "hva er retten til å få rettet opplysninger?",
        "utter_explain_erasure": "hva innebærer retten til sletting?",
        "utter_explain_restriction": "hva betyr begrensning av behandlingen?",
        "utter_explain_portability": "hva er dataportabilitet for noe?",
        "utter_explain_objection": "hva betyr retten til å protestere mot behandling?",
        "utter_explain_consent": "hva er et samtykke og hvordan fungerer det?",
        "utter_out_of_scope": "hvordan blir været i Bergen i morgen?",
        "utter_goodbye": "ha det bra, takk for hjelpen",
    },
    "nn": {
        "utter_explain_access": "kva betyr innsynsrett eigentleg?",
        "utter_explain_rectification": "kva er retten til å få retta opplysningar?",
        "utter_explain_erasure": "kva inneber retten til sletting?",
        "utter_explain_restriction": "kva betyr avgrensing av behandlinga?",
        "utter_explain_portability": "kva er dataportabilitet for noko?",
        "utter_explain_objection": "kva betyr retten til å protestere mot behandlinga?",
        "utter_explain_consent": "kva er eit samtykke og korleis fungerer det?",
        "utter_out_of_scope": "korleis blir vêret i Bergen i morgon?",
        "utter_goodbye": "ha det bra, takk for hjelpa",
    },
    "da": {
        "utter_explain_access": "hvad betyder retten til indsigt egentlig?",
        "utter_explain_rectification": "hvad er retten til berigtigelse af oplysninger?",
        "utter_explain_erasure": "hvad indebærer retten til sletning?",
        "utter_explain_restriction": "hvad betyder begrænsning af behandlingen?",
        "utter_explain_portability": "hvad er dataportabilitet for noget?",
        "utter_explain_objection": "hvad betyder retten til at gøre indsigelse?",
        "utter_explain_consent": "hvad er et samtykke og hvordan fungerer det?",
        "utter_out_of_scope": "hvordan bliver vejret i København i morgen?",
        "utter_goodbye": "farvel og tak for hjælpen",
    },
    "en": {
        "utter_explain_access": "what does the right of access actually mean?",
        "utter_explain_rectification": "what is the right to have my data corrected?",
        "utter_explain_erasure": "what does the right to erasure involve?",
        "utter_explain_restriction": "what does restriction of processing mean?",
        "utter_explain_portability": "what is data portability about?",
        "utter_explain_objection": "what does the right to object to processing mean?",
        "utter_explain_consent": "what is consent and how does it work?",
        "utter_out_of_scope": "what will the weather be like in London tomorrow?",
        "utter_goodbye": "bye, thanks for the help",
    },
}


def new_chat() -> str:
    return f"test-{uuid.uuid4().hex}"


@pytest.mark.parametrize("language", sorted(OPENERS))
def test_help_is_answered_in_the_users_language(stack: VernStack, language: str) -> None:
    assert stack.texts(new_chat(), OPENERS[language]) == expected("utter_help", language)


@pytest.mark.parametrize(
    ("language", "response"),
    [(lang, response) for lang, questions in sorted(QUESTIONS.items()) for response in sorted(questions)],
)
def test_each_topic_is_answered_in_the_users_language(stack: VernStack, language: str, response: str) -> None:
    chat = new_chat()
    stack.say(chat, OPENERS[language])
    assert stack.texts(chat, QUESTIONS[language][response]) == expected(response, language)


@pytest.mark.parametrize("language", sorted(OPENERS))
def test_greeting_carries_the_privacy_notice_in_the_chat_language(stack: VernStack, language: str) -> None:
    chat = new_chat()
    stack.say(chat, OPENERS[language])
    greeting = stack.texts(chat, {"nb": "hei", "nn": "hei", "da": "hej", "en": "hello"}[language])
    assert greeting == expected("utter_greet", language)
    assert "Vern demo municipality" in greeting


@pytest.mark.parametrize(("language", "short"), [("en", "ok"), ("nn", "ja"), ("da", "ja"), ("nb", "ok")])
def test_short_replies_keep_the_language(stack: VernStack, language: str, short: str) -> None:
    chat = new_chat()
    stack.say(chat, OPENERS[language])
    assert stack.texts(chat, short) == expected("utter_anything_else", language)


@pytest.mark.parametrize(
    ("start", "request_text", "target"),
    [
        ("nb", "can we speak English?", "en"),
        ("nb", "kan du skrive på nynorsk?", "nn"),
        ("en", "kan du skrive på dansk?", "da"),
        ("da", "kan vi snakke bokmål?", "nb"),
    ],
)
def test_explicit_language_switch(stack: VernStack, start: str, request_text: str, target: str) -> None:
    chat = new_chat()
    stack.say(chat, OPENERS[start])
    assert stack.texts(chat, request_text) == expected("utter_language_switched", target)
    assert stack.texts(chat, "ok") == expected("utter_anything_else", target)


def test_swedish_is_answered_in_the_default_language_with_a_note(stack: VernStack) -> None:
    from bot.i18n import translate

    messages = stack.say(new_chat(), "hej, vad kan du hjälpa mig med idag?")
    texts = [m["text"] for m in messages]
    assert texts[0] == translate("swedish_note", "nb")
    assert texts[1:] == [expected("utter_help", "nb")]


def test_asking_for_a_person_offers_a_caseworker_and_names_the_controller_contact(stack: VernStack) -> None:
    from bot.i18n import translate

    chat = new_chat()
    stack.say(chat, OPENERS["en"])
    (offer,) = stack.say(chat, "I want to talk to a real person please")
    assert offer["text"] == translate("handoff_offer", "en", contact="personvern@example.org")
    assert [b["payload"] for b in offer["buttons"]] == ["/confirm_handoff", "/deny"]


def test_goodbye_ends_the_chat(stack: VernStack) -> None:
    from sqlalchemy import text

    from bot.db.engine import create_db_engine
    from tests.support.services import postgres_url

    chat = new_chat()
    stack.say(chat, OPENERS["nb"])
    assert stack.texts(chat, QUESTIONS["nb"]["utter_goodbye"]) == expected("utter_goodbye", "nb")
    engine = create_db_engine(postgres_url())
    with engine.connect() as connection:
        row = connection.execute(
            text("SELECT ended_at, end_reason, language FROM conversations WHERE conversation_id = :c"),
            {"c": chat},
        ).one()
    engine.dispose()
    assert row.ended_at is not None
    assert row.end_reason == "goodbye"
    assert row.language == "nb"
