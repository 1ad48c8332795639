"""Tokens and the features the name tagger sees: shared by training and by detection."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from bot.pii.gazetteer import (
    NameGazetteer,
    common_words,
    designators,
    english_word_names,
    lowercase_lexicon,
    role_nouns,
    world_places,
)
from bot.pii.name_likeness import likeness_bucket

_TOKEN = re.compile(r"[^\W\d_](?:[\w'’\-]{0,40}[^\W_])?|\d{1,40}|[^\w\s]", re.UNICODE)

# Words after which the next word is very likely a person's name, in nb, nn, da and en.
CUE_PHRASES = (
    "jeg heter", "eg heiter", "jeg hedder", "mitt navn er", "mitt namn er", "mit navn er", "navnet mitt er",
    "namnet mitt er", "my name is", "i am called", "call me", "i'm", "i am",
    "min sønn", "min son", "min søn", "min datter", "mi dotter", "min dotter", "mitt barn", "barnet mitt",
    "sønnen min", "sonen min", "dottera mi", "datteren min", "my son", "my daughter", "my child", "my wife",
    "my husband", "min kone", "min mann", "min kona", "min mand", "min kæreste", "kjæresten min",
    "hilsen", "helsing", "mvh", "vh", "regards", "kind regards", "best regards", "cheers", "venlig hilsen",
    "vennlig hilsen", "med venleg helsing", "snakket med", "snakka med", "talte med", "spoke to", "spoke with",
    "kontaktperson", "kontaktperson er", "saksbehandler", "saksbehandlar", "sagsbehandler", "caseworker",
    "navn:", "namn:", "name:", "heter", "heiter", "hedder", "named", "called", "min mor", "min far",
    "mi mor", "my mother", "my father", "my mum", "my dad", "moren min", "faren min", "trener", "lærer",
)
_CUE_WORDS = frozenset(tuple(phrase.split()) for phrase in CUE_PHRASES)
_MAX_CUE = max(len(cue) for cue in _CUE_WORDS)
# Particles inside names: "Ludwig van Beethoven", "Omar al Farouk", "Maria da Silva".
NAME_PARTICLES = frozenset(
    {"van", "von", "de", "da", "di", "du", "del", "della", "der", "dos", "das", "ter", "al", "el", "bin", "bint",
     "binti", "ibn", "abu", "ould", "la", "le", "af"}
)
# Languages and nationalities, capitalised in English and at a sentence's start; several are surnames as well
# ("English", "French"), which a first name before them still makes a name ("Bill English").
LANGUAGE_WORDS = frozenset(
    {"english", "norwegian", "danish", "swedish", "finnish", "icelandic", "german", "french", "spanish", "italian",
     "dutch", "polish", "portuguese", "russian", "ukrainian", "arabic", "somali", "urdu", "persian", "farsi",
     "turkish", "tigrinya", "chinese", "vietnamese", "thai", "sami", "nynorsk", "bokmål", "bokmal", "norsk",
     "dansk", "svensk", "engelsk", "tysk", "fransk", "spansk", "polsk", "arabisk", "somalisk", "ukrainsk",
     "russisk", "samisk", "finsk", "islandsk"}
)
# Months and their abbreviations in nb, nn, da and en; a month next to a number is a date, never a name
# ("June", "April", "May" and "Jan" are first names too).
MONTHS = frozenset(
    {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
     "januar", "februar", "mars", "marts", "juni", "juli", "oktober", "desember", "mai", "okt", "des"}
)
# Forms of address: the capitalised word after one is a surname or a full name ("Mrs Okafor", "fru Ulvestad").
HONORIFICS = frozenset(
    {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "lady", "lord", "fru", "frue",
     "herr", "hr", "frk", "frøken", "madame", "monsieur", "señor", "señora", "sr", "sra",
     # Titles English writes with a capital right before a name ("Prime Minister Ingrid Haugland", "PM Haugland",
     # "Capt. Okafor"); a place or organisation they head ("General Motors", "King Street") is caught by
     # its own head word (bot/pii/name_things.py).
     "president", "minister", "pm", "senator", "sen", "governor", "gov", "mayor", "prophet", "king", "queen",
     "prince", "princess", "pope", "sheikh", "shaikh", "imam", "ayatollah", "rabbi", "reverend", "rev",
     "bishop", "cardinal", "captain", "capt", "general", "gen", "colonel", "col", "sergeant", "sgt",
     "lieutenant", "lt", "inspector", "detective", "judge", "justice", "chancellor", "ambassador"}
)
# The commonest function words, to tell English text from Nordic: the tagger learnt Nordic
# capitalisation habits first, and English capitalises more (days, months, titles, "I").
_ENGLISH_WORDS = frozenset(
    [
        "the", "and", "of", "to", "is", "are", "was", "were", "you", "it", "that", "this", "for", "with",
        "have", "has", "be", "on", "not", "but", "they", "at", "my", "we", "he", "she", "his", "her",
        "will", "would", "there", "what", "so", "if", "just", "can", "all", "do", "from", "an", "or", "by",
        "our", "your", "been", "which", "i", "a", "in", "me", "please", "thanks", "who", "about", "any",
    ]
)
# Verbs of saying and thinking: news prose puts a lone surname next to them ("sa Aaslund", "Okafor told").
SPEECH_VERBS = frozenset(
    {"sa", "sier", "seier", "sagde", "siger", "mente", "mener", "meiner", "meinte", "skrev", "skriver", "skreiv",
     "forteller", "fortalte", "fortel", "fortalde", "fortæller", "uttalte", "uttaler", "forklarer",
     "forklarte", "spør", "spurte", "spurde", "spørger", "spurgte", "svarer", "svarte", "svarar", "svarede",
     "understreker", "understreka", "understreger", "understrekar", "tror", "trur", "troede", "synes", "syntes",
     "nemner", "nevner", "nemnde", "nevnte", "framhevar", "framheva", "fremhever", "fremhevet", "opplyser",
     "opplyste", "hevder", "hevdet", "hevdar", "hevda", "påpeker", "påpekte", "peikar", "konstaterer",
     "konstaterte", "erkjenner", "innrømmer", "legger", "legg", "lover", "lovar", "advarer", "åtvarar",
     "udtaler", "udtalte", "fortsætter", "tilføjer",
     "said", "says", "told", "tells", "wrote", "writes", "added", "adds", "explained", "asked", "asks", "replied",
     "believes", "thinks", "thought", "argued", "argues", "insisted", "insists", "claimed", "claims", "noted",
     "stated", "warned", "announced"}
)
_NORDIC_WORDS = frozenset(
    [
        "og", "er", "det", "som", "på", "en", "et", "til", "av", "med", "har", "jeg", "ikke", "de", "den",
        "at", "var", "om", "så", "han", "hun", "men", "eller", "kan", "vil", "skal", "fra", "dere", "meg",
        "du", "vi", "eg", "ikkje", "dei", "ho", "dykk", "ein", "eit", "frå", "af", "mig", "hvad", "hvor",
        "nu", "også", "i", "ble", "vart", "blev", "seg", "sig", "for", "etter", "efter", "sa", "sier", "seier",
    ]
)


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int

    @property
    def is_word(self) -> bool:
        return self.text[0].isalpha()

    @property
    def is_capitalised(self) -> bool:
        return self.text[0].isupper() and not self.text.isupper() or (len(self.text) > 1 and self.text.istitle())


def tokenize(text: str) -> list[Token]:
    return [Token(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def follows_cue(tokens: list[Token], index: int) -> bool:
    """Does a cue phrase ("jeg heter", "min datter", "mvh", "navn:") end right before tokens[index]?"""
    return phrase_before(tokens, index, _CUE_WORDS, _MAX_CUE)


def phrase_before(tokens: list[Token], index: int, phrases: frozenset[tuple[str, ...]], longest: int) -> bool:
    """Does one of `phrases` (lowercase word tuples) end right before tokens[index], a comma after it allowed?"""
    if index == 0:
        return False
    last = tokens[index - 1].text
    if last in ",:" and index >= 2:
        last = tokens[index - 2].text + (":" if last == ":" else "")
    if last.casefold() not in _last_words(phrases):
        return False  # the common case, decided without building the window
    words = [t.text.casefold() for t in tokens[max(0, index - longest - 2) : index]]
    if len(words) >= 2 and words[-1] == ":":
        words = words[:-2] + [words[-2] + ":"]
    elif words and words[-1] == ",":
        words = words[:-1]
    return any(len(words) >= n and tuple(words[-n:]) in phrases for n in range(1, longest + 1))


@lru_cache(maxsize=16)
def _last_words(phrases: frozenset[tuple[str, ...]]) -> frozenset[str]:
    return frozenset(phrase[-1] for phrase in phrases)


def looks_english(tokens: list[Token], language: str | None = None) -> bool:
    if language is not None:
        return language == "en"
    words = [t.text.casefold() for t in tokens if t.is_word]
    english = sum(w in _ENGLISH_WORDS for w in words)
    nordic = sum(w in _NORDIC_WORDS for w in words)
    return english > nordic


def age_follows(tokens: list[Token], index: int) -> bool:
    """Is tokens[index] followed by an age in brackets ("Perisat (24)")? How news prose introduces a person."""
    after = tokens[index + 1 : index + 4]
    return (
        len(after) == 3 and after[0].text == "(" and after[1].text.isdigit() and len(after[1].text) <= 3
        and after[2].text == ")"
    )


def after_honorific(tokens: list[Token], index: int) -> bool:
    """Does "Mr", "Dr.", "fru" or the like come right before tokens[index]?"""
    j = index - 1
    if j >= 1 and tokens[j].text == ".":
        j -= 1
    return j >= 0 and tokens[j].text.casefold() in HONORIFICS


# A compound's head must leave a real first part: "statsminister", "kjøkkensjef", but not "forlegen" for "lege".
_MIN_COMPOUND_HEAD = 4
_MIN_COMPOUND_FIRST_PART = 3


@lru_cache(maxsize=1 << 16)  # asked of every word before every capitalised one, for the tagger and the rules
def is_role_noun(word: str) -> bool:
    """Is `word` an office, profession or kinship word, alone or as a compound's head ("NHO-direktør")?"""
    folded = word.casefold().rsplit("-", 1)[-1]
    roles = role_nouns()
    heads = range(_MIN_COMPOUND_FIRST_PART, len(folded) - _MIN_COMPOUND_HEAD + 1)
    return folded in roles or any(folded[cut:] in roles for cut in heads)


