"""Person names in nb, nn, da and en, from any origin.

Several kinds of evidence, because none is enough alone: the CRF tagger (trained
on real Norwegian and Danish sentences; knows that capitalised places and
organisations are not people), the name gazetteer (Faker's lists for dozens of
locales, so "Oluwaseun" or "Nguyen" is found as readily as "Kari"), the spelling
of a word no list knows (name_likeness.py), where a word stands (who speaks
after a quote, ", sa Haugsvær"; a role before it, "sosialøkonom Hersoug"; an
age after it, "Gulsum (28)"; a list it shares with a person, "Giske, Valla og
Kolberg"), and cue phrases ("jeg heter", "min datter", "mvh") that make even a
lowercase chat name certain."""

from __future__ import annotations

from collections.abc import Iterator

from bot.pii.gazetteer import (
    NameGazetteer,
    common_words,
    english_lexicon,
    english_word_names,
    lowercase_lexicon,
    name_gazetteer,
    world_places,
)
from bot.pii.name_chat_rules import (
    SURNAME_SPELLING,
    after_light_introduction,
    in_lexicon,
    mark_addressed_names,
    mark_announced_names,
    mark_hyphenated_first_names,
    mark_introduced_names,
    mark_signed_names,
    mark_typed_full_names,
    may_hold_typed_names,
)
from bot.pii.name_features import (
    LANGUAGE_WORDS,
    NAME_PARTICLES,
    SPEECH_VERBS,
    Token,
    after_honorific,
    after_role,
    age_follows,
    follows_cue,
    looks_english,
    tokenize,
)
from bot.pii.name_likeness import name_likeness
from bot.pii.name_tagger import NameTagger, TokenScores, load_name_tagger
from bot.pii.name_things import GROUP_WORDS, names_a_thing, names_an_animal, qualifies_a_noun, url_ranges
from bot.pii.spans import NAME, PiiSpan

