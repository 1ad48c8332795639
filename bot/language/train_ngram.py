"""Train the n-gram model of ngram.py and write bot/language/ngram_model.json.

    .venv/bin/python -m bot.language.train_ngram --names ../shared/data/names_train.jsonl

Two sources, both read only here (the bot reads the written counts):
- the nb, nn and da sentences of names_train.jsonl (NorNE for Norwegian, the
  Danish Dependency Treebank for Danish): edited prose, lots of it;
- Vern's own NLU examples in data/nlu/, which carry the language they are
  written in (intent-level `metadata: language`): chat lines in all four
  languages, and the only English source.  They count more than a prose
  sentence because they are the kind of text the model meets.

Neither the development nor the held-out first-message set is read.  Every
line is also counted as typed on a keyboard without æ, ø and å ("hjaelp",
"sporsmal", "paa"), because people write that way and the cue lists already
expect it.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import yaml

from bot.language.ngram import MODEL_PATH, features
from bot.language.nynorsk import words

LANGUAGES = ("nb", "nn", "da", "en")
REPO = Path(__file__).resolve().parents[2]
DEFAULT_NAMES = REPO.parent / "shared" / "data" / "names_train.jsonl"
DEFAULT_NLU = REPO / "data" / "nlu"
CHAT_WEIGHT = 3
# Features seen fewer times than this in all languages together are left
# out: they are mostly names and typos, and they would make the file large.
MIN_COUNT = 4
_ANNOTATION = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\{[^}]*\})")
# Two ways people write without Nordic letters.
_ASCII_SPELLINGS = (
    str.maketrans({"æ": "ae", "ø": "o", "å": "a"}),
    str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"}),
)


def names_sentences(path: Path) -> Iterator[tuple[str, str]]:
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            if row["lang"] in LANGUAGES:
                yield row["lang"], " ".join(row["tokens"])


def nlu_examples(folder: Path) -> Iterator[tuple[str, str]]:
    for path in sorted(folder.glob("*.yml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for block in document.get("nlu") or []:
            language = (block.get("metadata") or {}).get("language")
            if language not in LANGUAGES:
                continue
            for example in str(block.get("examples") or "").splitlines():
                text = example.strip().removeprefix("-").strip()
                if text:
                    yield language, _ANNOTATION.sub(r"\1", text)


def count(samples: Iterator[tuple[str, str, int]]) -> dict[str, list[int]]:
    counts: dict[str, Counter[str]] = {language: Counter() for language in LANGUAGES}
    for language, text, weight in samples:
        tokens = words(text)
        spellings = {tuple(tokens)} | {tuple(t.translate(table) for t in tokens) for table in _ASCII_SPELLINGS}
        for spelling in spellings:
            for feature in features(spelling):
                counts[language][feature] += weight
    kept = {
        feature
        for feature in set().union(*counts.values())
        if sum(counts[language][feature] for language in LANGUAGES) >= MIN_COUNT
    }
    return {feature: [counts[language][feature] for language in LANGUAGES] for feature in sorted(kept)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--names", type=Path, default=DEFAULT_NAMES, help="names_train.jsonl")
    parser.add_argument("--nlu", type=Path, default=DEFAULT_NLU, help="folder of Rasa NLU files")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    args = parser.parse_args(argv)
    samples = [(language, text, 1) for language, text in names_sentences(args.names)]
    samples += [(language, text, CHAT_WEIGHT) for language, text in nlu_examples(args.nlu)]
    counts = count(iter(samples))
    document = {
        "languages": list(LANGUAGES),
        "sources": "names_train.jsonl (NorNE, CC0 annotations; UD Danish DDT, CC BY-SA 4.0) and Vern's data/nlu",
        "counts": counts,
    }
    args.out.write_text(json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    per_language = Counter(language for language, _, _ in samples)
    print(f"{len(counts)} features from {dict(per_language)} lines -> {args.out} ({args.out.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
