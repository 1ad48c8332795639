"""Reading the answer to "what year were you born?": a year ("2012"), or an age ("14", "im 14",
"jeg er 14", "fjorten"), parsed here rather than by the NLU model, so no retraining is needed.

An age becomes the birth year that makes exactly that age the younger possible
one (bot.consent.ages.youngest_age): someone who says 14 is treated as 14, never 13 or 15."""

from __future__ import annotations

import re
from datetime import date

from bot.consent.ages import OLDEST_AGE, ImplausibleBirth, youngest_age
from bot.knowledge.minors import _WORD, _WORDS  # the number words of the four languages

_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
# A whole message that is only an age or a year ("14", "im 14", "jeg er 14 år", "I'm 14 years old"): the NLU
# model may read "jeg er ..." as a question about Vern, so the FAQ action hands such a message back here.
_ONLY_AGE = re.compile(
    r"^\s*(?:(?:i'?m|i am|im|jeg er|eg er|je er|jeg blir|jeg er født|eg er fødd|jeg er født i|født i|fødd i|"
    r"født|fødd|born in|born)\s+)?"
    r"(\d{1,4}|[a-zæøå]+)\s*(?:år(?: gammel| gamal)?|years?(?: old)?|yo)?\s*[.!]?\s*$",
    re.IGNORECASE)
_AGE = re.compile(r"(?<![\d.,:/])(\d{1,3})(?!\d)(?![.,:/]\d)")


def birth_year_from_answer(text: str, today: date) -> int:
    """The birth year the answer gives; raises ImplausibleBirth when there is none (ask again)."""
    text = text or ""
    year = _YEAR.search(text)
    if year is not None:
        youngest_age(int(year.group(1)), today)  # a year in the future or too long ago: ask again
        return int(year.group(1))
    age = _AGE.search(text)
    if age is not None:
        value = int(age.group(1))
    else:
        word = _WORD.search(text)
        if word is None:
            raise ImplausibleBirth("no year or age")
        value = _WORDS[word.group(1).lower()]
    if not 1 <= value <= OLDEST_AGE:
        raise ImplausibleBirth("not an age")
    return today.year - value - 1


def is_only_an_age(text: str, today: date) -> bool:
    """The whole message is a year of birth or an age, nothing else (so never a question with a number in it)."""
    match = _ONLY_AGE.match(text or "")
    if match is None:
        return False
    token = match.group(1)
    if not token.isdigit() and token.lower() not in _WORDS:
        return False
    try:
        birth_year_from_answer(text, today)
    except ImplausibleBirth:
        return False
    return True
