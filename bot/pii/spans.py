"""What a recognizer reports, and how overlapping reports become one answer."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

# The annex knows three kinds of identifiable data; every detection has one of
# these types (or `address`, which the masking table maps like the others).
NAME = "name"
NUMBER = "number"
EMAIL = "email"
ADDRESS = "address"


@dataclass(frozen=True, order=True)
class PiiSpan:
    """`text[start:end]` holds personal data of `type`; `kind` says which recognizer saw what."""

    start: int
    end: int
    type: str
    kind: str
    score: float

    @property
    def width(self) -> int:
        return self.end - self.start


def resolve_overlaps(spans: Iterable[PiiSpan]) -> list[PiiSpan]:
    """Keep the widest span where spans overlap (ties: the higher score), in text order.

    Widest first because a partial mask leaks the rest: "+47 412 34 567" must not
    lose to the "412 34 567" inside it."""
    ranked = sorted(spans, key=lambda s: (-s.width, -s.score, s.start))
    kept: list[PiiSpan] = []
    for span in ranked:
        if span.width <= 0:
            continue
        if all(span.end <= other.start or span.start >= other.end for other in kept):
            kept.append(span)
    return sorted(kept)
