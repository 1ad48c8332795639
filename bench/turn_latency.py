"""Turn latency through the REST channel with the action server: p50/p95/p99 at 1, 10 and 50 chats at once.

    .venv/bin/python -m bench.turn_latency            # embedded defaults (SQLite tracker store, no Redis)
    .venv/bin/python -m bench.turn_latency --stores   # Redis (db 12) and PostgreSQL (database bench_latency)
    .venv/bin/python -m bench.turn_latency --compare  # today's path and the new one side by side (capacity)

Starts Vern's real processes on free ports (as the tests do), sends each chat
the same four-turn conversation (greeting, a question, a request that runs a
custom action, goodbye) and times every turn from the POST to the last bot
reply. Needs a trained model (make model).

Where a turn's time goes, cheaply: Rasa reaches the action server through a
timing proxy in this process, which adds up the action server's own time per
turn; NLU is timed through Rasa's HTTP API (`/model/parse`, the same pipeline
the channel runs) on the same texts, one at a time; the rest (policies,
tracker store, the channel's personal-data guard, HTTP) is the difference.
The split is given for one chat at a time, where queueing does not blur it.
--stores uses a database and Redis db of its own, never the tests' `test`
database or Redis db 13, and deletes only its own keys afterwards.
--compare starts two stacks: one from a git worktree of --baseline (default:
the last commit before issue 21's cuts, made once under var/bench/) and one
from this checkout, both on the same model, stores and settings, and runs
every level on one and then the other, so both see the same machine at
nearly the same moment; capacity is the most turns per second a level
reached with p95 at most 500 ms and no errors.
Prints figures; asserts nothing. Writes var/bench/turn_latency[_stores].json
(turn_capacity[_stores].json with --compare).
"""

from __future__ import annotations

import argparse
import http.server
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
from pathlib import Path
from typing import Any

from bench.pg import ensure_database
from bench.results import machine, now, write_result
from bot.config import PROJECT_ROOT, get_settings
from tests.support.services import free_port
from tests.support.stack import VernStack, post_json

TURNS = ["hei", "hva er retten til innsyn?", "jeg vil ha innsyn i alt dere har om meg", "avbryt"]
BENCH_POSTGRES = "postgresql://postgres@127.0.0.1:5432/bench_latency"
# Not 13: the test suite uses Redis db 13.
BENCH_REDIS = "redis://127.0.0.1:6379/12"
LEVELS = (1, 10, 50)
# --compare: today's path against the new one; capacity is the most turns/s at p95 within the limit.
COMPARE_LEVELS = (1, 2, 3, 4, 6, 8, 12, 16)
P95_LIMIT_MS = 500.0
# The last commit before the profile and its cuts (issue 21): what --compare measures as "before".
BASELINE = "dea0e8c"


