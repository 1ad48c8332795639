"""How people name themselves in a chat: lowercase, after an introduction or under a sign-off.

"hei, jeg heter kari nordmann og …", "jeg er kari nordby, …", "my name is priya raman",
"mvh per olav", "thanks, priya": a chat is typed fast and in lowercase, so capitals are no evidence
here; the place in the message is. Two rules, each for one convention:

- after an introduction, the run of name-like words is the name: every word the name lists know,
  or that no everyday-word list knows, up to the first everyday word ("og", "and", "bor", ",");
- under a sign-off at the end of a message or line, the one to three words that close it.

An introduction that is also an everyday phrase ("jeg er", "I am") only counts for a first name the
lists know and no everyday word spells: "jeg er lei meg", "jeg er forelder", "I am sorry" stay."""

from __future__ import annotations

import re

from bot.nlu.leading_greeting import without_leading_greeting
from bot.pii.gazetteer import NameGazetteer, common_words, english_lexicon, lowercase_lexicon
from bot.pii.name_features import LANGUAGE_WORDS, MONTHS, NAME_PARTICLES, Token, phrase_before
from bot.pii.name_likeness import name_likeness


def _phrases(*texts: str) -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(text.split()) for text in texts)


# After these, whatever name-like words follow are the name, in any case.
INTRODUCTIONS = _phrases(
    "jeg heter", "eg heiter", "jeg hedder", "heter", "heiter", "hedder", "mitt navn er", "mitt namn er",
    "mit navn er", "navnet mitt er", "namnet mitt er", "navnet mit er", "my name is", "my name's", "i am called",
    "i'm called", "name:", "navn:", "namn:",
)
# Everyday phrases that also introduce: only a known first name after them is one.
LIGHT_INTRODUCTIONS = _phrases(
    "jeg er", "eg er", "i am", "i'm", "im", "this is", "it's", "it is", "its", "det er", "her er", "her er det",
    "dette er",
    "min datter", "min søn", "min sønn", "min son", "mi dotter", "my son", "my daughter", "my wife", "my husband",
    "min kone", "min mann", "min mand", "min kæreste", "min mor", "min far", "mi mor",
    # the people a parent or a colleague writes about ("my kids emma and noah", "your colleague hilde")
    "my kids", "my children", "my mum", "my mom", "my dad", "my mother", "my father", "my brother", "my sister",
    "my partner", "my boyfriend", "my girlfriend", "my colleague", "your colleague", "my stepson",
    "my stepdaughter", "min bror", "min søster", "min søskende", "bror min", "broren min", "søster mi",
    "søstera mi", "søsteren min", "mi syster", "syster mi", "min kollega", "kollegaen min", "kollegaen din",
    "kollegaen jeres", "din kollega", "jeres kollega", "dykkar kollega", "min samboer", "samboeren min",
    "sambuaren min", "barna mine", "ungane mine", "mine børn", "mine barn",
)
# A parent, guardian or proxy names the person they write for: "eg er mor til åsmund", "verge for yasin",
# "mother of amir", "on behalf of lene".
RELATIONS = _phrases(
    "mor til", "far til", "mamma til", "pappa til", "forelder til", "foreldre til", "forælder til",
    "forældre til", "verge for", "verje for", "værge for", "foresatt for", "føresett for", "mother of", "father of",
    "mum of", "mom of", "dad of", "parent of", "parents of", "guardian of", "guardian for", "on behalf of",
    "på vegne av", "på vegner av", "på vegne af",
)
LIGHT_INTRODUCTIONS = LIGHT_INTRODUCTIONS | RELATIONS
# Forms of address before a name, typed in lowercase in a chat: "mrs okafor", "fru hansen", "dr. patel".
HONORIFICS_TYPED = frozenset({"mr", "mrs", "ms", "miss", "dr", "fru", "herr", "hr", "frk", "frøken"})
# One search of the whole message first: most messages hold no form of address and no hyphen, and the masker
# must stay as fast as it was (issue 23 measures lines per second).
_ANY_HONORIFIC = re.compile(r"(?i)(?<!\w)(?:" + "|".join(sorted(HONORIFICS_TYPED)) + r")(?!\w)")
# Of those, the ones that are mostly about things ("it's crystal clear", "it's frank advice"): a name after them
# only with a surname, or with the words that announce oneself ("it's grace here", "it's victor again").
IMPERSONAL = _phrases("it's", "it is", "its")
ANNOUNCING_ONESELF = frozenset({"here", "again", "speaking", "calling", "writing"})
SEASONS = frozenset({"spring", "summer", "autumn", "fall", "winter"})
# Of those, the ones where a person says who they are, or names a child, a relative or a colleague: only after
# these can a name the lists lack be one ("det er højsæson" is about the season; "your colleague ingvild").
FIRST_PERSON = _phrases("jeg er", "eg er", "i am", "i'm", "im")
_POSSESSIVES = frozenset({"my", "your", "min", "mi", "mit", "din", "mine", "jeres", "dykkar"})
NAMES_SOMEONE = FIRST_PERSON | RELATIONS | frozenset(
    phrase for phrase in LIGHT_INTRODUCTIONS if phrase[0] in _POSSESSIVES or phrase[-1] in _POSSESSIVES
)
SIGN_OFFS = _phrases(
    "mvh", "vh", "hilsen", "helsing", "hilsner", "venlig hilsen", "vennlig hilsen", "venleg helsing",
    "med vennlig hilsen", "med venlig hilsen", "med venleg helsing", "beste hilsen", "bedste hilsner",
    "kind regards", "best regards", "regards", "sincerely",
)
# Sign-offs that are everyday words too ("best sellers", "thanks everyone"): only with a comma before the name.
LOOSE_SIGN_OFFS = _phrases(
    "best", "thanks", "thank you", "cheers", "br", "takk", "tak", "mange takk", "tusen takk", "takk skal du ha",
)
_LONGEST = max(len(p) for p in INTRODUCTIONS | LIGHT_INTRODUCTIONS | SIGN_OFFS | LOOSE_SIGN_OFFS)
_INTRODUCTION_ENDS = frozenset(p[-1] for p in INTRODUCTIONS | LIGHT_INTRODUCTIONS)
_SIGN_OFF_ENDS = frozenset(p[-1] for p in SIGN_OFFS | LOOSE_SIGN_OFFS)
# A name is at most a first name, two middle parts and a surname, particles aside.
MAX_NAME_WORDS = 4
# A word no list knows must not be spelled against a name: "mit navn er stavet forkert", "feilstavet".
UNKNOWN_WORD_SPELLING = 0.3
# After an everyday introduction ("jeg er", "I'm") a word no list knows is a name only when spelled like one
# beyond doubt: what follows "jeg er" is mostly a state or a role, and a role the lists lack is a compound.
LIGHT_UNKNOWN_SPELLING = 0.8
# A word everyday lists also know counts as a later name part only when spelled like a surname ("nordmann").
SURNAME_SPELLING = 0.8
_LINE_ENDS = frozenset({".", "!", ")"})


