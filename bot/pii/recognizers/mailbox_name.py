"""The display name of a pasted mail header: `"Nordmann, Kari" <kari@example.no>`.

People paste a forwarded mail's header into the chat. The quoted part before an
address in angle brackets is how the sender's mail program names the person, in
any order and any spelling, so no name list or tagger is needed to know it is one."""

from __future__ import annotations

import re
from collections.abc import Iterator

from bot.pii.spans import NAME, PiiSpan

# Bounded and without nested quantifiers: linear on hostile input.
_DISPLAY_NAME = re.compile(r"[\"“”]([^\"“”<>@\n]{1,80})[\"“”]\s{0,3}<[^<>\s@]{1,64}@")


class MailboxNameRecognizer:
    name = "mailbox_name"

    def find(self, text: str, language: str | None) -> Iterator[PiiSpan]:
        if "@" not in text or "<" not in text:
            return
        for match in _DISPLAY_NAME.finditer(text):
            inner = match.group(1)
            stripped = inner.strip()
            if not any(ch.isalpha() for ch in stripped):
                continue
            start = match.start(1) + (len(inner) - len(inner.lstrip()))
            yield PiiSpan(start, start + len(stripped), NAME, "mailbox_name", 0.9)