def after_role(tokens: list[Token], index: int) -> bool:
    """Does a role word come right before tokens[index] ("sosialøkonom Hersoug", "forfattaren Espen")?

    Mid-sentence a capitalised role is usually part of a name itself ("General Motors", "Director General"),
    so only a lowercase one counts there, or one at the start of a sentence."""
    if index == 0:
        return False
    before = tokens[index - 1]
    if not before.is_word or not is_role_noun(before.text):
        return False
    at_start = index == 1 or tokens[index - 2].text in ".!?:«\"-–\n"
    head = before.text.rsplit("-", 1)[-1]  # "NHO-direktør": the head's case is what counts
    return head[:1].islower() or at_start


_UPPER = re.compile(r"[A-ZÆØÅÄÖÜÉ]")
_LOWER = re.compile(r"[a-zæøåäöüéèáíóúñç]")
_DIGIT = re.compile(r"\d")
_RUN = re.compile(r"(.)\1{2,}")


def _shape(word: str) -> str:
    shape = _DIGIT.sub("d", _LOWER.sub("x", _UPPER.sub("X", word)))
    return _RUN.sub(r"\1\1", shape)


_NEIGHBOUR_KEYS = tuple(
    (offset, tuple(f"{offset}:{name}" for name in ("w", "title", "name", "lex", "place", "suf2", "edge")))
    for offset in (-2, -1, 1, 2)
)


