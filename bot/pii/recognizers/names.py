"""Person names in nb, nn, da and en, from any origin.

Three kinds of evidence, because none is enough alone: the CRF tagger (trained
on real Norwegian and Danish sentences; knows that capitalised places and
organisations are not people), the name gazetteer (Faker's lists for dozens of
locales, so "Oluwaseun" or "Nguyen" is found as readily as "Kari"), and cue
phrases ("jeg heter", "min datter", "mvh") that make even a lowercase chat name
certain."""

from __future__ import annotations

from collections.abc import Iterator

from bot.pii.gazetteer import NameGazetteer, common_words, name_gazetteer
from bot.pii.name_features import Token, follows_cue, tokenize
from bot.pii.name_tagger import NameTagger, TokenScores, load_name_tagger
from bot.pii.spans import NAME, PiiSpan

# Particles inside names: "Ludwig van Beethoven", "Omar al Farouk", "Maria da Silva".
_PARTICLES = frozenset({"van", "von", "de", "da", "di", "du", "del", "der", "al", "el", "bin", "ibn", "la", "le", "af"})
TAGGER_THRESHOLD = 0.5
# The tagger learnt Norwegian and Danish; on English text its capital-letter
# habits misfire, so there a name must be a known one or the tagger very sure.
ENGLISH_CONFIDENT = 0.9
_ENGLISH_WORDS = frozenset(
    [
        "the", "and", "of", "to", "is", "are", "was", "were", "you", "it", "that", "this", "for", "with",
        "have", "has", "be", "on", "not", "but", "they", "at", "my", "we", "he", "she", "his", "her",
        "will", "would", "there", "what", "so", "if", "just", "can", "all", "do", "from", "an", "or", "by",
        "our", "your", "been", "which"
    ]
)
_NORDIC_WORDS = frozenset(
    [
        "og", "er", "det", "som", "på", "en", "et", "til", "av", "med", "har", "jeg", "ikke", "de", "den",
        "at", "var", "om", "så", "han", "hun", "men", "eller", "kan", "vil", "skal", "fra", "dere", "meg",
        "du", "vi", "eg", "ikkje", "dei", "ho", "dykk", "ein", "eit", "frå", "ikkje", "af", "på", "mig",
        "jeg", "hvad", "hvor", "nu", "også"
    ]
)
# A word after a name joins it unless the tagger is fairly sure it is a place or organisation.
EXTENSION_BLOCK = 0.65
CONFIDENT = 0.85


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
        yield from self._spans(tokens, scores, flags)

    def _is_name(self, tokens: list[Token], scores: list[TokenScores], i: int, english: bool = False) -> bool:
        token, score, gazetteer = tokens[i], scores[i], self.gazetteer
        word = token.text
        if not token.is_word or len(word) < 2:
            return False
        folded = word.casefold()
        common = folded in common_words()
        if word.isupper() and len(word) > 3 and not follows_cue(tokens, i):
            return score.person >= TAGGER_THRESHOLD  # acronyms and shouting
        sentence_start = i == 0 or tokens[i - 1].text in ".!?\n«\"-–"
        if common and (sentence_start or not token.is_capitalised):
            return False  # "Will you…", "Hans bil…": an everyday word that happens to be capitalised
        if english and score.person < ENGLISH_CONFIDENT and not gazetteer.is_name(word) and not follows_cue(tokens, i):
            return False
        if score.person >= TAGGER_THRESHOLD:
            # At a sentence start or on a known place the tagger must be sure, or
            # the word must be a known name: capitals there say little.
            doubtful = sentence_start or (gazetteer.is_place(word) and not gazetteer.is_first_name(word))
            if not doubtful or gazetteer.is_name(word) or score.person >= CONFIDENT:
                return True
        if follows_cue(tokens, i):
            return not common and (token.is_capitalised or gazetteer.is_name(word))
        if not token.is_capitalised or common or score.other_entity >= TAGGER_THRESHOLD:
            return False
        known = gazetteer.is_first_name(word) and not gazetteer.is_ambiguous(word)
        return known and not (sentence_start and score.person < 0.1 and tagger_present(scores))

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
            yield PiiSpan(tokens[i].start, tokens[j].end, NAME, "person", round(max(best, 0.7), 3))
            i = j + 1


def tagger_present(scores: list[TokenScores]) -> bool:
    return any(s.person or s.other_entity for s in scores)


def looks_english(tokens: list[Token], language: str | None) -> bool:
    if language is not None:
        return language == "en"
    words = [t.text.casefold() for t in tokens if t.is_word]
    english = sum(w in _ENGLISH_WORDS for w in words)
    nordic = sum(w in _NORDIC_WORDS for w in words)
    return english > nordic


def _chain_starts_at_cue(tokens: list[Token], flags: list[bool], i: int) -> bool:
    """Is the name that token i would extend introduced by a cue ("jeg heter Kari ...")?

    After a cue the whole capitalised run is the name, even where the tagger
    hears a place in it ("Nordby", "Berg")."""
    j = i - 1
    while j > 0 and (flags[j - 1] or tokens[j - 1].text.casefold() in _PARTICLES):
        j -= 1
    return flags[j] and follows_cue(tokens, j)
