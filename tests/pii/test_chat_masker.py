"""The chat-wide masker: a value found anywhere in a chat is masked everywhere in it, and each distinct
string of the chat is read by the detector once, however often the chat repeats it."""

from __future__ import annotations

from bot.pii.conversation import ChatMasker
from bot.pii.spans import NAME, PiiSpan


class CountingDetector:
    def __init__(self) -> None:
        self.calls: list[str] = []

    def __call__(self, text: str) -> list[PiiSpan]:
        self.calls.append(text)
        start = text.find("Solveig Nordby")
        return [PiiSpan(start, start + len("Solveig Nordby"), NAME, "test", 0.9)] if start >= 0 else []


def test_a_name_said_once_is_masked_where_the_chat_repeats_part_of_it() -> None:
    detector = CountingDetector()
    texts = ["jeg heter Solveig Nordby", "Takk, Solveig!", "Nordby"]
    mask = ChatMasker(detector).learn_from(texts)
    assert [mask(t) for t in texts] == ["jeg heter <name>", "Takk, <name>!", "<name>"]


def test_each_distinct_string_is_detected_once_across_learning_and_masking() -> None:
    detector = CountingDetector()
    texts = ["jeg heter Solveig Nordby", "hei", "jeg heter Solveig Nordby", "hei", "hei"]
    mask = ChatMasker(detector).learn_from(texts)
    masked = [mask(t) for t in texts]
    assert masked[0] == masked[2] == "jeg heter <name>"
    assert sorted(detector.calls) == ["hei", "jeg heter Solveig Nordby"]


def test_a_chat_without_personal_data_is_returned_unchanged_with_one_detection_per_string() -> None:
    detector = CountingDetector()
    texts = ["hva er innsyn?", "Innsyn er retten til å se opplysningene."]
    mask = ChatMasker(detector).learn_from(texts)
    assert [mask(t) for t in texts] == texts
    assert len(detector.calls) == 2
