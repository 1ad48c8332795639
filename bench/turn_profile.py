"""Where one chat turn's time goes, per component: timers inside the Rasa process plus a sampling profile.

    .venv/bin/python -m bench.turn_profile            # embedded defaults (SQLite tracker store)
    .venv/bin/python -m bench.turn_profile --stores   # Redis (db 12) and PostgreSQL (database bench_latency)
    .venv/bin/python -m bench.turn_profile --chats 20 --report var/bench/turn_profile.txt

Starts the action server as the tests do and the Rasa server through
bench/profiled_rasa.py (the same server with wall-clock timers on the
channel's steps, Rasa's processor steps and the tracker store, and, if
pyinstrument is installed in the venv, a sampler on the event loop's thread).
Sends bench.turn_latency's four-turn conversation, one chat at a time so that
no queueing blurs the split, and prints every timer as milliseconds per turn
(timers nest: "rasa: handle_message" contains the NLU parse, the prediction
loop and the save). Writes var/bench/turn_profile[_stores].json; the sampler's
text report goes to --report. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.pg import ensure_database
from bench.results import machine, now, write_result
from bench.turn_latency import BENCH_POSTGRES, BENCH_REDIS, TURNS, ActionTimer, forget_bench_keys, run_chats
from bot.config import PROJECT_ROOT
from tests.support.stack import VernStack, post_json


def start_profiled_rasa(stack: VernStack) -> None:
    log_path = stack.var_dir / "rasa.log"
    stack.logs["rasa"] = log_path
    handle = open(log_path, "ab")  # noqa: SIM115 - the child owns it until it exits
    stack.processes["rasa"] = subprocess.Popen(
        [sys.executable, "-m", "bench.profiled_rasa"], cwd=PROJECT_ROOT, env=stack.env, stdout=handle,
        stderr=subprocess.STDOUT, start_new_session=True,
    )
    stack.wait_healthy("rasa")


def start_profiled_actions(stack: VernStack, session: str) -> None:
    """The action server under pyinstrument's sampler; it writes `session` when the server stops."""
    log_path = stack.var_dir / "actions.log"
    stack.logs["actions"] = log_path
    handle = open(log_path, "ab")  # noqa: SIM115 - the child owns it until it exits
    stack.processes["actions"] = subprocess.Popen(
        [sys.executable, "-m", "pyinstrument", "--interval", "0.0005", "-r", "pyisession", "-o", session,
         "-m", "bot.cli", "actions"], cwd=PROJECT_ROOT, env=stack.env, stdout=handle,
        stderr=subprocess.STDOUT, start_new_session=True,
    )
    stack.wait_healthy("actions")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stores", action="store_true", help="use the machine's Redis and PostgreSQL")
    parser.add_argument("--chats", type=int, default=10, help="chats, one after the other")
    parser.add_argument("--report", help="write the sampling profile's text report here")
    parser.add_argument("--actions-session", help="also sample the action server; its pyisession file")
    args = parser.parse_args()
    started, machine_info = now(), machine()
    overrides: dict[str, str] = {}
    if args.stores:
        ensure_database(BENCH_POSTGRES)
        overrides = {"DATABASE_URL": BENCH_POSTGRES, "REDIS_URL": BENCH_REDIS}
    stack = VernStack(overrides, Path(tempfile.mkdtemp(prefix="vern-profile-")))
    timer = ActionTimer(stack.actions_url)
    stack.env_overrides["ACTION_SERVER_URL"] = f"http://127.0.0.1:{timer.port}/webhook"
    if args.actions_session:
        start_profiled_actions(stack, str(Path(args.actions_session).resolve()))
    else:
        stack.start("actions")
    start_profiled_rasa(stack)
    try:
        run_chats(stack, 2)  # warm-up: the first turns load lazily
        timer.take()
        post_json(f"{stack.rasa_url}/bench/profile/start", {})
        latencies: list[float] = []
        begun = time.perf_counter()
        for _ in range(args.chats):
            latencies += run_chats(stack, 1)[0]
        wall = time.perf_counter() - begun
        session = str(Path(args.report).with_suffix(".pyisession")) if args.report else None
        profile: dict[str, Any] = post_json(f"{stack.rasa_url}/bench/profile/stop", {"session": session}).body
        action_seconds, action_calls = timer.take()
    finally:
        stack.stop()
        timer.close()
        if args.stores:
            forget_bench_keys()
    turns = len(latencies)
    mean_ms = statistics.fmean(latencies) * 1000
    label = "Redis + PostgreSQL" if args.stores else "embedded defaults (SQLite)"
    print(f"Turn profile, REST channel with the action server, {label}: {turns} turns one at a time, "
          f"mean {mean_ms:.1f} ms as the client sees it ({turns / wall:.1f} turns/s)")
    print(f"{'component':<58} {'ms/turn':>8} {'calls/turn':>11}")
    rows: dict[str, dict[str, float]] = {}
    for name, value in sorted(profile["timers"].items()):
        rows[name] = {"ms_per_turn": value["seconds"] * 1000 / turns, "calls_per_turn": value["calls"] / turns}
    rows["action server (its own time, via the timing proxy)"] = {
        "ms_per_turn": action_seconds * 1000 / turns, "calls_per_turn": action_calls / turns}
    for name, row in rows.items():
        print(f"{name:<58} {row['ms_per_turn']:>8.1f} {row['calls_per_turn']:>11.2f}")
    if args.report and profile.get("pyinstrument"):
        Path(args.report).parent.mkdir(parents=True, exist_ok=True)
        Path(args.report).write_text(profile["pyinstrument"])
        print(f"sampling profile: {args.report} (all samples: {session})")
    write_result(
        "turn_profile_stores" if args.stores else "turn_profile",
        {"stores": label, "turns": TURNS, "turns_timed": turns, "mean_ms": mean_ms, "components": rows},
        started,
        machine_info,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