class ActionTimer:
    """A forwarding proxy in front of the action server that adds up how long it took."""

    def __init__(self, target: str) -> None:
        self.target = target
        self.seconds = 0.0
        self.calls = 0
        self._lock = threading.Lock()
        timer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - the name http.server calls
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "content-length")}
                # The target is the action server's loopback http:// address this script built.
                request = urllib.request.Request(  # noqa: S310
                    timer.target + self.path, data=body, headers=headers, method="POST"
                )
                started = time.perf_counter()
                try:
                    with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
                        status, payload, kind = response.status, response.read(), response.headers.get("Content-Type")
                except urllib.error.HTTPError as error:
                    status, payload, kind = error.code, error.read(), error.headers.get("Content-Type")
                timer.add(time.perf_counter() - started)
                self.send_response(status)
                self.send_header("Content-Type", kind or "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args: Any) -> None:
                pass

        self.port = free_port()
        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def add(self, seconds: float) -> None:
        with self._lock:
            self.seconds += seconds
            self.calls += 1

    def take(self) -> tuple[float, int]:
        with self._lock:
            taken = (self.seconds, self.calls)
            self.seconds, self.calls = 0.0, 0
        return taken

    def close(self) -> None:
        self._server.shutdown()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def run_chats(stack: VernStack, chats: int, rounds: int = 1) -> tuple[list[float], int]:
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()

    def one_chat() -> None:
        nonlocal errors
        chat = [(sender, text) for sender in (f"bench-{uuid.uuid4().hex}" for _ in range(rounds)) for text in TURNS]
        for sender, text in chat:
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


def nlu_ms(stack: VernStack, repeats: int = 10) -> float:
    """Median time of Rasa's NLU pipeline alone on the bench's turns."""
    token = stack.secret("RASA_API_TOKEN")
    times = []
    for _ in range(repeats):
        for text in TURNS:
            started = time.perf_counter()
            post_json(f"{stack.rasa_url}/model/parse?token={token}", {"text": text})
            times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def forget_bench_keys() -> None:
    import redis

    client = redis.Redis.from_url(BENCH_REDIS)
    for key in client.scan_iter(match="vern:*", count=1000):
        client.delete(key)


def measure(stack: VernStack, timer: ActionTimer, chats: int, rounds: int = 1) -> dict[str, Any]:
    """One level: `chats` chats at once (each slot `rounds` chats in a row); percentiles and turns per second."""
    begun = time.perf_counter()
    latencies, errors = run_chats(stack, chats, rounds)
    wall = time.perf_counter() - begun
    action_seconds, action_calls = timer.take()
    ms = [value * 1000 for value in latencies]
    return {
        "chats": chats, "turns": len(ms), "p50_ms": statistics.median(ms), "p95_ms": percentile(ms, 0.95),
        "p99_ms": percentile(ms, 0.99), "mean_ms": statistics.fmean(ms), "errors": errors,
        "action_ms_per_turn": action_seconds * 1000 / len(ms), "action_calls": action_calls,
        "turns_per_s": len(ms) / wall,
    }  # fmt: skip


def start_stack(overrides: dict[str, str], root: Path | None = None) -> tuple[VernStack, ActionTimer]:
    """Vern's action server and Rasa server on free ports; from another checkout's code when `root` is given."""
    stack = VernStack(dict(overrides), Path(tempfile.mkdtemp(prefix="vern-bench-")))
    timer = ActionTimer(stack.actions_url)
    stack.env_overrides["ACTION_SERVER_URL"] = f"http://127.0.0.1:{timer.port}/webhook"
    if root is None:
        stack.start("actions", "rasa")
    else:
        for name in ("actions", "rasa"):
            # `python -m` puts the working directory first on sys.path: that checkout's bot/ and actions/.
            command = [sys.executable, "-m", "bot.cli", name] + (["--no-train"] if name == "rasa" else [])
            stack.logs[name] = stack.var_dir / f"{name}.log"
            handle = open(stack.logs[name], "ab")  # noqa: SIM115 - the child owns it until it exits
            stack.processes[name] = subprocess.Popen(command, cwd=root, env=stack.env, stdout=handle,
                                                     stderr=subprocess.STDOUT, start_new_session=True)
            stack.wait_healthy(name)
    run_chats(stack, 2)  # warm-up: the first turns load lazily
    timer.take()
    return stack, timer


def baseline_checkout(ref: str) -> Path:
    """A detached git worktree of `ref` under var/bench/, made once and reused."""
    sha = subprocess.run(["git", "rev-parse", "--short", ref], cwd=PROJECT_ROOT, check=True, capture_output=True,
                         text=True).stdout.strip()
    path = PROJECT_ROOT / "var" / "bench" / f"baseline-{sha}"
    if not (path / "bot" / "cli.py").exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(["git", "worktree", "add", "--detach", str(path), sha], cwd=PROJECT_ROOT, check=True,
                       capture_output=True)
    return path


HEADER = (f"{'chats at once':>14} {'turns':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7} "
          f"{'actions ms/turn':>16} {'turns/s':>8}")


def row_text(row: dict[str, Any], prefix: str = "") -> str:
    return (f"{prefix}{row['chats']:>14} {row['turns']:>6} {row['p50_ms']:>8.0f} {row['p95_ms']:>8.0f} "
            f"{row['p99_ms']:>8.0f} {row['errors']:>7} {row['action_ms_per_turn']:>16.1f} {row['turns_per_s']:>8.1f}")


def capacity(rows: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The most turns per second any level reached with p95 within P95_LIMIT_MS and no errors."""
    fitting = [r for r in rows if r["p95_ms"] <= P95_LIMIT_MS and not r["errors"]]
    return max(fitting, key=lambda r: r["turns_per_s"]) if fitting else None


def compare(overrides: dict[str, str], levels_asked: list[int], label: str, baseline: str, rounds: int
            ) -> dict[str, Any]:
    """The code as it was (a worktree of `baseline`) and as it is, side by side in one run, level by level."""
    root = baseline_checkout(baseline)
    # The baseline checkout has no models/ of its own: it uses this checkout's (same training data, same model).
    shared = {**overrides, "MODELS_DIR": str(get_settings().models_dir)}
    stacks: dict[str, tuple[VernStack, ActionTimer]] = {}
    rows: dict[str, list[dict[str, Any]]] = {"before": [], "after": []}
    try:
        stacks["before"] = start_stack(shared, root)
        stacks["after"] = start_stack(shared)
        print(f"Turn latency and capacity, REST channel with the action server, {label} ({len(TURNS)} turns per "
              f"chat, {rounds} chats in a row per slot); before = {baseline} ({root.name}), after = this checkout; "
              "each level runs before, then after")
        print(f"{'':>7}" + HEADER)
        for chats in levels_asked:
            for name in ("before", "after"):
                # One stack works at a time; the other idles, so they do not share the cores.
                row = measure(*stacks[name], chats, rounds)
                rows[name].append(row)
                print(row_text(row, f"{name:>7}"), flush=True)
    finally:
        for stack, timer in stacks.values():
            stack.stop()
            timer.close()
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=PROJECT_ROOT, capture_output=True,
                            text=True).stdout.strip()
    result: dict[str, Any] = {"levels": rows, "baseline": root.name.removeprefix("baseline-"), "after": commit,
                              "p95_limit_ms": P95_LIMIT_MS, "rounds": rounds}
    caps = {name: capacity(rows[name]) for name in rows}
    result["capacity"] = {name: (cap["turns_per_s"] if cap else 0.0) for name, cap in caps.items()}
    result["capacity_chats"] = {name: (cap["chats"] if cap else 0) for name, cap in caps.items()}
    before, after = result["capacity"]["before"], result["capacity"]["after"]
    result["capacity_ratio"] = after / before if before else None
    ratio = f"{after / before:.1f}x" if before else "n/a (before never met it)"
    print(f"capacity at p95 <= {P95_LIMIT_MS:.0f} ms: before {before:.1f} turns/s "
          f"({result['capacity_chats']['before']} chats at once), after {after:.1f} turns/s "
          f"({result['capacity_chats']['after']} chats at once): {ratio}")
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stores", action="store_true", help="use the machine's Redis and PostgreSQL")
    parser.add_argument("--levels", help="chats at once, comma-separated (default 1,10,50; with --compare "
                        + ",".join(map(str, COMPARE_LEVELS)) + ")")
    parser.add_argument("--compare", action="store_true",
                        help="run the code at --baseline and this checkout side by side; capacity at p95")
    parser.add_argument("--baseline", default=BASELINE, help=f"git ref to compare with (default {BASELINE})")
    parser.add_argument("--rounds", type=int, default=3, help="with --compare: chats in a row per slot")
    args = parser.parse_args()
    default_levels = COMPARE_LEVELS if args.compare else LEVELS
    levels_asked = [int(n) for n in (args.levels or ",".join(map(str, default_levels))).split(",") if n]
    started, machine_info = now(), machine()
    overrides: dict[str, str] = {}
    if args.stores:
        ensure_database(BENCH_POSTGRES)
        overrides = {"DATABASE_URL": BENCH_POSTGRES, "REDIS_URL": BENCH_REDIS}
    label = "Redis + PostgreSQL" if args.stores else "embedded defaults"
    stores = "Redis + PostgreSQL" if args.stores else "embedded (SQLite)"
    if args.compare:
        try:
            figures = compare(overrides, levels_asked, label, args.baseline, args.rounds)
        finally:
            if args.stores:
                forget_bench_keys()
        write_result("turn_capacity_stores" if args.stores else "turn_capacity",
                     {"stores": stores, "turns": TURNS, **figures}, started, machine_info)
        return 0
    stack, timer = start_stack(overrides)
    levels: list[dict[str, Any]] = []
    try:
        print(f"Turn latency, REST channel with the action server, {label} ({len(TURNS)} turns per chat)")
        print(HEADER)
        for chats in levels_asked:
            row = measure(stack, timer, chats)
            levels.append(row)
            print(row_text(row))
        nlu = nlu_ms(stack)
    finally:
        stack.stop()
        timer.close()
        if args.stores:
            forget_bench_keys()
    single = levels[0]
    split = {"nlu_ms": nlu, "actions_ms": single["action_ms_per_turn"]}
    split["rest_ms"] = max(0.0, single["mean_ms"] - split["nlu_ms"] - split["actions_ms"])
    total = single["mean_ms"]
    shares = {name: 100 * value / total for name, value in split.items()}
    print(f"one chat at a time, mean turn {total:.0f} ms: NLU {nlu:.0f} ms ({shares['nlu_ms']:.0f}%), "
          f"action server {split['actions_ms']:.0f} ms ({shares['actions_ms']:.0f}%), "
          f"policies + tracker store + channel + HTTP {split['rest_ms']:.0f} ms ({shares['rest_ms']:.0f}%)")
    write_result(
        "turn_latency_stores" if args.stores else "turn_latency",
        {"stores": stores, "turns": TURNS, "levels": levels, "split_one_chat": split},
        started,
        machine_info,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
