"""Where the words themselves settle what a message is, the classifier's guess gives way.

Two cases, both seen with a model trained on one machine and not on another, so no retraining can be trusted
to keep them right:

- A consent purpose's id (what its button sends, or typed as it is) answers "what do you consent to?". Read as a
  question, the form would drop it and ask again, and the person could never pick that purpose.
- "Switch language" needs a language, or the word for one: "spring over" (Danish for "skip") read as a language
  switch told a 16-year-old "Fint, jeg skriver på dansk" and asked again for the guardian's address.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Any

from bot.language.switch import normalise, requested_language

INFORM = "inform"
SWITCH_LANGUAGE = "switch_language"
FALLBACK = "nlu_fallback"
# A purpose id read as an answer or as giving consent is read rightly either way ("newsletter" as a first message
# starts a consent); any other reading would make the consent form drop it.
PURPOSE_READINGS = frozenset({INFORM, "give_consent"})
# A language's name or the word "language" in any of Vern's languages: "bytt språk", "skift sprog", "change the
# language", "kan du skrive norsk". Stems, so that inflected forms count too.
_LANGUAGE_WORD = re.compile(
    r"(?<!\w)(?:spr[åa]k|sprog|language|m[åa]lform|norsk|norwegian|bokm[åa]|nynorsk|dansk|danish|engelsk|english"
    r"|svensk|swedish)", re.IGNORECASE)


def corrected_intent(text: str, intent: str | None, ranking: list[dict[str, Any]],
                     purpose_ids: Collection[str]) -> str | None:
    """The intent the message must have instead of `intent`, or None to keep the classifier's."""
    typed = text.strip()
    if typed in purpose_ids and intent not in PURPOSE_READINGS:
        return INFORM
    if intent == SWITCH_LANGUAGE and requested_language(typed) is None and not _LANGUAGE_WORD.search(normalise(typed)):
        following = [entry.get("name") for entry in ranking if entry.get("name") not in (SWITCH_LANGUAGE, None)]
        return str(following[0]) if following else FALLBACK
    return None
