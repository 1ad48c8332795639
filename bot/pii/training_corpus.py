"""The name tagger's training corpus: the real Nordic sentences plus synthetic ones in nb, nn, da and en.

    .venv/bin/python -m bot.pii.training_corpus /tmp/names_corpus.jsonl
    .venv/bin/python scripts/train_name_tagger.py /tmp/names_corpus.jsonl

The real set (../shared/data/names_train.jsonl) is Norwegian and Danish news
text only, so a tagger trained on it alone misreads English capitals and has
seen few names from outside the Nordics. English tweets of the Broad Twitter
Corpus (scripts/data/, CC BY 4.0) are the real English part. The synthetic sentences fill frames
written for the purpose (data/tagger_templates.txt) with names of every origin
from Faker's lists and with places and companies as counter-examples. Both
parts are written to one file in the training set's format, so the existing
training script (which also derives the word lists) reads it unchanged."""

from __future__ import annotations

import argparse
import importlib
import json
import pkgutil
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bot.pii.gazetteer import DATA_DIR, designators, english_lexicon, english_word_names, world_places
from bot.pii.name_features import tokenize

DEFAULT_TRAIN = Path(__file__).resolve().parents[3] / "shared" / "data" / "names_train.jsonl"
# Real English text: the Broad Twitter Corpus's training split, converted by scripts/import_tweets.py.
DEFAULT_ENGLISH = Path(__file__).resolve().parents[2] / "scripts" / "data" / "btc_train_en.jsonl"
# Sentences per frame: enough variety of names per frame without letting the frames outweigh real text.
PER_FRAME = 40
_LATIN = re.compile(r"^[A-Za-zÀ-ɏ'’\- ]{2,40}$")
_PIECE = re.compile(r"(@?\[[^\]]*\]|\{[A-Z]+\}|@\w+)")
# Whose names fill a frame of each language: half from these locales, half from any of Faker's.
_HOME_LOCALES = {
    "nb": ("no_NO", "no_NO", "sv_SE", "da_DK"),
    "nn": ("no_NO", "no_NO", "sv_SE", "da_DK"),
    "da": ("da_DK", "da_DK", "no_NO", "sv_SE"),
    "en": ("en_US", "en_GB", "en_IE", "en_NZ", "en_IN", "en_NG", "en_KE"),
}
_PARTICLES = ("van", "de", "da", "al", "von", "bin")


@dataclass(frozen=True)
class NamePools:
    first: dict[str, list[str]]
    last: dict[str, list[str]]
    places: dict[str, list[str]]


def _latin(values: object) -> list[str]:
    items = list(values) if isinstance(values, (dict, list, tuple, set, frozenset)) else []
    return sorted({v for v in items if isinstance(v, str) and _LATIN.match(v)})


@lru_cache(maxsize=1)
def name_pools() -> NamePools:
    import faker.providers.address as address
    import faker.providers.person as person

    first: dict[str, list[str]] = {}
    last: dict[str, list[str]] = {}
    for module in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"{person.__name__}.{module.name}").Provider
        firsts, lasts = _latin(getattr(provider, "first_names", ())), _latin(getattr(provider, "last_names", ()))
        if len(firsts) >= 20 and len(lasts) >= 20:
            first[module.name], last[module.name] = firsts, lasts
    surnames = {name.casefold() for names in last.values() for name in names}
    places: dict[str, list[str]] = {}
    for module in pkgutil.iter_modules(address.__path__):
        provider = importlib.import_module(f"{address.__name__}.{module.name}").Provider
        found: set[str] = set()
        for attribute in ("countries", "states", "cities", "city_names", "regions", "municipalities"):
            found.update(_latin(getattr(provider, attribute, ())))
        # A surname that Faker also lists as a town would teach the tagger to call people places.
        kept = sorted(p for p in found if p.casefold() not in surnames)
        if len(kept) >= 10:
            places[module.name] = kept
    return NamePools(first, last, places)