def _everyday(word: str) -> bool:
    folded = word.casefold()
    return folded in common_words() or folded in LANGUAGE_WORDS


def in_lexicon(word: str) -> bool:
    """A word seen in lowercase in Nordic or English text: an everyday word (some names are too, "per", "mate")."""
    folded = word.casefold()
    return folded in lowercase_lexicon() or folded in english_lexicon()


def _unknown_word(word: str, gazetteer: NameGazetteer) -> bool:
    """A word no everyday list knows, that names no place or organisation and is spelled like a name could be:
    a name in this position (participles and compounds the lists lack are spelled otherwise)."""
    if not word.replace("-", "").replace("'", "").isalpha() or len(word) < 2 or in_lexicon(word):
        return False
    if gazetteer.is_place(word) or gazetteer.is_organisation(word):
        return False
    likeness = name_likeness(word)
    return likeness is None or likeness >= UNKNOWN_WORD_SPELLING


def _known_name(word: str, gazetteer: NameGazetteer) -> bool:
    return gazetteer.is_name(word) and not (gazetteer.is_ambiguous(word) and word.casefold() in lowercase_lexicon())


def _hyphenated_first_name(word: str, gazetteer: NameGazetteer) -> bool:
    """ "anne-mette", "per-olav": every part a first name the lists know (no list knows the compound)."""
    parts = word.split("-")
    return len(parts) > 1 and all(len(part) > 1 and gazetteer.is_first_name(part) for part in parts)


