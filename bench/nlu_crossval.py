"""Intent F1 per language by cross-validation with Rasa's own tooling, and the intents it confuses.

    .venv/bin/python -m bench.nlu_crossval [--folds 3]          # trains one model per fold: minutes each
    .venv/bin/python -m bench.nlu_crossval --config config.yml --config other.yml   # both, on the same folds
    .venv/bin/python -m bench.nlu_crossval --from var/bench/nlu_crossval   # re-score a finished run
    .venv/bin/python -m bench.nlu_crossval --grouped    # translations kept in one fold (bench/nlu_folds.py)

Wraps `rasa test nlu --nlu data/nlu --config config.yml --cross-validation
--folds N --successes` (errors are written by default): every example is predicted once, by the model
of the fold that held it out. Rasa's report is over all languages; the
examples in data/nlu/ are tagged with the language they are written in
(intent-level `metadata: language`), so this script splits the predictions by
that tag and scores each language: macro F1 over intents, F1 per intent, and
the most frequent (intent, predicted) confusion pairs. A text listed under
several languages of the same intent ("ok") counts in each. A prediction of
nlu_fallback (the FallbackClassifier) counts as wrong. Rasa's folds are
shuffled without a seed of their own; this script seeds NumPy before Rasa
draws them (--seed), so two configurations are scored on the same folds and
their difference is the configurations', not the shuffle's. With --grouped
the folds keep an example and its translations (nb/nn/da siblings of the
same intent) together, so no language is scored on lines whose twin was
trained on (bench/nlu_folds.py says why). With two
--config, it prints both side by side with their training times. Writes
var/bench/nlu_crossval.json; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from collections import Counter, defaultdict
from datetime import datetime
from pathlib import Path
from typing import Any

from bench.results import ROOT, machine, now, write_result

LANGUAGES = ("nb", "nn", "da", "en")
OUT = ROOT / "var" / "bench" / "nlu_crossval"


# Rasa's StratifiedKFold(shuffle=True) takes NumPy's global generator and draws every fold at the first one.
SEEDED_RASA = "import sys, numpy; numpy.random.seed(int(sys.argv.pop(1))); from rasa.__main__ import main; main()"


def run_rasa(folds: int, out: Path, config: str = "config.yml", seed: int = 0, grouped: bool = False) -> float:
    from bot.rasa_adapter.model import rasa_environment

    out.mkdir(parents=True, exist_ok=True)
    arguments = ["test", "nlu", "--nlu", "data/nlu", "--config", config,
                 "--cross-validation", "--folds", str(folds), "--out", str(out), "--successes"]
    runner = ["-m", "bench.nlu_folds"] if grouped else ["-c", SEEDED_RASA]
    command = [sys.executable, *runner, str(seed), *arguments]
    folds_are = "translations kept together" if grouped else "stratified by intent"
    print("running: rasa", " ".join(arguments), f"(folds {folds_are}, drawn with seed {seed})", flush=True)
    started = time.perf_counter()
    with (out / "rasa.log").open("w") as log:
        subprocess.run(command, cwd=ROOT, env=rasa_environment(), check=True, stdout=log, stderr=subprocess.STDOUT)
    return time.perf_counter() - started


def predictions(out: Path) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for name in ("intent_successes.json", "intent_errors.json"):
        path = out / name
        if path.exists():
            found += json.loads(path.read_text(encoding="utf-8"))
    return found


def response_selection_f1(out: Path) -> tuple[float, float] | None:
    """The FAQ selector's test F1 over the folds (mean, standard deviation), as Rasa logs it: the intent F1 above
    says which questions reach the selector, this says whether it then picks the right answer."""
    log = out / "rasa.log"
    if not log.exists():
        return None
    text = log.read_text(encoding="utf-8", errors="replace")
    _, found, after = text.partition("Response Selection evaluation results")
    match = re.search(r"test F1-score: ([0-9.]+) \(([0-9.]+)\)", after) if found else None
    return (float(match.group(1)), float(match.group(2))) if match else None


def component_seconds(out: Path) -> dict[str, float]:
    """Seconds each trained component took per fold (mean over the folds that trained it), from Rasa's training
    hooks in the log. A component Rasa restored from its cache (.rasa/cache: same data, same settings) took none
    and is not counted, so the times of two configurations compare what each had to train."""
    log = out / "rasa.log"
    if not log.exists():
        return {}
    started: dict[str, datetime] = {}
    took: dict[str, list[float]] = defaultdict(list)
    pattern = re.compile(r"^(\S+ \S+) INFO\s+rasa\.engine\.training\.hooks\s+- (Starting to train|Finished training) "
                         r"component '(\w+)'")
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        match = pattern.match(line)
        if not match:
            continue
        at, what, component = datetime.fromisoformat(match.group(1)), match.group(2), match.group(3)
        if what == "Starting to train":
            started[component] = at
        elif component in started:
            took[component].append((at - started.pop(component)).total_seconds())
    return {_classifier_kind(component): sum(times) / len(times) for component, times in took.items()}


def _classifier_kind(component: str) -> str:
    """Subclasses of Rasa's classifiers that a bench configuration names (bench/length_buckets.py) are reported under
    Rasa's names, so two configurations' times line up."""
    return next((kind for kind in ("DIETClassifier", "ResponseSelector") if component.endswith(kind)), component)


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def score(predicted: list[dict[str, Any]]) -> dict[str, Any]:
    from sklearn.metrics import f1_score

    from bot.training.nlu_data import training_examples

    languages_of: dict[str, set[str]] = defaultdict(set)
    for example in training_examples(ROOT / "data"):
        languages_of[_key(example.text)].add(example.language)
    rows: dict[str, list[tuple[str, str]]] = defaultdict(list)
    untagged = 0
    for prediction in predicted:
        pair = (str(prediction["intent"]), str((prediction.get("intent_prediction") or {}).get("name") or ""))
        rows["all"].append(pair)
        tags = languages_of.get(_key(str(prediction["text"])), set())
        untagged += not tags
        for language in tags:
            rows[language].append(pair)
    figures: dict[str, Any] = {"examples": len(predicted), "untagged": untagged, "languages": {}}
    for language in ("all", *LANGUAGES):
        chosen = rows.get(language, [])
        if not chosen:
            continue
        truth, guess = [t for t, _ in chosen], [g for _, g in chosen]
        labels = sorted(set(truth))
        per_intent = f1_score(truth, guess, labels=labels, average=None, zero_division=0)
        confusions = Counter((t, g) for t, g in chosen if t != g)
        figures["languages"][language] = {
            "examples": len(chosen),
            "accuracy": sum(t == g for t, g in chosen) / len(chosen),
            "macro_f1": float(f1_score(truth, guess, labels=labels, average="macro", zero_division=0)),
            "weighted_f1": float(f1_score(truth, guess, labels=labels, average="weighted", zero_division=0)),
            "f1_per_intent": {label: float(value) for label, value in zip(labels, per_intent, strict=True)},
            "confusions": [[t, g, n] for (t, g), n in confusions.most_common(15)],
        }
    return figures


def print_figures(figures: dict[str, Any]) -> None:
    languages = figures["languages"]
    print(f"{'language':<9} {'examples':>9} {'accuracy':>9} {'macro F1':>9} {'weighted F1':>12}")
    for language, row in languages.items():
        print(f"{language:<9} {row['examples']:>9} {row['accuracy']:>9.3f} {row['macro_f1']:>9.3f} "
              f"{row['weighted_f1']:>12.3f}")
    intents = sorted(languages["all"]["f1_per_intent"])
    shown = [lang for lang in LANGUAGES if lang in languages]
    print(f"\n{'F1 per intent':<28} " + " ".join(f"{lang:>6}" for lang in shown))
    for intent in intents:
        cells = [languages[lang]["f1_per_intent"].get(intent) for lang in shown]
        print(f"{intent:<28} " + " ".join(f"{c:>6.3f}" if c is not None else f"{'-':>6}" for c in cells))
    for language in ("all", *shown):
        pairs = languages[language]["confusions"][: 10 if language == "all" else 5]
        print(f"\nmost frequent confusions ({language}): true -> predicted (count)")
        for true, guess, count in pairs:
            print(f"  {true} -> {guess} ({count})")


def print_comparison(runs: dict[str, dict[str, Any]]) -> None:
    """Macro F1 per language of each configuration, on the same folds, and each one's time for all its folds."""
    names = list(runs)
    print("\nmacro F1 per language, same folds: " + " vs ".join(names))
    print(f"{'language':<9} " + " ".join(f"{name[-24:]:>24}" for name in names) + f" {'difference':>11}")
    for language in ("all", *LANGUAGES):
        cells = [runs[name]["languages"].get(language, {}).get("macro_f1") for name in names]
        if None in cells:
            continue
        print(f"{language:<9} " + " ".join(f"{cell:>24.3f}" for cell in cells) + f" {cells[-1] - cells[0]:>+11.3f}")
    print(f"{'FAQ sel.':<9} " + " ".join(f"{(runs[name].get('response_selection_f1') or (0.0, 0.0))[0]:>24.3f}"
                                       for name in names))
    print(f"{'seconds':<9} " + " ".join(f"{runs[name]['seconds']:>24.0f}" for name in names))
    for component in ("DIETClassifier", "ResponseSelector"):
        print(f"{component[:9]:<9} " + " ".join(
            f"{runs[name].get('component_seconds', {}).get(component, float('nan')):>24.0f}" for name in names)
            + "  (seconds per fold; none where Rasa's cache had it)")


