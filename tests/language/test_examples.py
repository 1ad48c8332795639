"""The examples the language module was specified with."""

from __future__ import annotations

import pytest

from bot.language import LanguageDecision, decide_language


@pytest.mark.parametrize(
    ("text", "current", "language"),
    [
        ("hei, hva kan du hjelpe meg med?", None, "nb"),
        ("hej, hvad kan du hjælpe med?", None, "da"),
        ("hi, what can you do?", None, "en"),
        ("kva kan du hjelpe meg med?", None, "nn"),
        ("ok", "en", "en"),
        ("ja", "nn", "nn"),
    ],
)
def test_specified_examples(text: str, current: str | None, language: str) -> None:
    assert decide_language(text, current).language == language


def test_explicit_request_for_english() -> None:
    decision = decide_language("can we speak English?", "nb")
    assert decision == LanguageDecision(language="en", detected="en", switched=True, explicit=True, unsupported=None)


def test_explicit_request_for_nynorsk() -> None:
    decision = decide_language("kan du skrive på nynorsk?", "nb")
    assert (decision.language, decision.switched, decision.explicit) == ("nn", True, True)


def test_swedish_is_answered_in_the_default_language() -> None:
    decision = decide_language("hej, vad kan du hjälpa mig med?", None)
    assert (decision.language, decision.detected, decision.unsupported) == ("nb", "sv", "sv")
