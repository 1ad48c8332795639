"""Memorisation (AISVS C11): canary sentences planted in a training run, looked for in the model.

    .venv/bin/python -m bench.memorisation                # Vern's pipeline: one training run, minutes
    .venv/bin/python -m bench.memorisation --control      # and a control run that bypasses the pipeline

Each canary is a sentence of a known intent carrying a unique made-up token,
written in one chat only. The canary chats go through the export pipeline
(`generalise_rare_tokens` with k from the settings, deduplication), are merged
into a scratch copy of data/ with their lineage, and a model is trained with
the project's config. Then:
- vocabulary: how many canary tokens the model's word vocabularies hold
  (expected 0), and whether `vern training check` would accept the model;
- membership inference: the model's confidence in the true intent on the
  canary sentences it was trained on (members) against fresh sentences of the
  same templates with other unique tokens (non-members). A model that
  memorised its training lines is more confident on members; the gap is the
  attacker's advantage. The stated threshold is 0.05.
The control run merges the canary lines as typed (no k-anonymity), to show
that both measures would see memorisation if it were there.
Writes var/bench/memorisation.json; asserts nothing.
"""

from __future__ import annotations

import argparse
import random
import shutil
import string
import sys
from pathlib import Path
from typing import Any

import yaml

from bench.results import ROOT, machine, now, write_result

OUT = ROOT / "var" / "bench" / "memorisation"
THRESHOLD = 0.05
TEMPLATES = [  # (intent, language, sentence with {token}); the intents exist in domain.yml
    ("request_erasure", "nb", "jeg vil at dere sletter alt om meg i {token}"),
    ("request_erasure", "en", "please delete everything you have on me in {token}"),
    ("request_access", "nb", "jeg vil se hva dere har lagret om meg i {token}"),
    ("request_access", "da", "jeg vil gerne se hvad I har gemt om mig i {token}"),
    ("request_access", "en", "i want to see what you store about me in {token}"),
    ("request_erasure", "nn", "eg vil at de slettar alt om meg i {token}"),
]


def unique_token(rng: random.Random) -> str:
    return "vq" + "".join(rng.choice(string.ascii_lowercase) for _ in range(8))


def sentences(rng: random.Random, per_template: int) -> list[tuple[str, str, str, str]]:
    """(intent, language, text, token) for each template, `per_template` times, each with its own token."""
    found = []
    for intent, language, template in TEMPLATES:
        for _ in range(per_template):
            token = unique_token(rng)
            found.append((intent, language, template.format(token=token), token))
    return found


def pipeline_lines(members: list[tuple[str, str, str, str]], data: Path, k: int, bypass: bool) -> list[dict[str, Any]]:
    from bot.training.lines import ChatLine, LineReport, deduplicated, generalise_rare_tokens
    from bot.training.nlu_data import training_examples, vocabulary

    lines = [ChatLine(f"canary-{i}", language, text) for i, (_, language, text, _) in enumerate(members)]
    intent_of = {f"canary-{i}": intent for i, (intent, *_rest) in enumerate(members)}
    report = LineReport()
    if not bypass:
        lines = generalise_rare_tokens(lines, vocabulary(training_examples(data)), k, report)
    lines = deduplicated(lines, report)
    return [{"text": line.text, "intent": intent_of[line.conversation_id], "language": line.language,
             "sources": sorted(line.sources)} for line in lines]


def train(label: str, members: list[tuple[str, str, str, str]], k: int, bypass: bool) -> dict[str, Any]:
    from bot import pii
    from bot.training.evaluate import train_candidate
    from bot.training.lineage import source_id
    from bot.training.merge import merge
    from bot.training.model_check import check_model, model_vocabularies

    work = OUT / label
    shutil.rmtree(work, ignore_errors=True)
    data = work / "data"
    shutil.copytree(ROOT / "data", data)
    secret = b"memorisation-bench-key"
    entries = pipeline_lines(members, data, k, bypass)
    review: dict[str, list[dict[str, Any]]] = {}
    for entry in entries:
        review.setdefault(entry["language"], []).append({
            "text": entry["text"], "intent": entry["intent"],
            "sources": [source_id(secret, chat) for chat in entry["sources"]]})
    review_file = work / "review.yml"
    review_file.write_text(yaml.safe_dump({"languages": review}, allow_unicode=True), encoding="utf-8")
    merged = merge(review_file, data, ROOT / "domain.yml")
    print(f"[{label}] merged {merged.added} canary lines; training (minutes) ...", flush=True)
    model = train_candidate(data, ROOT / "domain.yml", ROOT / "config.yml", work / "model", "candidate")
    words = set().union(*model_vocabularies(model).values())
    tokens = [token for *_rest, token in members]
    check = check_model(model, data, pii.detect, k)
    return {"model": model, "lines_merged": merged.added,
            "canary_tokens_in_vocabulary": sum(token in words for token in tokens),
            "check_accepts": check.acceptable, "check_refused": len(check.refused)}


def confidence_in_truth(model: Path, samples: list[tuple[str, str, str, str]]) -> tuple[float, float]:
    """Mean confidence in the true intent (0 where another intent wins), and accuracy."""
    from bot.training.predict import predict_intents

    predicted = predict_intents(model, [text for _, _, text, _ in samples])
    scores = [confidence if intent == truth else 0.0
              for (truth, *_rest), (intent, confidence) in zip(samples, predicted, strict=True)]
    accuracy = sum(intent == truth for (truth, *_rest), (intent, _) in zip(samples, predicted, strict=True))
    return round(sum(scores) / len(scores), 4), round(accuracy / len(samples), 4)


def measure(label: str, members: list[tuple[str, str, str, str]], fresh: list[tuple[str, str, str, str]],
            k: int, bypass: bool) -> dict[str, Any]:
    trained = train(label, members, k, bypass)
    member_conf, member_acc = confidence_in_truth(trained["model"], members)
    fresh_conf, fresh_acc = confidence_in_truth(trained["model"], fresh)
    gap = round(member_conf - fresh_conf, 4)
    figures = {key: value for key, value in trained.items() if key != "model"}
    figures.update({"member_confidence": member_conf, "fresh_confidence": fresh_conf, "gap": gap,
                    "member_accuracy": member_acc, "fresh_accuracy": fresh_acc,
                    "gap_within_threshold": gap <= THRESHOLD})
    print(f"[{label}] canary tokens in vocabulary: {figures['canary_tokens_in_vocabulary']}/{len(members)}; "
          f"vocabulary check accepts: {figures['check_accepts']}; confidence members {member_conf:.3f} vs "
          f"fresh {fresh_conf:.3f} (gap {gap:+.3f}, threshold {THRESHOLD})", flush=True)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-template", type=int, default=4, help="canary sentences per template")
    parser.add_argument("--control", action="store_true", help="also train with the pipeline bypassed")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    from bot.config import load_settings

    started, machine_info = now(), machine()
    rng = random.Random(args.seed)
    members = sentences(rng, args.per_template)
    fresh = sentences(rng, args.per_template)
    k = load_settings().training_k
    figures: dict[str, Any] = {"canaries": len(members), "k": k, "threshold": THRESHOLD,
                               "pipeline": measure("pipeline", members, fresh, k, bypass=False)}
    if args.control:
        figures["control_no_k_anonymity"] = measure("control", members, fresh, k, bypass=True)
    write_result("memorisation", figures, started, machine_info)
    return 0


if __name__ == "__main__":
    sys.exit(main())
