"""Convert the Broad Twitter Corpus's training split into the name tagger's training format.

    .venv/bin/python scripts/import_tweets.py btc.train scripts/data/btc_train_en.jsonl

The tagger's real sentences were Norwegian and Danish news only, so it read
English capitals by the synthetic frames alone. The Broad Twitter Corpus
(Derczynski, Bontcheva and Roberts, COLING 2016; CC BY 4.0) is English written
by people of every kind, annotated for persons, organisations and places. Only
its training split (`train_dev_test_conll/btc.train`) is used; its test split
(section F) stays unseen: converted the same way (bench/data/btc_test_en.jsonl),
it is the English part of `bench.names_holdout`.

Changed from the original, as the licence asks us to say: @-handles, #-tags, web
addresses and retweet markers are removed (a chat has none of them, and a
handle is not a name as written in a sentence); a name that lost its first
word that way starts again; tweets with fewer than three words left, or with a
handle written without its "@", are dropped.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path


def sentences(path: Path) -> Iterator[list[tuple[str, str]]]:
    current: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if current:
                yield current
            current = []
            continue
        word, _, tag = line.partition("\t")
        current.append((word, tag.strip() or "O"))
    if current:
        yield current


# A handle written without its "@" ("SharonDClarke", "steven_noble", "catherinemiddleton"): a name run
# together is not how a name is written in a sentence, and a tweet that has one is left out whole.
_HANDLE = re.compile(r"^(?:(?=.*[a-z]).*[a-z][A-Z]|.*[a-z][0-9]|.*_)")


def _handle(word: str, tag: str) -> bool:
    return bool(_HANDLE.match(word)) or (tag.endswith("-PER") and word.islower() and len(word) >= 10)


def _noise(word: str) -> bool:
    return word.startswith(("@", "#", "http://", "https://", "www.")) or word == "RT"


def cleaned(sentence: list[tuple[str, str]]) -> tuple[list[str], list[str]]:
    tokens: list[str] = []
    tags: list[str] = []
    for word, tag in sentence:
        if _noise(word):
            continue
        if tag.startswith("I-") and (not tags or tags[-1][2:] != tag[2:]):
            tag = "B-" + tag[2:]  # the name's first word was a handle
        tokens.append(word)
        tags.append(tag)
    return tokens, tags


def main() -> None:
    source, target = Path(sys.argv[1]), Path(sys.argv[2])
    kept = dropped = persons = 0
    with target.open("w", encoding="utf-8") as out:
        for sentence in sentences(source):
            if any(_handle(word, tag) for word, tag in sentence if not _noise(word)):
                dropped += 1
                continue
            tokens, tags = cleaned(sentence)
            if sum(1 for t in tokens if any(c.isalpha() for c in t)) < 3:
                dropped += 1
                continue
            persons += tags.count("B-PER")
            row = {"lang": "en", "tokens": tokens, "tags": tags, "source": "btc"}
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            kept += 1
    print(f"{kept} tweets kept ({persons} persons), {dropped} dropped (handles, or too short once cleaned)")


if __name__ == "__main__":
    main()
