"""The controller's knowledge base: complete in four languages, facts read from their own files."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from bot.config import SUPPORTED_LANGUAGES, load_settings
from bot.knowledge import REQUIRED_TOPICS, KnowledgeError, load_knowledge
from bot.knowledge.base import DEFAULT_KNOWLEDGE_FILE
from bot.rasa_adapter.action_server import check_knowledge

SENTENCE_END = re.compile(r"[.!?](?:\s|$)")
LINK = re.compile(r"https?://")


@pytest.fixture
def settings(tmp_path: Path):
    return load_settings({"VERN_ENV": "test", "VERN_VAR_DIR": str(tmp_path)})


def _edited(tmp_path: Path, change) -> Path:
    document = yaml.safe_load(DEFAULT_KNOWLEDGE_FILE.read_text(encoding="utf-8"))
    change(document)
    path = tmp_path / "knowledge.yml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    return path


def test_every_shipped_answer_is_short_and_complete_in_every_language(settings) -> None:
    knowledge = load_knowledge(settings)
    for topic in REQUIRED_TOPICS:
        for language in SUPPORTED_LANGUAGES:
            text = knowledge.answer(topic, language)
            assert "{" not in text, (topic, language)
            # Art. 12(1) plain language: at most three sentences and one link (a link's dots are not ends).
            assert len(SENTENCE_END.findall(LINK.sub("LINK", text))) <= 3, (topic, language, text)
            assert len(LINK.findall(text)) <= 1, (topic, language)


def test_a_missing_language_stops_the_start_with_the_key_named(settings, tmp_path: Path) -> None:
    path = _edited(tmp_path, lambda doc: doc["answers"]["complaint"].pop("nn"))
    with pytest.raises(KnowledgeError, match=r"answers\.complaint.*`nn`"):
        load_knowledge(settings, path)
    with pytest.raises(SystemExit, match="answers.complaint"):
        check_knowledge(replace(settings, knowledge_file=path))


def test_a_placeholder_no_fact_fills_is_named(settings, tmp_path: Path) -> None:
    def add(doc):
        doc["answers"]["cost"]["da"] += " Ring {dpo_phone}."
    with pytest.raises(KnowledgeError, match=r"answers\.cost\.da.*dpo_phone"):
        load_knowledge(settings, _edited(tmp_path, add))


def test_a_missing_shipped_topic_is_named(settings, tmp_path: Path) -> None:
    path = _edited(tmp_path, lambda doc: doc["answers"].pop("identity_check"))
    with pytest.raises(KnowledgeError, match=r"answers\.identity_check"):
        load_knowledge(settings, path)


def test_norway_and_denmark_have_their_own_authority(settings, tmp_path: Path) -> None:
    norway = load_knowledge(settings).answer("complaint", "nb")
    assert "https://www.datatilsynet.no/" in norway and "Oslo" in norway

    def to_denmark(doc):
        doc["country"] = "dk"
    denmark = load_knowledge(settings, _edited(tmp_path, to_denmark)).answer("complaint", "da")
    assert "https://www.datatilsynet.dk/" in denmark and "Valby" in denmark


def test_an_unknown_country_is_named(settings, tmp_path: Path) -> None:
    def to_sweden(doc):
        doc["country"] = "se"
    with pytest.raises(KnowledgeError, match=r"authorities\.se"):
        load_knowledge(settings, _edited(tmp_path, to_sweden))


def test_masking_and_keeping_come_from_the_loaded_retention_policy(settings, tmp_path: Path) -> None:
    policy = yaml.safe_load(Path("bot/retention/policy.yml").read_text(encoding="utf-8"))
    for rule in policy["rules"]:
        if rule["applies_to"] == "bot_chat":
            rule["after"] = "10m"
        if rule["applies_to"] == "masked_bot_chat":
            rule["after"] = "180d"
    path = tmp_path / "policy.yml"
    path.write_text(yaml.safe_dump(policy), encoding="utf-8")
    answer = load_knowledge(replace(settings, retention_policy_file=path)).answer("chat_data", "en")
    assert "Within 10 minutes" in answer and "180 days" in answer


def test_purposes_are_read_from_the_purposes_file(settings) -> None:
    facts = load_knowledge(settings).language_facts["nn"]
    assert "Trene assistenten på maskerte samtalar (1 år)" in facts["purposes"]
