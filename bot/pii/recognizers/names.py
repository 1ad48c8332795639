"""Person names in nb, nn, da and en, from any origin.

Several kinds of evidence, because none is enough alone: the CRF tagger (trained
on real Norwegian and Danish sentences; knows that capitalised places and
organisations are not people), the name gazetteer (Faker's lists for dozens of
locales, so "Oluwaseun" or "Nguyen" is found as readily as "Kari"), the spelling
of a word no list knows (name_likeness.py), who speaks after a quote (", sa
Haugsvær"), and cue phrases ("jeg heter", "min datter", "mvh") that make even a
lowercase chat name certain."""

from __future__ import annotations

from collections.abc import Iterator

from bot.pii.gazetteer import NameGazetteer, common_words, english_lexicon, lowercase_lexicon, name_gazetteer
from bot.pii.name_features import SPEECH_VERBS, Token, after_honorific, follows_cue, looks_english, tokenize
from bot.pii.name_likeness import name_likeness
from bot.pii.name_tagger import NameTagger, TokenScores, load_name_tagger
from bot.pii.spans import NAME, PiiSpan

# Particles inside names: "Ludwig van Beethoven", "Omar al Farouk", "Maria da Silva".
_PARTICLES = frozenset({"van", "von", "de", "da", "di", "du", "del", "der", "al", "el", "bin", "ibn", "la", "le", "af"})
TAGGER_THRESHOLD = 0.5
# The tagger learnt English from synthetic sentences only; on real English text its
# capital-letter habits still misfire, so there a name must be a known one or the tagger very sure.
ENGLISH_CONFIDENT = 0.9
# A word after a name joins it unless the tagger is fairly sure it is a place or organisation.
EXTENSION_BLOCK = 0.65
CONFIDENT = 0.85
EVERYDAY_WORD_CONFIDENT = 0.85
# A word no list knows, spelled like a name (see name_likeness.py), is one unless the tagger doubts it.
SPELLING_CONFIDENT = 0.8


class PersonNameRecognizer:
    name = "person_name"

    def __init__(self, gazetteer: NameGazetteer | None = None, tagger: NameTagger | None | bool = True) -> None:
        self._gazetteer = gazetteer
        self._tagger_option = tagger

    @property
    def gazetteer(self) -> NameGazetteer:
        if self._gazetteer is None:
            self._gazetteer = name_gazetteer()
        return self._gazetteer

    def _tagger(self) -> NameTagger | None:
        if self._tagger_option is True:
            self._tagger_option = load_name_tagger(self.gazetteer)
        return self._tagger_option or None

    def find(self, text: str, language: str | None) -> Iterator[PiiSpan]:
        tokens = tokenize(text)
        if not any(t.is_word for t in tokens):
            return
        tagger = self._tagger()
        scores = tagger.score(tokens) if tagger else [TokenScores(0.0, 0.0)] * len(tokens)
        english = looks_english(tokens, language)
        flags = [self._is_name(tokens, scores, i, english) for i in range(len(tokens))]
        self._extend_to_surnames(tokens, scores, flags)
        _join_initials(tokens, flags)
        _repeat_mentions(tokens, flags)
        yield from self._spans(tokens, scores, flags)

    def _is_name(self, tokens: list[Token], scores: list[TokenScores], i: int, english: bool = False) -> bool:
        token, score, gazetteer = tokens[i], scores[i], self.gazetteer
        word = token.text
        if not token.is_word or len(word) < 2:
            return False
        folded = word.casefold()
        common = folded in common_words()
        cue = follows_cue(tokens, i)
        if word.isupper() and len(word) > 3 and not cue:
            return score.person >= TAGGER_THRESHOLD  # acronyms and shouting
        sentence_start = i == 0 or tokens[i - 1].text in ".!?\n«\"-–"
        if common and (sentence_start or not token.is_capitalised):
            return False  # "Will you…", "Hans bil…": an everyday word that happens to be capitalised
        if after_honorific(tokens, i) and token.is_capitalised and not common:
            return True  # "Mrs Okafor", "Dr. Lindqvist", "fru Ulvestad": the address says a person follows
        if token.is_capitalised and _attributes_a_quote(tokens, i) and word.casefold() not in lowercase_lexicon():
            # "…, sa Haugsvær." / "…," Okafor told: who speaks after a quote is a person, even one
            # whose name is also a place, and a speaker the tagger has never seen.
            return score.other_entity < CONFIDENT
        if _everyday_english(word, gazetteer) and score.person < EVERYDAY_WORD_CONFIDENT and not cue:
            # "Library", "Weather", "Update": capitalised, but no one's name. The word list also holds
            # famous surnames (it was folded to lowercase), so a sure tagger still wins.
            return False
        if english and score.person < ENGLISH_CONFIDENT and not gazetteer.is_name(word) and not cue and not (
            score.person >= TAGGER_THRESHOLD and _spelled_like_a_name(word, gazetteer)
        ):
            return False
        # On a known place ("Lincoln", "Preston", also surnames) the tagger must be sure. A sentence
        # start needs no more than elsewhere: the tagger has seen capitals there in all four languages.
        place = gazetteer.is_place(word) and not gazetteer.is_first_name(word)
        if score.person >= (CONFIDENT if place else TAGGER_THRESHOLD):
            return True
        if cue:
            return not common and (token.is_capitalised or gazetteer.is_name(word))
        if not token.is_capitalised or common or score.other_entity >= TAGGER_THRESHOLD:
            return False
        known = gazetteer.is_first_name(word) and not gazetteer.is_ambiguous(word)
        if known:
            return not (sentence_start and score.person < 0.1 and tagger_present(scores))
        return not sentence_start and _spelled_like_a_name(word, gazetteer)

    def _extend_to_surnames(self, tokens: list[Token], scores: list[TokenScores], flags: list[bool]) -> None:
        gazetteer = self.gazetteer
        for i in range(1, len(tokens)):
            if flags[i] or not flags[i - 1] and not (
                i >= 2 and flags[i - 2] and tokens[i - 1].text.casefold() in _PARTICLES
            ):
                continue
            token = tokens[i]
            if not token.is_word:
                continue
            # A capitalised everyday word right after a name is still a name part
            # when names use it ("Nguyen Van An"); in lowercase it never is.
            if token.text.casefold() in common_words() and not (token.is_capitalised and gazetteer.is_name(token.text)):
                continue
            after_cue = _chain_starts_at_cue(tokens, flags, i)
            if token.is_capitalised and (after_cue or scores[i].other_entity < EXTENSION_BLOCK):
                flags[i] = True
            elif not token.is_capitalised and gazetteer.is_name(token.text) and tokens[i - 1].text.islower():
                flags[i] = True  # "jeg heter ola nordmann"

    def _spans(self, tokens: list[Token], scores: list[TokenScores], flags: list[bool]) -> Iterator[PiiSpan]:
        i = 0
        while i < len(tokens):
            if not flags[i]:
                i += 1
                continue
            j = i
            while j + 1 < len(tokens) and (
                flags[j + 1]
                or (tokens[j + 1].text.casefold() in _PARTICLES and j + 2 < len(tokens) and flags[j + 2])
            ):
                j += 1
            best = max(s.person for s in scores[i : j + 1])
            if _names_a_thing(tokens, j, self.gazetteer):
                i = j + 1
                continue
            yield PiiSpan(tokens[i].start, tokens[j].end, NAME, "person", round(max(best, 0.7), 3))
            i = j + 1