@lru_cache(maxsize=1 << 16)
def _word_features(
    word: str, gazetteer: NameGazetteer, spelling: Callable[[str], str | None], lexicon: frozenset[str]
) -> tuple[tuple[str, object], ...]:
    """What a token's own spelling says, whatever its place: worked out once per word, since a chat repeats its
    words. The lexicon is part of the key because training rewrites it before it reads features."""
    folded = word.casefold()
    item: dict[str, object] = {
        "bias": 1.0,
        "w": folded,
        "suf3": folded[-3:],
        "suf2": folded[-2:],
        "pre3": folded[:3],
        "shape": _shape(word),
        "title": word[:1].isupper(),
        "upper": word.isupper() and len(word) > 1,
        "first": gazetteer.is_first_name(word),
        "last": gazetteer.is_last_name(word),
        "ambig": gazetteer.is_ambiguous(word),
        "place": gazetteer.is_place(word),
        "common": folded in common_words(),
        # Seen in lowercase in running text: an everyday word even when capitalised here.
        "lex": folded in lexicon,
        # Genitive and compound forms: "Bortens", "Kari-Anne".
        "gen_name": folded.endswith("s") and gazetteer.is_name(folded[:-1]),
        "gen_lex": folded.endswith("s") and folded[:-1] in lexicon,
        "gen_place": folded.endswith("s") and gazetteer.is_place(folded[:-1]),
        "len": str(min(len(word), 12)),
        # A country or city of the world, a head of a place's or organisation's name ("Bakery", "Street"),
        # a month, a surname that is an everyday English word: what English capitalises besides people.
        "world": folded in world_places(),
        "head": folded in designators(),
        "month": folded in MONTHS,
        "word_name": folded in english_word_names(),
        # Known from the real training sentences as a person (training hides each fold's own names).
        "seen": gazetteer.is_seen_person(word),
    }
    if word[0].isalpha() and len(word) > 1:
        # The spelling of a name never seen in training ("Okonkwo", "Aaslund"); it matters mostly
        # where the word is capitalised, so that pairing gets its own weight.
        bucket = spelling(word)
        if bucket is not None:
            item["nl"] = bucket
            if word[:1].isupper():
                item["nl_title"] = bucket
    return tuple((k, v) for k, v in item.items() if v is not False)


