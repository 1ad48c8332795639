"""Derive bot/pii/data/english_word_names.txt: names that are everyday English words ("Parking", "Page", "Lane").

    apt-get download wamerican && dpkg-deb -x wamerican_*.deb /tmp/wamerican
    .venv/bin/python scripts/build_english_word_names.py /tmp/wamerican/usr/share/dict/american-english

The word list is SCOWL's as Debian ships it in `wamerican` (copyright Kevin Atkinson and others; use, copy and
distribution permitted with the notice, see the list's header). It writes proper nouns with a capital and
everyday words in lowercase, which is the one thing needed here: a word Faker lists as a first name or
surname that the dictionary also has in lowercase is a name only where more than its capital says so.
Build time only; detection reads the committed list.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.pii.gazetteer import DATA_DIR, name_gazetteer  # noqa: E402

OUTPUT = DATA_DIR / "english_word_names.txt"
HEADER = """# Words that Faker lists as a surname (and not as a first name) and that are everyday English words
# as well ("parking", "page", "lane"): alone and capitalised in English prose they need more than the capital
# (bot/pii/recognizers/names.py). Derived by scripts/build_english_word_names.py from SCOWL's American
# English list as Debian ships it (wamerican 2020.12.07). Its notice: Copyright 2000-2011 by Kevin Atkinson.
# Permission to use, copy, modify, distribute and sell these word lists, the associated scripts, the output
# created from the scripts, and its documentation for any purpose is hereby granted without fee, provided
# that the above copyright notice appears in all copies and that both that copyright notice and this
# permission notice appear in supporting documentation. Kevin Atkinson makes no representations about the
# suitability of this array for any purpose. It is provided "as is" without express or implied warranty.
"""


def main() -> None:
    dictionary = Path(sys.argv[1])
    lowercase = {
        line.strip() for line in dictionary.read_text(encoding="utf-8").splitlines()
        if line[:1].islower() and "'" not in line
    }
    gazetteer = name_gazetteer()
    # First names are left out: "Matt", "Rod", "Barb" and "Amir" are people first and words second, and the
    # tagger's other evidence already holds such a name back where it is a word ("will", "mark").
    words = sorted(
        word for word in lowercase
        if len(word) >= 3 and gazetteer.is_last_name(word) and not gazetteer.is_first_name(word)
    )
    OUTPUT.write_text(HEADER + "".join(f"{word}\n" for word in words), encoding="utf-8")
    print(f"{len(words)} words -> {OUTPUT}")


if __name__ == "__main__":
    main()
