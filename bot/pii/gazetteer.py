"""Person names of every origin, from Faker's locale name lists (installed with Vern, nothing fetched).

Faker's lists are kept by its maintainers for dozens of locales, so Nordic,
English, Arabic, Persian, Somali-adjacent, Polish, Vietnamese and other names are
all present; `names-dataset` is avoided on purpose (its data came from a leak).
Names that are also everyday words ("per", "hans", "bo", "mark", "will") are
listed in data/ambiguous_names.txt and need more evidence than the list alone."""

from __future__ import annotations

import importlib
import pkgutil
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).with_name("data")
_LATIN_NAME = re.compile(r"^[A-Za-zÀ-ɏ'’\-]{2,30}$")


@dataclass(frozen=True)
class NameGazetteer:
    first_names: frozenset[str]
    last_names: frozenset[str]
    ambiguous: frozenset[str]
    places: frozenset[str] = frozenset()
    # Words the real training sentences tag as (part of) a person's name: Nordic surnames Faker lacks.
    seen_persons: frozenset[str] = frozenset()
    organisations: frozenset[str] = frozenset()

    def is_first_name(self, word: str) -> bool:
        return word.casefold() in self.first_names

    def is_last_name(self, word: str) -> bool:
        return word.casefold() in self.last_names

    def is_name(self, word: str) -> bool:
        folded = word.casefold()
        return folded in self.first_names or folded in self.last_names

    def is_ambiguous(self, word: str) -> bool:
        return word.casefold() in self.ambiguous

    def is_place(self, word: str) -> bool:
        return word.casefold() in self.places

    def is_seen_person(self, word: str) -> bool:
        return word.casefold() in self.seen_persons

    def is_organisation(self, word: str) -> bool:
        return word.casefold() in self.organisations


def _names_of(value: object) -> set[str]:
    if isinstance(value, dict):
        value = list(value)
    if isinstance(value, (list, tuple, set, frozenset)):
        return {v for v in value if isinstance(v, str)}
    return set()


def _faker_names() -> tuple[set[str], set[str]]:
    import faker.providers.person as person

    first: set[str] = set()
    last: set[str] = set()
    for module in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"{person.__name__}.{module.name}").Provider
        for attribute in dir(provider):
            if attribute.startswith(("first_names", "last_names")):
                target = first if attribute.startswith("first") else last
                target.update(_names_of(getattr(provider, attribute, None)))
    return first, last


def _faker_places() -> set[str]:
    """Countries, regions and cities Faker knows in its locales: evidence that a capitalised word is no person."""
    import faker.providers.address as address

    places: set[str] = set()
    for module in pkgutil.iter_modules(address.__path__):
        provider = importlib.import_module(f"{address.__name__}.{module.name}").Provider
        for attribute in ("countries", "cities", "states", "provinces", "regions", "municipalities", "city_names"):
            places.update(_names_of(getattr(provider, attribute, None)))
    return places


def _fold(names: set[str], capitalised_parts: bool = False) -> frozenset[str]:
    folded: set[str] = set()
    for name in names:
        for part in name.split():
            # "Bosnia and Herzegovina", "Frankfurt am Main": the small words are no place.
            if _LATIN_NAME.match(part) and not (capitalised_parts and part[0].islower()):
                folded.add(part.casefold())
    return frozenset(folded)


def _word_list(name: str) -> frozenset[str]:
    path = DATA_DIR / name
    if not path.exists():
        return frozenset()
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().casefold() for line in lines if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=1)
def name_gazetteer() -> NameGazetteer:
    first, last = _faker_names()
    return NameGazetteer(
        first_names=_fold(first),
        last_names=_fold(last),
        ambiguous=_word_list("ambiguous_names.txt") | _word_list("common_words.txt"),
        places=_fold(_faker_places(), capitalised_parts=True) | _word_list("places.txt"),
        seen_persons=_word_list("corpus_person_names.txt"),
        organisations=_word_list("organisations.txt"),
    )


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Everyday words in nb, nn, da and en that are never names on their own."""
    return _word_list("common_words.txt")


@lru_cache(maxsize=1)
def english_lexicon() -> frozenset[str]:
    """English words in everyday lowercase use that Faker lists as no one's name (data/english_lexicon.txt)."""
    return _word_list("english_lexicon.txt")


@lru_cache(maxsize=1)
def lowercase_lexicon() -> frozenset[str]:
    """Words seen in lowercase in running text: Norwegian and Danish (derived from the tagger's training set)
    and English (a word-frequency list less the names, see data/english_lexicon.txt)."""
    return _word_list("lowercase_lexicon.txt") | english_lexicon()


@lru_cache(maxsize=1)
def designators() -> frozenset[str]:
    """Heads of place and organisation names ("Street", "Grill", "Futures", "Kommune"): data/designators.txt."""
    return _word_list("designators.txt")


@lru_cache(maxsize=1)
def english_word_names() -> frozenset[str]:
    """Names that are everyday English words too ("parking", "page", "lane"; data/english_word_names.txt)."""
    return _word_list("english_word_names.txt")


@lru_cache(maxsize=1)
def world_places() -> frozenset[str]:
    """Countries, continents, US states and cities of 100,000 people or more (GeoNames, data/world_places.txt)."""
    return _word_list("world_places.txt")


@lru_cache(maxsize=1)
def role_nouns() -> frozenset[str]:
    """Offices, professions and kinship words that stand before a name ("sosialøkonom", "pappa", "teacher")."""
    return _word_list("role_nouns.txt")
