"""The trained CRF name tagger: per-token probabilities that a token is part of a person's name."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bot.pii.gazetteer import DATA_DIR, NameGazetteer
from bot.pii.name_features import Token, token_features

logger = logging.getLogger(__name__)
MODEL_PATH = DATA_DIR / "name_tagger.crfsuite"


@dataclass(frozen=True)
class TokenScores:
    person: float  # P(B-PER) + P(I-PER)
    other_entity: float  # a place, organisation, product or event


class NameTagger:
    def __init__(self, model_path: Path, gazetteer: NameGazetteer) -> None:
        import pycrfsuite

        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(model_path))
        self._gazetteer = gazetteer
        labels = set(self._tagger.labels())
        self._person_labels = tuple(label for label in ("B-PER", "I-PER") if label in labels)
        self._other_labels = tuple(label for label in ("B-OTH", "I-OTH") if label in labels)

    def score(self, tokens: list[Token]) -> list[TokenScores]:
        if not tokens:
            return []
        self._tagger.set(token_features(tokens, self._gazetteer))
        marginal = self._tagger.marginal
        scores = []
        # Plain loops, not generator expressions: this runs for every token of every message.
        for i in range(len(tokens)):
            person = other = 0.0
            for label in self._person_labels:
                person += marginal(label, i)
            for label in self._other_labels:
                other += marginal(label, i)
            scores.append(TokenScores(person, other))
        return scores


@lru_cache(maxsize=1)
def load_name_tagger(gazetteer: NameGazetteer) -> NameTagger | None:
    if not MODEL_PATH.exists():
        # Detection still works on the gazetteer and cues alone, with lower recall on prose.
        logger.warning("pii: name tagger model missing at %s; using gazetteer and cues only", MODEL_PATH)
        return None
    return NameTagger(MODEL_PATH, gazetteer)
