"""The registry of recognizers: detection is whatever the registered parts find.

As in Presidio's analyzer, recognizers are added and removed explicitly, so a
deployment can drop one (say, Swedish numbers) or add its own (member numbers)
without touching the others."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Protocol

from bot.pii.normalise import NormalisedText, normalise
from bot.pii.spans import PiiSpan, resolve_overlaps

# Longer messages are cut before detection: the chat input already limits a
# message's length, and a bound here keeps every recognizer's cost bounded.
MAX_TEXT_CHARS = 20_000
# Vern's own record ids (in button payloads, receipts) are UUIDs; a run of digits inside one
# identifies no one, so nothing found wholly inside a UUID counts.
_UUID = re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b", re.IGNORECASE)


def _outside_uuids(text: str, spans: list[PiiSpan]) -> list[PiiSpan]:
    ids = [(m.start(), m.end()) for m in _UUID.finditer(text)]
    if not ids:
        return spans
    return [s for s in spans if not any(start <= s.start and s.end <= end for start, end in ids)]


class Recognizer(Protocol):
    name: str

    def find(self, text: str, language: str | None) -> Iterator[PiiSpan]:
        """Every span of `text` this recognizer takes for personal data."""


class RecognizerRegistry:
    def __init__(self, recognizers: list[Recognizer] | None = None) -> None:
        self._recognizers: list[Recognizer] = list(recognizers or [])

    def add(self, recognizer: Recognizer) -> None:
        if any(existing.name == recognizer.name for existing in self._recognizers):
            raise ValueError(f"a recognizer named {recognizer.name!r} is already registered")
        self._recognizers.append(recognizer)

    def remove(self, name: str) -> None:
        before = len(self._recognizers)
        self._recognizers = [r for r in self._recognizers if r.name != name]
        if len(self._recognizers) == before:
            raise KeyError(name)

    @property
    def names(self) -> list[str]:
        return [r.name for r in self._recognizers]

    def detect(self, text: str, language: str | None = None) -> list[PiiSpan]:
        """Spans of `text` as received; the recognizers read its normalised form (bot.pii.normalise)."""
        if not text:
            return []
        prepared = normalise(text)
        return _in_original(prepared, self._detect_normalised(prepared.text, language))

    def _detect_normalised(self, text: str, language: str | None) -> list[PiiSpan]:
        if len(text) > MAX_TEXT_CHARS:
            return self._detect_long(text, language)
        found: list[PiiSpan] = []
        for recognizer in self._recognizers:
            found.extend(recognizer.find(text, language))
        return resolve_overlaps(_outside_uuids(text, found))

    def _detect_long(self, text: str, language: str | None) -> list[PiiSpan]:
        # Overlapping windows, so a value on a window edge is still seen whole.
        overlap = 200
        spans: list[PiiSpan] = []
        start = 0
        while start < len(text):
            window = text[start : start + MAX_TEXT_CHARS]
            for recognizer in self._recognizers:
                for span in recognizer.find(window, language):
                    spans.append(
                        PiiSpan(span.start + start, span.end + start, span.type, span.kind, span.score)
                    )
            start += MAX_TEXT_CHARS - overlap
        return resolve_overlaps(_outside_uuids(text, spans))


def _in_original(prepared: NormalisedText, spans: list[PiiSpan]) -> list[PiiSpan]:
    if prepared.text is prepared.original:
        return spans
    mapped = []
    for span in spans:
        start, end = prepared.original_span(span.start, span.end)
        mapped.append(PiiSpan(start, end, span.type, span.kind, span.score))
    return mapped
