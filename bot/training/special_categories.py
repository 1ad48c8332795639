"""Special categories of personal data (GDPR Art. 9(1)) in a training line: withheld until reviewed.

The word list lives in `data/special_categories.yml` with its sources; a word
ending in `*` matches as the beginning of a word, others as whole words or
phrases. Matching ignores case and runs on the masked line.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

WORD_LIST = Path(__file__).with_name("data") / "special_categories.yml"


@lru_cache(maxsize=4)
def _patterns(path: Path = WORD_LIST) -> dict[str, re.Pattern[str]]:
    document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    patterns = {}
    for category, words in (document.get("categories") or {}).items():
        alternatives = []
        for word in words:
            word = str(word).strip()
            stem = re.escape(word.rstrip("*")).replace(r"\ ", r"\s+")
            alternatives.append(rf"{stem}\w*" if word.endswith("*") else rf"{stem}(?!\w)")
        patterns[str(category)] = re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + ")", re.IGNORECASE)
    return patterns


def special_categories(text: str) -> list[str]:
    """The Art. 9(1) categories the line touches, in the word list's order (empty: none)."""
    return [category for category, pattern in _patterns().items() if pattern.search(text)]
