"""Operators that replace detected spans: kept apart from detection, as in Presidio."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from bot.pii.spans import ADDRESS, EMAIL, NAME, NUMBER, PiiSpan

# The processing agreement's annex: names -> <name>, numbers -> <number>,
# e-mail addresses -> <email>. Addresses are not named by the annex; a street
# and house number identify a household, so they get their own token.
ANNEX_TOKENS: Mapping[str, str] = {NAME: "<name>", NUMBER: "<number>", EMAIL: "<email>", ADDRESS: "<address>"}

# Masked before a message is stored at all: numbers that identify a person by
# themselves or give access to money.
HIGH_RISK_KINDS = frozenset(
    {"fodselsnummer", "d_nummer", "h_nummer", "cpr", "personnummer", "card", "kontonummer", "iban"}
)


def replace_spans(text: str, spans: Iterable[PiiSpan], tokens: Mapping[str, str] = ANNEX_TOKENS) -> str:
    pieces: list[str] = []
    cursor = 0
    for span in sorted(spans):
        if span.start < cursor:
            continue  # overlaps were resolved upstream; never emit text twice
        pieces.append(text[cursor : span.start])
        pieces.append(tokens.get(span.type, f"<{span.type}>"))
        cursor = span.end
    pieces.append(text[cursor:])
    return "".join(pieces)