def _first_part(token: Token, gazetteer: NameGazetteer, light: bool, names_someone: bool = False) -> bool:
    word = token.text
    if not token.is_word or _everyday(word):
        return False
    if light:
        # "jeg er kari …" but not "jeg er lei meg", "I am sorry", "jeg er Bergen-bu".
        if gazetteer.is_first_name(word) and not gazetteer.is_ambiguous(word) and not in_lexicon(word):
            return True
        if _hyphenated_first_name(word, gazetteer):
            return True
        # "i'm dawit", "jeg er oluwaseun": a name the lists lack, when no everyday list knows the word either
        # and its spelling is a name's beyond doubt (compounds and typos, "nyinnflytta", "usikkker", are not).
        if not names_someone:
            return False
        likeness = name_likeness(word)
        return likeness is not None and likeness >= LIGHT_UNKNOWN_SPELLING and _unknown_word(word, gazetteer)
    return _known_name(word, gazetteer) or _unknown_word(word, gazetteer)


def _later_part(token: Token, gazetteer: NameGazetteer) -> bool:
    word = token.text
    if not token.is_word or _everyday(word):
        return False
    if _known_name(word, gazetteer) or _unknown_word(word, gazetteer):
        return True
    likeness = name_likeness(word)
    return likeness is not None and likeness >= SURNAME_SPELLING and not gazetteer.is_place(word)


def _name_run(tokens: list[Token], start: int, gazetteer: NameGazetteer) -> int:
    """The index after the last word of the name that starts at `start` (particles inside it included)."""
    end, words, k = start + 1, 1, start + 1
    while k < len(tokens) and words < MAX_NAME_WORDS:
        if tokens[k].text.casefold() in NAME_PARTICLES and k + 1 < len(tokens) and tokens[k + 1].is_word:
            k += 1  # "fatima zahra el amrani", "jan van der berg"
            continue
        after_particle = tokens[k - 1].text.casefold() in NAME_PARTICLES
        if not (_later_part(tokens[k], gazetteer) or after_particle and gazetteer.is_name(tokens[k].text)):
            break  # "nguyen van an": after a particle a short name that is also a word ("an") is still the name
        words += 1
        k += 1
        end = k
    return end


def _first_name_and_surname(tokens: list[Token], i: int, gazetteer: NameGazetteer) -> bool:
    """ "det er per olav her", "it's anna lund": after an everyday introduction a first name that is also a word
    ("per", "anna", "will") counts when the next word is a name that no everyday list spells ("per dag" stays)."""
    if i + 1 >= len(tokens) or not tokens[i].is_word or not tokens[i + 1].is_word:
        return False
    first, second = tokens[i].text, tokens[i + 1].text
    if not gazetteer.is_first_name(first) or in_lexicon(second) or _everyday(second):
        return False
    if gazetteer.is_name(second):
        return True
    if not _unknown_word(second, gazetteer):
        return False
    # A surname the lists lack ("anna sølvberg"); after a first name that is also an everyday word ("per") only
    # when spelled like a surname beyond doubt, since a typo after "det er per" is likelier than a rare surname.
    likeness = name_likeness(second)
    return not _everyday(first) or likeness is not None and likeness >= SURNAME_SPELLING


def _following(tokens: list[Token], last_words: frozenset[str]) -> list[int]:
    """A cheap first test, in one pass: the indexes right after a word that can end a phrase ("jeg heter",
    "navn:", "mvh,"). Most words follow none, and the masker runs on every message."""
    folded = [token.text.casefold() for token in tokens]
    found = []
    for i in range(1, len(tokens)):
        before = folded[i - 1]
        if before in (",", ":") and i >= 2:
            before = folded[i - 2] + (":" if before == ":" else "")
        if before in last_words:
            found.append(i)
    return found


def _after_honorific(tokens: list[Token], i: int) -> bool:
    before = tokens[i - 1].text if i else ""
    if before == "." and i >= 2:
        before = tokens[i - 2].text
    return before.casefold() in HONORIFICS_TYPED


def may_hold_typed_names(text: str) -> bool:
    """Could `mark_addressed_names` or `mark_hyphenated_first_names` find anything in this message?"""
    return "-" in text or _ANY_HONORIFIC.search(text) is not None


def mark_addressed_names(tokens: list[Token], flags: list[bool], gazetteer: NameGazetteer) -> None:
    """ "mrs okafor", "fru hansen", "dr. patel": after a form of address, a name the lists know or a word no
    everyday list knows is the name, in any case ("miss you", "ms word" stay)."""
    for i, token in enumerate(tokens):
        if flags[i] or not token.is_word or not _after_honorific(tokens, i) or _everyday(token.text):
            continue
        if _known_name(token.text, gazetteer) and not in_lexicon(token.text) or _unknown_word(token.text, gazetteer):
            flags[i] = True  # one word: a surname after a title, and "dr. ramaswamy said" is no longer name


