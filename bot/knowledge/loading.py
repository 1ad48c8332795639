"""Builds the knowledge base from knowledge.yml and the files its facts come from, once per process."""

from __future__ import annotations

from pathlib import Path

from bot.config import Settings
from bot.consent.purposes import PurposeError, load_purposes
from bot.knowledge.base import KnowledgeBase, KnowledgeError, parse_knowledge, read_document
from bot.knowledge.facts import MissingPolicyRule, age_facts, purpose_facts, retention_facts
from bot.retention.errors import PolicyError
from bot.retention.policy import load_policy

# The topics of data/nlu/faq.yml that Vern ships: each needs an answer in knowledge.yml.
# A topic an admin adds may instead be answered by an `utter_faq/<topic>` response in domain.yml.
REQUIRED_TOPICS = (
    "complaint",
    "answer_time",
    "chat_data",
    "chat_training",
    "chat_training_consent",
    "personal_data",
    "controller_dpo",
    "cost",
    "identity_check",
    "human",
    "parent_rights",
    "minors_consent",
)


def load_knowledge(settings: Settings, path: Path | None = None) -> KnowledgeBase:
    """The checked knowledge base, or a KnowledgeError naming the file and key."""
    source = path or settings.knowledge_file
    try:
        derived = {**retention_facts(load_policy(settings.retention_policy_file)),
                   **age_facts(settings.age_bands, settings.guardian_acts_below)}
        by_language = purpose_facts(load_purposes(settings.consent_purposes_file))
    except (PolicyError, PurposeError, MissingPolicyRule) as error:
        raise KnowledgeError(f"{source}: a fact it reads is unavailable ({error})") from None
    return parse_knowledge(read_document(source), derived, by_language, REQUIRED_TOPICS, str(source))
