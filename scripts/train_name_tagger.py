"""Train the person-name tagger (a CRF) and derive the list of names that are also everyday words.

    .venv/bin/python scripts/train_name_tagger.py [../shared/data/names_train.jsonl]

Writes bot/pii/data/name_tagger.crfsuite and bot/pii/data/ambiguous_names.txt,
which are committed: detection must not depend on files outside the repository
or on the network. Training reads only the training set, never the dev sets.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path

import pycrfsuite

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.pii.gazetteer import DATA_DIR, lowercase_lexicon, name_gazetteer  # noqa: E402
from bot.pii.name_features import Token, token_features  # noqa: E402

DEFAULT_TRAIN = ROOT.parent / "shared" / "data" / "names_train.jsonl"


def label(tag: str) -> str:
    # Only persons matter; every other entity becomes one "other" class so the
    # model still learns that capitalised places and organisations are not people.
    if tag == "O":
        return "O"
    prefix, _, kind = tag.partition("-")
    return f"{prefix}-{'PER' if kind == 'PER' else 'OTH'}"


def as_tokens(words: list[str]) -> list[Token]:
    tokens, offset = [], 0
    for word in words:
        tokens.append(Token(word, offset, offset + len(word)))
        offset += len(word) + 1
    return tokens


def write_ambiguous(rows: list[dict]) -> int:
    gazetteer = name_gazetteer()
    lower: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for row in rows:
        for i, (word, tag) in enumerate(zip(row["tokens"], row["tags"], strict=True)):
            folded = word.casefold()
            if not gazetteer.is_name(word):
                continue
            total[folded] += 1
            if word.islower() or (i == 0 and tag == "O"):
                lower[folded] += 1
    ambiguous = sorted(w for w, n in lower.items() if n >= 3 and n >= 0.3 * total[w])
    header = "# Names that are also everyday words, derived by scripts/train_name_tagger.py\n"
    (DATA_DIR / "ambiguous_names.txt").write_text(header + "\n".join(ambiguous) + "\n", encoding="utf-8")
    return len(ambiguous)


def write_lexicon(rows: list[dict]) -> int:
    seen: Counter[str] = Counter()
    for row in rows:
        for i, (word, tag) in enumerate(zip(row["tokens"], row["tags"], strict=True)):
            if i > 0 and tag == "O" and word.isalpha() and word.islower():
                seen[word] += 1
    words = sorted(w for w, n in seen.items() if n >= 2)
    header = "# Words seen in lowercase in running text, derived by scripts/train_name_tagger.py\n"
    (DATA_DIR / "lowercase_lexicon.txt").write_text(header + "\n".join(words) + "\n", encoding="utf-8")
    return len(words)


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_TRAIN
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    print(f"{len(rows)} sentences; ambiguous names: {write_ambiguous(rows)}; lexicon: {write_lexicon(rows)}")
    name_gazetteer.cache_clear()
    lowercase_lexicon.cache_clear()
    gazetteer = name_gazetteer()
    trainer = pycrfsuite.Trainer(verbose=False)
    started = time.perf_counter()
    for row in rows:
        features = token_features(as_tokens(row["tokens"]), gazetteer)
        trainer.append(features, [label(t) for t in row["tags"]])
    trainer.set_params({"c1": 0.15, "c2": 0.01, "max_iterations": 200, "feature.possible_transitions": True,
                        "feature.minfreq": 2})
    model = DATA_DIR / "name_tagger.crfsuite"
    trainer.train(str(model))
    print(f"trained in {time.perf_counter() - started:.0f} s; {model.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
