"""`vern dev`: every process of Vern under one command, stopped together by Ctrl-C.

Each process is also its own command (`vern rasa`, `vern actions`, `vern web`)
for production, where a supervisor runs them separately.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from bot.config import PROJECT_ROOT, Settings, get_settings
from bot.rasa_adapter.model import rasa_environment

STOP_GRACE_SECONDS = 10


@dataclass(frozen=True)
class ProcessSpec:
    name: str
    command: list[str]
    health_url: str | None  # None: a worker with no HTTP side; running is healthy


def process_specs(settings: Settings, rasa_model: Path | None = None) -> list[ProcessSpec]:
    python = sys.executable
    rasa = [python, "-m", "bot.cli", "rasa", "--no-train"] + (["--model", str(rasa_model)] if rasa_model else [])
    specs = [
        ProcessSpec("actions", [python, "-m", "bot.cli", "actions"], f"http://127.0.0.1:{settings.action_port}/health"),
        ProcessSpec("rasa", rasa, f"http://127.0.0.1:{settings.rasa_port}/"),
        ProcessSpec("web", [python, "-m", "bot.cli", "web"], f"http://127.0.0.1:{settings.web_port}/health"),
        # The annex's masking and deletion run in development too, so what a
        # newcomer sees is what a deployment does.
        ProcessSpec("retention", [python, "-m", "bot.cli", "retention", "run"], None),
    ]
    if settings.telegram_token is not None:
        # Polling in development: no public address is needed for Telegram to reach us.
        specs.append(ProcessSpec("telegram", [python, "-m", "bot.cli", "telegram", "--mode", "polling"], None))
    return specs


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as resp:  # noqa: S310 - loopback health check
            return bool(resp.status == 200)
    except (urllib.error.URLError, OSError, ValueError):
        return False


class ProcessGroup:
    def __init__(self) -> None:
        self.children: dict[str, subprocess.Popen[bytes]] = {}

    def start(self, spec: ProcessSpec, env: dict[str, str]) -> None:
        # Own process group, so Ctrl-C in the terminal reaches us first and we
        # stop the children in order instead of them dying mid-write.
        self.children[spec.name] = subprocess.Popen(
            spec.command, cwd=PROJECT_ROOT, env=env, start_new_session=True
        )

    def exited(self) -> str | None:
        for name, child in self.children.items():
            if child.poll() is not None:
                return name
        return None

    def stop(self) -> None:
        for child in self.children.values():
            if child.poll() is None:
                child.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + STOP_GRACE_SECONDS
        for child in self.children.values():
            try:
                child.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()


def wait_until_healthy(group: ProcessGroup, specs: list[ProcessSpec], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    pending = {spec.name: spec.health_url for spec in specs}
    while pending:
        for name, url in list(pending.items()):
            if url is None or _healthy(url):
                del pending[name]
        died = group.exited()
        if died:
            raise RuntimeError(f"process '{died}' exited during start-up")
        if time.monotonic() > deadline:
            raise RuntimeError("timed out waiting for " + ", ".join(sorted(pending)))
        if pending:
            time.sleep(0.5)


def run_dev(settings: Settings | None = None) -> int:
    settings = settings or get_settings()
    from bot.db.migrate import upgrade
    from bot.rasa_adapter.model import ensure_model
    from bot.rasa_adapter.quick_model import (
        FullModelTraining,
        ensure_quick_model,
        remove_quick_models,
        wants_quick_start,
    )
    from bot.wiring import build

    quick_model, full_training = None, None
    if wants_quick_start(settings):
        print("Vern: this machine has no model for this training data yet. Training a quick one first (a few "
              "minutes); Vern answers with it while the full model trains beside it (about twelve minutes more on two "
              "cores) and then switches to it. QUICK_START=off waits for the full model instead.", flush=True)
        quick_model = ensure_quick_model(settings)
        full_training = FullModelTraining(settings)
    else:
        print("Vern: checking the model (trains only when the training data changed) …", flush=True)
        ensure_model(settings)
        remove_quick_models(settings)  # one left by a start stopped before its full model was trained
    print("Vern: applying database migrations …", flush=True)
    upgrade(build(settings).engine)

    env = rasa_environment({"VERN_ENV": settings.environment})
    specs = process_specs(settings, quick_model)
    group = ProcessGroup()
    stopping = False

    def on_signal(_signum: int, _frame: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    try:
        for spec in specs:
            group.start(spec, env)
        wait_until_healthy(group, specs, timeout=300)
        print(f"\nVern is running: {settings.public_url}/\n(Ctrl-C stops every process)\n", flush=True)
        if full_training is not None:
            full_training.start()
            print("Vern: answering with the quick model, which understands less well, while the full model trains "
                  f"({full_training.log_path}).", flush=True)
        while not stopping:
            died = group.exited()
            if died:
                print(f"Vern: process '{died}' stopped unexpectedly; stopping the others.", file=sys.stderr)
                return 1
            outcome = full_training.poll() if full_training is not None else None
            if outcome is not None:
                print(f"Vern: {outcome}", flush=True)
                full_training = None
            time.sleep(0.5)
        return 0
    except RuntimeError as error:
        print(f"Vern could not start: {error}", file=sys.stderr)
        return 1
    finally:
        print("Vern: stopping …", flush=True)
        if full_training is not None:
            full_training.stop()
        group.stop()


if __name__ == "__main__":
    os.chdir(PROJECT_ROOT)
    sys.exit(run_dev())
