"""Whether a message is put as a question, in any of Vern's languages.

People often leave out the question mark in a chat ("hvor lang tid tar det"), so a message also counts as a
question when its first word asks one: an interrogative, or a verb that opens a yes/no question ("kan", "er",
"do"). "kan dere slette meg" is a question by this test and a request by its meaning; that is why the test only
ever decides together with the classifier's confidence (bot/nlu/intent_guards.py), never alone.
"""

from __future__ import annotations

import re

# nb, nn, da and en together: a word that opens a question in one language and not in another ("vil", "får") is
# rare at the start of a statement in a chat to a service.
_OPENING_WORDS = frozenset({
    "hva", "hvem", "hvor", "hvordan", "hvorfor", "hvilken", "hvilke", "hvilket", "når", "hvornår", "hvad",
    "kva", "kven", "kvar", "kor", "korleis", "kvifor",
    "kan", "kunne", "skal", "skulle", "vil", "ville", "må", "får", "fikk",
    "er", "var", "har", "hadde", "blir", "bliver", "bør", "gjør", "gør", "gjer",
    "how", "what", "when", "where", "who", "whom", "whose", "why", "which",
    "do", "does", "did", "is", "are", "am", "was", "were", "will", "would",
    "can", "could", "should", "shall", "may", "might", "have", "has", "had",
})
_FIRST_WORD = re.compile(r"[^\W\d_]+")


def is_a_question(text: str) -> bool:
    """True for "how quickly will you get back to me", "kor lang tid tek det?", "er det gratis"."""
    stripped = text.strip()
    if stripped.endswith("?"):
        return True
    first = _FIRST_WORD.search(stripped)
    return first is not None and first.start() == 0 and first.group(0).lower() in _OPENING_WORDS
