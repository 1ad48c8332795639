"""The chat set of bench/data/chat_lines.txt: lines as people type them, labelled, and how fast each code masks them.

    .venv/bin/python -m bench.chat_set [--baseline REF]

Scores `bot.pii.mask` on the set with the shared scorer (recall per category and language, precision), then
times masking the same lines with this checkout's code and with REF's (default `main`, taken with `git archive`
into a temporary folder), each in its own process after a warm-up, and prints the ratio. A figure, never an
assertion."""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from bench import shared_folder

ROOT = Path(__file__).resolve().parents[1]
CHAT_LINES = ROOT / "bench" / "data" / "chat_lines.txt"
SCORER = shared_folder() / "eval" / "score_pii.py"
INVISIBLE = {
    "<ZWSP>": "\u200b", "<ZWJ>": "\u200d", "<ZWNJ>": "\u200c", "<SHY>": "\u00ad", "<BOM>": "\ufeff",
    "<WJ>": "\u2060", "<NBSP>": "\u00a0", "<NNBSP>": "\u202f", "<FIGSP>": "\u2007",
}
_MARK = re.compile(r"\{\{(name|number|email):(.+?)\}\}")
ROUNDS = 10

# Run in a fresh process whose working folder holds the code to time: warm up, then mask every line ROUNDS times.
_TIMER = """
import json, sys, time
from bot.pii import mask
lines = json.load(sys.stdin)
for line in lines:
    mask(line)
started = time.perf_counter()
for _ in range({rounds}):
    for line in lines:
        mask(line)
print(len(lines) * {rounds} / (time.perf_counter() - started))
"""


def labelled_rows(path: Path = CHAT_LINES) -> list[dict]:
    rows = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        language, category, marked = raw.split("|", 2)
        for code, char in INVISIBLE.items():
            marked = marked.replace(code, char)
        text, spans, cursor = "", [], 0
        for match in _MARK.finditer(marked):
            text += marked[cursor : match.start()]
            start = len(text)
            text += match.group(2)
            spans.append({"start": start, "end": len(text), "type": match.group(1), "kind": category})
            cursor = match.end()
        text += marked[cursor:]
        rows.append({"lang": language, "category": category, "text": text, "spans": spans})
    return rows


def lines_per_second(code_root: Path, lines: list[str]) -> float:
    result = subprocess.run(
        [sys.executable, "-c", _TIMER.format(rounds=ROUNDS)], cwd=code_root, input=json.dumps(lines),
        capture_output=True, text=True, check=True,
    )
    return float(result.stdout.strip().splitlines()[-1])


def compare_speed(lines: list[str], baseline_ref: str, trials: int = 3) -> None:
    # Trials alternate the two codes and the fastest of each counts: on a shared machine another
    # process's burst slows one trial, never speeds one up.
    with tempfile.TemporaryDirectory() as folder:
        archive = subprocess.run(["git", "archive", baseline_ref, "bot"], cwd=ROOT, capture_output=True, check=True)
        subprocess.run(["tar", "-x", "-C", folder], input=archive.stdout, check=True)
        before = after = 0.0
        for _ in range(trials):
            before = max(before, lines_per_second(Path(folder), lines))
            after = max(after, lines_per_second(ROOT, lines))
    print(f"chat-set throughput: {after:,.0f} lines/s now, {before:,.0f} lines/s on {baseline_ref} "
          f"(ratio {after / before:.2f})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", default="main", help="git ref of the code to compare speed with")
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args()
    rows = labelled_rows()
    print(f"--- chat set ({len(rows)} lines, {sum(len(r['spans']) for r in rows)} labelled values) ---", flush=True)
    with tempfile.TemporaryDirectory() as folder:
        scored = Path(folder) / "chat_set.jsonl"
        scored.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        command = [sys.executable, str(SCORER), str(scored), "bot.pii:mask"]
        subprocess.run(command + (["--show-misses"] if args.show_misses else []), cwd=ROOT, check=False)
    compare_speed([r["text"] for r in rows], args.baseline)


if __name__ == "__main__":
    main()
