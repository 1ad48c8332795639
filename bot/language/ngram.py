"""A character n-gram and word model of nb, nn, da and en, trained for Vern.

langdetect has one profile for both Norwegian standards and a Danish profile
that shares most of its trigrams with Norwegian, so on chat lines it cannot
say which of nb, nn and da it sees.  This is a multinomial naive Bayes model
over the same kind of feature (character 1- to 4-grams of each padded word)
plus whole words, trained on text of exactly those four languages (see
train_ngram.py and docs/language.md for the sources).  It is used as one
source of evidence among three in decide.py, never alone.

The model is a JSON file of feature counts shipped beside this module; it is
loaded once per process, and nothing is downloaded at run time.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bot.language.once import LoadOnce

MODEL_PATH = Path(__file__).with_name("ngram_model.json")
MAX_NGRAM = 4
WORD_PREFIX = "w:"
# Lidstone smoothing; small, because a feature unseen in one language but
# frequent in another is exactly the evidence wanted.
SMOOTHING = 0.1
# Naive Bayes multiplies the evidence of overlapping n-grams as if each were
# independent, so its raw posteriors are near 0 or 1 on any real line.  The
# log-likelihoods are averaged per word and sharpened by this factor instead:
# fitted on the development set (tests/language/data/first_messages_dev.jsonl)
# by log-loss (0.065 at 1.0, 0.058 at 1.5, 0.060 at 2.0).
SHARPNESS = 1.5
EXCLUSIVE_MIN_COUNT = 5
EXCLUSIVE_RATIO = 50


def features(tokens: Iterable[str]) -> list[str]:
    """Character n-grams of each word padded with spaces, and the word itself."""
    found: list[str] = []
    for token in tokens:
        padded = f" {token} "
        for size in range(1, MAX_NGRAM + 1):
            found.extend(padded[start : start + size] for start in range(len(padded) - size + 1))
        found.append(WORD_PREFIX + token)
    return found


@dataclass(frozen=True)
class NgramModel:
    languages: tuple[str, ...]
    # Per feature, the smoothed log-probability in each language, in order.
    log_probabilities: dict[str, tuple[float, ...]]
    # Per whole word and per MAX_NGRAM-gram, the raw counts in each language.
    counts: dict[str, tuple[int, ...]]

    @classmethod
    def from_counts(cls, languages: Sequence[str], counts: dict[str, Sequence[int]]) -> NgramModel:
        vocabulary = len(counts)
        totals = [sum(row[index] for row in counts.values()) for index in range(len(languages))]
        denominators = [math.log(total + SMOOTHING * vocabulary) for total in totals]
        table = {
            feature: tuple(math.log(count + SMOOTHING) - denominators[index] for index, count in enumerate(row))
            for feature, row in counts.items()
        }
        # Whole words and the longest n-grams: the pieces exclusive_words reads.
        kept = {
            feature: tuple(row)
            for feature, row in counts.items()
            if feature.startswith(WORD_PREFIX) or len(feature) == MAX_NGRAM
        }
        return cls(tuple(languages), table, kept)

    def exclusive_words(self, tokens: Sequence[str]) -> dict[str, int]:
        """Per language, how many distinct words of the line the training text has in it alone.

        A word counts for a language when it was seen there at least
        EXCLUSIVE_MIN_COUNT times and in every other language at most
        1/EXCLUSIVE_RATIO as often (the prose corpora quote each other's
        languages now and then).  These are word forms, found in data
        rather than listed by hand, so decide.py may treat them as the cue
        lists' forms.
        """
        found = dict.fromkeys(self.languages, 0)
        for token in set(tokens):
            padded = f" {token} "
            # The word itself, or failing that a piece of it of MAX_NGRAM
            # letters ("-tion", "-ælse"), that only one language has.
            keys = [WORD_PREFIX + token] + [padded[i : i + MAX_NGRAM] for i in range(len(padded) - MAX_NGRAM + 1)]
            languages = {language for key in keys for language in self._exclusive_to(key)}
            for language in languages:
                found[language] += 1
        return found

    def _exclusive_to(self, key: str) -> list[str]:
        row = self.counts.get(key)
        if row is None:
            return []
        found = []
        for index, language in enumerate(self.languages):
            others = max(count for other, count in enumerate(row) if other != index)
            if row[index] >= EXCLUSIVE_MIN_COUNT and others * EXCLUSIVE_RATIO <= row[index]:
                found.append(language)
        return found

    def probabilities(self, tokens: Sequence[str]) -> dict[str, float]:
        """Posterior per language with equal priors; empty when no feature is known."""
        sums = [0.0] * len(self.languages)
        known = 0
        for feature in features(tokens):
            row = self.log_probabilities.get(feature)
            # A feature seen in no language says nothing about which one.
            if row is None:
                continue
            known += 1
            for index, value in enumerate(row):
                sums[index] += value
        if not known or not tokens:
            return {}
        scaled = [SHARPNESS * value / len(tokens) for value in sums]
        top = max(scaled)
        weights = [math.exp(value - top) for value in scaled]
        total = sum(weights)
        return {language: weight / total for language, weight in zip(self.languages, weights, strict=True)}


def load_model(path: Path = MODEL_PATH) -> NgramModel:
    document = json.loads(path.read_text(encoding="utf-8"))
    return NgramModel.from_counts(document["languages"], document["counts"])


# Loaded on the first message of a process; a test replaces it to count loads.
_model: LoadOnce[NgramModel] = LoadOnce(load_model)


def get_model() -> NgramModel:
    """The shipped model, loaded on first use."""
    return _model.get()
