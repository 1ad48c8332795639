"""Person names: cues, capitals, the gazetteer and the tagger together; places and organisations are not people."""

from __future__ import annotations

import pytest

from bot.pii import detect, mask


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("jeg heter Ingrid Haugland", "jeg heter <name>"),
        ("eg heiter sigrid", "eg heiter <name>"),
        ("jeg hedder Mads Kjærgaard", "jeg hedder <name>"),
        ("my name is Oluwaseun Adeyemi", "my name is <name>"),
        ("mitt navn er ahmed hassan", "mitt navn er <name>"),
        ("min datter Fatima er 14 år", "min datter <name> er 14 år"),
        ("mvh Tone", "mvh <name>"),
        ("Hilsen Jonas Lie", "Hilsen <name>"),
    ],
)
def test_names_after_a_cue_are_masked_in_every_language(text: str, expected: str) -> None:
    assert mask(text) == expected


@pytest.mark.parametrize(
    "name",
    ["Nguyen Van An", "Mohammed Al-Sayed", "Zofia Kowalczyk", "Siobhan O'Connor", "Priya Raman", "Jonas Dahl"],
)
def test_names_of_every_origin_are_found_mid_sentence(name: str) -> None:
    assert mask(f"I spoke to {name} about the consent form.") == "I spoke to <name> about the consent form."


def test_a_full_name_is_one_span() -> None:
    spans = [s for s in detect("Saken gjelder Kari Nordmann Hansen fra Bergen") if s.type == "name"]
    assert len(spans) == 1
    assert spans[0].kind == "person"


@pytest.mark.parametrize(
    "text",
    [
        "Kan jeg få innsyn i hva dere har lagret?",
        "Hvordan trekker jeg tilbake samtykket?",
        "Jeg bor i Bergen og vil vite om dere deler data med NAV",
        "Hej, hvad gør I med mine oplysninger?",
        "Will you delete my data by Monday?",
        "Kva skjer med opplysningane mine?",
    ],
)
def test_ordinary_questions_have_no_names(text: str) -> None:
    assert "<name>" not in mask(text)


def test_every_detection_has_type_span_and_score() -> None:
    text = "jeg heter Kari og mailen er kari@example.org"
    for span in detect(text):
        assert span.type in {"name", "email", "number", "address"}
        assert 0 <= span.start < span.end <= len(text)
        assert 0 < span.score <= 1
