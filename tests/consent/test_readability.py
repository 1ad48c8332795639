"""Words for the age (issue 17 item 4): every child and young-person text is measured, in every language.

Every purpose in the shipped purposes file must have a child and a young-person version; the whole notice as
shown (and hashed) must read at LIX <= 35 (nb, nn, da) or Flesch-Kincaid grade <= 7 (en) for a child under 13,
and LIX <= 40 or FK grade <= 8 for 13-17; so must every `@child` and `@young` line of the consent dialogue. Each
text is its own test case, so a failure names the purpose or line and the language. A new purpose without
readable versions, or a new child line without a young one, fails here."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from bot.config import SUPPORTED_LANGUAGES, AgeBands
from bot.consent.ages import ConsentRule, audience_for, guardian_audience, rule_for
from bot.consent.purposes import AUDIENCES, DEFAULT_FILE, load_purposes, notice_hash, notice_text
from bot.consent.readability import LIMITS_FOR, flesch_kincaid_grade, lix, score, syllables
from bot.consent.readability_report import Measured, report, texts_for
from bot.i18n import MESSAGES, for_age
from bot.i18n.ages import CHILD_ONLY

PURPOSES = load_purposes(DEFAULT_FILE)
MEASURED = [(audience, text) for audience in ("child", "young") for text in texts_for(audience, PURPOSES)]
CHILD_LINES = sorted(key for key in MESSAGES if key.endswith("@child"))
YOUNG_LINES = sorted(key for key in MESSAGES if key.endswith("@young"))


@pytest.mark.parametrize(("audience", "measured"), MEASURED,
                         ids=[f"{audience}-{m.name}-{m.language}" for audience, m in MEASURED])
def test_every_child_and_young_text_is_readable(audience: str, measured: Measured) -> None:
    limit = LIMITS_FOR[audience][measured.language]
    measure = "FK grade" if measured.language == "en" else "LIX"
    assert measured.score <= limit, (
        f"{measured.name} ({measured.language}, {audience} version) is too hard: {measure} {measured.score:.1f} > "
        f"{limit:g}:\n{measured.text}")


def test_everything_is_measured() -> None:
    names = {m.name for _, m in MEASURED}
    assert {f"notice {pid}" for pid in PURPOSES} <= names
    assert set(CHILD_LINES) | set(YOUNG_LINES) <= names
    assert len(MEASURED) == 2 * len(PURPOSES) * 4 + (len(CHILD_LINES) + len(YOUNG_LINES)) * 4


@pytest.mark.parametrize("purpose_id", sorted(PURPOSES))
def test_every_purpose_has_a_child_and_a_young_version(purpose_id: str) -> None:
    purpose = PURPOSES[purpose_id]
    child = set(purpose.versions.get("child", {}))
    assert {"title", "description"} <= child, f"{purpose_id}: no child title and description in purposes.yml"
    assert "description" in purpose.versions.get("young", {}), f"{purpose_id}: no young description in purposes.yml"
    for language in SUPPORTED_LANGUAGES:
        texts = {audience: notice_text(purpose, language, audience) for audience in AUDIENCES}
        assert len(set(texts.values())) == 3, f"{purpose_id} ({language}): each age has words of its own"


def test_every_child_line_has_a_young_line_unless_no_young_person_can_meet_it() -> None:
    without = {key.removesuffix("@child") for key in CHILD_LINES} - {key.removesuffix("@young") for key in YOUNG_LINES}
    assert without == CHILD_ONLY, f"child lines without a young version: {sorted(without - CHILD_ONLY)}"
    # The child-only lines are said when the guardian alone decides, and that is exactly the child band, for any
    # configured bands: no 13-17-year-old meets them.
    for bands in (AgeBands(), AgeBands(guardian_only_below=15, joint_below=16, adult_from=18),
                  AgeBands(guardian_only_below=13, joint_below=15, adult_from=18)):
        for age in range(0, 25):
            assert (rule_for(age, bands) is ConsentRule.GUARDIAN_ONLY) == (audience_for(age, bands) == "child")


@pytest.mark.parametrize("key", CHILD_LINES + YOUNG_LINES)
def test_every_version_is_its_own_and_fits_the_callers_values(key: str) -> None:
    adult = key.split("@")[0]
    assert adult in MESSAGES, f"{key}: no adult line {adult}"
    assert set(MESSAGES[key]) == set(SUPPORTED_LANGUAGES), f"{key}: a text in each of nb, nn, da and en"
    for language in SUPPORTED_LANGUAGES:
        text, adult_text = MESSAGES[key][language], MESSAGES[adult][language]
        assert text != adult_text, f"{key} ({language}) is the adult line unchanged"
        # The caller fills the adult line's placeholders: a version may use those, no others.
        used = {name for _, name, _, _ in string.Formatter().parse(text) if name}
        given = {name for _, name, _, _ in string.Formatter().parse(adult_text) if name}
        assert used <= given, f"{key} ({language}) needs {sorted(used - given)}, which the caller does not give"


def test_the_dialogue_picks_the_version_for_the_age() -> None:
    for key in ("consent_ask_agree", "consent_rule_guardian_only", "consent_not_given", "consent_needs_guardian_only"):
        assert for_age(key, "child") == f"{key}@child"
    for key in ("consent_ask_agree", "consent_not_given", "consent_rule_joint", "consent_rule_informed",
                "consent_needs_guardian_joint", "guardian_approved_child", "guardian_link_web"):
        assert for_age(key, "young") == f"{key}@young"
        assert for_age(key, "adult") == for_age(key, None) == key
    assert for_age("consent_given", "child") == "consent_given"  # no child line: the adult one
    assert for_age("guardian_approved", "child") == "guardian_approved"  # "_child": told to the child's chat
    assert for_age("guardian_approved_child", "child") == "guardian_approved_child@child"


VOLUNTARY = {"nb": r"frivillig", "nn": r"frivillig", "da": r"frivillig", "en": r"voluntary|your choice"}
WITHDRAW = {"nb": r"trekke .*tilbake|ta det tilbake", "nn": r"trekkje .*tilbake|ta det tilbake",
            "da": r"trække .*tilbage|tage det tilbage", "en": r"withdraw|take it back"}
COACH_TEACHER = {"nb": ("trener", "lærer"), "nn": ("trenar", "lærar"), "da": ("træner", "lærer"),
                 "en": ("coach", "teacher")}


@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
def test_young_words_are_honest_about_their_rights(language: str) -> None:
    for purpose in PURPOSES.values():
        text = notice_text(purpose, language, "young")
        assert re.search(VOLUNTARY[language], text), (purpose.id, language, "voluntary")
        assert re.search(WITHDRAW[language], text), (purpose.id, language, "withdrawable at any time")
    ask = MESSAGES["consent_ask_agree@young"][language]
    assert re.search(VOLUNTARY[language], ask) and re.search(WITHDRAW[language], ask)
    assert all(word in ask for word in COACH_TEACHER[language]), "a coach or teacher cannot require it"
    bands = AgeBands()
    joint = MESSAGES["consent_rule_joint@young"][language].format(low=bands.guardian_only_below,
                                                                  high=bands.joint_below - 1)
    informed = MESSAGES["consent_rule_informed@young"][language].format(low=bands.joint_below,
                                                                        high=bands.adult_from - 1)
    assert "13" in joint and "15" in joint and "16" in informed and "17" in informed


def test_child_notices_avoid_unexplained_legal_words() -> None:
    legal = re.compile(r"samtykk|behandl|personopplysning|personoplysning|consent|processing|personal data", re.I)
    for purpose in PURPOSES.values():
        for language in SUPPORTED_LANGUAGES:
            assert not legal.search(notice_text(purpose, language, "child")), (purpose.id, language)


# Bokmål (or Norwegian) forms that real nynorsk (or Danish) does not use: a text "translated" by swapping a few
# words gives itself away with these.
NOT_NYNORSK = {"ikke", "jeg", "hva", "hvordan", "hvem", "være", "bare", "noe", "dere", "hvis", "skolen", "helsen",
               "treneren", "samtalene", "lenken", "vergen", "foreldrene", "kommer"}
NOT_DANISH = {"ikkje", "eg", "kva", "hva", "noe", "nå", "foreldre", "verge", "vergen", "lenke", "lenken", "dere",
              "skjer", "deg", "meg", "sier", "gjøre", "helsen", "skolens"}


@pytest.mark.parametrize(("language", "forbidden"), [("nn", NOT_NYNORSK), ("da", NOT_DANISH)])
def test_nynorsk_and_danish_are_their_own_languages(language: str, forbidden: set[str]) -> None:
    for audience in ("child", "young", "adult"):
        for measured in texts_for(audience, PURPOSES):
            if measured.language != language:
                continue
            words = set(re.findall(r"[a-zæøåé]+", measured.text.casefold()))
            assert not words & forbidden, f"{measured.name} ({language}, {audience}): {sorted(words & forbidden)}"


def test_versions_differ_and_each_hashes_what_it_shows() -> None:
    purpose = PURPOSES["training-videos"]
    texts = {audience: notice_text(purpose, "nn", audience) for audience in AUDIENCES}
    assert len(set(texts.values())) == 3
    assert len({notice_hash(purpose, "nn", audience) for audience in AUDIENCES}) == 3
    assert "Du kan seie nei seinare" in texts["child"]  # nynorsk, not bokmål
    assert "Å samtykkje tyder å seie ja til dette" in texts["young"]


def test_the_age_picks_the_version() -> None:
    bands = AgeBands()
    assert [audience_for(age, bands) for age in (8, 12, 13, 15, 17, 18, 40)] == [
        "child", "child", "young", "young", "young", "adult", "adult"]
    assert guardian_audience("child") == "child"
    assert guardian_audience("young") == guardian_audience(None) == "adult"


def test_the_report_has_every_version_and_language_and_the_doc_quotes_todays() -> None:
    table = report()
    for audience in ("child", "young", "adult"):
        for language in SUPPORTED_LANGUAGES:
            assert f"| {audience} | {language} |" in table
    assert table in Path("docs/consent.md").read_text(encoding="utf-8"), (
        "docs/consent.md quotes other figures: paste `python -m bot.consent.readability_report` into it")


def test_the_measures_on_known_texts() -> None:
    # LIX: 5 words, 2 sentences, 1 long word ("Huskatten") -> 2.5 + 100/5.
    assert lix("Huskatten sover. Den er grå.") == pytest.approx(2.5 + 100 / 5)
    # FK: "The cat sat. It was red." 6 words, 2 sentences, 6 syllables -> 0.39*3 + 11.8 - 15.59.
    assert flesch_kincaid_grade("The cat sat. It was red.") == pytest.approx(0.39 * 3 + 11.8 - 15.59)
    counted = [syllables(w) for w in ("make", "table", "understand", "names", "video", "people", "guardian")]
    assert counted == [1, 2, 3, 1, 3, 2, 3]
    hard = ("Notwithstanding the aforementioned considerations, the organisation's processing activities "
            "necessitate comprehensive documentation.")
    assert flesch_kincaid_grade(hard) > 7
    assert score(hard, "en") == flesch_kincaid_grade(hard)
