"""Every text written for an age, measured: the purpose notices and consent-dialogue lines in the child's and
the young person's versions (issue 17 item 4). tests/consent/test_readability.py checks each against its limit;
`python -m bot.consent.readability_report` prints the table docs/consent.md quotes (the test checks it is
today's)."""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass

from bot.config import SUPPORTED_LANGUAGES
from bot.consent.purposes import DEFAULT_FILE, Purpose, load_purposes, notice_text
from bot.consent.readability import LIMITS_FOR, score
from bot.i18n import MESSAGES

# Placeholders filled as a person would see them (a link and a code read as one word each).
SAMPLE = {"age": "13", "low": "13", "high": "15", "controller": "Vern", "link": "link", "code": "ABC123",
          "bot": "vern", "title": "Vern"}


@dataclass(frozen=True)
class Measured:
    name: str  # "notice newsletter" or the catalog key ("consent_ask_agree@young")
    language: str
    text: str

    @property
    def score(self) -> float:
        return score(self.text, self.language)


def filled(text: str) -> str:
    names = [name for _, name, _, _ in string.Formatter().parse(text) if name]
    return text.format(**{name: SAMPLE.get(name, "x") for name in names})


def dialogue_keys(audience: str) -> list[str]:
    """The catalog keys of the dialogue lines in the audience's version; for "adult", the adult lines that have
    a child or young version (to compare with)."""
    if audience == "adult":
        return sorted({key.split("@")[0] for key in MESSAGES if "@" in key})
    return sorted(key for key in MESSAGES if key.endswith(f"@{audience}"))


def texts_for(audience: str, purposes: Mapping[str, Purpose] | None = None) -> list[Measured]:
    """Every notice and dialogue line in the audience's version, in every language."""
    purposes = purposes if purposes is not None else load_purposes(DEFAULT_FILE)
    found = [Measured(f"notice {purpose.id}", language, notice_text(purpose, language, audience))
             for purpose in purposes.values() for language in SUPPORTED_LANGUAGES]
    found += [Measured(key, language, filled(MESSAGES[key][language]))
              for key in dialogue_keys(audience) for language in SUPPORTED_LANGUAGES]
    return found


def report() -> str:
    """A Markdown table: per version and language, the highest notice and dialogue-line score and the limit."""
    rows = ["| Version | Language | Measure | Notices | Dialogue lines | Limit |", "|---|---|---|---|---|---|"]
    for audience in ("child", "young", "adult"):
        texts = texts_for(audience)
        for language in SUPPORTED_LANGUAGES:
            cells = []
            for notices in (True, False):
                scores = [t.score for t in texts
                          if t.language == language and t.name.startswith("notice ") == notices]
                cells.append(f"{max(scores):.1f} ({sum(scores) / len(scores):.1f}), n={len(scores)}")
            limit = LIMITS_FOR.get(audience, {}).get(language)
            measure = "FK grade" if language == "en" else "LIX"
            rows.append(f"| {audience} | {language} | {measure} | {cells[0]} | {cells[1]} | "
                        f"{'–' if limit is None else f'{limit:g}'} |")
    return "\n".join(rows)


if __name__ == "__main__":
    print(report())
