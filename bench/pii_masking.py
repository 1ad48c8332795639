"""Masking: quality on the development sets and throughput on one core.

    .venv/bin/python -m bench.pii_masking [--chats 1000,10000] [--skip-quality] [--baseline main]

Prints, in one run: recall and precision per entity type from the shared scorer
on ../shared/eval/pii_dev.jsonl (chat lines) and names_dev.jsonl (real
sentences, also per language), on held-out synthetic prose made here from frames the name
tagger never trained on, and on the chat set of bench/data/chat_lines.txt (lines as people type them:
split values, disguised e-mails, phones, lowercase names, signatures); masking throughput in messages/s
and MB/s, and on the chat set against the `--baseline` code in the same run; and the time to mask N
ended chats of realistic length, with the cost per chat as N grows. Figures,
never assertions: the development sets find misses, they are not targets to fit.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import chat_set, shared_folder
from bot.pii import mask
from bot.pii.training_corpus import SentenceMaker, name_pools

ROOT = Path(__file__).resolve().parents[1]
EVAL = shared_folder() / "eval"

# Chat turns with and without personal data, in the four languages.
TEMPLATES = [
    "hei, jeg heter {first} {last} og vil vite hva dere har lagret om meg",
    "kan du sende svaret til {email}?",
    "telefonnummeret mitt er {phone}",
    "eg vil trekkje tilbake samtykket for {first}",
    "min søn {first} går i 3. klasse, må jeg give samtykke?",
    "hvordan sletter jeg kontoen min?",
    "what do you store about me? my name is {first} {last}",
    "takk for hjelpen!",
    "jeg bor i {last}veien {number}",
    "kva skjer no?",
]
FIRST = ["Ingrid", "Ahmed", "Sofie", "Jonas", "Amina", "Lars", "Nguyen", "Freja", "Oskar", "Zainab"]
LAST = ["Haugen", "Hassan", "Nielsen", "Berg", "Kowalski", "Johansen", "Tran", "Dahl", "Olsen", "Ali"]


# Held-out prose: frames written apart from the tagger's training frames (bot/pii/data/tagger_templates.txt)
# and never trained on, filled with names of every origin; places and organisations must stay unmasked.
HELD_OUT_FRAMES = [
    ("en", "Last night {PER} gave a talk at the library about growing up in {PLACE}."),
    ("en", "Can anyone tell me whether {ORG} still ships to {PLACE}?"),
    ("en", "My landlord, {PER}, finally fixed the heating after three weeks."),
    ("en", "{FIRST} thinks we should leave before the traffic gets bad."),
    ("en", "The quarterly figures were sent by {PER} on behalf of {ORG}."),
    ("en", "We hired {PER} as our new accountant in [March|October]."),
    ("en", "I asked {FIRST} to forward me the slides, but nothing arrived."),
    ("en", "Ms {LAST} teaches maths at the high school in {PLACE}."),
    ("en", "Does {PLACE} have a good public library?"),
    ("en", "Our flight to {PLACE} was delayed by four hours on Sunday."),
    ("en", "Congratulations to {PER}, who ran the marathon in under three hours!"),
    ("en", "If {FIRST} calls, tell [him|her] I will be back at five."),
    ("en", "The new branch of {ORG} opens next month near the station."),
    ("en", "Inspector {LAST} arrived at the scene shortly after midnight."),
    ("en", "I have known {FIRST} since we were at school together."),
    ("nb", "I går kveld holdt {PER} foredrag på biblioteket om oppveksten i {PLACE}."),
    ("nb", "Utleieren min, {PER}, har endelig fikset varmen."),
    ("nb", "{FIRST} mener vi bør dra før køen blir lang."),
    ("nb", "Regnskapet ble sendt av {PER} på vegne av {ORG}."),
    ("nb", "Flyet til {PLACE} var fire timer forsinket på søndag."),
    ("nb", "Lensmann {LAST} kom til stedet like etter midnatt."),
    ("nn", "I går kveld heldt {PER} føredrag på biblioteket om oppveksten i {PLACE}."),
    ("nn", "{FIRST} meiner vi bør reise før køen blir lang."),
    ("nn", "Flyet til {PLACE} var fire timar forseinka på søndag."),
    ("nn", "Rekneskapen vart send av {PER} på vegner av {ORG}."),
    ("da", "I aftes holdt {PER} foredrag på biblioteket om sin opvækst i {PLACE}."),
    ("da", "Min udlejer, {PER}, har endelig fået varmen til at virke."),
    ("da", "{FIRST} synes, vi skal køre, før trafikken bliver slem."),
    ("da", "Flyet til {PLACE} var fire timer forsinket søndag."),
    ("da", "Regnskabet blev sendt af {PER} på vegne af {ORG}."),
]


def write_held_out(path: Path, per_frame: int = 20, seed: int = 29) -> None:
    maker = SentenceMaker(random.Random(seed), name_pools())
    with path.open("w", encoding="utf-8") as out:
        for language, frame in HELD_OUT_FRAMES:
            for _ in range(per_frame):
                text, entities = maker.fill(language, frame)
                spans = [{"start": a, "end": b, "type": "name", "kind": "person"} for a, b, k in entities if k == "PER"]
                out.write(json.dumps({"lang": language, "text": text, "spans": spans}, ensure_ascii=False) + "\n")


def synthetic_turn(rng: random.Random) -> str:
    return rng.choice(TEMPLATES).format(
        first=rng.choice(FIRST), last=rng.choice(LAST), email=f"user{rng.randint(1, 9999)}@example.org",
        phone=f"{rng.choice('49')}{rng.randint(1000000, 9999999)}", number=rng.randint(1, 200),
    )


def throughput(rng: random.Random, messages: int = 3000) -> None:
    turns = [synthetic_turn(rng) for _ in range(messages)]
    size = sum(len(t.encode()) for t in turns)
    mask("warm-up: jeg heter Kari")
    started = time.perf_counter()
    for turn in turns:
        mask(turn)
    elapsed = time.perf_counter() - started
    print(f"throughput: {messages / elapsed:,.0f} messages/s, {size / elapsed / 1e6:.3f} MB/s on one core")


def chats(rng: random.Random, sizes: list[int], turns_per_chat: int = 12) -> None:
    print("masking ended chats (user + bot turns, masked text only):")
    previous: float | None = None
    for n in sizes:
        corpus = [[synthetic_turn(rng) for _ in range(turns_per_chat)] for _ in range(n)]
        started = time.perf_counter()
        for chat in corpus:
            for turn in chat:
                mask(turn)
        elapsed = time.perf_counter() - started
        per_chat = elapsed / n * 1000
        growth = f", x{per_chat / previous:.2f} per chat vs previous size" if previous else ""
        print(f"  {n:>7,} chats: {elapsed:8.1f} s ({per_chat:.2f} ms per chat{growth})")
        previous = per_chat


def score_by_language(path: Path) -> None:
    """The scorer's last line (recall, precision) for each language's lines alone: precision per language."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    with tempfile.TemporaryDirectory() as folder:
        for language in sorted({row["lang"] for row in rows}):
            part = Path(folder) / f"{language}.jsonl"
            part.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows if r["lang"] == language))
            result = subprocess.run(
                [sys.executable, str(EVAL / "score_pii.py"), str(part), "bot.pii:mask"],
                cwd=ROOT, check=False, capture_output=True, text=True,
            )
            print(f"  lang={language}: {result.stdout.strip().splitlines()[-1]}", flush=True)


