"""What every detector reads: the text as it looks, not as it was typed.

A value split by an invisible character ("0\u200b1\u200b0…", "kari\u00ad@example.org") or written in
full-width or other compatibility forms ("０１０１９０…") reads as the plain value to a person and must to
the detectors too (issue 14 item 5). So before any recognizer runs, the text is put in NFKC form, Unicode
format characters (category Cf: zero-width space, joiners, soft hyphen, BOM, word joiner, bidi marks) are
removed and every kind of space (no-break, narrow, figure, ideographic) becomes a plain space.

Detection runs on the normalised text; `NormalisedText.original_span` maps what it finds back to the
characters of the text as received, so a mask covers the whole split value including its invisible
parts, and the rest of the message is stored exactly as the person wrote it."""

from __future__ import annotations

import re
import sys
import unicodedata
from dataclasses import dataclass
from functools import lru_cache


@lru_cache(maxsize=1)
def _format_or_space() -> re.Pattern[str]:
    """Every format character and every space other than the plain one (built once, from the running
    Python's Unicode tables, so a new zero-width character is covered when Python learns of it)."""
    chars = [
        chr(code) for code in range(0xA0, sys.maxunicode + 1)
        if unicodedata.category(chr(code)) in ("Cf", "Zs")
    ]
    return re.compile("[" + "".join(re.escape(c) for c in chars) + "]")


def needs_normalising(text: str) -> bool:
    if text.isascii():
        return False  # ASCII is already NFKC and holds no format characters: the common chat line
    return _format_or_space().search(text) is not None or not unicodedata.is_normalized("NFKC", text)


def _clusters(text: str) -> list[tuple[int, int]]:
    """(start, end) of each base character with the combining marks after it: NFKC composes within these."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for index in range(1, len(text) + 1):
        if index == len(text) or not unicodedata.combining(text[index]):
            bounds.append((start, index))
            start = index
    return bounds


@dataclass(frozen=True)
class NormalisedText:
    original: str
    text: str
    # For each character of `text`: the (start, end) of the original characters it came from.
    _sources: tuple[tuple[int, int], ...] | None = None

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The original characters behind `text[start:end]`: from its first source to its last."""
        if self._sources is None or start >= end:
            return start, end
        return self._sources[start][0], self._sources[end - 1][1]


def normalise(text: str) -> NormalisedText:
    if not needs_normalising(text):
        return NormalisedText(text, text)
    pieces: list[str] = []
    sources: list[tuple[int, int]] = []
    for start, end in _clusters(text):
        cluster = text[start:end]
        if cluster.isascii():
            pieces.append(cluster)  # most of any message: already in its final form
            sources.extend([(start, end)] * len(cluster))
            continue
        if unicodedata.category(cluster[0]) == "Cf":
            cluster = cluster[1:]  # a combining mark after an invisible character stays with the text
            if not cluster:
                continue
        form = unicodedata.normalize("NFKC", cluster)
        form = "".join(" " if unicodedata.category(c) == "Zs" else c for c in form if unicodedata.category(c) != "Cf")
        pieces.append(form)
        sources.extend([(start, end)] * len(form))
    return NormalisedText(text, "".join(pieces), tuple(sources))


def normalised(text: str) -> str:
    """The text the detectors read (and the training export keeps)."""
    return normalise(text).text


__all__ = ["NormalisedText", "needs_normalising", "normalise", "normalised"]

