"""`make run`'s runner: starts every process, prints one URL, Ctrl-C stops them all."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from bot.config import PROJECT_ROOT
from tests.support.services import free_port
from tests.support.stack import http, post_json


def test_dev_runner_starts_everything_and_ctrl_c_stops_everything(trained_model: Path, tmp_path: Path) -> None:
    ports = {"RASA_PORT": free_port(), "ACTION_PORT": free_port(), "WEB_PORT": free_port()}
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env.update({k: str(v) for k, v in ports.items()})
    env.update({"VERN_VAR_DIR": str(tmp_path), "VERN_ENV": "development"})
    runner = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "dev"], cwd=PROJECT_ROOT, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    output: list[str] = []
    url = None
    deadline = time.monotonic() + 300
    assert runner.stdout is not None
    while time.monotonic() < deadline:
        line = runner.stdout.readline()
        if not line:
            break
        output.append(line)
        if line.startswith("Vern is running: "):
            url = line.removeprefix("Vern is running: ").strip()
            break
    try:
        assert url == f"http://127.0.0.1:{ports['WEB_PORT']}/", "".join(output[-30:])
        page = http("GET", url)
        assert page.status == 200 and b"widget.js" in page.raw
        reply = post_json(f"{url}api/chat", {"sender": "test-runner", "message": "hi, what can you do?"})
        assert reply.status == 200 and reply.body and reply.body[0]["text"]
    finally:
        runner.send_signal(signal.SIGINT)
        try:
            runner.wait(timeout=60)
        except subprocess.TimeoutExpired:
            runner.kill()
            raise
    assert runner.returncode == 0
    for port in ports.values():
        for _ in range(20):
            try:
                http("GET", f"http://127.0.0.1:{port}/", timeout=1)
            except OSError:
                break
            time.sleep(0.5)
        else:
            raise AssertionError(f"something still listens on {port} after Ctrl-C")
