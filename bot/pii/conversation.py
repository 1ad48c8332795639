"""Masking a whole chat: what is found anywhere in it is masked everywhere in it.

Bots echo values ("Takk, Solveig!"), slots hold them bare ("Solveig Nordby"),
buttons repeat them. Alone, such a fragment has little context; within the chat
where the person said "jeg heter Solveig Nordby", it is certain. So the chat's
texts are read once to learn its values, then every text is masked with them."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping

from bot.pii.gazetteer import common_words
from bot.pii.masking import ANNEX_TOKENS, replace_spans
from bot.pii.normalise import normalised
from bot.pii.spans import NAME, NUMBER, PiiSpan, resolve_overlaps

Detect = Callable[[str], list[PiiSpan]]
# Bounded so a pathological chat cannot build an enormous pattern.
MAX_LEARNED_VALUES = 500
# How many distinct strings of one chat keep their detection result between the two passes.
MAX_REMEMBERED_TEXTS = 20_000


class ChatMasker:
    """The production masker: call it on one text, or `learn_from` a chat's texts first."""

    def __init__(self, detect: Detect, tokens: Mapping[str, str] = ANNEX_TOKENS) -> None:
        self._detect = detect
        self._tokens = dict(tokens)

    def __call__(self, text: str) -> str:
        return replace_spans(text, self._detect(text), self._tokens) if text else text

    def with_tokens(self, tokens: Mapping[str, str]) -> ChatMasker:
        return ChatMasker(self._detect, {**self._tokens, **tokens})

    def learn_from(self, texts: Iterable[str]) -> Callable[[str], str]:
        # A chat repeats its strings (the text in the event, in parse data, in a slot; bot texts echoed),
        # and every one is read twice, to learn and to mask: detection, the costly part, runs once per string.
        detected: dict[str, list[PiiSpan]] = {}

        def spans_of(text: str) -> list[PiiSpan]:
            found = detected.get(text)
            if found is None:
                found = self._detect(text)
                if len(detected) < MAX_REMEMBERED_TEXTS:
                    detected[text] = found
            return list(found)

        known: dict[str, str] = {}
        for text in texts:
            for span in spans_of(text):
                # Learnt as it reads: "Kari\u200bNordby" found once is "Kari Nordby" wherever else it appears.
                for value in _values(normalised(text[span.start : span.end]), span.type):
                    known.setdefault(value.casefold(), span.type)
                    if len(known) >= MAX_LEARNED_VALUES:
                        break
        if not known:
            return lambda text: replace_spans(text, spans_of(text), self._tokens) if text else text
        values = sorted(known, key=len, reverse=True)
        pattern = re.compile(
            r"(?<![\w@.])(?:" + "|".join(re.escape(v) for v in values) + r")(?![\w@])", re.IGNORECASE
        )

        def mask_in_chat(text: str) -> str:
            if not text:
                return text
            spans = spans_of(text)
            spans += [
                PiiSpan(m.start(), m.end(), known[m.group(0).casefold()], "learned", 0.9)
                for m in pattern.finditer(text)
            ]
            return replace_spans(text, resolve_overlaps(spans), self._tokens)

        return mask_in_chat


def _values(found: str, type_: str) -> list[str]:
    values = [found]
    if type_ == NAME:
        # "Solveig Nordby" found once; "Solveig" alone later is the same person.
        values += [part for part in found.split() if len(part) >= 3 and part.casefold() not in common_words()]
    elif type_ == NUMBER:
        digits = re.sub(r"\D", "", found)
        if len(digits) >= 5 and digits != found:
            values.append(digits)  # "412 34 567" typed, 41234567 stored in a slot
    return values
