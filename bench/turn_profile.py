"""Where one chat turn's time goes, per component: timers inside the Rasa process plus a sampling profile.

    .venv/bin/python -m bench.turn_profile            # embedded defaults (SQLite tracker store)
    .venv/bin/python -m bench.turn_profile --stores   # Redis (db 12) and PostgreSQL (database bench_latency)
    .venv/bin/python -m bench.turn_profile --baseline # the code before issue 21's cuts first, then this checkout
    .venv/bin/python -m bench.turn_profile --chats 20 --report var/bench/turn_profile.txt

Starts the action server as the tests do and the Rasa server through
bench/profiled_rasa.py (the same server with wall-clock timers on the
channel's steps, Rasa's processor steps and the tracker store, and, if
pyinstrument is installed in the venv, a sampler on the event loop's thread).
Sends bench.turn_latency's four-turn conversation, one chat at a time so that
no queueing blurs the split, and prints every timer as milliseconds per turn
(timers nest: "rasa: handle_message" contains the NLU parse, the prediction
loop and the save), and the CPU time the Rasa and action server processes used
per turn (from /proc). --baseline profiles a git worktree of that ref first
(bench.turn_latency's baseline), with the same timers, so before and after come
from one run. Writes var/bench/turn_profile[_stores].json; the sampler's text
report goes to --report. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.pg import ensure_database
from bench.results import machine, now, write_result
from bench.turn_latency import (
    BASELINE,
    BENCH_POSTGRES,
    BENCH_REDIS,
    TURNS,
    ActionTimer,
    baseline_checkout,
    forget_bench_keys,
    run_chats,
)
from bot.config import PROJECT_ROOT, get_settings
from tests.support.stack import VernStack, post_json


def process_cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _spawn(stack: VernStack, name: str, command: list[str], root: Path) -> None:
    log_path = stack.var_dir / f"{name}.log"
    stack.logs[name] = log_path
    handle = open(log_path, "ab")  # noqa: SIM115 - the child owns it until it exits
    stack.processes[name] = subprocess.Popen(command, cwd=root, env=stack.env, stdout=handle,
                                             stderr=subprocess.STDOUT, start_new_session=True)
    stack.wait_healthy(name)


def start_profiled_rasa(stack: VernStack, root: Path = PROJECT_ROOT) -> None:
    # Run by path, so another checkout (root, first on sys.path) provides bot/ and this one the timers.
    script = Path(__file__).with_name("profiled_rasa.py")
    launcher = f"import runpy; runpy.run_path({str(script)!r}, run_name='__main__')"
    _spawn(stack, "rasa", [sys.executable, "-c", launcher], root)


def start_actions(stack: VernStack, root: Path, session: str | None) -> None:
    """The action server; under pyinstrument's sampler (it writes `session` when the server stops) if asked."""
    command = [sys.executable, "-m", "bot.cli", "actions"]
    if session:
        command = [sys.executable, "-m", "pyinstrument", "--interval", "0.0005", "-r", "pyisession", "-o",
                   session, "-m", "bot.cli", "actions"]
    _spawn(stack, "actions", command, root)


