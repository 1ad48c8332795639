"""How easy a text is to read: LIX for Norwegian and Danish, Flesch-Kincaid grade for English.

The child and young-person versions of notices and dialogue lines are held to these in
tests/consent/test_readability.py (issue 17 item 4): a child's (under 13) LIX <= 35 for nb/nn/da and FK grade
<= 7 for en (about 8th grade and below); a young person's (13-17) LIX <= 40 and FK grade <= 8.
`python -m bot.consent.readability_report` prints today's figures.

- LIX (Björnsson 1968) = words / sentences + 100 * long words / words, where a long word has more than six
  letters. Below 30 is very easy (children's books), 30-40 easy, 40-50 medium (newspapers), above 50 hard.
- Flesch-Kincaid grade (Kincaid et al. 1975) = 0.39 * words / sentences + 11.8 * syllables / words - 15.59,
  a US school grade.

A sentence ends at . ! ? : ; or a line break (a notice's title is its own line and has no full stop). English
syllables are counted by a heuristic (groups of vowels, two where vowels meet across a break, a silent
final e, at least one per word): within a
syllable or so per long word of a dictionary count, which is enough for a threshold on short texts."""

from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"[.!?:;]+(?=\s|$)|\n+")
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
_VOWELS = re.compile(r"[aeiouy]+")
_HIATUS = re.compile(r"(?<![ts])i[ao]|(?<!p)eo|(?<![qg])ua|ea(?=$|[ls])")
LONG_WORD = 6  # LIX: a long word has more than this many letters


def sentences(text: str) -> list[str]:
    return [part for part in _SENTENCE_END.split(text) if _WORD.search(part)]


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def lix(text: str) -> float:
    found = words(text)
    if not found:
        return 0.0
    long_words = sum(1 for word in found if sum(ch.isalpha() for ch in word) > LONG_WORD)
    return len(found) / len(sentences(text)) + 100 * long_words / len(found)


def syllables(word: str) -> int:
    """English syllables, by heuristic: vowel groups, less a silent final e ("make"), not "-le" ("table")."""
    lowered = word.casefold()
    if not any(ch.isalpha() for ch in lowered):
        return 1  # a number read aloud: counted as one
    count = 0
    for part in re.split(r"['’-]", lowered):
        # Vowels that meet across a syllable break ("vi-de-o", "ra-di-o", "a-re-a") count twice; not in
        # "-tion"/"-sion" or after q and g ("quite", "guard").
        groups = len(_VOWELS.findall(part)) + len(_HIATUS.findall(part))
        if part.endswith("e") and not part.endswith(("le", "ee", "ye")) and groups > 1:
            groups -= 1
        if part.endswith("es") and not part.endswith(("ses", "zes", "ces", "ges", "shes", "ches")) and groups > 1:
            groups -= 1  # "makes", "names": the e is silent
        count += max(1, groups)
    return count


def flesch_kincaid_grade(text: str) -> float:
    found = words(text)
    if not found:
        return 0.0
    per_sentence = len(found) / len(sentences(text))
    per_word = sum(syllables(word) for word in found) / len(found)
    return 0.39 * per_sentence + 11.8 * per_word - 15.59


def score(text: str, language: str) -> float:
    """The measure for the language: FK grade for English, LIX otherwise."""
    return flesch_kincaid_grade(text) if language == "en" else lix(text)


LIMITS = {"nb": 35.0, "nn": 35.0, "da": 35.0, "en": 7.0}  # a child's words (under 13)
YOUNG_LIMITS = {"nb": 40.0, "nn": 40.0, "da": 40.0, "en": 8.0}  # a young person's (13-17)
LIMITS_FOR = {"child": LIMITS, "young": YOUNG_LIMITS}
