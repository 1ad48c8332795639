"""NLU training data: every intent is covered in every language, and no example is ambiguous.

Reads every file under data/nlu/ with PyYAML only (no Rasa import, no model),
so it runs in a second.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

NLU_DIR = Path(__file__).resolve().parents[1] / "data" / "nlu"

INTENTS_BY_FILE = {
    "basics.yml": (
        "greet",
        "goodbye",
        "affirm",
        "deny",
        "thank",
        "help",
        "out_of_scope",
        "human_handoff",
        "switch_language",
    ),
    "rights.yml": (
        "explain_access",
        "explain_rectification",
        "explain_erasure",
        "explain_restriction",
        "explain_portability",
        "explain_objection",
        "explain_consent",
    ),
    "dsr.yml": (
        "request_access",
        "request_rectification",
        "request_erasure",
        "request_restriction",
        "request_portability",
        "request_objection",
        "ask_status",
        "cancel",
        "ask_progress",
        "resend_code",
        "correct_email",
        "inform",
    ),
    "privacy.yml": ("forget_chat",),
    "consent.yml": ("manage_consents", "give_consent"),
    "faq.yml": (
        "faq/complaint",
        "faq/answer_time",
        "faq/chat_data",
        "faq/chat_training",
        "faq/personal_data",
        "faq/controller_dpo",
        "faq/cost",
        "faq/identity_check",
        "faq/human",
        "faq/parent_rights",
        "faq/minors_consent",
    ),
}
LANGUAGES = ("nb", "nn", "da", "en")
MIN_EXAMPLES = 25
# FAQ topics (retrieval intent `faq`): fewer examples each, since the response selector only tells topics apart.
MIN_FAQ_EXAMPLES = 20


def normalise(text: str) -> str:
    """Compare examples as the classifier sees them: case, spacing and end punctuation do not count."""
    text = re.sub(r"\s+", " ", text.casefold()).strip()
    return text.strip(" ?!.,")


@cache
def load(name: str) -> dict[str, Any]:
    # Parsed once per file (the tests only read it): ~170 cases read the same six files, and PyYAML is slow.
    with open(NLU_DIR / name, encoding="utf-8") as handle:
        document = yaml.safe_load(handle)
    assert isinstance(document, dict), f"{name} is not a YAML mapping"
    return document


def blocks(name: str) -> list[dict[str, Any]]:
    nlu = load(name)["nlu"]
    assert isinstance(nlu, list), f"{name}: `nlu:` must be a list"
    return nlu


def examples(block: dict[str, Any]) -> list[str]:
    """The example texts of one block, from the `examples: |` literal of `- ` lines."""
    raw = block["examples"]
    assert isinstance(raw, str), f"{block['intent']}: examples must be a `|` block of `- ` lines"
    texts = []
    for line in raw.splitlines():
        if not line.strip():
            continue
        assert line.startswith("- "), f"{block['intent']}: example line does not start with '- ': {line!r}"
        text = line[2:].strip()
        assert text, f"{block['intent']}: empty example"
        texts.append(text)
    return texts


def all_blocks() -> list[tuple[str, dict[str, Any]]]:
    return [(name, block) for name in INTENTS_BY_FILE for block in blocks(name)]


@pytest.mark.parametrize("name", sorted(INTENTS_BY_FILE))
def test_file_is_rasa_nlu_yaml(name: str) -> None:
    document = load(name)
    assert str(document.get("version")) == "3.1"
    nlu = document.get("nlu")
    assert isinstance(nlu, list) and nlu, f"{name}: `nlu:` must be a non-empty list"
    for block in nlu:
        assert isinstance(block, dict)
        assert set(block) <= {"intent", "metadata", "examples"}, f"{name}: unexpected keys {sorted(block)}"
        assert isinstance(block.get("intent"), str), f"{name}: every block needs an intent"
        assert isinstance(block.get("metadata"), dict), f"{name}: {block['intent']} has no metadata"
        assert block["metadata"].get("language") in LANGUAGES, f"{name}: {block['intent']} has no known language"
        examples(block)


@pytest.mark.parametrize("name", sorted(INTENTS_BY_FILE))
def test_file_holds_exactly_its_intents_one_block_per_language(name: str) -> None:
    seen = [(block["intent"], block["metadata"]["language"]) for block in blocks(name)]
    assert len(seen) == len(set(seen)), f"{name}: an intent has two blocks for the same language"
    assert set(seen) == {(intent, lang) for intent in INTENTS_BY_FILE[name] for lang in LANGUAGES}


@pytest.mark.parametrize(
    ("intent", "language"),
    [(intent, lang) for intents in INTENTS_BY_FILE.values() for intent in intents for lang in LANGUAGES],
)
def test_every_intent_has_enough_distinct_examples_in_every_language(intent: str, language: str) -> None:
    texts = [
        text
        for _, block in all_blocks()
        if block["intent"] == intent and block["metadata"]["language"] == language
        for text in examples(block)
    ]
    distinct = {normalise(text) for text in texts}
    minimum = MIN_FAQ_EXAMPLES if intent.startswith("faq/") else MIN_EXAMPLES
    assert len(distinct) >= minimum, f"{intent}/{language}: {len(distinct)} distinct examples"


def test_no_example_is_repeated_within_a_block() -> None:
    repeated = []
    for name, block in all_blocks():
        counts: dict[str, int] = defaultdict(int)
        for text in examples(block):
            counts[normalise(text)] += 1
        repeated += [(name, block["intent"], block["metadata"]["language"], t) for t, n in counts.items() if n > 1]
    assert not repeated, repeated


def test_no_example_appears_under_two_intents() -> None:
    intents_of: dict[str, set[str]] = defaultdict(set)
    for _, block in all_blocks():
        for text in examples(block):
            intents_of[normalise(text)].add(block["intent"])
    clashes = {text: sorted(intents) for text, intents in intents_of.items() if len(intents) > 1}
    assert not clashes, clashes
