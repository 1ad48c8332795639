"""From masked chats to candidate training lines: what the person wrote, checked again, made non-unique.

Every line passes the PII detector once more (a hit drops it); a token seen in
fewer than k distinct chats and absent from the existing training data is
replaced by `<rare>`, so that no exported line is unique to one person; and
near-identical lines are kept once. The annex's placeholders (`<name>`,
`<number>`, `<email>`) stay as they are, so the model learns them."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from bot.pii.normalise import normalised

RARE = "<rare>"
PLACEHOLDER = re.compile(r"<[a-z_]+>")
TOKEN = re.compile(r"<[a-z_]+>|\w+", re.UNICODE)
MAX_LINE_CHARS = 500
Detect = Callable[[str, "str | None"], list[Any]]


@dataclass(frozen=True)
class ChatLine:
    conversation_id: str
    language: str
    text: str
    # Other chats in which the same line (by normal form) was written: lineage must name them all.
    also_from: frozenset[str] = frozenset()

    @property
    def sources(self) -> frozenset[str]:
        return self.also_from | {self.conversation_id}


@dataclass
class LineReport:
    lines_seen: int = 0
    dropped_pii: Counter[str] = field(default_factory=Counter)  # by detected type
    dropped_other: int = 0  # payloads, empty or overlong lines
    duplicates: int = 0
    tokens_replaced: int = 0
    k: int = 5
    k_reached: int | None = None  # the fewest distinct chats behind any exported non-vocabulary token
    quasi_identifiers: Counter[str] = field(default_factory=Counter)  # ages, postcodes, dates generalised

    @property
    def dropped_pii_total(self) -> int:
        return sum(self.dropped_pii.values())


def user_lines(conversation_id: str, language: str, transcript: Iterable[dict[str, Any]],
               report: LineReport) -> list[ChatLine]:
    """What the person typed: not Vern's replies, not button payloads, not external triggers."""
    found = []
    for entry in transcript:
        if entry.get("from") != "you":
            continue
        report.lines_seen += 1
        # The detectors' reading of the line (bot.pii.normalise): no invisible characters reach training data.
        text = " ".join(normalised(str(entry.get("text") or "")).split())
        if not text or text.startswith("/") or text.startswith("EXTERNAL:") or len(text) > MAX_LINE_CHARS:
            report.dropped_other += 1
            continue
        found.append(ChatLine(conversation_id, language, text))
    return found


def without_residual_pii(lines: Iterable[ChatLine], detect: Detect, report: LineReport) -> list[ChatLine]:
    kept = []
    for line in lines:
        spans = detect(line.text, line.language)
        if spans:
            report.dropped_pii.update(span.type for span in spans)
            continue
        kept.append(line)
    return kept


def tokens_of(text: str) -> list[str]:
    return [token.casefold() for token in TOKEN.findall(text)]


def generalise_rare_tokens(lines: list[ChatLine], vocabulary: set[str], k: int,
                           report: LineReport) -> list[ChatLine]:
    chats_with: dict[str, set[str]] = defaultdict(set)
    for line in lines:
        for token in tokens_of(line.text):
            chats_with[token].add(line.conversation_id)
    report.k = k

    def keep(token: str) -> bool:
        folded = token.casefold()
        return bool(PLACEHOLDER.fullmatch(folded)) or folded in vocabulary or len(chats_with[folded]) >= k

    result = []
    for line in lines:
        def replace(match: re.Match[str]) -> str:
            if keep(match.group(0)):
                return match.group(0)
            report.tokens_replaced += 1
            return RARE

        result.append(ChatLine(line.conversation_id, line.language, TOKEN.sub(replace, line.text)))
    remaining = [len(chats_with[t]) for line in result for t in tokens_of(line.text)
                 if t != RARE and not PLACEHOLDER.fullmatch(t) and t not in vocabulary]
    report.k_reached = min(remaining) if remaining else None
    return result


def normal_form(text: str) -> str:
    """Case, punctuation and spacing do not make a line different."""
    return " ".join(tokens_of(text))


def deduplicated(lines: Iterable[ChatLine], report: LineReport, seen: set[str] | None = None) -> list[ChatLine]:
    seen = set() if seen is None else seen
    kept: list[ChatLine] = []
    position: dict[str, int] = {}
    for line in lines:
        key = f"{line.language}:{normal_form(line.text)}"
        if key in position:
            report.duplicates += 1
            first = kept[position[key]]
            kept[position[key]] = replace(first, also_from=first.also_from | {line.conversation_id})
            continue
        if key in seen or not normal_form(line.text):
            report.duplicates += 1
            continue
        seen.add(key)
        position[key] = len(kept)
        kept.append(line)
    return kept
