"""Turn latency through the REST channel with the action server: p50/p95/p99 at 1, 10 and 50 chats at once.

    python bench/turn_latency.py            # embedded defaults (SQLite tracker store, no Redis)
    python bench/turn_latency.py --stores   # the machine's Redis and PostgreSQL

Starts Vern's real processes on free ports (as the tests do), sends each chat
the same four-turn conversation (greeting, a question, a request that runs a
custom action, goodbye) and times every turn from the POST to the last bot
reply. Prints figures; asserts nothing. Needs a trained model (make model).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.support.services import postgres_url, redis_url  # noqa: E402
from tests.support.stack import VernStack, post_json  # noqa: E402

TURNS = ["hei", "hva er retten til innsyn?", "jeg vil ha innsyn i alt dere har om meg", "avbryt"]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def run_chats(stack: VernStack, chats: int) -> tuple[list[float], int]:
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()

    def one_chat() -> None:
        nonlocal errors
        sender = f"bench-{uuid.uuid4().hex}"
        for text in TURNS:
            start = time.perf_counter()
            result = post_json(f"{stack.rasa_url}/webhooks/rest/webhook", {"sender": sender, "message": text})
            elapsed = time.perf_counter() - start
            with lock:
                latencies.append(elapsed)
                errors += result.status != 200

    threads = [threading.Thread(target=one_chat) for _ in range(chats)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stores", action="store_true", help="use the machine's Redis and PostgreSQL")
    args = parser.parse_args()
    overrides = {"DATABASE_URL": postgres_url(), "REDIS_URL": redis_url()} if args.stores else {}
    stack = VernStack(overrides, Path(tempfile.mkdtemp(prefix="vern-bench-")))
    stack.start("actions", "rasa")
    try:
        run_chats(stack, 2)  # warm-up: the first turns load lazily
        label = "Redis + PostgreSQL" if args.stores else "embedded defaults"
        print(f"Turn latency, REST channel with the action server, {label} ({len(TURNS)} turns per chat)")
        print(f"{'chats at once':>14} {'turns':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7}")
        for chats in (1, 10, 50):
            latencies, errors = run_chats(stack, chats)
            ms = [value * 1000 for value in latencies]
            print(f"{chats:>14} {len(ms):>6} {statistics.median(ms):>8.0f} {percentile(ms, 0.95):>8.0f} "
                  f"{percentile(ms, 0.99):>8.0f} {errors:>7}")
    finally:
        stack.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
