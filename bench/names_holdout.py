"""Names in news documents the tagger never saw: train without a tenth of names_train, score that tenth.

    .venv/bin/python -m bench.names_holdout [--keep DIR]

The real training set is news text in document order, so the held-out tenth is
taken in blocks of consecutive sentences (whole documents, mostly): a sentence
split would let a person named in one sentence be learnt from the next, which
is not how unseen text behaves. The tagger, its word lists and its spelling
model are all rebuilt from the other nine tenths (plus the synthetic
sentences) in a copy of the code, so nothing here touches the committed model.
English has no news in that set, so English is scored on the Broad Twitter
Corpus's test split (bench/data/btc_test_en.jsonl: its section F, tweets of
public figures, cleaned as scripts/import_tweets.py cleans the training split
and never trained on). Prints the shared scorer's recall and precision; takes
about three minutes on two cores. A figure, never an assertion.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from bench import shared_folder

ROOT = Path(__file__).resolve().parents[1]
SHARED = shared_folder()
TRAIN = SHARED / "data" / "names_train.jsonl"
SCORER = SHARED / "eval" / "score_pii.py"
ENGLISH_TEST = ROOT / "bench" / "data" / "btc_test_en.jsonl"
BLOCK = 200  # consecutive sentences per block: several short news documents
HELD_OUT_BLOCK = 7  # of every ten blocks


def held_out(index: int) -> bool:
    return (index // BLOCK) % 10 == HELD_OUT_BLOCK


def as_scored_line(row: dict) -> dict:
    """A tagged sentence as the scorer reads it: the tokens joined by spaces, each person a labelled span."""
    text, spans, offset = [], [], 0
    open_span: dict | None = None
    for token, tag in zip(row["tokens"], row["tags"], strict=True):
        start = offset
        text.append(token)
        offset += len(token) + 1
        if tag == "B-PER" or (tag == "I-PER" and open_span is None):
            open_span = {"start": start, "end": start + len(token), "type": "name", "kind": "person"}
            spans.append(open_span)
        elif tag == "I-PER" and open_span is not None:
            open_span["end"] = start + len(token)
        else:
            open_span = None
    return {"lang": row["lang"], "text": " ".join(text), "spans": spans}


def split(rows: list[dict]) -> tuple[list[dict], list[dict]]:
    train = [row for i, row in enumerate(rows) if not held_out(i)]
    test = [row for i, row in enumerate(rows) if held_out(i)]
    return train, test


def copy_of_the_code(into: Path) -> Path:
    """bot/ and scripts/ in a scratch directory, so training there rewrites only the copy's model files."""
    for part in ("bot", "scripts"):
        shutil.copytree(ROOT / part, into / part, ignore=shutil.ignore_patterns("__pycache__"))
    return into


def write_lines(path: Path, rows: Iterator[dict] | list[dict]) -> None:
    with path.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


def run(workdir: Path) -> None:
    rows = [json.loads(line) for line in TRAIN.open(encoding="utf-8")]
    train, test = split(rows)
    print(f"{len(train)} sentences to train on, {len(test)} held out "
          f"({sum(len(as_scored_line(r)['spans']) for r in test)} names)", flush=True)
    code = copy_of_the_code(workdir / "code")
    real = workdir / "train.jsonl"
    write_lines(real, train)
    corpus = workdir / "corpus.jsonl"
    write_lines(workdir / "held_out.jsonl", (as_scored_line(r) for r in test))
    env = {**os.environ, "PYTHONPATH": str(code)}
    python = sys.executable
    subprocess.run([python, "-m", "bot.pii.training_corpus", str(corpus), "--train", str(real)],
                   cwd=code, env=env, check=True)
    subprocess.run([python, "scripts/train_name_tagger.py", str(corpus)], cwd=code, env=env, check=True)
    print("--- held-out news documents ---", flush=True)
    subprocess.run([python, str(SCORER), str(workdir / "held_out.jsonl"), "bot.pii:mask"],
                   cwd=code, env=env, check=True)
    tweets = ENGLISH_TEST.read_text(encoding="utf-8").splitlines()
    write_lines(workdir / "tweets.jsonl", (as_scored_line(json.loads(line)) for line in tweets))
    print("--- held-out English tweets ---", flush=True)
    subprocess.run([python, str(SCORER), str(workdir / "tweets.jsonl"), "bot.pii:mask"],
                   cwd=code, env=env, check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="work here and keep the files (default: a temporary directory)")
    args = parser.parse_args()
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        run(args.keep)
        return
    with tempfile.TemporaryDirectory(prefix="vern-names-holdout-") as folder:
        run(Path(folder))


if __name__ == "__main__":
    main()
