"""How much a word on its own looks like a person's name, from its letters alone.

Most names the tagger misses in prose are lone surnames it has never seen
("Aaslund mente…"). Their spelling still tells: "-czyk", "Okon-", "-sson" are
names, "-gata", "-kommune", "-ing" are not. A logistic regression over the
word's character n-grams (with its boundaries), trained by
scripts/train_name_tagger.py on Faker's first and last names of every locale and
the names in the tagger's training sentences (the Nordic farm-name surnames Faker
lacks) against places and everyday words, gives that as a probability. The
tagger sees it as a bucketed feature, and a capitalised word no list knows is
taken as a name when it scores high. Norwegian surnames that are also farm and
place names ("-stad", "-nes") stay ambiguous by spelling; context decides those.
The weights are a plain text file (n-gram, tab, weight), so loading it runs no code."""

from __future__ import annotations

import math
from collections.abc import Mapping
from functools import lru_cache

from bot.pii.gazetteer import DATA_DIR

WEIGHTS_PATH = DATA_DIR / "name_likeness.tsv"
NGRAM_RANGE = (2, 5)
BIAS_KEY = "<bias>"


def ngrams(word: str) -> set[str]:
    """The character n-grams of a word padded with one space each side (scikit-learn's "char_wb")."""
    padded = f" {word.casefold()} "
    grams: set[str] = set()
    for n in range(NGRAM_RANGE[0], NGRAM_RANGE[1] + 1):
        grams.add(padded[:n])
        grams.update(padded[i : i + n] for i in range(1, len(padded) - n + 1))
    return grams


@lru_cache(maxsize=1)
def _weights() -> dict[str, float]:
    if not WEIGHTS_PATH.exists():
        return {}
    weights: dict[str, float] = {}
    for line in WEIGHTS_PATH.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            gram, _, value = line.rpartition("\t")
            weights[gram] = float(value)
    return weights


def probability(weights: Mapping[str, float], word: str) -> float:
    z = weights.get(BIAS_KEY, 0.0) + sum(weights.get(g, 0.0) for g in ngrams(word))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def bucket(p: float) -> str:
    """Coarse buckets: the tagger should learn how far to trust the spelling, not fit its decimals."""
    return "low" if p < 0.2 else "mid" if p < 0.5 else "high" if p < 0.8 else "top"


@lru_cache(maxsize=65536)
def name_likeness(word: str) -> float | None:
    """P(name | spelling), or None when no weights are installed (then the tagger goes without)."""
    weights = _weights()
    return probability(weights, word) if weights else None


def likeness_bucket(word: str) -> str | None:
    p = name_likeness(word)
    return None if p is None else bucket(p)
