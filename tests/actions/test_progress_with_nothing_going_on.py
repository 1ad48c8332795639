"""A question about a step with no request going on ("why do you need my e-mail?") is answered, not met with the
help list."""

from __future__ import annotations

from actions.dsr import ActionExplainProgress
from bot.wiring import services
from tests.support.first_message import run_on_first_message


def progress(text: str, topic: str) -> list:
    return run_on_first_message(ActionExplainProgress(), text, "ask_progress", 0.89, topic=topic)


def test_why_vern_needs_an_address_is_the_identity_check_answer() -> None:
    (message,) = progress("why do you need my email address", "identity_check")
    assert message["text"] == services().knowledge.answer("identity_check", "en")
    assert [b["payload"] for b in message["buttons"]] == ["/human_handoff"]


def test_what_happens_now_with_nothing_going_on_is_the_help_list() -> None:
    (message,) = progress("what happens now", "chat_data")
    assert message["response"] == "utter_help"
