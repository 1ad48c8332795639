"""Batches of messages of about the same length, for training DIET and the response selector faster: tried for
issue 21 and refused (docs/benchmarks.md, "Training time against NLU quality"); kept so that the configurations
`bench/data/nlu_configs/length-buckets.yml` can be scored again.

Rasa pads every message of a batch to the batch's longest, and its batches mix lengths at random: the
training messages are about 6 tokens long on average, while a batch of 128 is padded to about 14. The
transformer then spends more than half of its work on padding. Here each window of a few batches (after
Rasa's shuffling and balancing by intent, which stay as they were) is sorted by length and cut into batches,
and the batches are shuffled, so a batch holds messages of one length and the order of lengths stays random.
Nothing else of the model changes. It saved about a third of DIET's training time and cost Danish 0.03 of
cross-validated macro F1: batches of one length give less varied steps.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np
from numpy.typing import NDArray
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.nlu.classifiers.diet_classifier import DIETClassifier
from rasa.nlu.selectors.response_selector import ResponseSelector
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.training_data import TrainingData
from rasa.utils import train_utils
from rasa.utils.tensorflow.constants import SEQUENCE_LENGTH
from rasa.utils.tensorflow.data_generator import RasaBatchDataGenerator
from rasa.utils.tensorflow.model_data import Data


def bucketed_order(lengths: NDArray[np.int_], batch_size: int, window_batches: int, rng: Any) -> NDArray[np.int_]:
    """Positions of the examples in training order: sorted by length within each window of `window_batches`
    batches, cut into batches, the batches shuffled. Only the very last batch may be short, and it stays last,
    because the generator slices the data at multiples of the batch size."""
    count = len(lengths)
    window = max(1, window_batches) * batch_size
    order = np.concatenate([
        start + np.argsort(lengths[start:start + window], kind="stable")
        for start in range(0, count, window)
    ]) if count else np.zeros(0, dtype=int)
    batches = [order[start:start + batch_size] for start in range(0, count, batch_size)]
    short = batches.pop() if batches and len(batches[-1]) < batch_size else None
    shuffled = [batches[index] for index in rng.permutation(len(batches))]
    if short is not None:
        shuffled.append(short)
    return np.concatenate(shuffled) if shuffled else order


class LengthBucketedBatches(RasaBatchDataGenerator):  # type: ignore[misc]
    """Rasa's increasing-batch-size generator, with each epoch's batches made of messages of similar length."""

    window_batches = 8

    def _shuffle_and_balance(self, batch_size: int) -> Data:
        data = super()._shuffle_and_balance(batch_size)
        lengths = (data.get(TEXT) or {}).get(SEQUENCE_LENGTH)
        if not self.shuffle or not lengths:
            return data
        order = bucketed_order(np.asarray(lengths[0], dtype=int), batch_size, self.window_batches, np.random)
        return self.model_data._data_for_ids(data, order)


@contextmanager
def length_bucketed_training(window_batches: int) -> Iterator[None]:
    """While a component trains, Rasa's data generators bucket by length.

    DIETClassifier.train builds its generator through `train_utils.create_data_generators` with no hook for
    another class, so the class it names is swapped for the time of one training. Rasa trains a model's
    components one after another in one process, so nothing else trains meanwhile.
    """
    bucketed = type("LengthBucketedBatches", (LengthBucketedBatches,), {"window_batches": window_batches})
    original: Any = train_utils.RasaBatchDataGenerator
    train_utils.RasaBatchDataGenerator = bucketed
    try:
        yield
    finally:
        train_utils.RasaBatchDataGenerator = original


# How many batches are sorted by length together; 1 would sort each batch alone.
LENGTH_BUCKET_BATCHES = "length_bucket_batches"


class _TrainsOnLengthBuckets:
    """Put before a Rasa classifier in the bases: its training runs with the bucketing generator."""

    component_config: dict[str, Any]

    @classmethod
    def get_default_config(cls) -> dict[str, Any]:
        return {**super().get_default_config(),  # type: ignore[misc]
                LENGTH_BUCKET_BATCHES: LengthBucketedBatches.window_batches}

    def train(self, training_data: TrainingData) -> Resource:
        with length_bucketed_training(int(self.component_config[LENGTH_BUCKET_BATCHES])):
            return super().train(training_data)  # type: ignore[misc]


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR],
    is_trainable=True,
)
class LengthBucketedDIETClassifier(_TrainsOnLengthBuckets, DIETClassifier):  # type: ignore[misc]
    """Rasa's DIETClassifier, trained on batches of messages of about the same length (above).
    The model is DIET's own; only the order in which training sees the examples differs."""


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class LengthBucketedResponseSelector(_TrainsOnLengthBuckets, ResponseSelector):  # type: ignore[misc]
    """Rasa's ResponseSelector, trained on batches of messages of about the same length, like the classifier."""
