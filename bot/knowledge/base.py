"""The controller's knowledge base (knowledge.yml): loaded once, checked completely at start.

The file holds the controller's own facts and the answers to the questions in
data/nlu/faq.yml, in every language Vern speaks. Facts that already live in
their own files (the retention policy, the consent purposes, the age bands)
are read from there (bot.knowledge.facts), never restated. A file that leaves
an answer out in one language, or uses a {placeholder} no fact fills, stops
Vern at start with a `KnowledgeError` naming the key: a gap found by a citizen
in the chat is found too late.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bot.config import SUPPORTED_LANGUAGES

DEFAULT_KNOWLEDGE_FILE = Path(__file__).resolve().parent / "knowledge.yml"
AUTHORITY_FIELDS = ("name", "address", "complaint_url")
# The age bands of bot.consent.ages.ConsentRule, by value.
AGE_RULES = ("guardian_only", "child_and_guardian", "child_guardian_informed", "self")
# Placeholders filled per answer, not from the facts.
PER_ANSWER = {"age_rules": frozenset({"age"})}


class KnowledgeError(Exception):
    """knowledge.yml cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class KnowledgeBase:
    facts: Mapping[str, str]  # placeholder -> value, the same in every language
    language_facts: Mapping[str, Mapping[str, str]]  # language -> placeholder -> value in that language
    answers: Mapping[str, Mapping[str, str]]  # topic -> language -> template
    age_rules: Mapping[str, Mapping[str, str]]  # ConsentRule value -> language -> template
    source: str

    def has_answer(self, topic: str) -> bool:
        return topic in self.answers

    def _values(self, language: str) -> dict[str, str]:
        return {**self.facts, **self.language_facts.get(language, {})}

    def answer(self, topic: str, language: str) -> str:
        return self.answers[topic][language].format_map(self._values(language))

    def age_answer(self, rule: str, age: int, language: str) -> str:
        return self.age_rules[rule][language].format_map({**self._values(language), "age": str(age)})


def _text(document: Mapping[str, Any], key: str, where: str) -> str:
    value = document.get(key) if isinstance(document, Mapping) else None
    if not isinstance(value, (str, int)) or not str(value).strip():
        raise KnowledgeError(f"{where}: `{key}` is missing or empty")
    return str(value).strip()


def _section(document: Mapping[str, Any], key: str, where: str) -> Mapping[str, Any]:
    value = document.get(key)
    if not isinstance(value, Mapping) or not value:
        raise KnowledgeError(f"{where}: `{key}` is missing or not a mapping")
    return value


def own_facts(document: Mapping[str, Any], where: str) -> dict[str, str]:
    """The controller's facts from the file: controller, DPO and the authority of its country."""
    controller = _section(document, "controller", where)
    dpo = _section(document, "dpo", where)
    country = _text(document, "country", where)
    authorities = _section(document, "authorities", where)
    if country not in authorities:
        raise KnowledgeError(f"{where}: `authorities.{country}` is missing (the authority of `country`)")
    authority = authorities[country]
    facts = {
        "controller_name": _text(controller, "name", f"{where}: controller"),
        "controller_address": _text(controller, "address", f"{where}: controller"),
        "privacy_url": _text(controller, "privacy_url", f"{where}: controller"),
        "dpo_name": _text(dpo, "name", f"{where}: dpo"),
        "dpo_contact": _text(dpo, "contact", f"{where}: dpo"),
    }
    for field in AUTHORITY_FIELDS:
        facts[f"authority_{field}"] = _text(authority, field, f"{where}: authorities.{country}")
    return facts


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def _templates(
    section: Mapping[str, Any], name: str, known: frozenset[str], where: str
) -> dict[str, dict[str, str]]:
    checked: dict[str, dict[str, str]] = {}
    for topic, texts in section.items():
        key = f"{name}.{topic}"
        if not isinstance(texts, Mapping):
            raise KnowledgeError(f"{where}: `{key}` must give a text per language")
        checked[str(topic)] = {}
        for language in SUPPORTED_LANGUAGES:
            text = _text(texts, language, f"{where}: {key}")
            try:
                unknown = _placeholders(text) - known
            except ValueError as error:
                raise KnowledgeError(f"{where}: `{key}.{language}` has a broken placeholder ({error})") from None
            if unknown:
                raise KnowledgeError(
                    f"{where}: `{key}.{language}` uses {{{sorted(unknown)[0]}}}, which no fact fills"
                )
            checked[str(topic)][language] = text
    return checked


def parse_knowledge(
    document: Any,
    derived: Mapping[str, str],
    derived_by_language: Mapping[str, Mapping[str, str]] | None = None,
    required_topics: tuple[str, ...] = (),
    source: str = "<memory>",
) -> KnowledgeBase:
    """Check the whole document against the facts it may use; `derived*` are the facts read elsewhere."""
    where = source
    if not isinstance(document, Mapping):
        raise KnowledgeError(f"{where}: not a YAML mapping")
    facts = {**derived, **own_facts(document, where)}
    by_language = dict(derived_by_language or {})
    in_every_language = set.intersection(*(set(by_language.get(lang, {})) for lang in SUPPORTED_LANGUAGES))
    known = frozenset(facts) | frozenset(in_every_language)
    answers = _templates(_section(document, "answers", where), "answers", known, where)
    for topic in required_topics:
        if topic not in answers:
            raise KnowledgeError(f"{where}: `answers.{topic}` is missing")
    rules_section = _section(document, "age_rules", where)
    for rule in AGE_RULES:
        if rule not in rules_section:
            raise KnowledgeError(f"{where}: `age_rules.{rule}` is missing")
    age_rules = _templates(rules_section, "age_rules", known | PER_ANSWER["age_rules"], where)
    return KnowledgeBase(facts, by_language, answers, age_rules, source)


def read_document(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise KnowledgeError(f"{path}: cannot be read ({error.strerror})") from None
    except yaml.YAMLError as error:
        raise KnowledgeError(f"{path}: is not valid YAML ({error})") from None
