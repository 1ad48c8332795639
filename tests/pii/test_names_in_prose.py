"""Person names in running prose: English text, forms of address, initials and later mentions of a name."""

from __future__ import annotations

import pytest

from bot.pii import mask
from bot.pii.training_corpus import frames, synthetic_rows


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Yesterday I had lunch with Chiamaka Obiora and we talked about the move.",
            "Yesterday I had lunch with <name> and we talked about the move.",
        ),
        ("Please ask Mrs Thorbjørnsen to sign the form.", "Please ask Mrs <name> to sign the form."),
        ("The invoice was approved by Dr. Wieczorek today.", "The invoice was approved by Dr. <name> today."),
        ("Kontakt fru Halvorsrud om søknaden.", "Kontakt fru <name> om søknaden."),
        (
            "The report was written by Ingeborg K. Strømsnes last spring.",
            "The report was written by <name> last spring.",
        ),
    ],
)
def test_names_in_english_and_after_forms_of_address_are_masked(text: str, expected: str) -> None:
    assert mask(text) == expected


def test_a_surname_alone_is_masked_once_the_text_has_named_the_person() -> None:
    text = "Jeg snakket med Torvald Eikrem i går. Eikrem lovet å ringe tilbake, og Eikrems kontor bekreftet det."
    assert mask(text) == "Jeg snakket med <name> i går. <name> lovet å ringe tilbake, og <name> kontor bekreftet det."


@pytest.mark.parametrize(
    "text",
    [
        "We are moving to Lisbon in August and need a new bank.",
        "Is Edinburgh worth a visit in the winter?",
        "Vi kjørte fra Trondheim til Bodø på søndag.",
        "The meeting is on Monday in the Oslo office.",
    ],
)
def test_places_in_prose_are_not_names(text: str) -> None:
    assert "<name>" not in mask(text)


def test_synthetic_training_sentences_cover_every_language_and_tag_every_token() -> None:
    assert {language for language, _ in frames()} == {"nb", "nn", "da", "en"}
    rows = list(synthetic_rows(per_frame=2))
    assert len(rows) == 2 * len(frames())
    for row in rows:
        assert len(row["tokens"]) == len(row["tags"])  # type: ignore[arg-type]
    tags = {tag for row in rows for tag in row["tags"]}  # type: ignore[attr-defined]
    assert {"B-PER", "I-PER", "B-OTH", "O"} <= tags


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Det er for tidleg å seie, seier Haugsvær.", "Det er for tidleg å seie, seier <name>."),
        ("Dette er godt nytt, siger Bækgaard.", "Dette er godt nytt, siger <name>."),
        ('"We will appeal," Oyelaran told reporters.', '"We will appeal," <name> told reporters.'),
    ],
)
def test_the_speaker_of_a_quote_is_masked_without_a_first_name(text: str, expected: str) -> None:
    assert mask(text) == expected


@pytest.mark.parametrize("text", ["Vi flyttet til Bergen i fjor, sa hun.", "– Vi er glade, sier Oslo kommune."])
def test_a_pronoun_or_an_institution_after_a_quote_is_not_a_name(text: str) -> None:
    assert "<name>" not in mask(text)
