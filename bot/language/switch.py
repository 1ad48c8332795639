"""Recognise a message that explicitly asks for another language.

Only requests count: "can we speak English?", "skriv på dansk", "nynorsk,
takk".  A language name used as an adjective ("Danish law", "norske
regler") or a negated clause ("I don't speak Danish") is not a request; that
is what the follower and negation checks below are for.

Every quantifier is bounded and every filler excludes whitespace, so each
pattern does a bounded amount of work per starting position and long or
hostile input cannot cause catastrophic backtracking.
"""

from __future__ import annotations

import re
import unicodedata

# Requests are short; a name buried deep inside a long message is not one.
_MAX_CHARS = 2000
_CONTEXT_BEFORE = 40

# Named groups give the language code of the name that matched.  Nynorsk is
# tried before plain "norsk" so that "norsk nynorsk" is not read as bokmål.
_NAME = (
    r"(?:(?P<nn>(?:norsk\s{1,3}|norwegian\s{1,3})?ny-?norska?|new\s{1,3}norwegian)"
    r"|(?P<nb>(?:norsk\s{1,3}|norwegian\s{1,3})?bokm(?:å|aa|a)l|norwegian|norska?)"
    r"|(?P<da>danish|danska?)"
    r"|(?P<sv>swedish|svenska?)"
    r"|(?P<en>english|engelska?))"
)

_POLITE = (
    r"(?:please|pls|plz|thanks|thank\s{1,3}you|ty|takk|tak|tack|gjerne|gerne|tusen\s{1,3}takk|mange\s{1,3}tak"
    r"|takk\s{1,3}skal\s{1,3}du\s{1,3}ha|tack\s{1,3}så\s{1,3}mycket)"
)
_PREPOSITION = r"(?:in|into|to|on|på|paa|pa|i|til|till)"

# What may follow a requested language: the end, punctuation, or words that
# continue a request.  Anything else ("Danish law") makes the name an
# adjective rather than a request.
_FOLLOWER = (
    rf"(?=\s{{0,3}}(?:$|[^\w\s]|(?:{_POLITE}|instead|from|now|again|too|also|with|and|or|if|then|so|me|us"
    r"|igjen|heller|istedet|i\s{1,3}stedet|i\s{1,3}stället|istället|fremover|framover|nå|nu|no|også|òg|med|og|eller"
    r"|hvis|om|da|så|meg|mig|mej|oss|os|til|till|for|fra|frå|från)(?!\w)))"
)

_VERB = (
    r"(?:speak|talk|write|answer|respond|reply|continue|chat|communicate|translate|switch|change|swap|use|want|prefer"
    r"|snakk|snakke|snakka|snakker|snakkar|skriv|skrive|skriva|skriver|svar|svare|svara|svarer|svarar"
    r"|tal|tale|tala|taler|talar|prat|prate|prata|prater|pratar|bruk|bruke|bruka|brug|bruge|använd|använda"
    r"|bytt|bytte|byt|byta|skift|skifte|skifta|endre|ændre|ändra|fortsett|fortsette|fortsæt|fortsætte|fortsätt"
    r"|oversett|oversette|oversæt|oversætte|översätt|foretrekker|foretrekk|foretrækker|föredrar|ha|have|ta|tage)"
)

# Up to three short words between the verb and the language ("answer me
# in", "bytte språk til", "kan du skrive svaret på").  Fillers stop at
# sentence punctuation so a request cannot be stitched across sentences.
_FILLER = r"(?:\s{1,3}[^\s.!?]{1,20}){0,3}?"

_VERB_REQUEST = re.compile(rf"(?<!\w){_VERB}{_FILLER}\s{{1,3}}(?:{_PREPOSITION}\s{{1,3}})?{_NAME}(?!\w){_FOLLOWER}")
# The whole message is a language name, perhaps with a preposition and thanks:
# "english please", "på engelsk takk", "Nynorsk?".
_BARE_REQUEST = re.compile(
    rf"[\W_]{{0,10}}(?:{_POLITE}[\s,]{{1,4}})?(?:{_PREPOSITION}\s{{1,3}})?{_NAME}"
    rf"(?:[\s,.!]{{1,4}}{_POLITE})?[\W_]*"
)
# A message that opens with the request and goes on: "English please, I
# cannot read this".
_LEADING_REQUEST = re.compile(rf"[\W_]{{0,10}}(?:{_PREPOSITION}\s{{1,3}})?{_NAME}[\s,]{{0,3}}{_POLITE}(?!\w)")

_NEGATION = re.compile(
    r"(?<!\w)(?:not|don't|dont|doesn't|can't|cant|cannot|won't|never|no\s{1,3}longer|without|except|unless"
    r"|ikke|ikkje|ikk|inte|aldri|aldrig|ingen|uten|utan|uden)(?!\w)"
)
# Clause ends too: in "I don't speak Danish, can you write Norwegian?" the
# negation belongs to the first clause only.
_CLAUSE_END = re.compile(r"[.!?,;:\n]")

_CODES = ("nb", "nn", "da", "sv", "en")


def _code(match: re.Match[str]) -> str | None:
    for code in _CODES:
        if match.group(code) is not None:
            return code
    return None


def _negated(text: str, match: re.Match[str]) -> bool:
    # "I don't speak Danish": the negation usually sits just before the verb,
    # so look back to the start of the clause, but not further.
    before = text[max(0, match.start() - _CONTEXT_BEFORE) : match.start()]
    clause_start = max((m.end() for m in _CLAUSE_END.finditer(before)), default=0)
    return _NEGATION.search(before[clause_start:] + match.group(0)) is not None


def normalise(text: str) -> str:
    return unicodedata.normalize("NFC", text[:_MAX_CHARS]).replace("\u2019", "'").lower().strip()


def requested_language(text: str) -> str | None:
    """The code (nb, nn, da, en, sv) the message asks to switch to, or None.

    "norsk"/"Norwegian" alone means bokmål, the standard most readers expect.
    """
    cleaned = normalise(text)
    for pattern in (_BARE_REQUEST, _LEADING_REQUEST):
        match = pattern.fullmatch(cleaned) if pattern is _BARE_REQUEST else pattern.match(cleaned)
        if match is not None:
            return _code(match)
    for match in _VERB_REQUEST.finditer(cleaned):
        if not _negated(cleaned, match):
            return _code(match)
    return None
