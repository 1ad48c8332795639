"""E-mail addresses, including the disguised forms people type to dodge spam filters.

"kari[at]example[dot]no", "kari (at) example (dot) dk", "kari @ example . dk",
"john DOT smith AT outlook DOT com", "ola snabel-a firma punktum no", "per krøllalfa epost prikk no":
each is one address and is masked as one `<email>`, never leaving a domain or local part behind."""

from __future__ import annotations

import re
from collections.abc import Iterator

from bot.pii.gazetteer import english_lexicon, lowercase_lexicon, name_gazetteer
from bot.pii.spans import EMAIL, PiiSpan

# Bounded repetitions and no nested quantifiers over the same characters, so
# matching stays linear on hostile input.
_LOCAL = r"[A-Za-z0-9ÆØÅæøåÄÖÜäöü._%+\-']{1,64}"
_LABEL = r"[A-Za-z0-9ÆØÅæøå\-]{1,63}"
_TLD = r"[A-Za-z]{2,24}"

# The words for "@" and "." in the four languages: "snabel-a" (da), "krøllalfa"/"alfakrøll" (nb, nn).
_AT_WORDS = r"at|snabel-?a|krøll?-?alfa|alfa-?krøll?"
_DOT_WORDS = r"dot|punkt|punktum|prikk|prik"
# Spelled joiners inside a local part or domain: "kate underscore m", "ola bindestrek nordmann".
_JOIN_WORDS = r"underscore|understrek|understreg|bindestrek|bindestreg|dash|hyphen"
# A disguised "@": in brackets (no spaces needed), a word between spaces, or "@" with a space on both sides
# ("plus @firm.com" is a handle or a domain, not an address).
_OPEN, _CLOSE = r"\s{0,2}[\(\[\{<]\s{0,2}", r"\s{0,2}[\)\]\}>]\s{0,2}"
_AT = (
    rf"(?:{_OPEN}(?:{_AT_WORDS}|@|a){_CLOSE}"
    rf"|\s{{1,2}}(?P<word_at>{_AT_WORDS})\s{{1,2}}"
    r"|\s{1,2}@\s{1,2})"
)
# A disguised ".": in brackets, a word between spaces, a dot with a space on both sides, or a plain dot.
# Not ". " alone: that ends a sentence ("I'm at home. No…").
_DOT = (
    rf"(?:{_OPEN}(?:{_DOT_WORDS}|\.){_CLOSE}|\s{{1,2}}(?:{_DOT_WORDS}|{_JOIN_WORDS})\s{{1,2}}"
    r"|\s{1,2}\.\s{1,2}|\.)"
)
_WORD = r"[A-Za-z0-9ÆØÅæøåÄÖÜäöü_%+\-']{1,64}"


class EmailRecognizer:
    name = "email"
    PLAIN = re.compile(rf"(?<![\w.+\-]){_LOCAL}@{_LABEL}(?:\.{_LABEL}){{0,6}}\.{_TLD}(?![\w\-])")
    DISGUISED = re.compile(
        rf"(?<![\w.+\-@])(?P<local>{_WORD}(?:{_DOT}{_WORD}){{0,4}}){_AT}{_WORD}(?:{_DOT}{_WORD}){{0,4}}{_DOT}{_TLD}(?![\w\-@])",
        re.IGNORECASE,
    )
    # A real "@" with spaces anywhere around it or the dots ("per.olsen@ gmail . com", "kari@online . no",
    # "anna.b@uio. no"): the "@" says it is an address, so one-sided spaces count too.
    SPACED = re.compile(
        rf"(?<![\w.+\-@])(?P<local>{_LOCAL}?[A-Za-z0-9ÆØÅæøåÄÖÜäöü_%+\-'])(?P<before>\s{{0,2}})@(?P<after>\s{{0,2}})"
        rf"{_LABEL}(?:\s{{0,2}}\.\s{{0,2}}{_LABEL}){{0,6}}\s{{0,2}}\.\s{{0,2}}(?P<tld>{_TLD})(?![\w\-@])"
    )
    # Cheap test before the costly pattern: a word for "@" or ".", a bracket, or an "@" or "." with a space.
    _HINT = re.compile(rf"\b(?:{_DOT_WORDS}|{_AT_WORDS})\b|[\(\[\{{<]|\s@|@\s|\s\.\s", re.IGNORECASE)

    def find(self, text: str, language: str | None) -> Iterator[PiiSpan]:
        if "@" in text:
            for plain in self.PLAIN.finditer(text):
                yield PiiSpan(plain.start(), plain.end(), EMAIL, "email", 1.0)
            for spaced in self.SPACED.finditer(text):
                if spaced.group("tld").casefold() not in _COMMON_TLDS:
                    continue  # "på jobb @ NAV. Ring meg", "tweet @ me. ok": a sentence goes on, no domain ends
                if (spaced.group("before") or spaced.group("after")) and not _could_be_a_mailbox(
                    spaced.group("local"), english=True
                ):
                    continue  # "write us @firm.no": a handle or a domain after an everyday word
                yield PiiSpan(spaced.start(), spaced.end(), EMAIL, "email_spaced", 0.9)
        if not self._HINT.search(text):
            return
        position = 0
        while (match := self.DISGUISED.search(text, position)) is not None:
            if match.group("word_at") and not _could_be_a_mailbox(match.group("local")):
                # "look at vg.no", "me at john DOT okafor AT…": an everyday word before a plain "at" starts
                # no address, but one may start in what it spanned.
                position = match.start() + 1
                continue
            yield PiiSpan(match.start(), match.end(), EMAIL, "email_spelled", 0.8)
            position = match.end()


def _could_be_a_mailbox(local: str, english: bool = False) -> bool:
    """A local part before a bare "at": anything but a lone everyday word the name lists do not know."""
    if not local.isalpha():
        return True  # "kari.nordby", "ola_n", "per90", "john DOT smith"
    folded = local.casefold()
    everyday = folded in lowercase_lexicon() or english and folded in english_lexicon()
    return not everyday or name_gazetteer().is_name(local)


# The endings people write out with spaces: the Nordic countries', their neighbours' and the generic ones. A
# spaced dot before anything else ends a sentence, not a domain.
_COMMON_TLDS = frozenset((
    "no", "dk", "se", "fi", "is", "fo", "gl", "ax", "de", "nl", "be", "fr", "es", "it", "pt", "pl", "uk", "ie",
    "at", "ch", "eu", "us", "ca", "au", "nz", "in", "com", "org", "net", "edu", "gov", "info", "io", "me", "biz",
    "co", "online", "email",
))
