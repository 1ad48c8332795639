"""What asking about an unsure question read as a request costs and saves, on cross-validated predictions.

    .venv/bin/python -m bench.request_guard --from DIR [--threshold 0.5 --threshold 0.6 ...]

A request starts by asking for an e-mail address, so bot/nlu/intent_guards.py makes a question that the classifier
reads as a request, with less confidence than `SURE_REQUEST`, not understood: Vern then asks, with the request as a
button (`clarify_reply`). DIR is a `bench.nlu_crossval` output folder from a pipeline *without* that guard (a
worktree at a commit before it): every example there was predicted by a fold model that never saw it. For each
threshold this prints, per language, the questions read as a request that would be asked about though the reading
was right (one press more), the ones that would be stopped though wrong (no e-mail asked for by mistake), and the
macro F1 as `bench.nlu_crossval` counts it (a message asked about counts as wrong, as any `nlu_fallback` does).
Asserts nothing.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path
from typing import Any

from bench.nlu_crossval import LANGUAGES, predictions, score
from bot.knowledge.replies import STARTS_A_REQUEST
from bot.nlu.intent_guards import FALLBACK
from bot.nlu.leading_greeting import without_leading_greeting
from bot.nlu.questions import is_a_question


def guarded(prediction: dict[str, Any], threshold: float) -> bool:
    guess = prediction.get("intent_prediction") or {}
    return (guess.get("name") in STARTS_A_REQUEST and float(guess.get("confidence") or 0.0) < threshold
            and is_a_question(without_leading_greeting(str(prediction["text"]))))


def with_guard(predicted: list[dict[str, Any]], threshold: float) -> list[dict[str, Any]]:
    return [{**p, "intent_prediction": {"name": FALLBACK, "confidence": 0.0}} if guarded(p, threshold) else p
            for p in predicted]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--from", dest="source", type=Path, required=True,
                        help="a bench.nlu_crossval output folder from a pipeline without the guard")
    parser.add_argument("--threshold", type=float, action="append",
                        help="below it a question is asked about (default 0.5, 0.6, 0.7, 0.8)")
    arguments = parser.parse_args(argv)
    predicted = predictions(arguments.source)
    if not predicted:
        print(f"no predictions in {arguments.source}")
        return 1
    thresholds = arguments.threshold or [0.5, 0.6, 0.7, 0.8]
    before = score(predicted)["languages"]
    starts = [p for p in predicted if (p.get("intent_prediction") or {}).get("name") in STARTS_A_REQUEST]
    wrong_starts = sum(p["intent"] != p["intent_prediction"]["name"] for p in starts)
    print(f"{len(predicted)} predictions; {len(starts)} read as a request ({wrong_starts} of them wrongly)")
    print("macro F1 without the guard: " + ", ".join(
        f"{language} {before[language]['macro_f1']:.3f}" for language in LANGUAGES if language in before))
    print(f"{'threshold':>9} {'asked, right':>13} {'stopped, wrong':>15}   macro F1 " + " ".join(
        f"{language:>6}" for language in LANGUAGES))
    for threshold in thresholds:
        fired = [p for p in predicted if guarded(p, threshold)]
        outcome = Counter(p["intent"] == p["intent_prediction"]["name"] for p in fired)
        after = score(with_guard(predicted, threshold))["languages"]
        print(f"{threshold:>9.2f} {outcome[True]:>13} {outcome[False]:>15}            " + " ".join(
            f"{after[language]['macro_f1']:>6.3f}" for language in LANGUAGES if language in after))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
