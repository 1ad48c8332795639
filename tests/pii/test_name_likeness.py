"""The spelling model: unseen surnames look like names, places and compound words do not."""

from __future__ import annotations

import pytest

from bot.pii.gazetteer import name_gazetteer
from bot.pii.name_likeness import WEIGHTS_PATH, name_likeness, ngrams

# Invented or rare surnames, none of them in Faker's lists, and Norwegian words and places that are no one's name.
UNSEEN_SURNAMES = ["Aaslund", "Thorvaldsrud", "Oyelaran"]
NOT_NAMES = ["Fjellgata", "Havnelageret", "Kommunestyret", "Fjordhotellet"]


def test_unseen_surnames_look_more_like_names_than_streets_and_buildings() -> None:
    gazetteer = name_gazetteer()
    assert not any(gazetteer.is_name(word) for word in UNSEEN_SURNAMES)  # the lists cannot be what finds them
    names = [name_likeness(word) for word in UNSEEN_SURNAMES]
    others = [name_likeness(word) for word in NOT_NAMES]
    assert None not in names and None not in others
    assert min(names) > 0.5 > max(others)  # type: ignore[type-var]


def test_the_weight_file_is_plain_text() -> None:
    header, *rows = WEIGHTS_PATH.read_text(encoding="utf-8").splitlines()[:50]
    assert header.startswith("#")
    for row in rows:
        gram, value = row.rsplit("\t", 1)
        float(value)


@pytest.mark.parametrize("word", ["Ab", "Kowalczyk", "øst", "Mette-Marit"])
def test_runtime_n_grams_are_the_ones_the_model_was_trained_on(word: str) -> None:
    text = pytest.importorskip("sklearn.feature_extraction.text")
    analyzer = text.CountVectorizer(analyzer="char_wb", ngram_range=(2, 5), lowercase=True).build_analyzer()
    assert set(analyzer(word)) == ngrams(word)
