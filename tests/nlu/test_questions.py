"""Whether a message is put as a question (bot/nlu/questions.py), as people write them in a chat."""

from __future__ import annotations

import pytest

from bot.nlu.questions import is_a_question


@pytest.mark.parametrize("text", [
    "how quickly will you get back to me", "Hvor lang tid tar det", "kor lenge lagrar de chatten", "hvornår svarer I",
    "er det gratis", "kan eg klage", "Do you keep this chat?", "vil dere bruke dette til noe",
    "korleis sjekkar de kven eg er",
    "jeg lurer på noe?", "  what happens now  ",
])
def test_questions_with_or_without_a_question_mark(text: str) -> None:
    assert is_a_question(text)


@pytest.mark.parametrize("text", [
    "jeg vil slette kontoen min", "slett alt om meg", "I want my data", "eg ønskjer innsyn", "stop using my photos",
    "", "   ", "123 hva", "hvaskjer", "kanskje senere",
])
def test_statements_and_requests_are_no_questions(text: str) -> None:
    assert not is_a_question(text)
