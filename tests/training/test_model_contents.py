"""What a model and a training export may contain: no personal tokens, no quasi-identifiers, no
special categories without review, and no canary a single chat wrote."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot import pii
from bot.config import PROJECT_ROOT, AgeBands
from bot.training.lineage import LineageEntry, line_key, source_id
from bot.training.lines import ChatLine, LineReport, generalise_rare_tokens
from bot.training.model_check import check_model, check_vocabularies
from bot.training.nlu_data import Example
from bot.training.quasi_identifiers import generalise
from bot.training.special_categories import special_categories

SECRET = b"test-secret-key-for-lineage-0123456789"


def lineage_for(examples: list[Example], chats: int) -> dict[str, LineageEntry]:
    return {line_key(e.language, e.text): LineageEntry(line_key(e.language, e.text), e.language,
                                                       frozenset(source_id(SECRET, f"c{i}") for i in range(chats)))
            for e in examples}


def test_the_shipped_model_holds_no_personal_tokens(trained_model: Path) -> None:
    report = check_model(trained_model, PROJECT_ROOT / "data", pii.detect, k=5)
    assert report.entries_checked > 500
    assert report.acceptable, report.summary()
    # Hand-written example addresses are listed for review, masked, never refused.
    assert all(finding.origin == "hand-written" for finding in report.review)
    assert all("@" not in finding.entry for finding in report.review)


def test_a_chat_derived_name_or_rare_word_in_the_vocabulary_refuses_the_model() -> None:
    written = [Example("greet", "nb", "hei der")]
    reviewed = [Example("request_erasure", "nb", "slett alt om meg"),
                Example("request_erasure", "nb", "slett alt om Gunnhildur Tveitaraas i Bergen"),
                Example("request_access", "en", "show me the zyxwq data")]
    lineage = lineage_for(reviewed[:1], chats=6) | lineage_for(reviewed[1:], chats=1)
    vocabulary = {"train_CountVectorsFeaturizer3": {"hei", "der", "slett", "alt", "om", "meg", "gunnhildur",
                                                    "tveitaraas", "zyxwq"}}
    report = check_vocabularies(vocabulary, written, reviewed, lineage, pii.detect, k=5)
    refused = {finding.entry for finding in report.refused}
    assert not report.acceptable
    assert "g********r (10)" in refused and "z***q (5)" in refused
    assert not {"s***t (5)", "m*g (3)"} & refused, "words from k or more chats stay"
    assert all("gunnhildur" not in finding.entry for finding in report.refused), "reported masked"


@pytest.mark.parametrize(("line", "expected"), [
    ("min datter er 14, kan hun samtykke selv?", "min datter er <age_young_teen>, kan hun samtykke selv?"),
    ("sønnen min på 11 år vil slette bildene", "sønnen min på <age_child> år vil slette bildene"),
    ("my daughter is 16, does she need me?", "my daughter is <age_older_teen>, does she need me?"),
    ("eg er 17 år og vil trekkje samtykket", "eg er <age_older_teen> år og vil trekkje samtykket"),
    ("jeg bor på 0150 Oslo og vil ha innsyn", "jeg bor på <postcode> Oslo og vil ha innsyn"),
    ("mit postnummer er 8000 og jeg vil klage", "mit postnummer er <postcode> og jeg vil klage"),
    ("filmingen var 14.03.2026 på skolen", "filmingen var <date> på skolen"),
    ("I sent it on March 3rd 2026", "I sent it on <date>"),
    ("det tar 30 dager og koster 0 kr", "det tar 30 dager og koster 0 kr"),
    ("jeg har 3 barn i klassen", "jeg har 3 barn i klassen"),
])
def test_ages_become_bands_and_postcodes_and_dates_become_tokens(line: str, expected: str) -> None:
    assert generalise(line, AgeBands())[0] == expected


def test_age_bands_follow_the_deployments_age_rules() -> None:
    danish = AgeBands(guardian_only_below=13, joint_below=15, adult_from=18)
    assert generalise("han er 15", danish)[0] == "han er <age_older_teen>"
    assert generalise("han er 15", AgeBands())[0] == "han er <age_young_teen>"


SPECIAL = [  # (line, category) in four languages: our own test lines, not the word list's entries
    ("min sønn har diabetes, kan skolen lagre det?", "health"),
    ("eg har fått ein diagnose og vil sjå journalen", "health"),
    ("min datter er indlagt på sygehuset", "health"),
    ("my son takes medication for ADHD", "health"),
    ("jeg går til psykolog for angst", "health"),
    ("han er sjukmeldt og vil ha innsyn", "health"),
    ("I was treated for cancer last year", "health"),
    ("hun er gravid og vil slette bildene", "health"),
    ("vi er muslimer og vil ikke at barna filmes", "religion"),
    ("eg er kristen og lurer på samtykke", "religion"),
    ("vi er jøder, må skolen vite det?", "religion"),
    ("my family is Hindu", "religion"),
    ("de registrerte at jeg er ateist", "religion"),
    ("barnet er samisk og vi vil ha innsyn", "ethnicity"),
    ("they wrote down my ethnic background", "ethnicity"),
    ("vi er flyktninger fra Syria", "ethnicity"),
    ("jeg er innvandrer og vil klage", "ethnicity"),
    ("jeg er homofil og vil ikke at det lagres", "sexual_orientation"),
    ("min datter er lesbisk", "sexual_orientation"),
    ("I am bisexual and want it deleted", "sexual_orientation"),
    ("han er transperson", "sexual_orientation"),
    ("jeg er med i fagforeningen", "trade_union"),
    ("eg er tillitsvald på jobben", "trade_union"),
    ("I am a trade union member", "trade_union"),
    ("jeg er partimedlem og vil ikke lagres", "political_opinion"),
    ("my political views were in the file", "political_opinion"),
    ("de tok fingeravtrykk av meg", "genetic_biometric"),
    ("skolen bruker ansiktsgjenkjenning", "genetic_biometric"),
    ("they ran a DNA test", "genetic_biometric"),
    ("jeg har en allergi og barnehagen lagret det", "health"),
]
ORDINARY = ["jeg vil slette kontoen min", "hvor lenge lagrer dere chatten", "kan jeg trekke samtykket",
            "I want a copy of my data", "jeg vil gerne have indsigt", "eg vil ha innsyn i saka mi",
            "the same answer again please", "jeg tror ikke det stemmer", "hvem er personvernombudet",
            "can my daughter agree to photos", "slet venligst mine oplysninger", "hva koster det"]


def test_special_category_lines_are_recognised_at_95_percent_and_ordinary_ones_pass() -> None:
    found = [category in special_categories(line) for line, category in SPECIAL]
    recall = sum(found) / len(found)
    assert recall >= 0.95, [line for (line, _), hit in zip(SPECIAL, found, strict=True) if not hit]
    assert [line for line in ORDINARY if special_categories(line)] == []


def test_a_canary_written_in_one_chat_never_reaches_the_training_lines() -> None:
    # Memorisation starts with the data: a unique token from one chat is generalised before any model sees it.
    lines = [ChatLine(f"chat-{i}", "nb", "jeg vil slette dataene mine") for i in range(6)]
    canaries = [ChatLine("canary-1", "nb", "jeg vil slette dataene mine qzxcanaryvern"),
                ChatLine("canary-2", "en", "delete my data vernkanarifugl please")]
    out = generalise_rare_tokens(lines + canaries, vocabulary=set(), k=5, report=LineReport())
    text = " ".join(line.text for line in out)
    assert "qzxcanaryvern" not in text and "vernkanarifugl" not in text
    assert "<rare>" in text
