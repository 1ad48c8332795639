"""Quick proxy for bench/nlu_crossval.py: one fixed 80/20 split, one NLU model, macro F1 per language.

    .venv/bin/python -m bench.nlu_holdout [--epochs 25] [--seed 13] [--out /tmp/nlu-holdout]

A 3-fold cross-validation takes half an hour or more on two cores; this trains
one NLU model on 80 % of data/nlu and predicts the rest, so data edits can be
compared before/after in minutes ON THE SAME SPLIT. A seeded hash of each text
decides its side (about 20 % of every intent and language is held out, and an
example keeps its side when others are added), and a text that appears in
several blocks (the same "ok" under nb and da) goes to one side only, so
nothing predicted was trained on. FAQ topics count as the intent `faq`, as DIET sees them.

PROXY ONLY: the model is trained with a temporary copy of config.yml whose
DIET epochs are --epochs (production: config.yml) and without the
ResponseSelector (it picks FAQ topics and does not change the intent). Its
figures are for comparing data versions, not the figure to report; that is
bench/nlu_crossval.py. Writes var/bench/nlu_holdout.json.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import logging
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import yaml

from bench.results import ROOT, machine, now, write_result
from bot.training.nlu_data import Example, training_examples, write_examples

LANGUAGES = ("nb", "nn", "da", "en")


def _key(text: str) -> str:
    return " ".join(text.split()).casefold().strip(" ?!.,")


def split(examples: list[Example], seed: int, share: float) -> tuple[list[Example], list[Example]]:
    """Held out by a seeded hash of the text, so a text stays on its side when other examples are added or
    rewritten (before/after runs share the held-out examples they both have); every intent and language
    loses about `share` of its texts, and all copies of one text fall on the same side."""
    def held(example: Example) -> bool:
        digest = hashlib.sha256(f"{seed}:{example.intent.split('/')[0]}:{_key(example.text)}".encode()).digest()
        return int.from_bytes(digest[:4], "big") / 2**32 < share

    train = [e for e in examples if not held(e)]
    test = [e for e in examples if held(e)]
    return train, test


def proxy_config(epochs: int, path: Path) -> None:
    config = yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8"))
    pipeline = [c for c in config["pipeline"] if c["name"] != "ResponseSelector"]
    for component in pipeline:
        if component["name"] == "DIETClassifier":
            component["epochs"] = epochs
    config["pipeline"] = pipeline
    config["policies"] = []
    path.write_text("# PROXY ONLY (bench/nlu_holdout.py): reduced epochs, no ResponseSelector\n"
                    + yaml.safe_dump(config, sort_keys=False), encoding="utf-8")


def train(train_set: list[Example], work: Path, epochs: int) -> Path:
    from bot.rasa_adapter.model import rasa_environment

    data = work / "nlu.yml"
    write_examples(data, train_set, "proxy training split")
    # The regex features are part of the production pipeline's input.
    (work / "patterns.yml").write_text((ROOT / "data" / "nlu" / "patterns.yml").read_text(encoding="utf-8"))
    config = work / "config.yml"
    proxy_config(epochs, config)
    out = work / "models"
    command = [sys.executable, "-m", "rasa", "train", "nlu", "--nlu", str(work), "--config", str(config),
               "--out", str(out), "--fixed-model-name", "holdout"]
    with (work / "rasa.log").open("w") as log:
        subprocess.run(command, cwd=ROOT, env=rasa_environment(), check=True, stdout=log, stderr=subprocess.STDOUT)
    return out / "holdout.tar.gz"


def predict(model: Path, texts: list[str]) -> list[str]:
    from rasa.core.agent import Agent

    agent = Agent.load(str(model))
    logging.getLogger("rasa").setLevel(logging.WARNING)  # one debug line per parsed message otherwise

    async def run() -> list[str]:
        found = []
        for text in texts:
            parsed = await agent.parse_message(text)
            found.append(str((parsed.get("intent") or {}).get("name") or ""))
        return found

    return asyncio.run(run())


def score(test: list[Example], guesses: list[str]) -> dict[str, Any]:
    from sklearn.metrics import f1_score

    figures: dict[str, Any] = {}
    rows: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for example, predicted in zip(test, guesses, strict=True):
        intent = example.intent.split("/")[0]
        rows[example.language].append((intent, predicted, example.text))
        rows["all"].append((intent, predicted, example.text))
    for language in ("all", *LANGUAGES):
        chosen = rows[language]
        truth, guess = [t for t, _, _ in chosen], [g for _, g, _ in chosen]
        labels = sorted(set(truth))
        per_intent = f1_score(truth, guess, labels=labels, average=None, zero_division=0)
        figures[language] = {
            "examples": len(chosen),
            "accuracy": sum(t == g for t, g, _ in chosen) / len(chosen),
            "macro_f1": float(f1_score(truth, guess, labels=labels, average="macro", zero_division=0)),
            "f1_per_intent": {label: float(v) for label, v in zip(labels, per_intent, strict=True)},
            "confusions": [[t, g, n] for (t, g), n in Counter((t, g) for t, g, _ in chosen if t != g).most_common(12)],
            "predictions": [[t, g, x] for t, g, x in chosen],
        }
    return figures


def compare(figures: dict[str, Any], previous_path: Path) -> None:
    """Macro F1 of both runs on the held-out texts they share (same text, same intent): a fair before/after
    when examples were added, rewritten or moved in between."""
    from sklearn.metrics import f1_score

    previous = json.loads(previous_path.read_text(encoding="utf-8"))
    print(f"\nagainst {previous_path}, on the held-out texts both runs have:")
    for language in LANGUAGES:
        before = {(t, _key(x)): g for t, g, x in previous[language]["predictions"]}
        after = {(t, _key(x)): g for t, g, x in figures[language]["predictions"]}
        shared = sorted(set(before) & set(after))
        truth = [t for t, _ in shared]
        labels = sorted(set(truth))
        old, new = (float(f1_score(truth, [run[k] for k in shared], labels=labels, average="macro", zero_division=0))
                    for run in (before, after))
        print(f"  {language}: {len(shared)} texts, macro F1 {old:.3f} -> {new:.3f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=25, help="DIET epochs of the proxy model (production: 50)")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--share", type=float, default=0.2)
    parser.add_argument("--out", type=Path, default=None, help="keep the work folder here")
    parser.add_argument("--label", default="", help="name of this data version in the result file")
    parser.add_argument("--compare", type=Path, help="figures.json of an earlier run (its --out folder)")
    parser.add_argument("--data", type=Path, default=ROOT / "data",
                        help="folder holding nlu/*.yml, e.g. an older version checked out with git show")
    args = parser.parse_args()
    started, machine_info = now(), machine()
    examples = training_examples(args.data)
    train_set, test = split(examples, args.seed, args.share)
    work = args.out or Path(tempfile.mkdtemp(prefix="nlu-holdout-"))
    work.mkdir(parents=True, exist_ok=True)
    clock = time.perf_counter()
    model = train(train_set, work, args.epochs)
    guesses = predict(model, [e.text for e in test])
    figures = score(test, guesses)
    print(f"train {len(train_set)}  held out {len(test)}  seconds {time.perf_counter() - clock:.0f}")
    print(f"{'language':<9} {'examples':>9} {'accuracy':>9} {'macro F1':>9}")
    for language, row in figures.items():
        print(f"{language:<9} {row['examples']:>9} {row['accuracy']:>9.3f} {row['macro_f1']:>9.3f}")
    intents = sorted(figures["all"]["f1_per_intent"])
    print(f"\n{'F1 per intent':<24} " + " ".join(f"{lang:>6}" for lang in LANGUAGES))
    for intent in intents:
        cells = [figures[lang]["f1_per_intent"].get(intent) for lang in LANGUAGES]
        print(f"{intent:<24} " + " ".join(f"{c:>6.3f}" if c is not None else f"{'-':>6}" for c in cells))
    for language in LANGUAGES:
        print(f"\nconfusions ({language}):", ", ".join(f"{t}->{g} {n}" for t, g, n in figures[language]["confusions"]))
    if args.compare:
        compare(figures, args.compare)
    (work / "figures.json").write_text(json.dumps(figures, indent=1, ensure_ascii=False), encoding="utf-8")
    summary = {lang: {k: v for k, v in row.items() if k != "predictions"} for lang, row in figures.items()}
    write_result("nlu_holdout", {"label": args.label, "epochs": args.epochs, "seed": args.seed,
                                 "share": args.share, "languages": summary}, started, machine_info)
    return 0


if __name__ == "__main__":
    sys.exit(main())
