"""A greeting in front of a question is dropped before the NLU reads it; a bare greeting stays a greeting."""

from __future__ import annotations

import pytest

from bot.nlu.leading_greeting import without_leading_greeting


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("hei, kan jeg klage til Datatilsynet?", "kan jeg klage til Datatilsynet?"),
        ("Hei! Hva er en personopplysning", "Hva er en personopplysning"),
        ("god morgon, kor lenge lagrar de chatten?", "kor lenge lagrar de chatten?"),
        ("hej med dig, hvad koster det", "hvad koster det"),
        ("Hello there, how long do you keep this chat?", "how long do you keep this chat?"),
        ("hei hei, god morgen, jeg vil ha innsyn", "jeg vil ha innsyn"),
        ("Hi vern I want my data deleted", "I want my data deleted"),
        ("heisann:) er dette gratis", "er dette gratis"),
    ],
)
def test_the_question_after_a_greeting_is_what_is_read(typed: str, read: str) -> None:
    assert without_leading_greeting(typed) == read


@pytest.mark.parametrize(
    "typed",
    ["hei", "hei vern", "hei hei", "god morgen!", "hej der", "hey", "hiding my data from you", "hallo?",
     "good morning to you", "hei alle sammen"],
)
def test_a_bare_greeting_or_a_word_that_only_starts_like_one_is_kept(typed: str) -> None:
    assert without_leading_greeting(typed) == typed
