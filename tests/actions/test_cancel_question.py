"""A question misread as cancelling, with nothing to cancel, is asked about rather than answered "nothing to cancel"."""

from __future__ import annotations

from actions.dsr import ActionCancelRequest
from tests.support.first_message import run_on_first_message


def cancel(text: str, confidence: float, *rest: tuple[str, float]) -> list:
    return run_on_first_message(ActionCancelRequest(), text, "cancel", confidence, *rest, topic="answer_time")


def test_an_unsure_question_read_as_cancelling_offers_what_it_may_have_asked() -> None:
    (message,) = cancel("how quickly do you deal with a request like mine", 0.57, ("faq", 0.2), ("greet", 0.05))
    assert [b["title"] for b in message["buttons"]] == ["How long until I get an answer?", "Something else"]


def test_with_no_reading_to_offer_it_is_asked_to_be_rephrased() -> None:
    (message,) = cancel("how does that work then", 0.5, ("greet", 0.2))
    assert message["response"] == "utter_default"


def test_a_cancel_with_nothing_going_on_is_still_told_so() -> None:
    for text, confidence in (("avbryt", 0.55), ("can we stop this?", 0.95)):
        (message,) = cancel(text, confidence, ("faq", 0.2))
        assert message["text"] == "There is nothing to cancel right now."