TAGGER_THRESHOLD = 0.5
# The tagger learnt English from synthetic sentences only; on real English text its
# capital-letter habits still misfire, so there a name must be a known one or the tagger very sure.
ENGLISH_CONFIDENT = 0.9
# A word after a name joins it unless the tagger is fairly sure it is a place or organisation.
EXTENSION_BLOCK = 0.65
CONFIDENT = 0.85
# A speaker named last in the clause (", sa Viken.") is a person unless the tagger is all but certain it is not.
SPEAKER_DOUBT = 0.95
# Listed with a person ("Giske, Valla og Kolberg"), a word is one too unless the tagger is all but sure of a place.
LISTED_DOUBT = 0.97
EVERYDAY_WORD_CONFIDENT = 0.85
# Before a found surname, a capitalised word the lists do not hold as a first name joins it at this tagger score.
UNLISTED_FIRST_NAME = 0.5
# Two unlisted capitalised words in a row: each spelled like a name, and the tagger not against a person.
PAIR_SPELLING = 0.7
PAIR_TAGGER_FLOOR = 0.3
# A word no list knows, spelled like a name (see name_likeness.py), is one unless the tagger doubts it.
SPELLING_CONFIDENT = 0.8
# Where the place in the sentence already suggests a person, the spelling need only not speak against one.
SPELLING_PLAUSIBLE = 0.15
# A lone capitalised name that is an everyday English word too ("Parking", "Page") needs a near-certain tagger.
WORD_NAME_CONFIDENT = 0.97


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
        mark_introduced_names(tokens, flags, self.gazetteer)
        mark_signed_names(tokens, flags, self.gazetteer)
        mark_announced_names(text, tokens, flags, self.gazetteer)
        mark_typed_full_names(tokens, flags, self.gazetteer)
        if may_hold_typed_names(text):
            mark_addressed_names(tokens, flags, self.gazetteer)
            mark_hyphenated_first_names(tokens, flags, self.gazetteer)
        self._extend_to_surnames(tokens, scores, flags)
        _first_name_before(tokens, scores, flags, self.gazetteer)
        _unlisted_pairs(tokens, scores, flags, self.gazetteer)
        _join_initials(tokens, flags)
        if "'s" in text or "’s" in text:
            _possessive_names(tokens, flags, self.gazetteer)
        self._coordinated_names(tokens, scores, flags, _FIRST_PERSON_ENGLISH if english else _FIRST_PERSON)
        _repeat_mentions(tokens, flags)
        for start, end in url_ranges(text):
            # A web address's path and query name pages, not people ("…/item.php?author=Brekke").
            for k, token in enumerate(tokens):
                if start <= token.start and token.end <= end:
                    flags[k] = False
        yield from self._spans(tokens, scores, flags, english)

    def _is_name(self, tokens: list[Token], scores: list[TokenScores], i: int, english: bool = False) -> bool:
        token, score, gazetteer = tokens[i], scores[i], self.gazetteer
        word = token.text
        if not token.is_word or len(word) < 2:
            return False
        folded = word.casefold()
        if not token.is_capitalised and folded.endswith(_POSSESSIVE_ENDINGS) and (
            folded[:-2] in lowercase_lexicon() or folded[:-2] in english_lexicon()
        ) and not follows_cue(tokens, i):
            return False  # "my son's teacher": a lowercase everyday word with its "'s" is no name
        if folded in _ENGLISH_FIRST_PERSON_FORMS or _english_contraction(folded):
            return False  # "I'm Priya", "hi it's rose": the tagger hears the word before a name as its first part
        common = folded in common_words()
        cue = follows_cue(tokens, i)
        if (folded in LANGUAGE_WORDS or folded in GROUP_WORDS) and (not cue or after_light_introduction(tokens, i)):
            return False  # "can we speak English?": a surname too, but here the language Vern should answer in
        if gazetteer.is_organisation(word) and not cue:
            return False  # "Visma sier at…", "bildene på Spond": the apps and agencies a chat about data names
        if word.isupper() and len(word) > 3 and not cue:
            return score.person >= TAGGER_THRESHOLD  # acronyms and shouting
        sentence_start = _at_sentence_start(tokens, i)
        if not token.is_capitalised and not cue and folded in lowercase_lexicon() and (
            folded not in NAME_PARTICLES and not (gazetteer.is_first_name(word) and not gazetteer.is_ambiguous(word))
        ):
            return False  # "bring", "such": lowercase everyday words are names only by a cue or a chat rule
        if common and (sentence_start or not token.is_capitalised):
            return False  # "Will you…", "Hans bil…": an everyday word that happens to be capitalised
        if after_honorific(tokens, i) and token.is_capitalised and not common:
            return True  # "Mrs Okafor", "Dr. Lindqvist", "fru Ulvestad": the address says a person follows
        if english and token.is_capitalised and not common and qualifies_a_noun(tokens, i) and (
            self._could_be_a_name(word) and gazetteer.is_name(word)
        ):
            return True  # "the Hartley administration", "the Lindqvist twins"
        if token.is_capitalised and _attributes_a_quote(tokens, i):
            # "…, sa Haugsvær." / "…," Okafor told: who speaks after a quote is a person, even one
            # whose name is also a place, and a speaker the tagger has never seen. A name that is also
            # a word ("Viken", "Berg") counts where it closes the sentence: ", sa Viken." names no bay.
            if _closes_clause(tokens, i):
                # News lets papers and agencies speak too (", skriver Aftenposten."): only they make the tagger
                # this sure.
                return score.other_entity < SPEAKER_DOUBT
            if word.casefold() not in lowercase_lexicon():
                return score.other_entity < CONFIDENT
        if token.is_capitalised and not common and after_role(tokens, i) and self._could_be_a_name(word):
            return True  # "sosialøkonom Hersoug", "NHO-direktør Hansen", "pappa Svindal", "the teacher Adz"
        if token.is_capitalised and not common and self._introduced_as_a_person(tokens, scores, i):
            return True
        everyday_sure = WORD_NAME_CONFIDENT if english and sentence_start else EVERYDAY_WORD_CONFIDENT
        if _everyday_english(word, gazetteer) and score.person < everyday_sure and not cue:
            # "Library", "Weather", "Update": capitalised, but no one's name. The word list also holds
            # famous surnames (it was folded to lowercase), so a sure tagger still wins; at the start of an
            # English sentence, where every word has a capital, it must be all but certain.
            return False
        if english and folded in english_word_names() and score.person < WORD_NAME_CONFIDENT and not cue and (
            _stands_alone(tokens, i)
        ):
            return False  # "Parking was easy", "the Page you asked for": a word before it is a name
        if english and score.person < ENGLISH_CONFIDENT and not gazetteer.is_name(word) and not cue and not (
            score.person >= TAGGER_THRESHOLD and _spelled_like_a_name(word, gazetteer)
        ):
            return False
        if folded in world_places() and not after_light_introduction(tokens, i):
            # A country or a city of the world ("Denver", "Tromsø", "Peru"): a person only where the tagger is
            # sure and the name lists know the word as a first name too ("Charlotte", "Victoria").
            return gazetteer.is_first_name(word) and not gazetteer.is_ambiguous(word) and (
                score.person >= (ENGLISH_CONFIDENT if english else CONFIDENT)
            )
        # On a known place ("Lincoln", "Preston", also surnames) the tagger must be sure. A sentence
        # start needs no more than elsewhere: the tagger has seen capitals there in all four languages.
        place = gazetteer.is_place(word) and not gazetteer.is_first_name(word)
        if score.person >= (CONFIDENT if place else TAGGER_THRESHOLD):
            return True
        if cue:
            # A lowercase word after a loose cue ("the plumber called back") is a name only if it is no everyday
            # word, or a first name the lists hold unambiguously; introductions have their own rules.
            loose = tokens[i - 1].text.casefold() in _LOOSE_CUES
            lowercase_name = gazetteer.is_name(word) and not (
                loose and folded in lowercase_lexicon() and (
                    not gazetteer.is_first_name(word) or gazetteer.is_ambiguous(word)
                )
            )
            return not common and (token.is_capitalised or lowercase_name)
        if not token.is_capitalised or common or score.other_entity >= TAGGER_THRESHOLD:
            return False
        known = gazetteer.is_first_name(word) and not gazetteer.is_ambiguous(word)
        if known:
            return not (sentence_start and score.person < 0.1 and tagger_present(scores))
        return not sentence_start and _spelled_like_a_name(word, gazetteer)

    def _introduced_as_a_person(self, tokens: list[Token], scores: list[TokenScores], i: int) -> bool:
        """How prose and pasted transcripts introduce a person the lists do not know:

        "Gulsum (28) satt…" (an age in brackets), "Hersoug nemner…" / "Shojai told…" (the subject of a verb of
        saying, where the tagger sees no organisation) and "Kari: …" (a transcript's speaker label)."""
        word = tokens[i].text
        if not self._could_be_a_name(word) or word.casefold() in english_lexicon():
            return False
        if age_follows(tokens, i):
            return True
        at_start = i == 0 or tokens[i - 1].text in ".!?\n«\"-–"
        if not at_start or i + 1 >= len(tokens):
            return False
        # Headings and definite nouns take these places too ("Vaktsjefen skriver", "Hockeyutstyr:"); their
        # spelling gives them away.
        likeness = name_likeness(word)
        if likeness is None or likeness < SPELLING_PLAUSIBLE:
            return False
        following = tokens[i + 1]
        if following.text.casefold() in SPEECH_VERBS:
            return scores[i].other_entity < TAGGER_THRESHOLD
        if following.text != ":" or i != 0:
            return False
        # "Kari: ja, det stemmer". Only a name the lists know: a word before a colon is as often a heading
        # ("Merk: …", "Pragmatikar:").
        return self.gazetteer.is_first_name(word) or self.gazetteer.is_seen_person(word)

    def _could_be_a_name(self, word: str) -> bool:
        """Not a place, and not an everyday word unless the name lists know it too: what a cue can make a name."""
        gazetteer = self.gazetteer
        if gazetteer.is_organisation(word) or gazetteer.is_place(word) and not gazetteer.is_first_name(word):
            return False
        return word.casefold() not in lowercase_lexicon() or gazetteer.is_name(word)

    def _coordinated_names(
        self, tokens: list[Token], scores: list[TokenScores], flags: list[bool], first_person: frozenset[str]
    ) -> None:
        """ "Giske, Valla og Kolberg", "Rumsfeld, Wolfowitz and Feith", "shanna and i": what is listed with a
        person is a person. Places and everyday words in the list stay; a list with no one found stays."""
        for first, last in _enumerations(tokens):
            items = _items(tokens, first, last)
            # The person the list is anchored on must be one by the tagger's own judgement (not by a rule that may
            # have erred), and a list that names a known place is a list of places ("Kabul, Faizabad og Kunduz").
            has_person = any(
                _ends_in_person(item, flags, scores)
                or (len(item) == 1 and tokens[item[0]].text.casefold() in first_person)
                for item in items
            )
            if not has_person or any(self.gazetteer.is_place(tokens[k].text) for item in items for k in item):
                continue
            for item in items:
                if all(flags[k] for k in item):
                    continue
                if all(self._listed_name(tokens, k) and scores[k].other_entity < LISTED_DOUBT for k in item):
                    for k in item:
                        flags[k] = True

    def _listed_name(self, tokens: list[Token], k: int) -> bool:
        token = tokens[k]
        word = token.text
        if not token.is_word or len(word) < 2 or word.casefold() in common_words() or (
            word.casefold() in _FIRST_PERSON_ENGLISH
        ):
            return False
        if token.is_capitalised:
            # "Obama-administrasjonen": a compound with a lowercase head is a thing named after someone.
            compound_noun = "-" in word and word.rsplit("-", 1)[-1][:1].islower()
            return self._could_be_a_name(word) and not compound_noun and not (word.isupper() and len(word) > 1)
        # A lowercase name only where the list knows it: "shanna and i".
        gazetteer = self.gazetteer
        return gazetteer.is_first_name(word) and not gazetteer.is_ambiguous(word) and (
            word.casefold() not in lowercase_lexicon()
        )

    def _extend_to_surnames(self, tokens: list[Token], scores: list[TokenScores], flags: list[bool]) -> None:
        gazetteer = self.gazetteer
        for i in range(1, len(tokens)):
            if flags[i] or not flags[i - 1] and not (
                i >= 2 and flags[i - 2] and tokens[i - 1].text.casefold() in NAME_PARTICLES
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
            elif not token.is_capitalised and gazetteer.is_name(token.text) and tokens[i - 1].text.islower() and (
                token.text not in _REPORTING_VERBS
            ):
                flags[i] = True  # "jeg heter ola nordmann", but "dr. ramaswamy said …" ("Said" is a name too)

    def _spans(
        self, tokens: list[Token], scores: list[TokenScores], flags: list[bool], english: bool
    ) -> Iterator[PiiSpan]:
        i = 0
        while i < len(tokens):
            if not flags[i]:
                i += 1
                continue
            j = i
            while j + 1 < len(tokens) and (
                flags[j + 1]
                or (tokens[j + 1].text.casefold() in NAME_PARTICLES and j + 2 < len(tokens) and flags[j + 2])
            ):
                j += 1
            best = max(s.person for s in scores[i : j + 1])
            if names_an_animal(tokens, i) or not follows_cue(tokens, i) and (
                _names_a_thing(tokens, j, self.gazetteer) or names_a_thing(tokens, i, j, self.gazetteer, english)
            ):
                i = j + 1
                continue
            yield PiiSpan(tokens[i].start, tokens[j].end, NAME, "person", round(max(best, 0.7), 3))
            i = j + 1


# Verbs that name as often as they call: "the plumber called back", "named after".
_LOOSE_CUES = frozenset({"called", "named", "call"})
_ENGLISH_FIRST_PERSON_FORMS = frozenset({"i'm", "i’m", "i've", "i'd", "i'll"})
# What follows a name in reported speech; the name lists hold "Said" and "Sa".
_REPORTING_VERBS = frozenset({"said", "says", "sa", "sier", "seier", "siger", "sagde"})
# "it's", "that's", "they're", "don't": a pronoun's or a verb's contraction, never a name ("Ben's" and "O'Brien" are).
_CONTRACTED_WORDS = frozenset({"it", "that", "there", "here", "what", "who", "he", "she", "let", "you", "we", "they"})
_CONTRACTION_ENDINGS = frozenset({"s", "m", "re", "ll", "ve", "d"})


def _english_contraction(folded: str) -> bool:
    if "'" not in folded and "’" not in folded:
        return False
    head, _, tail = folded.replace("’", "'").partition("'")
    return head in _CONTRACTED_WORDS and tail in _CONTRACTION_ENDINGS or tail == "t" and head.endswith("n")
# Joiners of a list of people, and the first-person words a person is listed with ("Kari og jeg").
_CONJUNCTIONS = frozenset({"og", "and", "&", "eller", "or", "samt"})
# "i" and "me" only in English: in Norwegian they are "in" and (nynorsk) "we".
_FIRST_PERSON = frozenset({"jeg", "eg", "meg", "mig"})
_FIRST_PERSON_ENGLISH = _FIRST_PERSON | {"i", "me"}
_MAX_LIST_ITEMS = 12
_MAX_ITEM_TOKENS = 4


def _enumerations(tokens: list[Token]) -> Iterator[tuple[int, int]]:
    """(first, last) token index of each list "A, B og C" / "A and B": items joined by commas and at least
    one conjunction. An item is a run of up to four words."""
    i = 0
    n = len(tokens)
    while i < n:
        if not tokens[i].is_word:
            i += 1
            continue
        j = _item_end(tokens, i)
        items, joined, last = 1, False, j
        while last + 2 < n and items < _MAX_LIST_ITEMS:
            separator = tokens[last + 1].text.casefold()
            if separator not in _CONJUNCTIONS and separator != ",":
                break
            if not tokens[last + 2].is_word:
                break
            joined = joined or separator in _CONJUNCTIONS
            last = _item_end(tokens, last + 2)
            items += 1
            if separator in _CONJUNCTIONS:
                break  # "A, B og C": the conjunction closes the list
        if joined:
            yield i, last
            i = last + 1
        else:
            i = j + 1


def _item_end(tokens: list[Token], start: int) -> int:
    """A list item is one word, or a run of capitalised words ("Trygve Bratteli")."""
    end = start
    while (
        end + 1 < len(tokens) and end - start + 1 < _MAX_ITEM_TOKENS and tokens[start].is_capitalised
        and tokens[end + 1].is_word and tokens[end + 1].is_capitalised
    ):
        end += 1
    return end


def _items(tokens: list[Token], first: int, last: int) -> list[list[int]]:
    items: list[list[int]] = [[]]
    for k in range(first, last + 1):
        text = tokens[k].text.casefold()
        if text == "," or text in _CONJUNCTIONS:
            items.append([])
        else:
            items[-1].append(k)
    return [item for item in items if item]


def _ends_in_person(item: list[int], flags: list[bool], scores: list[TokenScores]) -> bool:
    """Does the list item end in a person the tagger agrees on? A capitalised word before it may belong to the
    sentence ("Both Hannah Schultz and …")."""
    k = len(item)
    while k > 0 and flags[item[k - 1]] and scores[item[k - 1]].person >= TAGGER_THRESHOLD:
        k -= 1
    return k < len(item) and (k == 0 or not flags[item[k - 1]])


def _stands_alone(tokens: list[Token], i: int) -> bool:
    """No capitalised word right before or after tokens[i]: not part of a full name ("Mark Price")."""
    neighbours = [tokens[k] for k in (i - 1, i + 1) if 0 <= k < len(tokens)]
    return not any(t.is_word and t.is_capitalised for t in neighbours)


def _closes_clause(tokens: list[Token], i: int) -> bool:
    return i + 1 == len(tokens) or tokens[i + 1].text in ".,;!?"


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
    for i in range(1, len(tokens) - 1):
        # "Jeffrey T Hodge": an initial without its dot, between two parts of a name.
        if flags[i - 1] and flags[i + 1] and _is_initial(tokens[i]):
            flags[i] = True
    for i in range(len(tokens) - 1, 1, -1):
        # "A. Noel Kramer", "H. C. Andersen", "R.E. Glenn": initials with dots before a name.
        if flags[i] and tokens[i - 1].text == "." and _is_initial(tokens[i - 2]) and not flags[i - 2]:
            flags[i - 1] = flags[i - 2] = True


def _is_initial(token: Token) -> bool:
    return len(token.text) == 1 and token.text.isupper()


def _unlisted_pairs(
    tokens: list[Token], scores: list[TokenScores], flags: list[bool], gazetteer: NameGazetteer
) -> None:
    """ "Yesterday Kunal Mehta phoned": two capitalised words in a row that no list knows, each spelled like a name,
    mid-sentence, where the tagger does not rule a person out. Names from where the lists are thin come in pairs
    like this; titles and brands are made of words the everyday lists know."""
    for i in range(1, len(tokens) - 1):
        first, second = tokens[i], tokens[i + 1]
        if (flags[i] and flags[i + 1]) or not (first.is_capitalised and second.is_capitalised):
            continue
        if _at_sentence_start(tokens, i) or (i + 2 < len(tokens) and tokens[i + 2].is_capitalised):
            continue  # a longer capitalised run is a title or an organisation's name
        # One of the two may be found already ("Mehta"): the other must then pass on its own, or half is masked.
        # Beside a found name, a word the tagger is sure of joins it even when it is also a town ("Anand").
        found = flags[i] or flags[i + 1]
        if all(flags[k] or _pair_part(tokens[k].text, scores[k], gazetteer) or found and (
            scores[k].person >= CONFIDENT and not gazetteer.is_organisation(tokens[k].text)
            and tokens[k].text.casefold() not in lowercase_lexicon()
        ) for k in (i, i + 1)):
            flags[i] = flags[i + 1] = True


def _pair_part(word: str, score: TokenScores, gazetteer: NameGazetteer) -> bool:
    folded = word.casefold()
    # Not the English word list here: SCOWL holds many given names ("anand", "sanjay") beside its words.
    if not word.isalpha() or word.isupper() or folded in lowercase_lexicon() or not _no_thing(word, gazetteer):
        return False
    if score.person < PAIR_TAGGER_FLOOR or score.other_entity >= TAGGER_THRESHOLD:
        return False
    likeness = name_likeness(word)
    return likeness is not None and likeness >= PAIR_SPELLING


def _first_name_before(
    tokens: list[Token], scores: list[TokenScores], flags: list[bool], gazetteer: NameGazetteer
) -> None:
    """ "Per Borten", "Bill Gottlieb" at the start of a sentence: a first name that is also a word ("per", "bill")
    is held back on its own, but before a found surname, and with the tagger agreeing, it is the name's start."""
    found = list(flags)
    for i in range(len(tokens) - 2, -1, -1):
        token = tokens[i]
        if flags[i] or not flags[i + 1] or not token.is_capitalised:
            continue
        if scores[i].person < TAGGER_THRESHOLD:
            continue
        if gazetteer.is_first_name(token.text):
            flags[i] = True
        elif found[i + 1] and scores[i].person >= UNLISTED_FIRST_NAME and _no_thing(token.text, gazetteer) and (
            _listed_surname(tokens[i + 1].text, gazetteer)
        ) and not (_at_sentence_start(tokens, i) and _everyday_anywhere(token.text) and scores[i].person < CONFIDENT):
            # ("Both Hannah Schultz …": a capitalised everyday word at a sentence's start is no first name.)
            # A first name the lists lack before a surname they hold ("Sanjay Gupta"), where the tagger leans
            # to a person: a name masked without its first part still names. One word, never a chain.
            flags[i] = True


_POSSESSIVE_ENDINGS = ("'s", "’s")


def _possessive_names(tokens: list[Token], flags: list[bool], gazetteer: NameGazetteer) -> None:
    """ "Kari's son is 14", "in Kwame Mensah's name": the tagger learnt "Kari" and "'s" apart, so an English
    possessive hides the name from it. A capitalised first name the lists know and no everyday word spells is a name
    with its "'s" too, and so is a surname (listed, or spelled like a name beyond doubt) after a first name."""
    for i, token in enumerate(tokens):
        if flags[i] or not token.text.endswith(_POSSESSIVE_ENDINGS):
            continue
        stem = token.text[:-2]
        if len(stem) < 2 or not stem.isalpha() or not stem[0].isupper() or stem.isupper() or not _no_thing(stem,
                                                                                                         gazetteer):
            continue
        if in_lexicon(stem) or stem.casefold() in english_word_names():
            continue  # "Parker's", "Page's": a surname that is also a word needs more than this
        if gazetteer.is_first_name(stem) and not gazetteer.is_ambiguous(stem):
            flags[i] = True
            continue
        before = tokens[i - 1] if i else None
        if before is None or not before.is_capitalised or not (flags[i - 1] or gazetteer.is_first_name(before.text)):
            continue
        likeness = name_likeness(stem)
        if gazetteer.is_last_name(stem) or likeness is not None and likeness >= SURNAME_SPELLING:
            flags[i - 1] = flags[i] = True


def _no_thing(word: str, gazetteer: NameGazetteer) -> bool:
    """Not an everyday word, a place, an organisation, a language or a people."""
    folded = word.casefold()
    return word.isalpha() and folded not in common_words() and folded not in LANGUAGE_WORDS and (
        folded not in GROUP_WORDS and not gazetteer.is_place(word) and not gazetteer.is_organisation(word)
    )


def _at_sentence_start(tokens: list[Token], i: int) -> bool:
    return i == 0 or tokens[i - 1].text in ".!?\n«\"-–"


def _everyday_anywhere(word: str) -> bool:
    return in_lexicon(word) or word.casefold() in common_words()


def _listed_surname(word: str, gazetteer: NameGazetteer) -> bool:
    """A name the lists hold that is no everyday word in any list ("Gupta"; not "Reader", "Page")."""
    return gazetteer.is_name(word) and not gazetteer.is_place(word) and not (
        in_lexicon(word) or word.casefold() in english_word_names()
    )


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
    """Is the name that token i would extend introduced by a cue ("jeg heter Kari ...") or a form of address
    ("Prime Minister Kari ...")?

    After either the whole capitalised run is the name, even where the tagger
    hears a place in it ("Nordby", "Berg")."""
    j = i - 1
    while j > 0 and (flags[j - 1] or tokens[j - 1].text.casefold() in NAME_PARTICLES):
        j -= 1
    return flags[j] and (follows_cue(tokens, j) or after_honorific(tokens, j))
