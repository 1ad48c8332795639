"""Names in news documents the tagger never saw: train without a tenth of names_train, score that tenth.

    .venv/bin/python -m bench.names_holdout [--keep DIR]

The real training set is news text in document order, so the held-out tenth is
taken in blocks of consecutive sentences (whole documents, mostly): a sentence
split would let a person named in one sentence be learnt from the next, which
is not how unseen text behaves. The tagger, its word lists and its spelling
model are all rebuilt from the other nine tenths (plus the synthetic
sentences) in a copy of the code, so nothing here touches the committed model.
English has no news in that set, so English is scored on two test splits the
tagger never trains on: Universal NER's English Web Treebank test split
(bench/data/ewt_test_en.jsonl: weblogs, newsgroups, e-mails, reviews and
answers, as written; scripts/import_ewt.py) and the Broad Twitter Corpus's
(bench/data/btc_test_en.jsonl: its section F, tweets of public figures, cleaned
as scripts/import_tweets.py cleans the training split). Prints the shared
scorer's recall and precision, then the same for names alone (a masked e-mail
address or phone number is not a false name); takes about three minutes on two
cores. A figure, never an assertion.
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
# English has no news in names_train: it is scored on two test splits the tagger never trains on.
ENGLISH_TESTS = {
    "English web text": ROOT / "bench" / "data" / "ewt_test_en.jsonl",
    "English tweets": ROOT / "bench" / "data" / "btc_test_en.jsonl",
}
BLOCK = 200  # consecutive sentences per block: several short news documents
HELD_OUT_BLOCK = 7  # of every ten blocks


def held_out(index: int) -> bool:
    return (index // BLOCK) % 10 == HELD_OUT_BLOCK


def as_scored_line(row: dict) -> dict:
    """A tagged sentence as the scorer reads it: the tokens joined by spaces (or as written, where the row says
    which tokens a space follows), each person a labelled span."""
    text, spans, offset = [], [], 0
    open_span: dict | None = None
    spaced = row.get("space_after") or [True] * len(row["tokens"])
    for token, tag, space in zip(row["tokens"], row["tags"], spaced, strict=True):
        start = offset
        text.append(token + (" " if space else ""))
        offset += len(token) + (1 if space else 0)
        if tag == "B-PER" or (tag == "I-PER" and open_span is None):
            open_span = {"start": start, "end": start + len(token), "type": "name", "kind": "person"}
            spans.append(open_span)
        elif tag == "I-PER" and open_span is not None:
            open_span["end"] = start + len(token)
        else:
            open_span = None
    return {"lang": row["lang"], "text": "".join(text).rstrip(" "), "spans": spans}


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
    scored = {"news documents (nb, nn, da)": workdir / "held_out.jsonl"}
    for label, source in ENGLISH_TESTS.items():
        scored[label] = workdir / source.name
        write_lines(scored[label], (as_scored_line(json.loads(line))
                                    for line in source.read_text(encoding="utf-8").splitlines()))
    for label, path in scored.items():
        print(f"--- held-out {label} ---", flush=True)
        subprocess.run([python, str(SCORER), str(path), "bot.pii:mask"], cwd=code, env=env, check=True)
        # The scorer counts a masked e-mail address or phone number that is not a person against precision;
        # for names alone, only a region masked as <name> that overlaps no person is a false one.
        subprocess.run([python, "-m", "bench.names_holdout", "--names-only", str(path)], cwd=code,
                       env={**env, "PYTHONPATH": f"{code}{os.pathsep}{ROOT}"}, check=True)


def names_only(path: Path) -> None:
    """Recall and precision of <name> alone, per language, with the masker this process imports."""
    from bench.pii_scoring import score
    from bot.pii import mask

    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    figures = score(rows, [mask(row["text"]) for row in rows])
    for key in ["name"] + [k for k in sorted(figures) if k.startswith("name lang=")]:
        f = figures[key]
        print(f"names only {key[5:] or 'all':8s} recall {f['recall']:.3f} precision {f['precision']:.3f} "
              f"({f['found']}/{f['labelled']} found, {f['masked'] - f['masked_right']} of {f['masked']} "
              f"masked as <name> not a person)", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="work here and keep the files (default: a temporary directory)")
    parser.add_argument("--names-only", type=Path, metavar="SCORED_JSONL", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.names_only:
        names_only(args.names_only)
        return
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        run(args.keep)
        return
    with tempfile.TemporaryDirectory(prefix="vern-names-holdout-") as folder:
        run(Path(folder))


if __name__ == "__main__":
    main()
