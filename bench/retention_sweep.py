"""Retention sweep: how long one worker takes to mask N ended chats, as N grows.

    .venv/bin/python -m bench.retention_sweep [--sizes 1000,10000,100000] [--workers 1,2] [--database-url URL]

Uses a PostgreSQL database of its own (default bench_retention on the
machine's server, created when missing, emptied before each size) so it never
touches the tests' `test` database. For each N it stores N ended bot chats the
way Rasa's SQL tracker store stores them (one `events` row per event, written
by bulk insert so seeding is fast; the table itself is created by Rasa's
SQLTrackerStore), each chat with its own Norwegian name, e-mail address,
phone number and case number in user text, parse data, entities, slots, bot
echoes, buttons and metadata (tests/retention/chats.py). Then it runs what
`vern retention run --once` runs: RetentionWorker with the policy file, the
production chat-aware masker (bot.pii.chat_masker), the PostgreSQL leader lock
and the real audit trail (one hash-chained entry per chat), and times that run.

A size's run stops at --time-limit (default 900 s, the annex's 15 minutes):
the worker gives up after its current batch, as when another replica takes
the lead, so a backlog too large to clear is still measured, as a rate with
that backlog pending. Prints seconds, chats/s and ms per chat for each N, how
the per-chat cost grows, and the largest backlog one worker masks within 15
minutes at the rate of the largest N.

Then, in the same run, the parallel figure: the largest N seeded again and
cleared by 1 and by 2 worker processes at once (`--workers`), each as
`vern retention run` runs on another replica (its own engine and lock; one
leads, the other shares the backlog by claiming batches with SKIP LOCKED),
started together after their masker warmed up. Prints the throughput ratio
and the 15-minute capacity for N workers. Figures only. Writes
var/bench/retention_sweep.json.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Engine

from bench.pg import ensure_database
from bench.results import machine, now, write_result

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/bench_retention"
MASK_WITHIN = timedelta(minutes=15)
INSERT_BATCH = 5000


def empty(engine: Engine) -> None:
    with engine.begin() as connection:
        connection.execute(text("TRUNCATE events, conversations, audit_log RESTART IDENTITY"))
        for table in ("audit_head", "retention_runs"):
            # Tables that other migrations may or may not have added yet.
            if connection.execute(text("SELECT to_regclass(:t)"), {"t": table}).scalar():
                connection.execute(text(f"TRUNCATE {table}"))


def seed(engine: Engine, count: int, rng: random.Random) -> int:
    """N ended, unmasked bot chats; returns how many events they hold."""
    from faker import Faker

    from tests.retention.chats import SeededChat

    fake = Faker("no_NO")
    fake.seed_instance(rng.randint(0, 2**31))
    ended = datetime.now(timezone.utc).replace(tzinfo=None) - MASK_WITHIN - timedelta(minutes=5)
    events = 0
    conversations: list[dict[str, Any]] = []
    rows: list[dict[str, Any]] = []

    def flush() -> None:
        with engine.begin() as connection:
            if conversations:
                connection.execute(
                    text("INSERT INTO conversations (conversation_id, channel, language, started_at, last_activity_at,"
                         " ended_at, end_reason, handed_off, message_count) VALUES (:c, 'rest', 'nb', :s, :e, :e,"
                         " 'goodbye', false, 2)"),
                    conversations,
                )  # fmt: skip
            if rows:
                connection.execute(
                    text("INSERT INTO events (sender_id, type_name, timestamp, intent_name, action_name, data)"
                         " VALUES (:sender_id, :type_name, :timestamp, :intent_name, :action_name, :data)"),
                    rows,
                )  # fmt: skip
        conversations.clear()
        rows.clear()

    for index in range(count):
        # Oldest first, one second apart, all past the 15 minutes: every chat is due.
        end = ended - timedelta(seconds=count - index)
        chat = SeededChat(first_name=fake.first_name(), surname=fake.last_name(), start=end.timestamp() - 60)
        conversations.append({"c": chat.sender_id, "s": end - timedelta(minutes=1), "e": end})
        for event in chat.events():
            data = event.as_dict()
            rows.append({
                "sender_id": chat.sender_id, "type_name": event.type_name, "timestamp": event.timestamp,
                "intent_name": (data.get("parse_data") or {}).get("intent", {}).get("name"),
                "action_name": data.get("name"), "data": json.dumps(data),
            })  # fmt: skip
            events += 1
        if len(rows) >= INSERT_BATCH:
            flush()
    flush()
    with engine.connect() as connection:
        connection.execute(text("ANALYZE events"))
        connection.execute(text("ANALYZE conversations"))
    return events


class LeaderUntil:
    """The real leader lock, given up at a deadline: the worker then stops after its current batch,
    as it does when another replica takes over, so a size too large to finish is measured for a bounded time."""

    def __init__(self, lock: Any, deadline: float) -> None:
        self._lock = lock
        self._deadline = deadline

    def acquire(self) -> bool:
        return time.perf_counter() < self._deadline and bool(self._lock.acquire())

    def release(self) -> None:
        self._lock.release()


def run_worker(engine: Engine, time_limit: float) -> tuple[float, Any]:
    from bot.clock import utc_now
    from bot.config import get_settings
    from bot.pii import chat_masker
    from bot.retention.chat_stores import SqlChatLogStore
    from bot.retention.cli import LoggedAudit
    from bot.retention.leader import build_leader_lock
    from bot.retention.policy import DEFAULT_POLICY_FILE, load_policy
    from bot.retention.worker import RetentionWorker
    from bot.wiring import build

    settings = get_settings()
    audit = LoggedAudit(build(settings).audit)  # built before the clock starts
    started = time.perf_counter()
    leader = LeaderUntil(build_leader_lock(settings, engine, ttl_seconds=180.0), started + time_limit)
    worker = RetentionWorker(
        engine, [SqlChatLogStore(engine)], load_policy(DEFAULT_POLICY_FILE), utc_now, chat_masker(), audit, leader,
        inactivity=timedelta(minutes=settings.retention.chat_inactivity_minutes),
    )  # fmt: skip
    try:
        report = worker.run_once()
    finally:
        leader.release()
    return time.perf_counter() - started, report


def _worker_process(url: str, time_limit: float, ready: Any, results: Any) -> None:
    """One worker replica in a process of its own: its own engine, lock and masker, started with the others."""
    from bot.clock import utc_now
    from bot.config import get_settings
    from bot.db.engine import create_db_engine
    from bot.pii import chat_masker, mask
    from bot.retention.chat_stores import SqlChatLogStore
    from bot.retention.cli import LoggedAudit
    from bot.retention.leader import build_leader_lock
    from bot.retention.policy import DEFAULT_POLICY_FILE, load_policy
    from bot.retention.worker import RetentionWorker
    from bot.wiring import build

    settings = get_settings()
    engine = create_db_engine(url)
    audit = LoggedAudit(build(settings).audit)
    mask("warm-up: jeg heter Kari Nordmann")  # the detector's start-up is not a cost per chat
    leader = build_leader_lock(settings, engine, ttl_seconds=180.0)
    ready.wait()
    started, cpu = time.time(), time.process_time()
    deadline = started + time_limit
    worker = RetentionWorker(
        engine, [SqlChatLogStore(engine)], load_policy(DEFAULT_POLICY_FILE), utc_now, chat_masker(), audit, leader,
        inactivity=timedelta(minutes=settings.retention.chat_inactivity_minutes), stop=lambda: time.time() > deadline,
    )  # fmt: skip
    try:
        report = worker.run_once()
    finally:
        leader.release()
        engine.dispose()
    # CPU seconds beside wall seconds: far less CPU than wall means the worker waited (for a core or a lock).
    results.put({"started": started, "finished": time.time(), "cpu_seconds": time.process_time() - cpu,
                 "masked": report.masked, "failed": report.failed, "leader": report.leader})


def run_parallel(url: str, workers: int, time_limit: float) -> dict[str, Any]:
    """`workers` processes on the seeded backlog at once; wall time from the common start to the last finish."""
    import multiprocessing

    context = multiprocessing.get_context("spawn")  # no engine or pool inherited from this process
    ready, results = context.Barrier(workers + 1), context.Queue()
    processes = [context.Process(target=_worker_process, args=(url, time_limit, ready, results))
                 for _ in range(workers)]
    for process in processes:
        process.start()
    ready.wait()
    reports = [results.get(timeout=time_limit + 600) for _ in processes]
    for process in processes:
        process.join()
    seconds = max(r["finished"] for r in reports) - min(r["started"] for r in reports)
    masked = sum(r["masked"] for r in reports)
    return {"workers": workers, "seconds": seconds, "masked": masked, "chats_per_s": masked / seconds,
            "per_worker": [r["masked"] for r in reports], "failed": sum(r["failed"] for r in reports),
            "cpu_seconds": [round(r["cpu_seconds"], 1) for r in reports],
            "wall_seconds": [round(r["finished"] - r["started"], 1) for r in reports]}


def within_15_minutes(rates: dict[int, float], most: int = 4) -> dict[int, int]:
    """Ended chats N workers mask within the annex's 15 minutes: measured rates as they are; beyond the largest
    measured N, each added worker adds what the last one added (an estimate: it holds only while the machine
    and PostgreSQL have a free core per worker)."""
    counts = sorted(rates)
    last = counts[-1]
    # No gain measured (a machine without a free core) estimates no gain, never a loss.
    gain = max(0.0, rates[last] - rates[counts[-2]]) if len(counts) > 1 else rates[last]
    return {n: int((rates[n] if n in rates else rates[last] + (n - last) * gain) * MASK_WITHIN.total_seconds())
            for n in range(1, max(most, last) + 1)}


def profile(engine: Engine, size: int, rng: random.Random) -> int:
    """Where a worker run spends its time: cumulative, the 30 largest."""
    import cProfile
    import pstats

    empty(engine)
    seed(engine, size, rng)
    profiler = cProfile.Profile()
    profiler.enable()
    seconds, report = run_worker(engine, float("inf"))
    profiler.disable()
    print(f"{report.masked} chats masked in {seconds:.1f} s (under the profiler, which slows it)")
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="comma-separated numbers of ended chats")
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument(
        "--time-limit", type=float, default=MASK_WITHIN.total_seconds(),
        help="stop a size's run after this many seconds (default: the 15 minutes of the annex) and report the rate",
    )  # fmt: skip
    parser.add_argument("--workers", default="1,2",
                        help="worker processes to compare on the largest size, in one run (default 1,2)")
    parser.add_argument("--repeats", type=int, default=1,
                        help="runs per worker count, alternating; the best rate of each counts (a shared machine "
                             "only ever slows a run down)")
    parser.add_argument("--profile", type=int, metavar="N", help="instead: profile one run over N chats and exit")
    args = parser.parse_args()
    started_at, machine_info = now(), machine()
    ensure_database(args.database_url)
    # Settings (and so the audit trail and the leader lock) read the environment once, at first use.
    os.environ.update({"DATABASE_URL": args.database_url, "VERN_ENV": "development",
                       "VERN_VAR_DIR": tempfile.mkdtemp(prefix="vern-bench-retention-")})
    os.environ.pop("REDIS_URL", None)
    from bot.db.engine import get_engine
    from bot.db.migrate import upgrade
    from bot.pii import mask
    from tests.retention.chats import rasa_sql_store

    engine = get_engine(args.database_url)
    upgrade(engine)
    rasa_sql_store(engine).engine.dispose()  # Rasa creates `events` exactly as in production
    mask("warm-up: jeg heter Kari Nordmann")  # the detector's start-up is not a cost per chat

    rng = random.Random(11)
    if args.profile:
        return profile(engine, args.profile, rng)
    results: list[dict[str, Any]] = []
    print(f"{'chats':>8} {'events':>10} {'seed s':>8} {'mask s':>9} {'chats/s':>9} {'ms/chat':>8} {'vs prev':>8}")
    for size in [int(n) for n in args.sizes.split(",") if n]:
        empty(engine)
        seeded = time.perf_counter()
        events = seed(engine, size, rng)
        seed_seconds = time.perf_counter() - seeded
        seconds, report = run_worker(engine, args.time_limit)
        done = report.masked or 1
        per_chat = seconds / done * 1000
        growth = per_chat / results[-1]["ms_per_chat"] if results else None
        results.append({
            "chats": size, "events": events, "seed_seconds": seed_seconds, "seconds": seconds,
            "chats_per_s": done / seconds, "ms_per_chat": per_chat, "growth_per_chat_vs_previous": growth,
            "masked": report.masked, "events_masked": report.events_masked, "failed": report.failed,
            "complete": report.masked == size, "time_limit": args.time_limit,
        })  # fmt: skip
        stopped = "" if report.masked == size else f", stopped at the {args.time_limit:.0f} s limit"
        print(f"{size:>8,} {events:>10,} {seed_seconds:>8.1f} {seconds:>9.1f} {done / seconds:>9.1f} {per_chat:>8.2f} "
              f"{'' if growth is None else f'x{growth:.2f}':>8}  (masked {report.masked:,}, failed {report.failed}"
              f"{stopped})", flush=True)
    largest = results[-1]
    within = int(largest["chats_per_s"] * MASK_WITHIN.total_seconds())
    print(f"one worker at {largest['chats_per_s']:.1f} chats/s masks about {within:,} chats within 15 minutes")

    parallel: list[dict[str, Any]] = []
    for workers in [int(n) for n in args.workers.split(",") if n] * max(1, args.repeats):
        empty(engine)
        seed(engine, largest["chats"], rng)
        engine.dispose()  # the workers' processes open their own connections
        run = run_parallel(args.database_url, workers, args.time_limit)
        parallel.append(run)
        print(f"{workers} worker(s) at once: {run['masked']:,} of {largest['chats']:,} chats in {run['seconds']:.1f} s,"
              f" {run['chats_per_s']:.1f} chats/s (per worker: chats {run['per_worker']}, CPU s {run['cpu_seconds']},"
              f" wall s {run['wall_seconds']}; failed {run['failed']})", flush=True)
    figures: dict[str, Any] = {"store": "PostgreSQL (Rasa SQL tracker store)", "sizes": results,
                               "chats_within_15_min": within}
    if parallel:
        rates: dict[int, float] = {}
        for run in parallel:
            rates[run["workers"]] = max(rates.get(run["workers"], 0.0), run["chats_per_s"])
        capacity = within_15_minutes(rates)
        figures["parallel"] = {"chats": largest["chats"], "runs": parallel, "best_chats_per_s": rates,
                               "within_15_min_by_workers": capacity}
        if 1 in rates and 2 in rates:
            figures["parallel"]["ratio_2_vs_1"] = rates[2] / rates[1]
            print(f"two workers / one worker: x{rates[2] / rates[1]:.2f} (target x1.7)")
        for workers, count in capacity.items():
            how = "measured" if workers in rates else "estimated"
            print(f"{workers} worker(s) keep the 15-minute guarantee for about {count:,} ended chats ({how})")
    write_result("retention_sweep", figures, started_at, machine_info)
    empty(engine)  # the largest size leaves hundreds of MB of synthetic chats behind otherwise
    engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
