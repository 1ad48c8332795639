"""References people can read out and type back."""

from __future__ import annotations

import itertools

import pytest

from bot.cases.errors import ReferenceExhausted
from bot.cases.reference import (
    ALPHABET,
    MAX_ATTEMPTS,
    is_reference,
    new_reference,
    normalise_reference,
    unique_reference,
)


def test_a_reference_looks_like_vrn_four_dash_two() -> None:
    for _ in range(200):
        reference = new_reference()
        assert is_reference(reference), reference
        prefix, first, second = reference.split("-")
        assert (prefix, len(first), len(second)) == ("VRN", 4, 2)


def test_the_alphabet_is_crockford_without_look_alikes() -> None:
    assert len(ALPHABET) == len(set(ALPHABET)) == 32
    assert not set("ILOU") & set(ALPHABET)


def test_references_are_drawn_from_the_whole_alphabet() -> None:
    seen = set("".join(new_reference()[4:].replace("-", "") for _ in range(400)))
    assert seen == set(ALPHABET)


@pytest.mark.parametrize(
    "typed",
    ["VRN-7F3K-Q2", "vrn-7f3k-q2", "vrn 7f3k q2", "VRN7F3KQ2", "status for VRN-7F3K-Q2?", "vrn-7f3k-q2."],
)
def test_typed_references_are_recognised(typed: str) -> None:
    assert normalise_reference(typed) == "VRN-7F3K-Q2"


def test_crockford_look_alikes_are_read_as_digits() -> None:
    assert normalise_reference("VRN-O1LI-Q2") == "VRN-0111-Q2"


@pytest.mark.parametrize("typed", ["", "VRN-7F3K", "VRN-7F3K-Q2X", "VRN-7F3U-Q2", "ABC-7F3K-Q2"])
def test_other_text_is_not_a_reference(typed: str) -> None:
    assert normalise_reference(typed) is None


def test_a_taken_reference_is_drawn_again() -> None:
    drawn = iter(["VRN-AAAA-AA", "VRN-AAAA-AA", "VRN-BBBB-BB"])
    assert unique_reference(lambda ref: ref == "VRN-AAAA-AA", lambda: next(drawn)) == "VRN-BBBB-BB"


def test_a_broken_random_source_gives_up_instead_of_looping() -> None:
    calls = itertools.count()

    def always_the_same() -> str:
        next(calls)
        return "VRN-AAAA-AA"

    with pytest.raises(ReferenceExhausted):
        unique_reference(lambda ref: True, always_the_same)
    assert next(calls) == MAX_ATTEMPTS
