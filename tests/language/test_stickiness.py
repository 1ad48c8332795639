"""Short or uninformative messages keep the conversation's language."""

from __future__ import annotations

import pytest

from bot.language import decide_language

SUPPORTED = ("nb", "nn", "da", "en")

# Things people type in any language, or that carry no language at all.
UNINFORMATIVE = [
    "ok",
    "OK!",
    "okay",
    "ja",
    "nei",
    "nej",
    "jo",
    "yes",
    "takk",
    "tak",
    "thanks",
    "thank you",
    "ok takk",
    "ja takk",
    "nej tak",
    "hei",
    "hej",
    "hello",
    "hei hei",
    "greit",
    "super",
    "ola.nordmann@example.no",
    "kari@firma.dk",
    "123456",
    "12 34 56 78",
    "+47 912 34 567",
    "2024-05-01",
    "DK-2100",
    "https://vern.example.no/personvern?lang=da",
    "www.example.com",
    "👍",
    "🙂🙂🙂",
    ":)",
    "?",
    "...",
    "",
    " ",
    "\n\t  \n",
    "GDPR",
]


@pytest.mark.parametrize("current", SUPPORTED)
@pytest.mark.parametrize("text", UNINFORMATIVE)
def test_short_or_empty_message_keeps_current_language(text: str, current: str) -> None:
    decision = decide_language(text, current)
    assert decision.language == current
    assert decision.switched is False
    assert decision.explicit is False
    assert decision.unsupported is None


@pytest.mark.parametrize("text", UNINFORMATIVE)
def test_short_message_in_a_new_conversation_gets_the_default(text: str) -> None:
    decision = decide_language(text, None)
    assert decision.language == "nb"
    assert decision.detected is None
    assert decision.switched is False


def test_short_message_gets_a_configured_default() -> None:
    assert decide_language("ok", None, default="da").language == "da"


@pytest.mark.parametrize(
    ("text", "current", "language"),
    [
        # One strong cue with nothing against it decides a short message.
        ("hvad?", "nb", "da"),
        ("ikkje det", "nb", "nn"),
        ("what is gdpr", "nb", "en"),
        ("hjelp meg", "en", "nb"),
        ("hjelp", "en", "nb"),
        ("hjelp meg", "nn", "nn"),
        # A single weak or courtesy cue does not.
        ("mere?", "nb", "nb"),
        ("tak", "nb", "nb"),
        ("thanks", "da", "da"),
    ],
)
def test_strong_cues_decide_short_messages(text: str, current: str, language: str) -> None:
    assert decide_language(text, current).language == language


@pytest.mark.parametrize("current", ["nb", "nn"])
def test_norwegian_without_distinguishing_forms_keeps_the_written_standard(current: str) -> None:
    for text in ["kan du hjelpe meg med dette?", "takk for svaret, det hjalp meg"]:
        decision = decide_language(text, current)
        assert decision.language == current
        assert decision.switched is False


def test_norwegian_without_distinguishing_forms_starts_in_bokmal() -> None:
    assert decide_language("kan du hjelpe meg med dette?", None).language == "nb"


def test_clear_bokmal_moves_a_nynorsk_conversation() -> None:
    decision = decide_language("jeg vet ikke hva jeg skal gjøre", "nn")
    assert (decision.language, decision.switched) == ("nb", True)


def test_clear_nynorsk_moves_a_bokmal_conversation() -> None:
    decision = decide_language("eg veit ikkje kva eg skal gjere", "nb")
    assert (decision.language, decision.switched) == ("nn", True)


def test_one_danish_looking_word_in_a_norwegian_line_keeps_bokmal() -> None:
    # "gerne" is Danish or a typo for "gjerne"; the rest of the line is bokmål.
    assert decide_language("jeg vil gerne vite hva dere har lagret om meg", "nb").language == "nb"
    assert decide_language("jeg vil gerne vite hva dere har lagret om meg", None).language == "nb"


def test_a_danish_first_message_is_answered_in_danish() -> None:
    # The session start puts every chat in the default language before the
    # first message is read; a Danish line must not be held there.
    for current in (None, "nb"):
        decision = decide_language("jeg vil gerne slette mine data", current)
        assert decision.language == "da"


def test_an_ambiguous_line_keeps_a_chat_the_writer_moved() -> None:
    # Valid Danish and valid bokmål: a Danish chat stays Danish.
    assert decide_language("kan jeg tale med et menneske", "da").language == "da"


def test_clear_danish_moves_a_bokmal_conversation() -> None:
    decision = decide_language("hej, hvad kan du hjælpe med?", "nb")
    assert (decision.language, decision.switched, decision.explicit) == ("da", True, False)


def test_clear_english_moves_a_danish_conversation() -> None:
    decision = decide_language("sorry, I don't understand Danish, can you help me?", "da")
    assert (decision.language, decision.switched, decision.explicit) == ("en", True, False)


def test_unknown_current_language_is_treated_as_a_new_conversation() -> None:
    decision = decide_language("ok", "xx")
    assert (decision.language, decision.switched) == ("nb", False)