def profile_once(overrides: dict[str, str], chats: int, root: Path, report: str | None,
                 actions_session: str | None) -> dict[str, Any]:
    stack = VernStack(dict(overrides), Path(tempfile.mkdtemp(prefix="vern-profile-")))
    timer = ActionTimer(stack.actions_url)
    stack.env_overrides["ACTION_SERVER_URL"] = f"http://127.0.0.1:{timer.port}/webhook"
    try:
        start_actions(stack, root, actions_session)
        start_profiled_rasa(stack, root)
        run_chats(stack, 2)  # warm-up: the first turns load lazily
        timer.take()
        pids = {name: stack.processes[name].pid for name in ("rasa", "actions")}
        cpu_before = {name: process_cpu_seconds(pid) for name, pid in pids.items()}
        post_json(f"{stack.rasa_url}/bench/profile/start", {})
        latencies: list[float] = []
        begun = time.perf_counter()
        for _ in range(chats):
            latencies += run_chats(stack, 1)[0]
        wall = time.perf_counter() - begun
        session = str(Path(report).resolve().with_suffix(".pyisession")) if report else None
        profile: dict[str, Any] = post_json(f"{stack.rasa_url}/bench/profile/stop", {"session": session}).body
        cpu = {name: process_cpu_seconds(pid) - cpu_before[name] for name, pid in pids.items()}
        action_seconds, action_calls = timer.take()
    finally:
        stack.stop()
        timer.close()
    turns = len(latencies)
    rows: dict[str, dict[str, float]] = {}
    for name, value in sorted(profile["timers"].items()):
        rows[name] = {"ms_per_turn": value["seconds"] * 1000 / turns, "calls_per_turn": value["calls"] / turns}
    rows["action server (its own time, via the timing proxy)"] = {
        "ms_per_turn": action_seconds * 1000 / turns, "calls_per_turn": action_calls / turns}
    # CPU includes the sampler's own overhead when pyinstrument is installed; both sides pay it alike.
    rows["CPU: Rasa process"] = {"ms_per_turn": cpu["rasa"] * 1000 / turns, "calls_per_turn": 1.0}
    rows["CPU: action server process"] = {"ms_per_turn": cpu["actions"] * 1000 / turns, "calls_per_turn": 1.0}
    if report and profile.get("pyinstrument"):
        Path(report).parent.mkdir(parents=True, exist_ok=True)
        Path(report).write_text(profile["pyinstrument"])
        print(f"sampling profile: {report} (all samples: {session})")
    return {"turns_timed": turns, "mean_ms": statistics.fmean(latencies) * 1000, "turns_per_s": turns / wall,
            "components": rows}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stores", action="store_true", help="use the machine's Redis and PostgreSQL")
    parser.add_argument("--chats", type=int, default=10, help="chats, one after the other")
    parser.add_argument("--report", help="write the sampling profile's text report here")
    parser.add_argument("--actions-session", help="also sample the action server; its pyisession file")
    parser.add_argument("--baseline", nargs="?", const=BASELINE, default=None,
                        help=f"profile that git ref's code first, then this checkout's (default ref {BASELINE})")
    args = parser.parse_args()
    started, machine_info = now(), machine()
    overrides: dict[str, str] = {"MODELS_DIR": str(get_settings().models_dir)}
    if args.stores:
        ensure_database(BENCH_POSTGRES)
        overrides.update({"DATABASE_URL": BENCH_POSTGRES, "REDIS_URL": BENCH_REDIS})
    label = "Redis + PostgreSQL" if args.stores else "embedded defaults (SQLite)"
    runs: dict[str, dict[str, Any]] = {}
    try:
        if args.baseline:
            root = baseline_checkout(args.baseline)
            runs["before"] = profile_once(overrides, args.chats, root, None, None)
        runs["after"] = profile_once(overrides, args.chats, PROJECT_ROOT, args.report, args.actions_session)
    finally:
        if args.stores:
            forget_bench_keys()
    names = list(runs)
    print(f"Turn profile, REST channel with the action server, {label}: {args.chats} chats of {len(TURNS)} turns, "
          "one turn at a time" + (f"; before = {args.baseline}, after = this checkout" if args.baseline else ""))
    for name, run in runs.items():
        print(f"{name:>7}: mean {run['mean_ms']:.1f} ms per turn as the client sees it, "
              f"{run['turns_per_s']:.1f} turns/s")
    print(f"{'component (ms per turn; calls per turn)':<58}" + "".join(f"{n:>16}" for n in names))
    for component in runs["after"]["components"]:
        cells = []
        for name in names:
            row = runs[name]["components"].get(component)
            cells.append(f"{row['ms_per_turn']:>9.1f} ({row['calls_per_turn']:.2f})" if row else f"{'-':>16}")
        print(f"{component:<58}" + "".join(f"{c:>16}" for c in cells))
    figures: dict[str, Any] = {"stores": label, "turns": TURNS, "chats": args.chats, "runs": runs}
    if args.baseline:
        figures["baseline"] = baseline_checkout(args.baseline).name.removeprefix("baseline-")
    write_result("turn_profile_stores" if args.stores else "turn_profile", figures, started, machine_info)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
