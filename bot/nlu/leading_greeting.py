"""A greeting in front of a question or request ("hei, kan jeg klage til Datatilsynet?") is dropped before
the NLU reads the message, so the question is understood whatever its topic (issue 16, item 8).

Before this, only the topics whose training data happened to hold "hei, ..." examples were understood
after a greeting; the rest were taken as a bare greeting. Stripping the greeting in the pipeline, for
training examples and live messages alike, makes that general: every intent and FAQ topic, current and
future, without greeting variants in the data. A message that is only a greeting ("hei", "hei vern",
"god morgen!") keeps it, and stays `greet`.
"""

from __future__ import annotations

import re

# Openings people type in nb, nn, da and en; longest first so "god morgen" wins over "god".
_GREETINGS = sorted(
    [
        "hei", "heisann", "heisan", "heia", "hallo", "halla", "hallais", "heihei", "hei hei", "morn", "morna",
        "god morgen", "god morgon", "god dag", "goddag", "god kveld", "god ettermiddag", "god formiddag",
        "hej", "hejsa", "hejsan", "hej hej", "halløj", "halloej", "halløjsa", "davs", "dav", "godmorgen",
        "god eftermiddag", "god aften", "godaften",
        "hi", "hello", "hey", "hiya", "heya", "howdy", "good morning", "good afternoon", "good evening",
        "dear vern",
    ],
    key=len,
    reverse=True,
)
# What may follow the greeting word itself: "hei vern", "hi there", "hej med dig", "hei igjen".
_ADDRESSEE = r"(?:\s+(?:vern|der|there|du|alle|all|igjen|igen|team|på\s+deg|paa\s+deg|med\s+dig|again))?"
_LEADING_GREETING = re.compile(
    r"^\s*(?:" + "|".join(re.escape(g).replace(r"\ ", r"\s+") for g in _GREETINGS) + r")" + _ADDRESSEE
    + r"(?:\s*[,.!:;)\-–]+\s*|\s+)",
    re.IGNORECASE,
)
# What is left must be a message of its own: "hei der", "good morning to you" or "hei alle sammen"
# is still just a greeting.
MIN_REST_WORDS = 2
_COURTESY = {
    "to", "you", "all", "everyone", "again", "there", "and", "thanks", "vern", "alle", "sammen", "deg", "dig",
    "dykk", "der", "du", "igjen", "igen", "og", "takk", "tak", "på", "paa", "med", "i",
}


def without_leading_greeting(text: str) -> str:
    """The message without its opening greeting(s), or unchanged if nothing would be left but a word."""
    rest = text
    while True:
        match = _LEADING_GREETING.match(rest)
        if match is None:
            break
        candidate = rest[match.end():]
        words = [word.strip(".,!?:;)(-").casefold() for word in candidate.split()]
        if len(words) < MIN_REST_WORDS or all(not word or word in _COURTESY for word in words):
            break
        rest = candidate
    return rest if rest != text else text