def compare(configs: list[str], folds: int, seed: int, grouped: bool = False) -> int:
    started, machine_info = now(), machine()
    runs: dict[str, dict[str, Any]] = {}
    for config in configs:
        out = OUT.parent / f"nlu_crossval-{Path(config).stem}{'-grouped' if grouped else ''}"
        seconds = run_rasa(folds, out, config, seed, grouped)
        predicted = predictions(out)
        if not predicted:
            print(f"no predictions in {out}; see {out / 'rasa.log'}")
            return 1
        runs[config] = {**score(predicted), "folds": folds, "seconds": seconds, "config": config, "seed": seed,
                        "grouped": grouped,
                        "response_selection_f1": response_selection_f1(out),
                        "component_seconds": component_seconds(out)}
        print(f"\n== {config}")
        print_figures(runs[config])
    print_comparison(runs)
    write_result("nlu_crossval_compare" + ("_grouped" if grouped else ""), {"runs": runs}, started, machine_info)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0, help="NumPy's seed for Rasa's fold shuffle")
    parser.add_argument("--config", action="append", help="a Rasa config; twice to compare (default config.yml)")
    parser.add_argument("--grouped", action="store_true",
                        help="keep an example and its translations in one fold (bench/nlu_folds.py)")
    parser.add_argument("--from", dest="source", type=Path, help="score an existing output folder, do not run Rasa")
    args = parser.parse_args()
    if args.config and len(args.config) > 1:
        return compare(args.config, args.folds, args.seed, args.grouped)
    started, machine_info = now(), machine()
    out = args.source or (OUT.parent / "nlu_crossval-grouped" if args.grouped else OUT)
    config = (args.config or ["config.yml"])[0]
    seconds = None if args.source else run_rasa(args.folds, out, config, args.seed, args.grouped)
    predicted = predictions(out)
    if not predicted:
        print(f"no predictions in {out}; see {out / 'rasa.log'}")
        return 1
    figures = score(predicted)
    figures.update({"folds": args.folds, "seconds": seconds, "config": config, "data": "data/nlu", "seed": args.seed,
                    "grouped": args.grouped})
    print_figures(figures)
    # A re-scored run keeps its timing and machine only in the first file it wrote.
    name = "nlu_crossval" + ("_grouped" if args.grouped else "")
    write_result(name if args.source is None else name + "_rescored", figures, started, machine_info)
    return 0


if __name__ == "__main__":
    sys.exit(main())