def quality() -> None:
    for name in ("pii_dev.jsonl", "names_dev.jsonl"):
        path = EVAL / name
        if not path.exists():
            print(f"{name}: not found at {path}")
            continue
        print(f"--- {name} ---", flush=True)
        subprocess.run([sys.executable, str(EVAL / "score_pii.py"), str(path), "bot.pii:mask"], cwd=ROOT, check=False)
        if name == "names_dev.jsonl":
            score_by_language(path)
    rows = chat_set.labelled_rows()
    with tempfile.TemporaryDirectory() as folder:
        typed = Path(folder) / "chat_set.jsonl"
        typed.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        print(f"--- chat set as people type ({len(rows)} lines, bench/data/chat_lines.txt) ---", flush=True)
        subprocess.run([sys.executable, str(EVAL / "score_pii.py"), str(typed), "bot.pii:mask"], cwd=ROOT, check=False)
        score_by_language(typed)
    with tempfile.TemporaryDirectory() as folder:
        held_out = Path(folder) / "held_out.jsonl"
        write_held_out(held_out)
        print("--- held-out synthetic prose (frames never trained on) ---", flush=True)
        scorer = [sys.executable, str(EVAL / "score_pii.py"), str(held_out), "bot.pii:mask"]
        subprocess.run(scorer, cwd=ROOT, check=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chats", default="1000,10000", help="comma-separated numbers of ended chats to mask")
    parser.add_argument("--skip-quality", action="store_true")
    parser.add_argument("--baseline", default="main", help="git ref to compare chat-line speed with")
    args = parser.parse_args()
    rng = random.Random(7)
    if not args.skip_quality:
        quality()
    throughput(rng)
    chat_set.compare_speed([row["text"] for row in chat_set.labelled_rows()], args.baseline)
    chats(rng, [int(n) for n in args.chats.split(",") if n])


if __name__ == "__main__":
    main()