def mark_hyphenated_first_names(tokens: list[Token], flags: list[bool], gazetteer: NameGazetteer) -> None:
    """ "ole-martin og mari-ann": a hyphenated word whose every part is a first name, none an everyday word, is a
    name without a cue or a capital."""
    for i, token in enumerate(tokens):
        if flags[i] or "-" not in token.text or not token.is_word:
            continue
        parts = token.text.split("-")
        if _hyphenated_first_name(token.text, gazetteer) and not any(in_lexicon(part) for part in parts):
            flags[i] = True


def mark_introduced_names(tokens: list[Token], flags: list[bool], gazetteer: NameGazetteer) -> None:
    for i in _following(tokens, _INTRODUCTION_ENDS):
        token = tokens[i]
        if not token.is_word:
            continue
        if phrase_before(tokens, i, INTRODUCTIONS, _LONGEST):
            light = False
        elif phrase_before(tokens, i, LIGHT_INTRODUCTIONS, _LONGEST):
            light = True
        else:
            continue
        names_someone = light and phrase_before(tokens, i, NAMES_SOMEONE, _LONGEST)
        if light and phrase_before(tokens, i, IMPERSONAL, _LONGEST):
            announced = i + 1 < len(tokens) and tokens[i + 1].text.casefold() in ANNOUNCING_ONESELF
            # Before those words any first name the lists know is one ("it's rose here"), but no month or season.
            if not (_first_name_and_surname(tokens, i, gazetteer) or announced and gazetteer.is_first_name(token.text)
                    and token.text.casefold() not in MONTHS and token.text.casefold() not in SEASONS):
                continue
        elif not (flags[i] and not light or _first_part(token, gazetteer, light, names_someone)
                  or light and _first_name_and_surname(tokens, i, gazetteer)):
            continue
        end = _name_run(tokens, i, gazetteer)
        for k in range(i, end):
            flags[k] = True
        _mark_listed_after(tokens, end, flags, gazetteer, names_someone or not light)


# Words that join the names of a list: "my kids emma and noah", "barna mine, sondre og ingrid".
_LIST_JOINERS = frozenset({",", "og", "and", "&"})


def _listed_after(tokens: list[Token], end: int, gazetteer: NameGazetteer, names_someone: bool = False) -> int:
    """The index after the names listed after the one that ends at `end`: each a first name the lists know that no
    everyday word spells ("my kids emma and noah", "hilsen guri og arne hovland"), or after words that name
    someone, a word no list knows spelled like a name beyond doubt ("far til eirik og ingebjørg")."""
    while end + 1 < len(tokens) and tokens[end].text.casefold() in _LIST_JOINERS:
        if not _first_part(tokens[end + 1], gazetteer, light=True, names_someone=names_someone):
            break
        end = _name_run(tokens, end + 1, gazetteer)
    return end


def _mark_listed_after(tokens: list[Token], end: int, flags: list[bool], gazetteer: NameGazetteer,
                       names_someone: bool = False) -> None:
    for k in range(end, _listed_after(tokens, end, gazetteer, names_someone)):
        if tokens[k].text.casefold() not in _LIST_JOINERS:
            flags[k] = True


# Sign-offs written as abbreviations take a full stop: "mvh. per", "vh. Kari".
ABBREVIATED_SIGN_OFFS = frozenset({"mvh", "vh", "rgds"})


def _after_abbreviated_sign_off(tokens: list[Token], i: int) -> bool:
    return i >= 2 and tokens[i - 1].text == "." and tokens[i - 2].text.casefold() in ABBREVIATED_SIGN_OFFS


