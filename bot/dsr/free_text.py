"""Whether a free-text answer in a request form is an answer at all (issue 16, item 8).

A form that asked "what is it about?" must not store the next thing typed if it
is a question, or personal data nobody asked for: storing "er det gratis?" as a
request's scope loses the question, and a name and phone number in a reason is
data the case does not need (Art. 5(1)(c)). The form asks again instead.
Cancelling and switching language never reach here: the domain's slot mappings
exclude those intents and rules handle them.
"""

from __future__ import annotations

from bot.pii import detect
from bot.pii.masking import ANNEX_TOKENS

# Slots whose answer is personal data by design (what is wrong, what is right).
EXPECTS_PERSONAL_DATA = frozenset({"rectification_what", "rectification_correct"})
QUESTION_MARKS = ("?", "？")


def refusal(slot: str, text: str) -> str | None:
    """The i18n key of the reason to ask again, or None when the text is an answer."""
    stripped = text.strip()
    if stripped.endswith(QUESTION_MARKS):
        return "answer_is_question"
    if slot in EXPECTS_PERSONAL_DATA:
        return None
    # The guard has already replaced high-risk numbers with tokens such as <number>.
    if any(token in stripped for token in ANNEX_TOKENS.values()) or detect(stripped):
        return "answer_has_personal_data"
    return None
