"""The age typed in answer to "what year were you born?" (issue 17 item 6): digits, number words 1-19 in nb, nn,
da and en, with "im", "i'm", "jeg er", "eg er", "år", "years old" around them; read without the NLU model."""

from __future__ import annotations

from datetime import date

import pytest

from bot.consent.age_answer import NUMBER_WORDS, birth_year_from_answer, is_only_an_age
from bot.consent.ages import ImplausibleBirth, youngest_age

TODAY = date(2026, 6, 1)


def age_of(text: str) -> int:
    return youngest_age(birth_year_from_answer(text, TODAY), TODAY)


@pytest.mark.parametrize("text", [
    "14", "im 14", "Im 14", "i'm 14", "I’m 14", "I am 14 years old", "i'm fourteen", "I'm fourteen years old",
    "fourteen", "jeg er 14", "Jeg er 14 år.", "jeg er 14 år gammel", "eg er 14 år", "eg er 14 år gamal",
    "14 år", "jeg er fjorten", "fjorten", "Eg er fjorten år", "jeg er fjorten år gammel", "14 yo",
])
def test_fourteen_in_every_form(text: str) -> None:
    assert age_of(text) == 14
    assert is_only_an_age(text, TODAY), text


# Every number word 1-19, per language, as a child would type it.
WORDS = {
    "nb": ["en", "to", "tre", "fire", "fem", "seks", "sju", "åtte", "ni", "ti", "elleve", "tolv", "tretten",
           "fjorten", "femten", "seksten", "sytten", "atten", "nitten"],
    "nn": ["ein", "to", "tre", "fire", "fem", "seks", "sju", "åtte", "ni", "ti", "elleve", "tolv", "tretten",
           "fjorten", "femten", "seksten", "sytten", "atten", "nitten"],
    "da": ["en", "to", "tre", "fire", "fem", "seks", "syv", "otte", "ni", "ti", "elleve", "tolv", "tretten",
           "fjorten", "femten", "seksten", "sytten", "atten", "nitten"],
    "en": ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
           "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"],
}
PREFIX = {"nb": "jeg er {} år", "nn": "eg er {} år", "da": "jeg er {} år gammel", "en": "I'm {} years old"}


@pytest.mark.parametrize("language", sorted(WORDS))
def test_number_words_one_to_nineteen(language: str) -> None:
    for value, word in enumerate(WORDS[language], start=1):
        assert NUMBER_WORDS[word] == value
        assert age_of(word) == value, word
        assert age_of(word.capitalize()) == value, word
        assert age_of(PREFIX[language].format(word)) == value, (language, word)
        assert is_only_an_age(PREFIX[language].format(word), TODAY)


def test_a_year_is_a_year() -> None:
    assert birth_year_from_answer("2012", TODAY) == 2012
    assert birth_year_from_answer("jeg er født i 2012", TODAY) == 2012
    with pytest.raises(ImplausibleBirth):
        birth_year_from_answer("3020", TODAY)


def test_small_words_count_only_when_the_message_is_an_age() -> None:
    # "to", "en", "one", "fire" are everyday words: not an age inside a sentence.
    for text in ("I don't want to say", "det vil jeg ikke si til en robot", "no one knows", "hei"):
        with pytest.raises(ImplausibleBirth):
            birth_year_from_answer(text, TODAY)
        assert not is_only_an_age(text, TODAY)
    # The ages the bands turn on still count inside a sentence, as before.
    assert age_of("jeg fyller snart femten, tror jeg") == 15


def test_questions_and_nonsense_are_not_ages() -> None:
    for text in ("hva er 14?", "kan jeg samtykke når jeg er 14?", "jeg er glad", "im fine", "0", "500"):
        assert not is_only_an_age(text, TODAY), text
    with pytest.raises(ImplausibleBirth):
        birth_year_from_answer("500", TODAY)
