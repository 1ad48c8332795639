"""Words for the age (issue 17 item 4): every child text is measured, in every language.

Every purpose in the shipped purposes file must have a child version whose whole notice (as shown, and
hashed) reads at LIX <= 35 (nb, nn, da) or Flesch-Kincaid grade <= 7 (en); so must every child line of the
consent dialogue. A new purpose without a readable child version fails here."""

from __future__ import annotations

import re
import string

import pytest

from bot.config import SUPPORTED_LANGUAGES, AgeBands
from bot.consent.ages import audience_for, guardian_audience
from bot.consent.purposes import AUDIENCES, DEFAULT_FILE, load_purposes, notice_hash, notice_text
from bot.consent.readability import LIMITS, flesch_kincaid_grade, lix, score, syllables
from bot.i18n import MESSAGES, for_age

PURPOSES = load_purposes(DEFAULT_FILE)
CHILD_LINES = sorted(key for key in MESSAGES if key.endswith("@child"))
# Placeholders filled as a person would see them (a link and a code read as one word each).
SAMPLE = {"age": "13", "controller": "Vern", "link": "lenke", "code": "ABC123", "bot": "vern", "title": "Vern"}


def _filled(text: str) -> str:
    names = [name for _, name, _, _ in string.Formatter().parse(text) if name]
    return text.format(**{name: SAMPLE.get(name, "x") for name in names})


@pytest.mark.parametrize("purpose_id", sorted(PURPOSES))
@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
def test_every_purpose_has_a_readable_child_notice(purpose_id: str, language: str) -> None:
    purpose = PURPOSES[purpose_id]
    assert "child" in purpose.versions, f"{purpose_id}: no child version in purposes.yml"
    assert {"title", "description"} <= set(purpose.versions["child"]), f"{purpose_id}: child title and description"
    text = notice_text(purpose, language, "child")
    assert score(text, language) <= LIMITS[language], f"{purpose_id} ({language}) too hard for a child:\n{text}"


@pytest.mark.parametrize("key", CHILD_LINES)
@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
def test_every_child_dialogue_line_is_readable(key: str, language: str) -> None:
    text = _filled(MESSAGES[key][language])
    assert score(text, language) <= LIMITS[language], f"{key} ({language}) too hard for a child:\n{text}"


def test_the_dialogue_has_child_lines_for_its_questions() -> None:
    for key in ("consent_ask_agree", "consent_rule_guardian_only", "consent_not_given", "consent_needs_guardian_only"):
        assert for_age(key, "child") == f"{key}@child"
    assert for_age("consent_ask_agree", "adult") == "consent_ask_agree"
    assert for_age("consent_given", "child") == "consent_given"  # no child line: the adult one
    assert for_age("guardian_approved", "child") == "guardian_approved"  # "_child": told to the child's chat
    assert for_age("guardian_approved_child", "child") == "guardian_approved_child@child"


def test_child_notices_avoid_unexplained_legal_words() -> None:
    legal = re.compile(r"samtykk|behandl|personopplysning|personoplysning|consent|processing|personal data", re.I)
    for purpose in PURPOSES.values():
        for language in SUPPORTED_LANGUAGES:
            assert not legal.search(notice_text(purpose, language, "child")), (purpose.id, language)


def test_versions_differ_and_each_hashes_what_it_shows() -> None:
    purpose = PURPOSES["training-videos"]
    texts = {audience: notice_text(purpose, "nn", audience) for audience in AUDIENCES}
    assert len(set(texts.values())) == 3
    assert len({notice_hash(purpose, "nn", audience) for audience in AUDIENCES}) == 3
    assert "Du kan seie nei seinare" in texts["child"]  # nynorsk, not bokmål


def test_the_age_picks_the_version() -> None:
    bands = AgeBands()
    assert [audience_for(age, bands) for age in (8, 12, 13, 15, 17, 18, 40)] == [
        "child", "child", "young", "young", "young", "adult", "adult"]
    assert guardian_audience("child") == "child"
    assert guardian_audience("young") == guardian_audience(None) == "adult"


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
