"""Names that no list knows, found by where they stand: after a role, in a list with a person, as the one who
speaks, with an age in brackets, as a transcript's speaker, or as the display name of a pasted mail header."""

from __future__ import annotations

import pytest

from bot.pii import mask


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Det bekrefter økonomisjef Trondsvik overfor avisen.", "Det bekrefter økonomisjef <name> overfor avisen."),
        ("No seier KS-direktør Vassbotn at fristen står.", "No seier KS-direktør <name> at fristen står."),
        ("- Vi er nøgde, seier pappa Brekkhus.", "- Vi er nøgde, seier pappa <name>."),
        ("The form was signed by the teacher Okwuosa.", "The form was signed by the teacher <name>."),
        # the people a chat about data names: neighbours, landlords, caseworkers, colleagues
        ("My neighbour Włodzimierz Szczęsnowicz filmed my kids", "My neighbour <name> filmed my kids"),
        ("naboen Bożena Wrzosek filmer barna våre", "naboen <name> filmer barna våre"),
        ("sagsbehandleren Jytte Brøndumsgaard svarede aldrig", "sagsbehandleren <name> svarede aldrig"),
        ("kollegaen min Thulasi Ragunathan delte bildet", "kollegaen min <name> delte bildet"),
    ],
)
def test_a_role_word_before_an_unknown_surname_makes_it_a_name(text: str, expected: str) -> None:
    assert mask(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Møtet ble ledet av Kari Nordmann, Aasmul og Ingebrigtsli i fellesskap.",
            "Møtet ble ledet av <name>, <name> og <name> i fellesskap.",
        ),
        ("Both Hannah Schultz and Wrzesniewski signed the letter.", "Both <name> and <name> signed the letter."),
        ("i think tobias and i will come on friday", "i think <name> and i will come on friday"),
    ],
)
def test_who_is_listed_with_a_person_is_a_person(text: str, expected: str) -> None:
    assert mask(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Høyre, KrF og Venstre la fram et felles forslag.",
        "Vi har kontor i Tromsø, Bodø og Kirkenes.",
        "Kari Nordmann og Lånekassen-saken ble diskutert.",
        "Skal jeg og i Oslo kommune søke samtidig?",
    ],
)
def test_lists_of_parties_places_and_things_stay(text: str) -> None:
    assert mask(text).count("<name>") == text.count("Kari Nordmann")


def test_who_speaks_last_in_the_clause_is_a_person_even_when_the_name_is_also_a_word() -> None:
    assert mask("Det blir ingen endring i år, sa Haugen.") == "Det blir ingen endring i år, sa <name>."
    assert mask("Fristen er ute, fortalde Fjell.") == "Fristen er ute, fortalde <name>."


def test_a_newspaper_or_an_agency_that_speaks_is_no_person() -> None:
    for text in ("- Det er bra, skriver Aftenposten.", "– Saken er avsluttet, melder NTB."):
        assert mask(text) == text


def test_an_age_in_brackets_or_a_verb_of_saying_introduces_a_person() -> None:
    assert mask("Tahmina (31) fikk svar etter to uker.") == "<name> (31) fikk svar etter to uker."
    assert mask("Christophersen mener at saken er klar.") == "<name> mener at saken er klar."
    assert mask("Oyelaran told the committee that it was late.") == "<name> told the committee that it was late."


def test_definite_nouns_and_headings_in_those_places_stay() -> None:
    for text in ("Vaktsjefen skriver i rapporten at alt var rolig.", "Hockeyutstyr:", "Saksbehandleren sier nei."):
        assert mask(text) == text


def test_a_transcripts_speaker_label_is_a_name() -> None:
    assert mask("Solveig:") == "<name>:"
    assert mask("Ingrid: ja, det stemmer") == "<name>: ja, det stemmer"


def test_initials_and_a_first_name_that_is_also_a_word_join_the_name() -> None:
    assert mask("Per Hallingstad ble valgt.") == "<name> ble valgt."
    assert mask("Signed: Jonathan R Whitcombe") == "Signed: <name>"
    assert mask("H. C. Lindqvist var der.") == "<name> var der."
    assert mask("Ring A.K. Strandvik i morgen.") == "Ring <name> i morgen."


def test_the_display_name_of_a_pasted_mail_header_is_a_name() -> None:
    assert mask('From: "Strandvik, Ola" <ola@example.no>') == 'From: "<name>" <<email>>'
    assert mask('"Ms Adaeze Nwosu"<adaeze@example.com> wrote:') == '"<name>"<<email>> wrote:'


@pytest.mark.parametrize("text", ["can we speak English?", "Do you speak French", "Engelsk er greit for meg."])
def test_a_language_asked_for_is_no_name_even_where_it_is_a_surname(text: str) -> None:
    assert mask(text) == text


@pytest.mark.parametrize(
    "text",
    [
        "Visma sier at dataene er slettet.",
        "Spond har bilder av barnet mitt.",
        "hvordan sletter jeg data fra Spond og Vigilo?",
        "Microsoft says my data is deleted.",
        "- Vi har rettet feilen, skriver Telenor.",
    ],
)
def test_the_apps_and_agencies_a_chat_about_data_names_are_no_people(text: str) -> None:
    assert mask(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I met Sanjay Chatterjee at the office", "I met <name> at the office"),
        ("our landlord Sanjay Gupta", "our landlord <name>"),
        ("my colleague Chidera Okonkwo-Eze shared the photo", "my colleague <name> shared the photo"),
        # two capitalised words in a row, each spelled like a name, or the tagger sure of one beside the other
        ("I talked to Anand Subramaniam today", "I talked to <name> today"),
        ("then Tarun Sethi wrote back", "then <name> wrote back"),
    ],
)
def test_a_first_name_the_lists_lack_goes_with_its_surname(text: str, expected: str) -> None:
    assert mask(text) == expected


@pytest.mark.parametrize("text", ["we use Nokia Lumia phones", "the Blade Runner film", "my Apple Watch broke",
                                  "we flew from Bergen Airport", "she moved to Lund Sweden"])
def test_two_capitalised_words_of_things_stay(text: str) -> None:
    assert mask(text) == text
