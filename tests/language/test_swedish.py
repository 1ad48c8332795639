"""Swedish is recognised but not spoken: default language plus a note."""

from __future__ import annotations

import pytest

from bot.language import decide_language

SWEDISH = [
    "hej, vad kan du hjälpa mig med?",
    "jag vill att ni raderar mina personuppgifter",
    "varför har ni sparat mitt telefonnummer?",
    "hur lång tid tar det innan jag får svar",
    "jag förstår inte vad det här betyder",
    "kan ni skicka en kopia av allt ni har om mig",
    "jag har inte gett mitt samtycke till det här",
]


@pytest.mark.parametrize("text", SWEDISH)
@pytest.mark.parametrize("current", [None, "nb", "nn", "da", "en"])
def test_swedish_is_answered_in_the_default_language_with_a_note(text: str, current: str | None) -> None:
    decision = decide_language(text, current)
    assert decision.language == "nb"
    assert decision.detected == "sv"
    assert decision.unsupported == "sv"
    assert decision.switched is (current not in (None, "nb"))


def test_swedish_follows_a_configured_default() -> None:
    decision = decide_language(SWEDISH[0], "da", default="en")
    assert (decision.language, decision.unsupported) == ("en", "sv")


def test_swedish_is_answered_in_swedish_where_it_is_supported() -> None:
    decision = decide_language(SWEDISH[0], None, supported=("nb", "sv"))
    assert (decision.language, decision.unsupported) == ("sv", None)


@pytest.mark.parametrize("text", ["tack", "hej", "ok tack", "hej hej"])
def test_short_swedish_courtesies_keep_the_conversation_language(text: str) -> None:
    decision = decide_language(text, "da")
    assert (decision.language, decision.unsupported) == ("da", None)
