"""Tracker and lock stores: persistence across restarts, loud failure, outages."""

from __future__ import annotations

import shutil
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from bot.i18n import translate
from tests.support.domain import expected
from tests.support.services import free_port, redis_url
from tests.support.stack import VernStack, http, post_json


def chat_id() -> str:
    return f"test-{uuid.uuid4().hex}"


def test_redis_tracker_keeps_a_conversation_across_a_rasa_restart(stack: VernStack) -> None:
    chat = chat_id()
    assert stack.texts(chat, "hi, what can you do?") == expected("utter_help", "en")
    key = f"vern:tracker:{chat}"
    client = redis.Redis.from_url(redis_url())
    assert client.exists(key)
    assert client.ttl(key) > 300 * 86400, "tracker records must expire"

    stack.stop("rasa")
    stack.start("rasa")

    assert stack.texts(chat, "ok") == expected("utter_anything_else", "en")
    tracker = http("GET", f"{stack.rasa_url}/conversations/{chat}/tracker?token={stack.secret('RASA_API_TOKEN')}")
    user_texts = [e.get("text") for e in tracker.body["events"] if e["event"] == "user"]
    assert user_texts == ["hi, what can you do?", "ok"]


@pytest.fixture(scope="module")
def embedded_stack(trained_model: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[VernStack]:
    """Embedded defaults: no REDIS_URL, no DATABASE_URL (SQLite file under var/)."""
    vern = VernStack({}, tmp_path_factory.mktemp("embedded-var"))
    try:
        vern.start("actions", "rasa")
        yield vern
    finally:
        vern.stop()


def test_embedded_defaults_keep_the_conversation_in_sqlite(embedded_stack: VernStack) -> None:
    chat = chat_id()
    assert embedded_stack.texts(chat, "kva kan du hjelpe meg med?") == expected("utter_help", "nn")
    assert (embedded_stack.var_dir / "vern.sqlite3").exists()
    embedded_stack.stop("rasa")
    embedded_stack.start("rasa")
    assert embedded_stack.texts(chat, "ja") == expected("utter_anything_else", "nn")


def test_rasa_refuses_to_start_when_the_tracker_store_is_unreachable(trained_model: Path, tmp_path: Path) -> None:
    vern = VernStack({"REDIS_URL": "redis://127.0.0.1:1/0"}, tmp_path)
    with pytest.raises(RuntimeError, match="exited"):
        vern.start("rasa")
    assert "Refusing to start" in vern.log_tail("rasa", 200)
    vern.stop()


class PrivateRedis:
    """A Redis server of the test's own, so it can be stopped without harming others."""

    def __init__(self, workdir: Path) -> None:
        self.port = free_port()
        self.workdir = workdir
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        binary = shutil.which("redis-server") or "/usr/bin/redis-server"
        self.process = subprocess.Popen(
            [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "yes",
             "--dir", str(self.workdir)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        client = redis.Redis(port=self.port)
        for _ in range(100):
            try:
                client.ping()
                return
            except redis.exceptions.ConnectionError:
                time.sleep(0.1)
        raise RuntimeError("private redis did not start")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"


def test_redis_outage_mid_conversation_is_told_plainly_and_recovers(trained_model: Path, tmp_path: Path) -> None:
    private = PrivateRedis(tmp_path)
    private.start()
    vern = VernStack({"REDIS_URL": private.url}, tmp_path / "var")
    try:
        vern.start("actions", "rasa")
        chat = chat_id()
        assert vern.texts(chat, "hi, what can you do?") == expected("utter_help", "en")

        private.stop()
        down = post_json(f"{vern.rasa_url}/webhooks/rest/webhook",
                         {"sender": chat, "message": "what is the right of access?"})
        assert down.status == 200 and down.headers["x-vern-error"] == "error_unavailable"
        assert [m["text"] for m in down.body if "text" in m] == [translate("error_unavailable", "en")]
        assert http("GET", f"{vern.rasa_url}/").status == 200, "the server stays up"

        private.start()
        assert vern.texts(chat, "ok") == expected("utter_anything_else", "en")
    finally:
        vern.stop()
        private.stop()
