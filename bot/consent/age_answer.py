"""Reading the answer to "what year were you born?": a year ("2012"), or an age ("14", "im 14", "i'm fourteen",
"jeg er 14", "eg er 14 år", "14 år", "jeg er fjorten"), parsed here rather than by the NLU model, so no
retraining is needed.

An age becomes the birth year that makes exactly that age the younger possible
one (bot.consent.ages.youngest_age): someone who says 14 is treated as 14, never 13 or 15.

Number words 1-19 are read in nb, nn, da and en. The small ones are everyday words too ("to", "en", "fire",
"one", nynorsk "tre" is a tree), so a word below ten counts only when the whole message is an age ("jeg er
to", "seven", "I'm nine years old"); "I don't want to say" is not an age of 2. The words from ten up name
the ages the bands turn on and are not everyday words, so they count anywhere in the answer (as before)."""

from __future__ import annotations

import re
from datetime import date

from bot.consent.ages import OLDEST_AGE, ImplausibleBirth, youngest_age

# 1-19 in the four languages (bokmål and nynorsk share most; "ei"/"ein"/"eitt" are nynorsk's "one", "syv" is
# bokmål's and Danish's seven next to "sju", "otte" is Danish eight).
NUMBER_WORDS: dict[str, int] = {
    # nb / nn / da
    "en": 1, "én": 1, "ett": 1, "et": 1, "ein": 1, "eitt": 1, "ei": 1, "to": 2, "tre": 3, "fire": 4, "fem": 5,
    "seks": 6, "sju": 7, "syv": 7, "åtte": 8, "otte": 8, "ni": 9, "ti": 10, "elleve": 11, "elve": 11,
    "tolv": 12, "tretten": 13, "fjorten": 14, "femten": 15, "seksten": 16, "sytten": 17, "atten": 18,
    "nitten": 19,
    # en
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_ANYWHERE = {word: value for word, value in NUMBER_WORDS.items() if value >= 10}
_WORD_ANYWHERE = re.compile(r"\b(" + "|".join(sorted(_ANYWHERE, key=len, reverse=True)) + r")\b", re.IGNORECASE)

_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
# A whole message that is only an age or a year ("14", "im 14", "jeg er 14 år", "I'm 14 years old"): the NLU
# model may read "jeg er ..." as a question about Vern, so the FAQ action hands such a message back here.
_ONLY_AGE = re.compile(
    r"^\s*(?:(?:i['’]?m|i am|jeg er|eg er|je er|jeg blir|eg blir|jeg er født i|eg er fødd i|jeg er født|"
    r"eg er fødd|født i|fødd i|født|fødd|born in|born)\s+)?"
    r"(\d{1,4}|[a-zæøåé]+)\s*(?:år(?: gammel| gamal)?|years?(?: old)?|yo)?\s*[.!]?\s*$",
    re.IGNORECASE)
_AGE = re.compile(r"(?<![\d.,:/])(\d{1,3})(?!\d)(?![.,:/]\d)")


def _age_word(text: str) -> int | None:
    """The age a number word gives: any of 1-19 when the message is only an age, from ten up anywhere."""
    only = _ONLY_AGE.match(text)
    if only is not None and only.group(1).casefold() in NUMBER_WORDS:
        return NUMBER_WORDS[only.group(1).casefold()]
    word = _WORD_ANYWHERE.search(text)
    return _ANYWHERE[word.group(1).casefold()] if word else None


def birth_year_from_answer(text: str, today: date) -> int:
    """The birth year the answer gives; raises ImplausibleBirth when there is none (ask again)."""
    text = text or ""
    year = _YEAR.search(text)
    if year is not None:
        youngest_age(int(year.group(1)), today)  # a year in the future or too long ago: ask again
        return int(year.group(1))
    age = _AGE.search(text)
    value = int(age.group(1)) if age is not None else _age_word(text)
    if value is None:
        raise ImplausibleBirth("no year or age")
    if not 1 <= value <= OLDEST_AGE:
        raise ImplausibleBirth("not an age")
    return today.year - value - 1


def is_only_an_age(text: str, today: date) -> bool:
    """The whole message is a year of birth or an age, nothing else (so never a question with a number in it)."""
    match = _ONLY_AGE.match(text or "")
    if match is None:
        return False
    token = match.group(1)
    if not token.isdigit() and token.casefold() not in NUMBER_WORDS:
        return False
    try:
        birth_year_from_answer(text, today)
    except ImplausibleBirth:
        return False
    return True


# Below this, a lone number word is more often something else ("en", "to", "ei" are also words of their own).
YOUNGEST_AGE_TYPED = 5


def is_a_typed_age(text: str, today: date) -> bool:
    """The whole message tells an age of five or more ("jeg er tolv", "I'm 14", "born in 2012"): someone saying how
    old they or their child are, whatever the classifier made of it."""
    return is_only_an_age(text, today) and today.year - birth_year_from_answer(text, today) > YOUNGEST_AGE_TYPED
