from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.config import load_settings
from bot.consent.purposes import DEFAULT_FILE, PurposeError, load_purposes, match_purpose, notice_hash, notice_text


def test_the_shipped_purposes_load_with_texts_in_every_language() -> None:
    purposes = load_purposes(DEFAULT_FILE)
    assert {"assistant-training", "newsletter", "training-videos"} <= set(purposes)
    for purpose in purposes.values():
        for language in ("nb", "nn", "da", "en"):
            text = notice_text(purpose, language)
            assert purpose.title[language] in text and purpose.recipients[language] in text
    health = purposes["health-adaptations"]
    assert health.special_category and health.guardian_required_until == 18


def test_the_notice_hash_changes_with_the_version_and_the_language() -> None:
    purpose = load_purposes(DEFAULT_FILE)["newsletter"]
    assert notice_hash(purpose, "nb") != notice_hash(purpose, "en")
    newer = type(purpose)(**{**purpose.__dict__, "version": purpose.version + 1})
    assert notice_hash(newer, "nb") != notice_hash(purpose, "nb")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"legal_basis": "consent"}, "legal_basis"),
        ({"retention": "one year"}, "retention"),
        ({"data_categories": []}, "data_categories"),
        ({"title": {"nb": "x"}}, "title"),
        ({"id": "Bad Id"}, "id"),
        ({"guardian_required_until": 40}, "guardian_required_until"),
    ],
)
def test_a_broken_purpose_is_refused_with_a_message_saying_where(
    tmp_path: Path, change: dict[str, object], message: str
) -> None:
    document = yaml.safe_load(DEFAULT_FILE.read_text(encoding="utf-8"))
    document["purposes"][0].update(change)
    path = tmp_path / "purposes.yml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    with pytest.raises(PurposeError, match=message):
        load_purposes(path)


def test_the_file_comes_from_the_environment(tmp_path: Path) -> None:
    path = tmp_path / "mine.yml"
    document = yaml.safe_load(DEFAULT_FILE.read_text(encoding="utf-8"))
    document["purposes"] = document["purposes"][:1]
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    settings = load_settings({"VERN_VAR_DIR": str(tmp_path), "CONSENT_PURPOSES_FILE": str(path)})
    assert list(load_purposes(settings.consent_purposes_file)) == ["assistant-training"]


@pytest.mark.parametrize(("sentence", "purpose"), [
    ("jeg vil være med på videoopptak av treningen", "training-videos"),
    ("Eg vil vere med på videoopptak", "training-videos"),
    ("meld meg på nyhetsbrevet", "newsletter"),
    ("Jeg vil gerne modtage nyhedsbrevet", "newsletter"),
    ("I want to sign up for the newsletter", "newsletter"),
    ("you may use my chats to train the assistant", "assistant-training"),
    ("newsletter", "newsletter"),
])
def test_a_sentence_finds_the_purpose_it_is_about(sentence: str, purpose: str) -> None:
    assert match_purpose(sentence, load_purposes(DEFAULT_FILE)) == purpose


@pytest.mark.parametrize("sentence", ["jeg vil gi samtykke", "I want to give consent", "", "🙂🙂", "x" * 5000])
def test_a_sentence_without_a_purpose_finds_none(sentence: str) -> None:
    assert match_purpose(sentence, load_purposes(DEFAULT_FILE)) is None