class SentenceMaker:
    def __init__(self, rng: random.Random, pools: NamePools) -> None:
        self._rng = rng
        self._pools = pools
        self._locales = sorted(pools.first)

    def _locale(self, language: str) -> str:
        home = [loc for loc in _HOME_LOCALES[language] if loc in self._pools.first]
        return self._rng.choice(home) if home and self._rng.random() < 0.5 else self._rng.choice(self._locales)

    def first(self, language: str) -> str:
        locale = self._locale(language)
        name = self._rng.choice(self._pools.first[locale])
        if self._rng.random() < 0.03:
            name += "-" + self._rng.choice(self._pools.first[locale])
        return name

    def place(self) -> str:
        return self._rng.choice(self._pools.places[self._rng.choice(sorted(self._pools.places))])

    def last(self, language: str) -> str:
        return self._rng.choice(self._pools.last[self._locale(language)])

    def full(self, language: str) -> str:
        parts = [self.first(language)]
        roll = self._rng.random()
        if roll < 0.12:
            parts.append(self.first(language))
        elif roll < 0.22:
            parts.append(self._rng.choice("ABCDEFGHJKLMNOPRSTW") + ".")
        elif roll < 0.26:
            parts.append(self._rng.choice(_PARTICLES))
        parts.append(self.last(language))
        return " ".join(parts)

    def organisation(self, language: str) -> str:
        suffix = {"en": ("Inc", "Ltd", "Group", "Bank", "Partners"), "da": ("A/S", "ApS", "Gruppen")}
        ends = suffix.get(language, ("AS", "ASA", "Gruppen", "Bygg"))
        if self._rng.random() < 0.5:
            return f"{self.last(language)} {self._rng.choice(ends)}"
        return f"{self.place()} {self._rng.choice(ends)}"

    def city(self) -> str:
        """A real place of the world (GeoNames, data/world_places.txt) that is no one's name."""
        return self._rng.choice(_world_places()).title()

    def thing(self, language: str) -> str:
        """A shop, venue, firm or building named in title case: "Harbour Bakery", "Lund Logistics", "Dale's Garage"."""
        head = self._rng.choice(_heads()).title()
        roll = self._rng.random()
        if roll < 0.35:
            return f"{self._rng.choice(_capitalised_words())} {head}"
        if roll < 0.6:
            return f"{self.last(language)} {head}"
        if roll < 0.8:
            return f"{self.last(language)} {self._rng.choice(_capitalised_words())} {head}"
        return f"{self.last(language)}'s {head}"

    def fill(self, language: str, frame: str) -> tuple[str, list[tuple[int, int, str]]]:
        """The sentence and its entity spans (start, end, PER or OTH)."""
        text = ""
        spans: list[tuple[int, int, str]] = []
        for piece in _PIECE.split(frame):
            kind = None
            if piece.startswith(("[", "@[")):
                value = self._rng.choice(piece.lstrip("@")[1:-1].split("|"))
                if piece.startswith("@") or value.startswith("@"):
                    kind, value = "OTH", value.lstrip("@")
            elif piece.startswith("@"):
                kind, value = "OTH", piece[1:]
            elif piece in ("{PER}", "{FIRST}", "{LAST}"):
                kind = "PER"
                value = {"{PER}": self.full, "{FIRST}": self.first, "{LAST}": self.last}[piece](language)
            elif piece == "{PLACE}":
                kind, value = "OTH", self.place()
            elif piece == "{ORG}":
                kind, value = "OTH", self.organisation(language)
            elif piece == "{CITY}":
                kind, value = "OTH", self.city()
            elif piece == "{THING}":
                kind, value = "OTH", self.thing(language)
            elif piece == "{NAMED}":
                kind, value = "OTH", self.first(language)  # a storm, a hotel, a planet named like a person
            else:
                value = piece
            if kind == "PER" and spans and spans[-1][2] == "PER" and spans[-1][1] == len(text) - 1 == text.rfind(" "):
                spans[-1] = (spans[-1][0], len(text) + len(value), kind)  # "{FIRST} {LAST}" is one name
            elif kind and value:
                spans.append((len(text), len(text) + len(value), kind))
            text += value
        return re.sub(r"\s+", " ", text).strip(), spans


@lru_cache(maxsize=1)
def _world_places() -> list[str]:
    from bot.pii.gazetteer import name_gazetteer

    gazetteer = name_gazetteer()
    return sorted(w for w in world_places() if w.isalpha() and not gazetteer.is_name(w))


@lru_cache(maxsize=1)
def _heads() -> list[str]:
    return sorted(w for w in designators() if w.isalpha() and len(w) > 3)


@lru_cache(maxsize=1)
def _capitalised_words() -> list[str]:
    """Everyday English words that title-case names of things are made of ("Harbour", "Golden", "Maple")."""
    words = {w for w in english_lexicon() if w.isalpha() and len(w) >= 4} | set(english_word_names())
    return sorted(w.title() for w in words)


def frames(path: Path = DATA_DIR / "tagger_templates.txt") -> list[tuple[str, str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            language, _, frame = line.partition("\t")
            rows.append((language, frame))
    return rows


def tagged(text: str, spans: list[tuple[int, int, str]]) -> tuple[list[str], list[str]]:
    tokens, tags = [], []
    for token in tokenize(text):
        tag = "O"
        for start, end, kind in spans:
            if token.start < end and token.end > start:  # "Karis", "Kari's": the name's genitive is the name
                tag = f"{'B' if token.start == start else 'I'}-{kind}"
        tokens.append(token.text)
        tags.append(tag)
    return tokens, tags


def synthetic_rows(seed: int = 13, per_frame: int = PER_FRAME) -> Iterator[dict[str, object]]:
    rng = random.Random(seed)
    maker = SentenceMaker(rng, name_pools())
    for language, frame in frames():
        for _ in range(per_frame):
            text, spans = maker.fill(language, frame)
            tokens, tags = tagged(text, spans)
            yield {"lang": language, "tokens": tokens, "tags": tags, "source": "synthetic"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--train", type=Path, default=DEFAULT_TRAIN, help="the real tagged sentences")
    parser.add_argument("--english", type=Path, default=DEFAULT_ENGLISH,
                        help="real English tagged sentences ('' for none)")
    args = parser.parse_args()
    count = 0
    real = [args.train] + ([args.english] if str(args.english) not in ("", ".") else [])
    with args.out.open("w", encoding="utf-8") as out:
        for path in real:
            for line in path.open(encoding="utf-8"):
                out.write(line if line.endswith("\n") else line + "\n")
        for row in synthetic_rows():
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
    print(f"wrote {args.out}: the real sentences of {', '.join(p.name for p in real)} and {count} synthetic ones")


if __name__ == "__main__":
    main()