def tagger_present(scores: list[TokenScores]) -> bool:
    return any(s.person or s.other_entity for s in scores)


def _everyday_english(word: str, gazetteer: NameGazetteer) -> bool:
    return word[:1].isupper() and word.casefold() in english_lexicon() and not gazetteer.is_name(word)


_QUOTE_ENDS = frozenset({",", "»", "\"", "”", "'", "’"})


def _attributes_a_quote(tokens: list[Token], i: int) -> bool:
    """Is tokens[i] the speaker of a quote: ", sa Haugsvær" / ", sier Aaslund" (verb first, as Nordic news
    writes it) or '," Okafor said' (name first, as English does)?"""
    before = tokens[i - 2 : i]
    if len(before) == 2 and before[0].text in _QUOTE_ENDS and before[1].text.casefold() in SPEECH_VERBS:
        return True
    return (
        i >= 1 and tokens[i - 1].text in _QUOTE_ENDS - {","} and i + 1 < len(tokens)
        and tokens[i + 1].text.casefold() in SPEECH_VERBS
    )


def _spelled_like_a_name(word: str, gazetteer: NameGazetteer) -> bool:
    """A lone capitalised word no list knows ("Aaslund mente…"): its spelling is the only evidence left.

    Words seen in lowercase and places are excluded first (the tagger's organisations were
    excluded by the caller), so what is left is mostly names and the odd foreign or made-up word."""
    if word.casefold() in lowercase_lexicon() or gazetteer.is_place(word):
        return False
    likeness = name_likeness(word)
    return likeness is not None and likeness >= SPELLING_CONFIDENT


def _names_a_thing(tokens: list[Token], last: int, gazetteer: NameGazetteer) -> bool:
    """Is the name that ends at tokens[last] the start of a title-case phrase ("Harbour Kitchen", "Photo Editor")?

    A capitalised everyday word right after it makes the run a place, shop or product;
    a person's name is followed by a lowercase word or punctuation instead."""
    following = last + 1
    return (
        following < len(tokens)
        and tokens[following].start == tokens[last].end + 1
        and _everyday_english(tokens[following].text, gazetteer)
    )


def _join_initials(tokens: list[Token], flags: list[bool]) -> None:
    """ "Jonas K. Aasheim", "Mary T. Okoro": a middle initial and its dot belong to the name around them."""
    for i in range(1, len(tokens) - 2):
        initial, dot, after = tokens[i], tokens[i + 1], tokens[i + 2]
        if flags[i - 1] and len(initial.text) == 1 and initial.text.isupper() and dot.text == "." and (
            after.is_capitalised and after.start == dot.end + 1
        ):
            flags[i] = flags[i + 1] = flags[i + 2] = True


def _repeat_mentions(tokens: list[Token], flags: list[bool]) -> None:
    """Once a name is found in a text, its parts elsewhere in the same text are the same person.

    "Ingvild Brekkestø ... Brekkestø said" or "Per Ulvestad ... Ulvestads bil": the later
    lone surname has no first name or cue of its own, but the text has named it."""
    found = {
        tokens[i].text for i, flag in enumerate(flags)
        if flag and tokens[i].is_capitalised and len(tokens[i].text) >= 3
        and tokens[i].text.casefold() not in common_words()
    }
    if not found:
        return
    for i, token in enumerate(tokens):
        if flags[i] or not token.is_capitalised:
            continue
        if token.text in found or (token.text.endswith("s") and token.text[:-1] in found):
            flags[i] = True


def _chain_starts_at_cue(tokens: list[Token], flags: list[bool], i: int) -> bool:
    """Is the name that token i would extend introduced by a cue ("jeg heter Kari ...")?

    After a cue the whole capitalised run is the name, even where the tagger
    hears a place in it ("Nordby", "Berg")."""
    j = i - 1
    while j > 0 and (flags[j - 1] or tokens[j - 1].text.casefold() in _PARTICLES):
        j -= 1
    return flags[j] and follows_cue(tokens, j)
