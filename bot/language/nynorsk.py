"""Word-form cues for what langdetect cannot see.

langdetect has a single "no" profile, so it cannot tell nynorsk from bokmål at
all, and its character n-grams barely separate Danish from bokmål (the two
share most of their spelling).  What does separate them is a few hundred
high-frequency word forms: nynorsk "ikkje/eg/kva", bokmål "ikke/jeg/hva",
Danish "hvad/mig/gerne".  Short chat lines also give langdetect too few
n-grams for any language, so a handful of English and Swedish function words
is listed too: they are what lets a three-word message decide anything.

Each cue names every language it is evidence for, so a shared form such as
"ikke" (bokmål and Danish) counts for both and settles nothing between them.
Weights are coarse on purpose; see decide.py for how they meet langdetect.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

CUE_LANGUAGES: tuple[str, ...] = ("nb", "nn", "da", "sv", "en")

# A form found in one language only, or so rare elsewhere that one
# occurrence is enough to act on.
STRONG = 2.0
# Evidence that needs company: forms the other standard also allows, or
# that appear in typos and dialect writing.
WEAK = 1.0
# Greetings and thanks are typed across language borders ("takk", "hej",
# "thanks" in any conversation), so they can tip a balance but never decide.
COURTESY = 0.5

_CUE_GROUPS: tuple[tuple[str, float, str], ...] = (
    # Nynorsk forms bokmål does not have.
    (
        "nn",
        STRONG,
        "ikkje ikkj korleis kvifor kven kva eg noko nokon nokre mykje meir frå sjølv sjolv heiter berre"
        " dykk dykkar kvar kvart kvarandre hjå fekk venleg veit treng kor tek dataa høyrt høyrer veker"
        " opplysningar personopplysningar opplysningane spørsmåla",
    ),
    # "ein": bokmål allows "en" only, but it is common in dialect writing.
    (
        "nn",
        WEAK,
        "ein eit vere kome kjem gjer gjere seier seie ho dei deira heile eigen eige eigne sidan"
        " fyrst verte vert lagra hjelpa sletta retta",
    ),
    # Bokmål forms nynorsk does not have, which Danish lacks too.
    (
        "nb",
        STRONG,
        "hva noe noen mye fikk gjør gjøre gjore sier ble blitt dere vennligst opplysninger"
        " personopplysninger opplysningene personopplysningene uker",
    ),
    ("nb", WEAK, "nå tillatelse"),
    # Bokmål forms nynorsk lacks but Danish shares.
    ("nb da", STRONG, "ikke jeg hvordan hvem hvorfor"),
    ("nb da", WEAK, "bare være fra et selv komme hun deres hvor hver hele egne siden hvilke hvilken hvis"),
    # Norwegian (either standard) forms that Danish spells otherwise.
    ("nb nn", STRONG, "meg deg seg gjerne hjelp hjelpe hjelpen spørsmål sporsmal sletting innsyn saksnummer å gi"
                      " epostadresse epostadressen epostadressa epostadresser epostadressene"),
    # Swedish writes "e-post" too; Danish "e-mail" or "mail".
    ("nb nn sv", STRONG, "epost eposten"),
    # Danish "trække", "givet".
    ("nb nn", WEAK, "etter slik sånn tilbake trekke gitt"),
    ("nb nn", COURTESY, "takk hei"),
    # Shared with Swedish, so they count against Danish and English only.
    ("nb nn sv", STRONG, "av"),
    # "ha", "ta": Danish "have", "tage".
    ("nb nn sv", WEAK, "oss tar mitt ditt blir ha ta"),
    ("nb sv", WEAK, "mer vet riktig heter"),
    ("nb da sv", WEAK, "kommer dem egen"),
    ("nn sv", WEAK, "vart vore"),
    # Danish forms.
    (
        "da",
        STRONG,
        "hvad gerne nogle noget nogen hjælp hjælpe hjælpen hedder fik gør gøre siger blev blevet"
        " bliver af jeres hvornår venligst oplysninger personoplysninger oplysningerne sletning indsigt spørgsmål"
        " spørgsmålet sporgsmal gemt gemme gemmer mit tilbage brug fejl vide uger sagsnummer tjek tjekke tjekket",
    ),
    ("da", WEAK, "mere tale os jer meget lige tage tager givet rigtig tilladelse venlig al"),
    ("da", COURTESY, "tak"),
    ("da sv", WEAK, "mig dig sig nu efter sådan"),
    ("da sv", COURTESY, "hej nej"),
    # Infinitives in -a are nynorsk and Swedish alike.
    ("nn sv", WEAK, "då skriva svara"),
    ("da en", WEAK, "have give"),
    # Swedish forms.
    (
        "sv",
        STRONG,
        "vad jag inte och hur varför vem mycket också hjälp hjälpa hjalpa hjälper är även någon något"
        " några nagon nagot nagra från att vill kunna göra gör uppgifter personuppgifter frågor fråga mej dej radera"
        " samtycke själv ett behöver företag skicka allt här där detta vilka måste kanske snälla tyvärr redan",
    ),
    ("sv", WEAK, "ni bara till mina dina vara ocksa varfor fran gora fragor"),
    ("sv", COURTESY, "tack"),
    # English function words; Scandinavian homographs ("i", "for", "to",
    # "me" = nynorsk "we", "no" = nynorsk "now") are left out.
    (
        "en",
        STRONG,
        "the what how why your does want with about this that would know need where when which"
        " there rights consent delete not don't dont i'm im it's can't cant what's whats",
    ),
    # "be" (bokmål "be om" = ask for) and "like" (= equal) are Norwegian too.
    ("en", WEAK, "who you my is are can do of it and right u pls"),
    ("en", COURTESY, "please thanks thank hello hi hey"),
)


def _build_table() -> dict[str, tuple[frozenset[str], float]]:
    table: dict[str, tuple[frozenset[str], float]] = {}
    for languages, weight, forms in _CUE_GROUPS:
        for form in forms.split():
            # A word listed twice would silently keep only one weight.
            if form in table:
                raise ValueError(f"cue word listed twice: {form!r}")
            table[form] = (frozenset(languages.split()), weight)
    return table


WORD_CUES = _build_table()

# Derivational endings that differ between the standards and cover words no
# list can enumerate ("sikkerheit/sikkerhet/sikkerhed", "personleg/personlig").
# Nynorsk "-lege" is left out: bokmål has "fastlege", "kollege".
_MIN_SUFFIX_WORD = 6
_SUFFIX_CUES: tuple[tuple[tuple[str, ...], frozenset[str], float], ...] = (
    # "-kja/-gja" are nynorsk j-infinitives ("trekkja", "ringja").
    (("heit", "heita", "heiter", "heitene", "ingar", "ingane", "leg", "kja", "gja"), frozenset({"nn"}), WEAK),
    (("het", "heten", "heter", "hetene", "ingene"), frozenset({"nb"}), WEAK),
    (("hed", "heden", "heder", "hederne"), frozenset({"da"}), WEAK),
    (("ingerne",), frozenset({"da"}), STRONG),
)
# English past tenses the Danish ending would otherwise claim ("published").
_SUFFIX_EXCEPTION_ENDINGS = ("shed", "ched", "thed")

_URL_OR_MAIL = re.compile(r"(?:https?://|www\.)\S{0,2000}|\S{1,200}@\S{1,200}", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


def words(text: str) -> list[str]:
    """Lower-cased alphabetic words, without URLs and e-mail addresses.

    Addresses are dropped because "ola.nordmann@firma.no" is not evidence
    that anybody writes Norwegian.
    """
    normalised = unicodedata.normalize("NFC", text).replace("\u2019", "'").lower()
    return _WORD.findall(_E_COMPOUND.sub("e", _URL_OR_MAIL.sub(" ", normalised)))


# "e-post", "e-postadressa": one word, so that it can be a cue (Danish writes "e-mail", "mail").
_E_COMPOUND = re.compile(r"(?<![^\W\d_])e-(?=[^\W\d_])")


# Keyboards without æ/ø/å produce "hjaelp", "soeg", "paa"; the cue lists
# hold the proper spelling once instead of every transliteration.
_TRANSLITERATIONS = (("ae", "æ"), ("oe", "ø"), ("aa", "å"))


def _with_letters_restored(word: str) -> str:
    for ascii_form, letter in _TRANSLITERATIONS:
        word = word.replace(ascii_form, letter)
    return word


def _word_cue(word: str) -> tuple[frozenset[str], float] | None:
    cue = WORD_CUES.get(word) or WORD_CUES.get(_with_letters_restored(word))
    if cue is not None or len(word) < _MIN_SUFFIX_WORD or word.endswith(_SUFFIX_EXCEPTION_ENDINGS):
        return cue
    for endings, languages, weight in _SUFFIX_CUES:
        if word.endswith(endings):
            return languages, weight
    return None


# Norwegian puts the possessive after a definite noun ("kontoen min",
# "dataene mine", "adressa mi"); Danish and written Swedish put it first
# ("min konto").  Endings are restricted to noun forms: Danish participles
# in -et ("slettet min konto") and Swedish infinitives in -a ("ändra min
# adress") would otherwise look Norwegian.
_POSTPOSED_POSSESSIVES: tuple[tuple[tuple[str, ...], frozenset[str]], ...] = (
    (("en", "ene", "ane"), frozenset({"min", "mine", "din", "dine", "sin", "sine", "vår", "våre"})),
    (("et",), frozenset({"mitt", "ditt", "sitt", "vårt"})),
    (("a",), frozenset({"mi", "di", "si", "mine", "dine", "sine"})),
)
_MIN_NOUN = 4


def _has_postposed_possessive(tokens: Sequence[str]) -> bool:
    # Pairs of neighbours: the shifted copy is one shorter by design.
    for noun, possessive in zip(tokens, tokens[1:], strict=False):
        if len(noun) < _MIN_NOUN:
            continue
        for endings, possessives in _POSTPOSED_POSSESSIVES:
            if possessive in possessives and noun.endswith(endings):
                return True
    return False


# Danish "I" (you, plural) is written with a capital letter inside a
# sentence ("kan I slette"), where Norwegian has "dere/de" and its
# preposition "i" is lower case; English capitalises its "I" the same way.
# Sentence-initial "I" is left out: Norwegian "I dag ..." starts with it.
_MAX_CASE_CHARS = 2000
_CAPITAL_I = re.compile(r"[^\W\d_],?\s{1,3}I(?![\w'\u2019])")


# Nynorsk (like Swedish) may end the infinitive in -a ("å senda", "kan de
# sletta"), where bokmål and Danish end it in -e.  After "å" nothing else
# ends in -a; after a modal verb a bokmål feminine noun can ("vil dattera"),
# so that reading counts as weak evidence only.
_INFINITIVE_MARKERS = frozenset({"å", "aa"})
_MODALS = frozenset({"kan", "må", "ma", "skal", "vil", "bør", "kunne", "ville", "skulle", "måtte"})
_MIN_A_INFINITIVE = 5


def _a_infinitive_cue(tokens: Sequence[str]) -> tuple[frozenset[str], float] | None:
    weight = 0.0
    for index, token in enumerate(tokens):
        if index == 0 or len(token) < _MIN_A_INFINITIVE or not token.endswith("a"):
            continue
        if tokens[index - 1] in _INFINITIVE_MARKERS:
            return frozenset({"nn", "sv"}), STRONG
        if tokens[index - 1] in _MODALS or (index > 1 and tokens[index - 2] in _MODALS):
            weight = WEAK
    return (frozenset({"nn", "sv"}), weight) if weight else None


def lexical_scores(tokens: Sequence[str], text: str = "", sentence_cues: bool = True) -> dict[str, float]:
    """Summed cue weight per language in CUE_LANGUAGES.

    Each distinct word counts once, so "takk takk takk" is no stronger than
    "takk".  `text`, the message as written, is read for letter case only.
    `sentence_cues=False` leaves out the capital "I" and the -a infinitive
    (the bench shows what they add).
    """
    scores = dict.fromkeys(CUE_LANGUAGES, 0.0)
    cues = [_word_cue(word) for word in set(tokens)]
    if sentence_cues:
        if _CAPITAL_I.search(text[:_MAX_CASE_CHARS]):
            cues.append((frozenset({"da", "en"}), STRONG))
        cues.append(_a_infinitive_cue(tokens))
    if _has_postposed_possessive(tokens):
        cues.append((frozenset({"nb", "nn"}), STRONG))
    for cue in cues:
        if cue is None:
            continue
        languages, weight = cue
        for language in languages:
            scores[language] += weight
    return scores


def nynorsk_lean(scores: dict[str, float]) -> float:
    """Positive when the words lean nynorsk, negative when they lean bokmål.

    Cues shared by both standards add to both, so the difference is made of
    exclusive forms only.
    """
    return scores["nn"] - scores["nb"]
