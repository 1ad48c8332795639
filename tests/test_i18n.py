"""Every word Vern says exists in nb, nn, da and en."""

from __future__ import annotations

import re

import pytest
import yaml

from bot.config import PROJECT_ROOT, SUPPORTED_LANGUAGES
from bot.i18n import MESSAGES, translate

KNOWN_SLOTS = {"controller_name", "controller_contact"}
# The console ships in CONSOLE_LANGUAGES only (tests/i18n/test_console_language.py checks those).
CHAT_KEYS = sorted(key for key in MESSAGES if not key.startswith("console_"))
# Words that are the same in all four: the name, and loanwords every language uses.
SAME_EVERYWHERE = {"Vern", "Send", "Status"}


@pytest.mark.parametrize("key", CHAT_KEYS)
def test_catalog_entries_have_every_language(key: str) -> None:
    assert set(MESSAGES[key]) == set(SUPPORTED_LANGUAGES)
    placeholders = {name for text in MESSAGES[key].values() for name in re.findall(r"\{(\w+)\}", text)}
    values = {name: "2000" for name in placeholders}
    texts = {lang: translate(key, lang, **values) for lang in SUPPORTED_LANGUAGES}
    assert all(text.strip() for text in texts.values())
    # Nordic languages may share a word ("registrert"); English never copies Norwegian.
    has_words = any(c.isalpha() for c in re.sub(r"\{\w+\}", "", MESSAGES[key]["en"]))
    same_word = texts["en"] in SAME_EVERYWHERE
    assert texts["en"] != texts["nb"] or not has_words or same_word, "the English text is not translated"


def test_every_domain_response_has_one_variation_per_language() -> None:
    domain = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))
    for name, variations in domain["responses"].items():
        languages = [
            c["value"] for v in variations for c in (v.get("condition") or []) if c.get("name") == "language"
        ]
        assert sorted(languages) == sorted(SUPPORTED_LANGUAGES), name
        for variation in variations:
            slots = set(re.findall(r"\{(\w+)\}", variation["text"]))
            assert slots <= KNOWN_SLOTS, (name, slots)
