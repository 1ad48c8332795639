"""Train the person-name tagger (a CRF) and derive the list of names that are also everyday words.

    .venv/bin/python scripts/train_name_tagger.py [../shared/data/names_train.jsonl]

Writes bot/pii/data/name_tagger.crfsuite, ambiguous_names.txt,
lowercase_lexicon.txt, corpus_person_names.txt and name_likeness.tsv (the spelling model the tagger's
features use, so it is built first; fitting it needs scikit-learn), which are
committed: detection must not depend on files outside the repository or on
the network. Training reads only the training set, never the dev sets.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache, partial
from pathlib import Path

import pycrfsuite

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.pii.gazetteer import (  # noqa: E402
    DATA_DIR,
    NameGazetteer,
    _faker_names,
    _faker_places,
    _fold,
    _word_list,
    english_lexicon,
    lowercase_lexicon,
    name_gazetteer,
)
from bot.pii.name_features import Token, token_features  # noqa: E402
from bot.pii.name_likeness import (  # noqa: E402
    BIAS_KEY,
    NGRAM_RANGE,
    WEIGHTS_PATH,
    _weights,
    bucket,
    name_likeness,
    probability,
)

FOLDS = 5
# Folds are blocks of consecutive sentences (the real set is in document order), so a fold's names are
# mostly names of documents the other folds never saw: what the tagger meets in new text.
FOLD_BLOCK = 200


def fold_of(index: int) -> int:
    return (index // FOLD_BLOCK) % FOLDS
DEFAULT_TRAIN = ROOT.parent / "shared" / "data" / "names_train.jsonl"


def label(tag: str) -> str:
    # Only persons matter; every other entity becomes one "other" class so the
    # model still learns that capitalised places and organisations are not people.
    if tag == "O":
        return "O"
    prefix, _, kind = tag.partition("-")
    return f"{prefix}-{'PER' if kind == 'PER' else 'OTH'}"


def as_tokens(words: list[str]) -> list[Token]:
    tokens, offset = [], 0
    for word in words:
        tokens.append(Token(word, offset, offset + len(word)))
        offset += len(word) + 1
    return tokens


def write_ambiguous(rows: list[dict]) -> int:
    gazetteer = name_gazetteer()
    lower: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for row in rows:
        for i, (word, tag) in enumerate(zip(row["tokens"], row["tags"], strict=True)):
            folded = word.casefold()
            if not gazetteer.is_name(word):
                continue
            total[folded] += 1
            if word.islower() or (i == 0 and tag == "O"):
                lower[folded] += 1
    ambiguous = sorted(w for w, n in lower.items() if n >= 3 and n >= 0.3 * total[w])
    header = "# Names that are also everyday words, derived by scripts/train_name_tagger.py\n"
    (DATA_DIR / "ambiguous_names.txt").write_text(header + "\n".join(ambiguous) + "\n", encoding="utf-8")
    return len(ambiguous)


def write_lexicon(rows: list[dict]) -> int:
    seen: Counter[str] = Counter()
    for row in rows:
        for i, (word, tag) in enumerate(zip(row["tokens"], row["tags"], strict=True)):
            if i > 0 and tag == "O" and word.isalpha() and word.islower():
                seen[word] += 1
    words = sorted(w for w, n in seen.items() if n >= 2)
    header = "# Words seen in lowercase in running text, derived by scripts/train_name_tagger.py\n"
    (DATA_DIR / "lowercase_lexicon.txt").write_text(header + "\n".join(words) + "\n", encoding="utf-8")
    return len(words)


def tagged_names(rows: list[dict]) -> set[str]:
    return {
        word.casefold() for row in rows for word, tag in zip(row["tokens"], row["tags"], strict=True)
        if tag.endswith("-PER") and word.isalpha() and len(word) >= 2 and word[0].isupper()
    }


def fit_name_likeness(tagged: set[str]) -> dict[str, float]:
    """The spelling model: Faker's names of every locale and the tagged sentences' names against places
    and everyday words. The tagged names bring the Nordic surnames Faker lacks ("-stad", "-land", "-rud")."""
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.linear_model import LogisticRegression

    first, last = _faker_names()
    names = {w for w in _fold(first) | _fold(last) | tagged if len(w) >= 2}
    others = _fold(_faker_places(), capitalised_parts=True) | _word_list("places.txt") | english_lexicon()
    # A word that is both (a surname that is also a town or a word) is left to the tagger's context.
    others = {w for w in others | lowercase_lexicon() if len(w) >= 2 and w.isalpha()} - names
    words = sorted(names) + sorted(others)
    labels = [1] * len(names) + [0] * len(others)
    vectorizer = CountVectorizer(analyzer="char_wb", ngram_range=NGRAM_RANGE, min_df=3, binary=True, lowercase=True)
    model = LogisticRegression(C=0.5, max_iter=3000, class_weight="balanced")
    model.fit(vectorizer.fit_transform(words), labels)
    # Tiny weights change no decision and would only make the committed file larger.
    weights = {
        str(g): round(float(w), 3)
        for g, w in zip(vectorizer.get_feature_names_out(), model.coef_[0], strict=True) if abs(w) >= 0.05
    }
    weights[BIAS_KEY] = round(float(model.intercept_[0]), 3)
    return weights


def write_name_likeness(weights: dict[str, float]) -> None:
    lines = [f"{g}\t{w:.3f}" for g, w in sorted(weights.items())]
    header = f"# Name-likeness weights (character n-gram, logistic regression), by {Path(__file__).name}\n"
    WEIGHTS_PATH.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")


def spelling_by_fold(rows: list[dict]) -> list[Callable[[str], str]]:
    """One spelling model per fold, each fitted without that fold's names: the tagger then learns how
    far the spelling goes on names it has not seen, which is all it is for at detection time."""
    models = []
    for fold in range(FOLDS):
        weights = fit_name_likeness(tagged_names([r for i, r in enumerate(rows) if fold_of(i) != fold]))
        models.append(lru_cache(maxsize=None)(partial(lambda w, word: bucket(probability(w, word)), weights)))
    return models


def person_words(rows: list[dict]) -> set[str]:
    """Words the real sentences tag as part of a person's name (the synthetic ones only repeat Faker's lists)."""
    common = _word_list("common_words.txt")
    return {
        word for word in tagged_names([r for r in rows if r.get("source") != "synthetic"])
        if len(word) >= 3 and word not in common
    }


def write_person_words(words: set[str]) -> int:
    header = (
        "# Words the real training sentences tag as part of a person's name, derived by "
        "scripts/train_name_tagger.py\n"
    )
    (DATA_DIR / "corpus_person_names.txt").write_text(header + "\n".join(sorted(words)) + "\n", encoding="utf-8")
    return len(words)


def gazetteer_by_fold(rows: list[dict]) -> list[NameGazetteer]:
    """The gazetteer each fold's sentences are featurised with: it knows the persons of the other folds only,
    so the tagger learns how much "seen before as a person" is worth for a name it has not seen."""
    base = name_gazetteer()
    return [
        replace(base, seen_persons=frozenset(person_words([r for i, r in enumerate(rows) if fold_of(i) != fold])))
        for fold in range(FOLDS)
    ]


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_TRAIN
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    print(f"{len(rows)} sentences; ambiguous names: {write_ambiguous(rows)}; lexicon: {write_lexicon(rows)}")
    name_gazetteer.cache_clear()
    lowercase_lexicon.cache_clear()
    write_name_likeness(fit_name_likeness(tagged_names(rows)))
    name_likeness.cache_clear()
    _weights.cache_clear()
    print(f"person words: {write_person_words(person_words(rows))}")
    name_gazetteer.cache_clear()
    spelling = spelling_by_fold(rows)
    gazetteers = gazetteer_by_fold(rows)
    trainer = pycrfsuite.Trainer(verbose=False)
    started = time.perf_counter()
    for i, row in enumerate(rows):
        features = token_features(as_tokens(row["tokens"]), gazetteers[fold_of(i)], spelling[fold_of(i)])
        trainer.append(features, [label(t) for t in row["tags"]])
    trainer.set_params({"c1": 0.15, "c2": 0.01, "max_iterations": 200, "feature.possible_transitions": True,
                        "feature.minfreq": 2})
    model = DATA_DIR / "name_tagger.crfsuite"
    trainer.train(str(model))
    print(f"trained in {time.perf_counter() - started:.0f} s; {model.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
