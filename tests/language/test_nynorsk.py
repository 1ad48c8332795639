"""The word-form cues."""

from __future__ import annotations

import pytest

from bot.language.nynorsk import STRONG, WORD_CUES, lexical_scores, nynorsk_lean, words


def scores(text: str) -> dict[str, float]:
    return lexical_scores(words(text))


def test_words_drop_addresses_numbers_and_punctuation() -> None:
    text = "Hei! Send til ola@example.no eller https://x.no/a?b=1, nr. 12345"
    assert words(text) == ["hei", "send", "til", "eller", "nr"]
    assert words("I’m here") == ["i'm", "here"]


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("eg veit ikkje", 1),
        ("korleis går det", 1),
        ("sikkerheita", 1),
        ("jeg vet ikke", -1),
        ("hvordan går det", -1),
        ("sikkerheten", -1),
        ("kan du hjelpe meg", 0),
    ],
)
def test_nynorsk_lean(text: str, sign: int) -> None:
    lean = nynorsk_lean(scores(text))
    assert (lean > 0) - (lean < 0) == sign


def test_shared_forms_settle_nothing_between_the_languages_sharing_them() -> None:
    result = scores("ikke")
    assert result["nb"] == result["da"] == STRONG
    assert result["nn"] == result["sv"] == result["en"] == 0


def test_danish_and_norwegian_pronouns_point_opposite_ways() -> None:
    assert scores("mig")["da"] > scores("mig")["nb"]
    assert scores("meg")["nb"] > scores("meg")["da"]


def test_each_distinct_word_counts_once() -> None:
    assert scores("takk takk takk") == scores("takk")


def test_spelling_without_special_letters_is_understood() -> None:
    assert scores("hjaelpen")["da"] == STRONG


def test_postposed_possessive_is_norwegian() -> None:
    assert scores("kontoen min")["nb"] == STRONG
    assert scores("min konto")["nb"] == 0
    # Danish participle and Swedish infinitive before a possessive are not nouns.
    assert scores("har slettet min konto")["nb"] == 0
    assert scores("ändra min adress")["nb"] == 0


def test_english_past_tenses_are_not_danish() -> None:
    assert scores("published")["da"] == 0
    assert scores("sikkerhed")["da"] > 0


def test_cue_table_is_lower_case() -> None:
    assert all(word == word.lower() for word in WORD_CUES)
