"""Vern's masking against Microsoft Presidio (pattern recognizers only), same corpus, one run.

    .venv/bin/python -m bench.pii_compare [--corpus ../shared/eval/pii_dev.jsonl] [--repeat 5]

Vern (`bot.pii.mask`) runs here, in .venv; Presidio runs in its own venv
(var/bench-presidio-venv, made by `make bench-presidio`, which this script
calls when the venv is missing) as a subprocess that prints JSON
(bench/presidio_runner.py says exactly how it is configured). Both outputs go
through the same scorer. Prints recall, precision and F2 per annex type and
per language, messages/s and MB/s for each on one core (the fastest of
--rounds alternating rounds of --repeat passes), and the ratio.
Figures only; nothing is asserted. Writes var/bench/pii_compare.json.
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.pii_scoring import EVAL, LANGUAGES, TYPES, score
from bench.results import ROOT, machine, now, write_result

PRESIDIO_VENV = ROOT / "var" / "bench-presidio-venv"


def presidio_outputs(corpus: Path, repeat: int) -> tuple[dict[str, Any], list[str]]:
    if not (PRESIDIO_VENV / ".installed").exists():
        print("installing Presidio into var/bench-presidio-venv (make bench-presidio) ...", flush=True)
        subprocess.run(["make", "--no-print-directory", "bench-presidio"], cwd=ROOT, check=True)
    completed = subprocess.run(
        [str(PRESIDIO_VENV / "bin" / "python"), str(ROOT / "bench" / "presidio_runner.py"), str(corpus),
         "--repeat", str(repeat)],
        cwd=ROOT, check=True, capture_output=True, text=True,
    )  # fmt: skip
    run = json.loads(completed.stdout)
    rows = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    run["found_by"] = found_by(rows, run["spans"])
    outputs = []
    for text, spans in zip((row["text"] for row in rows), run.pop("spans"), strict=True):
        pieces, cursor = [], 0
        for span in spans:
            pieces += [text[cursor : span["start"]], f"<{span['type']}>"]
            cursor = span["end"]
        outputs.append("".join(pieces) + text[cursor:])
    return run, outputs


def found_by(rows: list[dict[str, Any]], detected: list[list[dict[str, Any]]]) -> dict[str, dict[str, int]]:
    """Which Presidio entity covered each labelled kind: a US pattern finding a Nordic ID is luck, not design."""
    table: dict[str, dict[str, int]] = {}
    for row, spans in zip(rows, detected, strict=True):
        for label in row["spans"]:
            hits = [s["entity"] for s in spans if s["start"] <= label["start"] and s["end"] >= label["end"]]
            entity = hits[0] if hits else "(missed)"
            table.setdefault(label["kind"], {}).setdefault(entity, 0)
            table[label["kind"]][entity] += 1
    return table


def vern_outputs(texts: list[str], repeat: int) -> tuple[dict[str, Any], list[str]]:
    started = time.perf_counter()
    from bot.pii import mask  # timed: loading the name lists and the tagger is part of starting a worker

    mask("warm-up: jeg heter Kari, ring 22 33 44 55")
    load_seconds = time.perf_counter() - started
    outputs: list[str] = []
    timed = time.perf_counter()
    for _ in range(repeat):
        outputs = [mask(text) for text in texts]
    return {"load_seconds": load_seconds, "repeat": repeat, "seconds": time.perf_counter() - timed}, outputs


def speed(run: dict[str, Any], texts: list[str]) -> dict[str, float]:
    size = sum(len(t.encode()) for t in texts) * run["repeat"]
    return {
        "messages_per_s": len(texts) * run["repeat"] / run["seconds"],
        "mb_per_s": size / run["seconds"] / 1e6,
        "ms_per_message": run["seconds"] / (len(texts) * run["repeat"]) * 1000,
        "load_seconds": run["load_seconds"],
    }


def _cell(figures: dict[str, Any] | None) -> str:
    if not figures:
        return f"{'-':>6} {'-':>6} {'-':>6}"
    values = [figures["recall"], figures["precision"], figures["f2"]]
    return " ".join(f"{'-':>6}" if math.isnan(v) else f"{v:6.3f}" for v in values)


def print_table(vern: dict[str, Any], presidio: dict[str, Any]) -> None:
    print(f"{'':<22} {'Vern':^20}   {'Presidio (patterns)':^20}   {'labelled':>8}")
    print(f"{'':<22} {'R':>6} {'P':>6} {'F2':>6}   {'R':>6} {'P':>6} {'F2':>6}")
    keys = ["all", *TYPES, *(f"lang={lang}" for lang in LANGUAGES)]
    keys += [f"{kind} lang={lang}" for kind in TYPES for lang in LANGUAGES]
    keys += sorted(key for key in vern if key.startswith("kind="))
    for key in keys:
        labelled = (vern.get(key) or presidio.get(key) or {}).get("labelled", 0)
        print(f"{key:<22} {_cell(vern.get(key))}   {_cell(presidio.get(key))}   {labelled:>8}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=EVAL / "pii_dev.jsonl")
    parser.add_argument("--repeat", type=int, default=5, help="timed passes over the corpus per round")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds; the fastest of each system counts")
    args = parser.parse_args()
    started, machine_info = now(), machine()
    rows = [json.loads(line) for line in args.corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts = [row["text"] for row in rows]

    # Rounds alternate the two systems and the fastest round of each counts: on a shared machine another
    # process's burst then cannot land on one system only.
    presidio_run, presidio_masked = presidio_outputs(args.corpus, args.repeat)
    vern_run, vern_masked = vern_outputs(texts, args.repeat)
    for _ in range(args.rounds - 1):
        again, _masked = presidio_outputs(args.corpus, args.repeat)
        if again["seconds"] < presidio_run["seconds"]:
            presidio_run["seconds"] = again["seconds"]
        vern_again, _masked = vern_outputs(texts, args.repeat)
        vern_run["seconds"] = min(vern_run["seconds"], vern_again["seconds"])
    vern, presidio = score(rows, vern_masked), score(rows, presidio_masked)
    vern_speed, presidio_speed = speed(vern_run, texts), speed(presidio_run, texts)

    print(f"corpus: {args.corpus.name}, {len(rows)} lines, {sum(len(t.encode()) for t in texts):,} bytes")
    print(f"Presidio {presidio_run['presidio_analyzer']} recognizers run: {', '.join(presidio_run['recognizers_run'])}")
    print_table(vern, presidio)
    print(f"{'speed (one core)':<22} {'messages/s':>12} {'MB/s':>8} {'ms/message':>11} {'start-up s':>11}")
    for name, figures in (("Vern", vern_speed), ("Presidio", presidio_speed)):
        print(f"{name:<22} {figures['messages_per_s']:>12,.0f} {figures['mb_per_s']:>8.3f} "
              f"{figures['ms_per_message']:>11.2f} {figures['load_seconds']:>11.2f}")
    print("Presidio entity that covered each labelled kind:")
    for kind, entities in sorted(presidio_run["found_by"].items()):
        print(f"  {kind:<14} " + ", ".join(f"{entity} {count}" for entity, count in sorted(entities.items())))
    ratio = vern_speed["messages_per_s"] / presidio_speed["messages_per_s"]
    print(f"Vern / Presidio throughput: {ratio:.2f}x")

    write_result(
        "pii_compare",
        {
            "corpus": args.corpus.name, "lines": len(rows), "bytes": sum(len(t.encode()) for t in texts),
            "repeat": args.repeat, "rounds": args.rounds,
            "vern": {"scores": vern, "speed": vern_speed},
            "presidio": {"scores": presidio, "speed": presidio_speed, "config": presidio_run},
            "throughput_ratio_vern_over_presidio": ratio,
        },  # fmt: skip
        started,
        machine_info,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
