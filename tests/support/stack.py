"""Runs Vern's real processes (action server, Rasa server, web app) for tests."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.config import PROJECT_ROOT
from tests.support.services import free_port
from tests.support.smtp import CapturingSmtpServer

RASA_START_TIMEOUT = 240


@dataclass
class HttpResult:
    status: int
    body: Any
    raw: bytes
    headers: dict[str, str] = field(default_factory=dict)  # names in lower case


def http(method: str, url: str, body: bytes | None = None, headers: dict[str, str] | None = None,
         timeout: float = 60) -> HttpResult:
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as resp:
            raw = resp.read()
            status = resp.status
            received = {k.lower(): v for k, v in resp.headers.items()}
    except urllib.error.HTTPError as error:
        raw = error.read()
        status = error.code
        received = {k.lower(): v for k, v in error.headers.items()}
    try:
        parsed = json.loads(raw.decode("utf-8")) if raw else None
    except ValueError:
        parsed = None
    return HttpResult(status, parsed, raw, received)


def post_json(url: str, payload: Any, headers: dict[str, str] | None = None) -> HttpResult:
    return http("POST", url, json.dumps(payload).encode(), {"Content-Type": "application/json", **(headers or {})})


@dataclass
class VernStack:
    """One set of Vern processes with its own ports and settings."""

    env_overrides: dict[str, str]
    var_dir: Path
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)
    ports: dict[str, int] = field(default_factory=dict)
    logs: dict[str, Path] = field(default_factory=dict)
    smtp: CapturingSmtpServer | None = None
    webhook: Any = None  # tests.support.webhook.WebhookReceiver: the controller's system
    telegram: Any = None  # tests.support.fake_telegram.FakeTelegram: the Bot API the guardian bot talks to

    def __post_init__(self) -> None:
        self.ports = {"rasa": free_port(), "actions": free_port(), "web": free_port()}
        self.var_dir.mkdir(parents=True, exist_ok=True)

    @property
    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        for key in ("DATABASE_URL", "REDIS_URL", "SMTP_URL"):
            env.pop(key, None)
        env.update(
            {
                "VERN_ENV": "test",
                "VERN_VAR_DIR": str(self.var_dir),
                "RASA_PORT": str(self.ports["rasa"]),
                "ACTION_PORT": str(self.ports["actions"]),
                "WEB_PORT": str(self.ports["web"]),
                "RASA_TELEMETRY_ENABLED": "false",
                "TF_CPP_MIN_LOG_LEVEL": "2",
                # Sanic waits up to 15 s at shutdown for requests in flight; a socket.io client the tests abort
                # leaves its long-poll open there, and each stop of the stack would wait it out.
                "SANIC_GRACEFUL_SHUTDOWN_TIMEOUT": "2",
                "LOG_LEVEL": "INFO",
            }
        )
        env.update(self.env_overrides)
        return env

    @property
    def rasa_url(self) -> str:
        return f"http://127.0.0.1:{self.ports['rasa']}"

    @property
    def actions_url(self) -> str:
        return f"http://127.0.0.1:{self.ports['actions']}"

    @property
    def web_url(self) -> str:
        return f"http://127.0.0.1:{self.ports['web']}"

    def secret(self, name: str) -> str:
        if name in self.env_overrides:
            return self.env_overrides[name]
        stored = json.loads((self.var_dir / "dev-secrets.json").read_text())
        return str(stored[name])

    def start(self, *names: str) -> None:
        names = names or ("actions", "rasa", "web")
        for name in names:
            command = [sys.executable, "-m", "bot.cli", name] + (["--no-train"] if name == "rasa" else [])
            log_path = self.var_dir / f"{name}.log"
            self.logs[name] = log_path
            handle = open(log_path, "ab")  # noqa: SIM115 - the child owns it until it exits
            self.processes[name] = subprocess.Popen(
                command, cwd=PROJECT_ROOT, env=self.env, stdout=handle, stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        for name in names:
            self.wait_healthy(name)

    def health_url(self, name: str) -> str:
        return {
            "actions": f"{self.actions_url}/health",
            "rasa": f"{self.rasa_url}/",
            "web": f"{self.web_url}/health",
            "telegram": f"http://127.0.0.1:{self.ports.get('telegram')}/health",
        }[name]

    def wait_healthy(self, name: str, timeout: float = RASA_START_TIMEOUT) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            process = self.processes[name]
            if process.poll() is not None:
                raise RuntimeError(f"{name} exited with {process.returncode}:\n{self.log_tail(name)}")
            try:
                if http("GET", self.health_url(name), timeout=2).status == 200:
                    return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.5)
        raise RuntimeError(f"{name} did not become healthy:\n{self.log_tail(name)}")

    def log_tail(self, name: str, lines: int = 40) -> str:
        path = self.logs.get(name)
        if not path or not path.exists():
            return ""
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])

    def stop(self, *names: str) -> None:
        for name in names or tuple(self.processes):
            process = self.processes.pop(name, None)
            if process is None:
                continue
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()

    def say(self, sender: str, message: str) -> list[dict[str, Any]]:
        result = post_json(f"{self.rasa_url}/webhooks/rest/webhook", {"sender": sender, "message": message})
        # A turn that failed answers 200 too (its words are bot messages); the header names the error.
        assert result.status == 200 and "x-vern-error" not in result.headers, (result.status, result.body)
        return list(result.body)

    def texts(self, sender: str, message: str) -> str:
        # Custom messages (a "clear your transcript" marker, say) carry no text a person reads.
        return "\n".join(m["text"] for m in self.say(sender, message) if "text" in m)
