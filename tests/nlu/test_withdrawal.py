"""Giving consent in words that take it back is a withdrawal, whatever the classifier thought (bot/nlu/withdrawal.py).

Lines written for this test, in the four languages; the everyday ways of giving consent must stay giving."""

from __future__ import annotations

import pytest

from bot.nlu.intent_guards import corrected_intent
from bot.nlu.withdrawal import withdraws_consent

TAKING_BACK = [
    "meld meg av nyhetsbrevet",
    "jeg trekker ja-et mitt til bildene fra skoleturen",
    "dere får ikke bruke videoen av meg lenger",
    "jeg har ombestemt meg, jeg vil ikke være med på bildene",
    "eg vil ikkje at laget filmar meg på kamp",
    "meld meg ut av nyheitsbrevet, takk",
    "afmeld mig nyhedsbrevet",
    "træk mit samtykke til fotos tilbage",
    "I må ikke filme mig mere",
    "please unsubscribe me from the club newsletter",
    "I'd like to take my consent for the photos back",
    "I don't want to be in the team video after all",
    "no to the photos, I regret saying yes",
    "stop using the picture of my son",
]
GIVING = [
    "jeg vil gjerne ha nyhetsbrevet",
    "ja, dere kan filme meg på trening",
    "eg vil vere med på bileta likevel",
    "jeg angrer på at jeg sa nei, dere kan bruke bildet",
    "I changed my mind, you can use my photo",
    "I'd like to join the filming after all",
    "I regret saying no to the newsletter",
    "tilmeld mig nyhedsbrevet",
    "I don't mind, put my picture on the site",
    "stop asking, I agree",
]


@pytest.mark.parametrize("text", TAKING_BACK)
def test_words_that_take_consent_back_are_a_withdrawal(text: str) -> None:
    assert withdraws_consent(text)
    assert corrected_intent(text, "give_consent", [{"name": "give_consent", "confidence": 0.9}], set()) == (
        "manage_consents")


@pytest.mark.parametrize("text", GIVING)
def test_giving_consent_stays_giving_even_after_changing_ones_mind(text: str) -> None:
    assert not withdraws_consent(text)
    assert corrected_intent(text, "give_consent", [{"name": "give_consent", "confidence": 0.9}], set()) is None


def test_only_a_reading_as_giving_consent_is_turned_round() -> None:
    # Another reading (an objection, a question about consent) is the classifier's to make.
    assert corrected_intent("unsubscribe me", "request_objection", [], set()) is None
    assert corrected_intent("can I withdraw consent later?", "explain_consent", [], set()) is None
