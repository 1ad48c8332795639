"""Training batches of messages of about the same length: every example still seen once an epoch, batches
padded far less, Rasa's own generator back in place after a training."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from rasa.shared.nlu.constants import TEXT
from rasa.utils import train_utils
from rasa.utils.tensorflow.constants import IDS, LABEL, SEQUENCE_LENGTH
from rasa.utils.tensorflow.data_generator import RasaBatchDataGenerator
from rasa.utils.tensorflow.model_data import FeatureArray, RasaModelData

from bench.length_buckets import LengthBucketedBatches, bucketed_order, length_bucketed_training


def padded_tokens(lengths: Any, batch_size: int) -> int:
    """What the transformer computes over: each batch padded to its longest message."""
    return sum(int(lengths[start:start + batch_size].max()) * len(lengths[start:start + batch_size])
               for start in range(0, len(lengths), batch_size))


def model_data(lengths: Any, labels: Any) -> RasaModelData:
    return RasaModelData(label_key=LABEL, label_sub_key=IDS, data={
        TEXT: {SEQUENCE_LENGTH: [FeatureArray(np.asarray(lengths), number_of_dimensions=1)]},
        LABEL: {IDS: [FeatureArray(np.asarray(labels, dtype=float).reshape(-1, 1), number_of_dimensions=2)]},
    })


def test_every_example_is_trained_on_once_and_batches_need_far_less_padding() -> None:
    rng = np.random.RandomState(3)
    lengths = rng.choice([2, 3, 4, 5, 6, 7, 8, 12, 18, 25], size=1000)  # chat-like: mostly short, some long
    order = bucketed_order(lengths, 64, 8, rng)
    assert sorted(order.tolist()) == list(range(1000))
    assert padded_tokens(lengths[order], 64) < 0.7 * padded_tokens(lengths[rng.permutation(1000)], 64)


def test_only_the_last_batch_is_short_so_the_generator_slices_whole_batches() -> None:
    rng = np.random.RandomState(5)
    lengths = rng.randint(1, 30, size=203)
    order = bucketed_order(lengths, 16, 4, rng)
    batches = [order[start:start + 16] for start in range(0, len(order), 16)]
    assert all(len(batch) == 16 for batch in batches[:-1]) and len(batches[-1]) == 203 % 16
    # The short one is the remainder of the last window, not some batch from the middle of an epoch.
    assert set(batches[-1].tolist()) <= set(range(192, 203))


def test_the_order_of_lengths_is_random_not_shortest_first() -> None:
    rng = np.random.RandomState(7)
    lengths = rng.randint(1, 30, size=640)
    order = bucketed_order(lengths, 16, 40, rng)  # one window: without the shuffle, lengths would only rise
    longest = [int(lengths[order[start:start + 16]].max()) for start in range(0, 640, 16)]
    assert longest != sorted(longest)


def test_rasa_balanced_batches_keep_their_labels_and_become_length_buckets() -> None:
    rng = np.random.RandomState(1)
    lengths, labels = rng.randint(1, 30, size=300), rng.randint(0, 5, size=300)
    np.random.seed(0)
    generator = LengthBucketedBatches(model_data(lengths, labels), batch_size=[16, 16], epochs=2,
                                      batch_strategy="balanced", shuffle=True)
    ordered = np.asarray(generator._data[TEXT][SEQUENCE_LENGTH][0], dtype=int)
    seen_labels = {int(label[0]) for label in generator._data[LABEL][IDS][0]}
    assert seen_labels == set(range(5))
    spread = [int(ordered[s:s + 16].max() - ordered[s:s + 16].min()) for s in range(0, len(ordered) - 16, 16)]
    assert np.median(spread) <= 6  # Rasa's own batches of 16 from 1..29 spread over about 25


def test_rasa_generator_is_back_after_a_training_even_a_failed_one() -> None:
    with pytest.raises(RuntimeError), length_bucketed_training(4):
        assert issubclass(train_utils.RasaBatchDataGenerator, LengthBucketedBatches)
        assert train_utils.RasaBatchDataGenerator.window_batches == 4
        raise RuntimeError("training failed")
    assert train_utils.RasaBatchDataGenerator is RasaBatchDataGenerator


def test_config_trains_the_length_bucketed_classifiers() -> None:
    from bench.length_buckets import LengthBucketedDIETClassifier, LengthBucketedResponseSelector

    assert LengthBucketedDIETClassifier.get_default_config()["length_bucket_batches"] == 8
    assert LengthBucketedResponseSelector.get_default_config()["retrieval_intent"] is None
