"""Explicit requests to change language, phrased in each language."""

from __future__ import annotations

import pytest

from bot.language import decide_language
from bot.language.switch import requested_language

SUPPORTED = ("nb", "nn", "da", "en")

# (language the request is written in, language requested) -> request
REQUESTS: dict[tuple[str, str], list[str]] = {
    ("nb", "nb"): ["kan du svare på bokmål?", "snakk norsk", "kan vi snakke bokmål"],
    ("nb", "nn"): ["kan du skrive på nynorsk?", "jeg vil ha svar på nynorsk"],
    ("nb", "da"): ["kan du skrive på dansk?", "bytt språk til dansk"],
    ("nb", "en"): ["kan vi snakke engelsk?", "på engelsk takk", "kan du svare meg på engelsk"],
    ("nn", "nb"): ["kan du svara på bokmål?", "skriv på bokmål takk"],
    ("nn", "nn"): ["kan du skriva på nynorsk", "skriv nynorsk, takk"],
    ("nn", "da"): ["kan du skriva på dansk?", "kan me snakka dansk"],
    ("nn", "en"): ["kan me snakka engelsk?", "kan du svara på engelsk"],
    ("da", "nb"): ["kan du skrive på norsk?", "kan du tale norsk"],
    ("da", "nn"): ["kan du skrive på nynorsk?", "skift sprog til nynorsk"],
    ("da", "da"): ["kan du tale dansk?", "skriv venligst på dansk", "skriv på dansk"],
    ("da", "en"): ["kan vi tale engelsk?", "på engelsk tak", "byt til engelsk"],
    ("en", "nb"): ["in norwegian please", "can you answer in Norwegian?", "Norwegian bokmål please"],
    ("en", "nn"): ["please write in nynorsk", "can we switch to Nynorsk?"],
    ("en", "da"): ["write in Danish", "can we speak Danish?", "reply in danish please"],
    ("en", "en"): ["can we speak English?", "english please", "English please, I cannot read this"],
}


def _cases() -> list[tuple[str, str, str]]:
    return [(written_in, wanted, text) for (written_in, wanted), texts in REQUESTS.items() for text in texts]


@pytest.mark.parametrize(("written_in", "wanted", "text"), _cases())
@pytest.mark.parametrize("current", [None, *SUPPORTED])
def test_explicit_request_wins(written_in: str, wanted: str, text: str, current: str | None) -> None:
    decision = decide_language(text, current)
    assert decision.language == wanted
    assert decision.explicit is True
    assert decision.switched is (current is not None and current != wanted)
    assert decision.unsupported is None


def test_every_pair_of_languages_is_covered() -> None:
    assert {pair for pair in REQUESTS} == {(a, b) for a in SUPPORTED for b in SUPPORTED}


@pytest.mark.parametrize(
    "text",
    [
        "I have a question about Danish law",
        "my mother is Norwegian",
        "what is the Norwegian word for consent?",
        "the english version of the policy is wrong",
        "er dette etter norsk lov?",
        "gjelder danske regler for meg?",
        "jeg bor i Danmark",
        "I don't speak Danish",
        "jeg snakker ikke engelsk",
        "eg skriv ikkje nynorsk",
        "dansk firma",
        "hvordan sletter jeg kontoen min",
    ],
)
def test_mentions_and_negations_are_not_requests(text: str) -> None:
    assert requested_language(text) is None
    assert decide_language(text, "nb").explicit is False


def test_negation_only_covers_its_own_clause() -> None:
    assert requested_language("I don't speak Danish, can you write in English?") == "en"
    assert requested_language("jeg snakker ikke dansk, kan du skrive på norsk?") == "nb"


def test_request_for_an_unsupported_language_is_flagged() -> None:
    decision = decide_language("kan du prata svenska?", "da")
    assert decision.explicit is True
    assert decision.unsupported == "sv"
    assert decision.language in SUPPORTED


def test_request_for_a_language_not_offered_here_is_flagged() -> None:
    decision = decide_language("kan du skrive på dansk?", "nb", supported=("nb", "en"))
    assert (decision.language, decision.explicit, decision.unsupported) == ("nb", True, "da")


def test_nynorsk_request_falls_back_to_bokmal_when_only_bokmal_is_offered() -> None:
    decision = decide_language("can you write in nynorsk?", "en", supported=("nb", "en"))
    assert (decision.language, decision.switched, decision.explicit) == ("nb", True, True)
    assert decision.unsupported == "nn"


@pytest.mark.parametrize(
    "text",
    [
        "speak " * 5000 + "english",
        "kan du skrive " + "på " * 10000 + "dansk",
        "skriv " + "x" * 100_000 + " dansk",
        "english " * 20000,
        "please " * 20000,
        "ikke " * 20000 + "skriv på dansk",
    ],
)
def test_hostile_input_is_cheap(text: str) -> None:
    import time

    started = time.perf_counter()
    requested_language(text)
    assert time.perf_counter() - started < 1.0
