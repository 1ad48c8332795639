"""Evidence that a capitalised run names a thing, a place or a date rather than a person.

The tagger learnt English from synthetic sentences only, so in real English prose it takes almost any
capitalised word for a name ("Maple Lane Bakery", "14 August 2019", "Storm Gerda", "the Ritz").
These are the habits of the language that say otherwise, checked on the run the name rules found:

- a date: a month next to a day or a year ("14 August 2019", "Feb. 3", "Oct 21st");
- a title-case phrase with a word that is a kind of place or organisation ("Maple Lane Bakery",
  "Dunmore Logistics Group", "Regional Transport Authority");
- a word before it that names a kind of thing or that English puts before things, not people
  ("Storm Gerda", "St. Olaf", "the Ritz");
- inside a web address ("…/news/item.php?author=Brekke").
"""

from __future__ import annotations

import re

from bot.pii.gazetteer import NameGazetteer, designators
from bot.pii.name_features import MONTHS, Token

# English puts these right before a thing's name and never before a person's: "the Ritz",
# "Storm Gerda", "St. Olaf", "Mount Hood". ("the" before a person is rare: "the Smiths" is a family.)
_THING_BEFORE = frozenset(
    {"the", "hurricane", "storm", "typhoon", "cyclone", "tropical", "st", "saint", "mount", "mt", "lake",
     "fort", "ft", "cape", "port", "operation", "planet", "project", "brand", "team", "club", "hotel",
     "restaurant", "café", "cafe", "bar", "pub", "village", "town", "city", "county", "river", "street"}
)
# Believers, movements and peoples, capitalised in English but no one's name ("Lutheran pastors", "the Vikings").
GROUP_WORDS = frozenset(
    {"muslim", "muslims", "islamic", "islamist", "islamists", "christians", "jew", "jews", "jewish", "hindu",
     "hindus", "buddhist", "buddhists", "sikh", "sikhs", "catholic", "catholics", "protestant", "protestants",
     "lutheran", "methodist", "methodists", "baptist", "baptists", "mormon", "mormons", "sunni", "sunnis", "shia",
     "shiite", "shiites", "nazi", "nazis", "communist", "communists", "democrat", "democrats", "republican",
     "republicans", "arab", "arabs", "kurd", "kurds", "kurdish", "iraqi", "iraqis", "iranian", "afghan",
     "american", "americans", "british", "european", "europeans", "african", "asian", "israeli", "israelis",
     "palestinian", "palestinians", "syrian", "pakistani", "indian", "mexican", "canadian", "australian",
     "norwegians", "danes", "swedes", "nordmenn", "dansker", "svensker"}
)
# Animals people name: "our dog is called Rufus", "katten vår heiter Pus"; a pet's name identifies no one.
_ANIMALS = frozenset(
    {"cat", "cats", "kitten", "dog", "dogs", "puppy", "pup", "horse", "pony", "rabbit", "bunny", "hamster",
     "parrot", "budgie", "goldfish", "tortoise", "turtle", "pet", "lamb", "calf", "cow", "goat", "katt", "katten",
     "kat", "hund", "hunden", "valp", "valpen", "hest", "hesten", "kanin", "kaninen", "kalv",
     "kalven", "kattunge", "killing", "hvalp", "hvalpen", "marsvin"}
)
_NAMING = frozenset({"named", "called", "name", "heter", "heiter", "hedder", "kalt", "kaldet", "kalla"})
# Nouns a person's surname qualifies in English: "the Hartley administration", "the Lindqvist twins".
_EPONYM_HEADS = frozenset(
    {"administration", "government", "cabinet", "campaign", "presidency", "regime", "doctrine", "era", "years",
     "family", "families", "household", "brothers", "sisters", "boys", "girls", "twins", "children", "kids",
     "estate", "residence", "camp"}
)
_APOSTROPHES = frozenset({"'", "’"})
_URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w.-]+\.(?:asp|aspx|php|html?|jsp|cgi)\b\S*", re.IGNORECASE)