def mark_signed_names(tokens: list[Token], flags: list[bool], gazetteer: NameGazetteer) -> None:
    """ "mvh per olav", "hilsen ola", "thanks, priya": the words that close a message under a sign-off."""
    candidates = set(_following(tokens, _SIGN_OFF_ENDS))
    candidates.update(i for i in range(2, len(tokens)) if _after_abbreviated_sign_off(tokens, i))
    for i in sorted(candidates):
        token = tokens[i]
        if not token.is_word:
            continue
        abbreviated = _after_abbreviated_sign_off(tokens, i)
        strong = abbreviated or phrase_before(tokens, i, SIGN_OFFS, _LONGEST)
        loose = not strong and phrase_before(tokens, i, LOOSE_SIGN_OFFS, _LONGEST)
        if not (strong or loose):
            continue
        first_name = gazetteer.is_first_name(token.text)
        if loose and tokens[i - 1].text != "," and not (first_name and not in_lexicon(token.text)):
            continue  # "thanks everyone", "best sellers"; but "thanks priya": a first name no everyday list knows
        if not (_known_name(token.text, gazetteer) or first_name
                or _unknown_word(token.text, gazetteer)) or _everyday(token.text) and not gazetteer.is_name(token.text):
            continue
        end = _name_run(tokens, i, gazetteer)
        if not token.is_capitalised and in_lexicon(token.text) and end - i < 2 and not (strong and first_name):
            continue  # "cheers mate": a lowercase word that is also a name ("per") counts only in a full name,
            # except after a sign-off that is nothing else ("mvh per", "regards, will")
        if strong:
            end = _listed_after(tokens, end, gazetteer)  # a family signs together: "hilsen guri og arne"
        if end < len(tokens) and tokens[end].text not in _LINE_ENDS:
            continue  # "takk Kari for hjelpen" is found otherwise; here only a closing signature counts
        for k in range(i, end):
            if tokens[k].text.casefold() not in _LIST_JOINERS:
                flags[k] = True


def after_light_introduction(tokens: list[Token], index: int) -> bool:
    """ "I'm Norwegian", "jeg er Dansk": after an everyday introduction a language is no one's name."""
    return phrase_before(tokens, index, LIGHT_INTRODUCTIONS, _LONGEST)


# "tobias her", "zainab here again": whoever opens a message by saying they are here names themselves.
HERE = frozenset({"her", "here"})
_AFTER_HERE = frozenset({",", ".", "!", "?", ":", ";", "-", ")", "igjen", "igen", "att", "again", "og", "and",
                         "fra", "frå", "from", "på", "with", "med"})
_ANY_HERE = re.compile(r"(?i)(?<!\w)here?(?!\w)")


def mark_announced_names(text: str, tokens: list[Token], flags: list[bool], gazetteer: NameGazetteer) -> None:
    """ "hei! tobias her, …", "lone her igen", "zainab here again": at the start of a message, after a greeting at
    most (the NLU's own greeting list, bot/nlu/leading_greeting.py), the one to three words before "her"/"here"
    are a name when the first is a first name the lists know, or any word no everyday list knows that names no
    place or organisation ("vetle her")."""
    if _ANY_HERE.search(text) is None:
        return
    opening = len(text) - len(without_leading_greeting(text))
    start = next((k for k, token in enumerate(tokens) if token.start >= opening and token.is_word), len(tokens))
    here = next((k for k in range(start + 1, min(start + MAX_NAME_WORDS, len(tokens)))
                 if tokens[k].text.casefold() in HERE), None)
    if here is None or here + 1 < len(tokens) and tokens[here + 1].text.casefold() not in _AFTER_HERE:
        return
    first = tokens[start]
    if _everyday(first.text) or in_lexicon(first.text) and not gazetteer.is_first_name(first.text):
        return
    if (gazetteer.is_place(first.text) and not gazetteer.is_first_name(first.text)
            or gazetteer.is_organisation(first.text) or not first.text.isalpha()):
        return  # "Bergen her", "NAV her"; any other word the lists lack is a name here ("vetle her")
    if _name_run(tokens, start, gazetteer) != here:
        return  # "anna og jeg her": only a name, whole, stands before "her"
    for k in range(start, here):
        flags[k] = True


def mark_typed_full_names(tokens: list[Token], flags: list[bool], gazetteer: NameGazetteer) -> None:
    """ "det drejer sig om ahmed hussein", "kan linh nguyen få …": typed in lowercase with no cue, a first name and
    then a surname, each known to the name lists and neither an everyday word, are a full name."""
    first_names = gazetteer.first_names
    for i in range(len(tokens) - 1):
        first = tokens[i]
        # The cheapest tests first: most words are no first name, and a capitalised word is the tagger's.
        if first.text not in first_names or not first.text.islower() or flags[i]:
            continue
        if gazetteer.is_ambiguous(first.text) or in_lexicon(first.text) or _everyday(first.text):
            continue
        k = i + 1
        while k + 1 < len(tokens) and tokens[k].text in NAME_PARTICLES:
            k += 1  # "fredrik van der berg"
        second = tokens[k]
        if not second.text.islower() or not second.is_word or not gazetteer.is_last_name(second.text):
            continue
        if gazetteer.is_ambiguous(second.text) or in_lexicon(second.text) or _everyday(second.text):
            continue
        for j in range(i, _name_run(tokens, i, gazetteer)):
            flags[j] = True
