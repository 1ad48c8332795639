"""Fresh clone to first answer: `make run` in a new clone, timed until Vern answers a chat message.

    .venv/bin/python -m bench.first_answer                 # clone this checkout's HEAD and time it
    .venv/bin/python -m bench.first_answer --keep-venv     # … with this checkout's .venv copied in (training only)
    .venv/bin/python -m bench.first_answer --save-model-to models   # and keep the model it trained
    .venv/bin/python -m bench.first_answer --empty-model-cache      # as on a machine that never trained Vern
    .venv/bin/python -m bench.first_answer --empty-model-cache --no-quick-start   # … waiting for the full model

Measures what a newcomer meets: `git clone`, then `make run` on the embedded defaults (no DATABASE_URL or
REDIS_URL), with the package cache as this machine has it. The phases come from the lines `make run` prints:
the virtual environment (until "checking the model"), the training (until "applying database migrations"), the
processes' start (until "Vern is running"), and the first reply to "hei" over the web app's /api/chat; with the quick
start (a machine with no model for the data), "training" is the quick model's, and the bench then waits for the full
model to be swapped in ("the full model is trained and in use") and reports that time as well. The clone
gets ports of its own, so a Vern already running here is not disturbed, and is deleted afterwards. By default
the clone sees the machine's model cache (`MODEL_CACHE_DIR`, as `make` sets it); `--empty-model-cache` gives it
an empty one, so it trains.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from bench.results import ROOT, machine, now, write_result

# The lines `make run` (bot/runner.py) prints at each step, in order.
MARKS = {
    "Vern: checking the model": "venv",
    "Vern: this machine has no model": "venv",  # the quick start (bot/rasa_adapter/quick_model.py)
    "Vern: applying database migrations": "training",
    "Vern is running": "start",
    "Vern: the full model is trained and in use": "full model",
    "Vern: training the full model failed": "full model failed",
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def first_reply(url: str, deadline: float) -> float | None:
    """Seconds until /api/chat answers "hei" with a bot message; None past the deadline."""
    body = json.dumps({"sender": "bench-first-answer", "message": "hei"}).encode()
    started = time.monotonic()
    while time.monotonic() < deadline:
        request = urllib.request.Request(  # noqa: S310 - the clone's own loopback
            f"{url}/api/chat", data=body, headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=30) as reply:  # noqa: S310 - the clone's own loopback
                if json.loads(reply.read() or b"[]"):
                    return time.monotonic() - started
        except (urllib.error.URLError, OSError, ValueError):
            pass
        time.sleep(0.5)
    return None


def run(source: Path, keep_venv: bool, timeout: float, save_model_to: Path | None = None,
        empty_model_cache: bool = False, quick_start: bool = True) -> dict[str, Any]:
    workdir = Path(tempfile.mkdtemp(prefix="vern-first-answer-"))
    clone = workdir / "vern"
    try:
        started = time.monotonic()
        subprocess.run(["git", "clone", "--quiet", str(source), str(clone)], check=True)
        cloned = time.monotonic() - started
        if keep_venv:
            # A venv is not relocatable, but an editable install in it only points at the checkout it came from:
            # rebuilding it in the clone is what `make run` would do; copying saves only its pip time.
            subprocess.run(["cp", "-a", str(source / ".venv"), str(clone / ".venv")], check=True)
            (clone / ".venv" / ".installed").touch()
        ports = {"WEB_PORT": free_port(), "RASA_PORT": free_port(), "ACTION_PORT": free_port(),
                 "TELEGRAM_PORT": free_port()}
        env = {key: value for key, value in os.environ.items()
               if key not in {"DATABASE_URL", "REDIS_URL", "VIRTUAL_ENV", "PUBLIC_URL", "RASA_URL", "ACTION_URL"}}
        env.update({key: str(value) for key, value in ports.items()})
        if empty_model_cache:
            env["MODEL_CACHE_DIR"] = str(workdir / "model-cache")
        env["QUICK_START"] = "on" if quick_start else "off"
        url = f"http://127.0.0.1:{ports['WEB_PORT']}"
        marks: dict[str, float] = {}
        process = subprocess.Popen(["make", "run"], cwd=clone, env=env, stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, text=True, start_new_session=True)
        log = workdir / "make-run.log"

        def read() -> None:
            assert process.stdout is not None
            with log.open("w") as out:
                for line in process.stdout:
                    out.write(line)
                    out.flush()
                    for prefix, phase in MARKS.items():
                        if line.startswith(prefix) or line.strip().startswith(prefix):
                            marks.setdefault(phase, time.monotonic())

        reader = threading.Thread(target=read, daemon=True)
        t0 = time.monotonic()
        reader.start()
        deadline = t0 + timeout
        while "start" not in marks and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.5)
        reply = first_reply(url, deadline) if "start" in marks else None
        total = time.monotonic() - t0
        quick = any("this machine has no model" in line for line in log.read_text(errors="replace").splitlines())
        if quick and reply is not None:
            # Answering with the quick model; the full one arrives later, swapped in without a restart.
            while not {"full model", "full model failed"} & set(marks) and process.poll() is None and (
                    time.monotonic() < deadline):
                time.sleep(1)
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
        if reply is None:
            tail = log.read_text(errors="replace").splitlines()[-20:]
            raise SystemExit("no first answer before the time-out; the end of make run's output:\n" + "\n".join(tail))
        if save_model_to is not None:
            save_model_to.mkdir(parents=True, exist_ok=True)
            for trained in (clone / "models").glob("vern-*"):
                shutil.copy2(trained, save_model_to / trained.name)
        phases = {"venv": marks["venv"] - t0, "training": marks["training"] - marks["venv"],
                  "start": marks["start"] - marks["training"], "first reply": reply}
        figures: dict[str, Any] = {
            "clone_seconds": cloned, "make_run_to_first_answer_seconds": total, "phases": phases,
            "venv_copied": keep_venv, "quick_start": quick,
            "model_cache": "empty" if empty_model_cache else "the machine's (MODEL_CACHE_DIR)"}
        if quick:
            if "full model" not in marks:
                raise SystemExit("the full model was not swapped in; see the end of make run's output:\n"
                                 + "\n".join(log.read_text(errors="replace").splitlines()[-20:]))
            figures["make_run_to_full_model_seconds"] = marks["full model"] - t0
        return figures
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=ROOT, help="the repository to clone (its HEAD)")
    parser.add_argument("--keep-venv", action="store_true", help="copy this checkout's .venv into the clone")
    parser.add_argument("--timeout", type=float, default=1800.0)
    parser.add_argument("--save-model-to", type=Path, help="copy the model the clone trained into this folder")
    parser.add_argument("--empty-model-cache", action="store_true",
                        help="give the clone an empty model cache, so it trains as on a new machine")
    parser.add_argument("--no-quick-start", action="store_true",
                        help="QUICK_START=off: wait for the full model before the first answer")
    args = parser.parse_args()
    started_at, machine_info = now(), machine()
    figures = run(args.source.resolve(), args.keep_venv, args.timeout, args.save_model_to, args.empty_model_cache,
                  quick_start=not args.no_quick_start)
    figures["commit"] = subprocess.run(["git", "-C", str(args.source), "rev-parse", "--short", "HEAD"],
                                       capture_output=True, text=True, check=False).stdout.strip()
    for phase, seconds in figures["phases"].items():
        print(f"{phase:>12}: {seconds:7.1f} s")
    print(f"{'clone':>12}: {figures['clone_seconds']:7.1f} s")
    total = figures["clone_seconds"] + figures["make_run_to_first_answer_seconds"]
    print(f"fresh clone to first answer: {total:.0f} s ({total / 60:.1f} min)"
          + (" with the quick model" if figures["quick_start"] else ""))
    if "make_run_to_full_model_seconds" in figures:
        full = figures["clone_seconds"] + figures["make_run_to_full_model_seconds"]
        print(f"fresh clone to the full model in use: {full:.0f} s ({full / 60:.1f} min)")
    # The two are different promises: a new machine trains; a machine that has run Vern before need not.
    write_result("first_answer" if args.empty_model_cache else "first_answer_cached", figures, started_at,
                 machine_info)
    return 0


if __name__ == "__main__":
    sys.exit(main())