def token_features(
    tokens: list[Token], gazetteer: NameGazetteer, spelling: Callable[[str], str | None] = likeness_bucket
) -> list[dict[str, object]]:
    """The features of each token; `spelling` is the name-likeness bucket of a word (training swaps in
    a model that never saw the sentence's own names)."""
    lexicon = lowercase_lexicon()
    # One flag for the whole sentence, so the model can weigh capitals differently in English.
    english = looks_english(tokens)
    # What each token's neighbours read of it, worked out once per token rather than once per neighbour.
    folded_all = [token.text.casefold() for token in tokens]
    title_all = [token.text[:1].isupper() for token in tokens]
    name_all = [gazetteer.is_name(token.text) and not gazetteer.is_ambiguous(token.text) for token in tokens]
    lex_all = [folded in lexicon for folded in folded_all]
    place_all = [gazetteer.is_place(token.text) for token in tokens]
    heads = designators()
    head_all = [folded in heads for folded in folded_all]
    count = len(tokens)
    features: list[dict[str, object]] = []
    for i, token in enumerate(tokens):
        word = token.text
        item: dict[str, object] = dict(_word_features(word, gazetteer, spelling, lexicon))
        starts = i == 0 or tokens[i - 1].text in ".!?:«\""
        place: dict[str, object] = {
            "start": starts,
            "cue": follows_cue(tokens, i),
            "honorific": after_honorific(tokens, i),
            "en": english,
            "en_title": english and word[:1].isupper(),
            "en_start": english and starts,
            "age": age_follows(tokens, i),
            "+1:head": i + 1 < count and head_all[i + 1],
            "+2:head": i + 2 < count and head_all[i + 2],
            "-1:head": i > 0 and head_all[i - 1],
            "-1:role": after_role(tokens, i),
            "-1:speech": i > 0 and tokens[i - 1].text.casefold() in SPEECH_VERBS,
            "+1:speech": i + 1 < count and tokens[i + 1].text.casefold() in SPEECH_VERBS,
        }
        for key, value in place.items():
            if value is not False:
                item[key] = value
        for offset, (w_key, title_key, name_key, lex_key, place_key, suf2_key, edge_key) in _NEIGHBOUR_KEYS:
            j = i + offset
            if 0 <= j < count:
                item[w_key] = folded_all[j]
                if title_all[j]:
                    item[title_key] = True
                if name_all[j]:
                    item[name_key] = True
                if lex_all[j]:
                    item[lex_key] = True
                if place_all[j]:
                    item[place_key] = True
                item[suf2_key] = folded_all[j][-2:]
            else:
                item[edge_key] = True
        features.append(item)
    return features