def url_ranges(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _URL.finditer(text)] if ("/" in text or "www." in text) else []


def _is_number(token: Token) -> bool:
    text = token.text
    return text[:1].isdigit() and len(text) <= 4


def _owns_a_business(tokens: list[Token], last: int) -> bool:
    """ "Dale 's Garage", "Dale's Garage": a name in the genitive before a head word names a shop."""
    k = last + 1
    if k + 1 < len(tokens) and tokens[k].text in _APOSTROPHES and tokens[k + 1].text.casefold() == "s":
        k += 2
    elif not tokens[last].text.casefold().endswith(("'s", "’s")):
        return False
    return k < len(tokens) and tokens[k].text[:1].isupper() and tokens[k].text.casefold() in designators()


def names_an_animal(tokens: list[Token], first: int) -> bool:
    """ "my cat is called Rufus", "a dog named Bella", "katten heiter Pus": an animal's name, two to four words
    after the animal and right after a word of naming."""
    if first < 2 or tokens[first - 1].text.casefold() not in _NAMING:
        return False
    window = tokens[max(0, first - 5) : first - 1]
    return any(token.text.casefold() in _ANIMALS for token in window)


def qualifies_a_noun(tokens: list[Token], i: int) -> bool:
    """ "the Hartley administration", "the Lindqvist twins": a lone capitalised word between "the" and a noun that a
    person's name qualifies."""
    return (
        0 < i < len(tokens) - 1 and tokens[i - 1].text.casefold() == "the"
        and tokens[i + 1].text in _EPONYM_HEADS
    )


def is_date_word(tokens: list[Token], i: int) -> bool:
    """A month beside a day or a year: "30 June 2001", "Jan. 9", "Nov 5th", "13. mai"."""
    if tokens[i].text.casefold() not in MONTHS:
        return False
    after = i + 1
    if after < len(tokens) and tokens[after].text == ".":
        after += 1
    before = i - 1
    if before >= 0 and tokens[before].text == ".":
        before -= 1
    return (after < len(tokens) and _is_number(tokens[after])) or (before >= 0 and _is_number(tokens[before]))


def names_a_thing(tokens: list[Token], first: int, last: int, gazetteer: NameGazetteer, english: bool) -> bool:
    """Is the capitalised run tokens[first..last] a place, an organisation or a date rather than a person?"""
    if first == last and is_date_word(tokens, first):
        return True
    if _owns_a_business(tokens, last):
        return True
    run = [tokens[k].text for k in range(first, last + 1) if tokens[k].is_word and tokens[k].text[0].isupper()]
    heads = designators()
    # A head anywhere but as the first name of a person ("Bakery", "Authority", "Burger Palace", "Maple Lane Bakery").
    later = [
        word for k, word in enumerate(run) if word.casefold() in heads and (k or not gazetteer.is_first_name(word))
    ]
    if later:
        # "Kari Hall", "Emma Bridge": a known first name and one surname that is also such a word stays a person.
        two_part_person = (
            len(run) == 2 and gazetteer.is_first_name(run[0]) and not gazetteer.is_ambiguous(run[0])
            and gazetteer.is_last_name(run[1])
        )
        if not two_part_person:
            return True
    if not english:
        return False
    if len(run) > 1 and run[0].casefold() in _THING_BEFORE and run[0].casefold() != "the":
        return True  # the kind word taken into the run at a sentence's start: "Storm Gerda closed …"
    if first == 0:
        return False
    before = first - 1
    if tokens[before].text == "." and before >= 1:
        before -= 1  # "St. Thomas"
    word = tokens[before].text
    if word.casefold() == "the":
        # A capital "The" starts a sentence or a title, where it says less; and a person's name can qualify
        # the noun after it ("the Hartley years", "the Lindqvist twins").
        following = last + 1
        qualifies = following < len(tokens) and tokens[following].is_word and tokens[following].text.islower()
        return word == "the" and not qualifies
    return word.casefold() in _THING_BEFORE
