"""E-mail addresses, including the spelled-out "ola (at) example dot com" people type to dodge filters."""

from __future__ import annotations

import re
from collections.abc import Iterator

from bot.pii.spans import EMAIL, PiiSpan

# Bounded repetitions and no nested quantifiers over the same characters, so
# matching stays linear on hostile input.
_LOCAL = r"[A-Za-z0-9ÆØÅæøåÄÖÜäöü._%+\-']{1,64}"
_LABEL = r"[A-Za-z0-9ÆØÅæøå\-]{1,63}"
_TLD = r"[A-Za-z]{2,24}"


class EmailRecognizer:
    name = "email"
    PLAIN = re.compile(rf"(?<![\w.+\-]){_LOCAL}@{_LABEL}(?:\.{_LABEL}){{0,6}}\.{_TLD}(?![\w\-])")
    SPELLED = re.compile(
        rf"(?<![\w.+\-]){_LOCAL}\s{{0,2}}[\(\[]?\s{{0,2}}(?:at|alfakrøll|snabel-a|krøllalfa)\s{{0,2}}[\)\]]?\s{{0,2}}"
        rf"{_LABEL}(?:\s{{0,2}}[\(\[]?\s{{0,2}}(?:dot|punktum|prikk)\s{{0,2}}[\)\]]?\s{{0,2}}{_LABEL}){{1,4}}(?![\w\-])",
        re.IGNORECASE,
    )

    def find(self, text: str, language: str | None) -> Iterator[PiiSpan]:
        if "@" in text:
            for match in self.PLAIN.finditer(text):
                yield PiiSpan(match.start(), match.end(), EMAIL, "email", 1.0)
        lowered = text.casefold()
        if " dot " in lowered or "punktum" in lowered or "prikk" in lowered or "(dot)" in lowered:
            for match in self.SPELLED.finditer(text):
                yield PiiSpan(match.start(), match.end(), EMAIL, "email_spelled", 0.8)
