"""Vern scaled out as deploy/ describes it: three Rasa replicas and two action servers behind HAProxy
(Debian's package) with the shipped deploy/haproxy.cfg, on the machine's one Redis and PostgreSQL.

200 chats at once through the proxy never mix; a Rasa replica killed in the middle of every chat
costs no chat its next turn; a socket.io session that long-polls stays on the replica that made it."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import threading
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
import redis
import socketio

from bot.config import PROJECT_ROOT
from tests.support.services import free_port, redis_url
from tests.support.stack import VernStack, http

HAPROXY_CONFIG = PROJECT_ROOT / "deploy" / "haproxy.cfg"
SHARED_SECRETS = ("SECRET_KEY", "RASA_API_TOKEN", "ACTION_SERVER_SECRET")
CONVERSATIONS = 200
TURN_TIMEOUT = 300
MARKER = re.compile(r"mk[a-z]{12}")


@dataclass
class Cluster:
    proxy_url: str
    replicas: list[VernStack]


def _haproxy() -> str:
    found = shutil.which("haproxy") or ("/usr/sbin/haproxy" if Path("/usr/sbin/haproxy").exists() else None)
    assert found, "HAProxy is missing: .ci/run installs Debian's haproxy package (apt-get install haproxy)"
    return found


@pytest.fixture(scope="module")
def cluster(stack: VernStack, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    ports = {name: free_port() for name in ("chat", "actions", "web")}
    proxy = f"http://127.0.0.1:{ports['chat']}"
    env = dict(stack.env_overrides)
    env.update({name: stack.secret(name) for name in SHARED_SECRETS})
    # Rasa calls the action servers, and the action servers call Rasa, through the proxy: as in compose.yaml.
    env.update({"ACTION_SERVER_URL": f"http://127.0.0.1:{ports['actions']}/webhook", "RASA_URL": proxy})
    replicas = [VernStack(dict(env), tmp_path_factory.mktemp(f"replica-{i}"), smtp=stack.smtp) for i in range(3)]
    haproxy_env = {
        "PATH": os.environ.get("PATH", ""),
        "PROXY_BIND_CHAT": f"127.0.0.1:{ports['chat']}",
        "PROXY_BIND_ACTIONS": f"127.0.0.1:{ports['actions']}",
        "PROXY_BIND_WEB": f"127.0.0.1:{ports['web']}",
        **{f"RASA_{i + 1}": f"127.0.0.1:{r.ports['rasa']}" for i, r in enumerate(replicas)},
        **{f"ACTIONS_{i + 1}": f"127.0.0.1:{r.ports['actions']}" for i, r in enumerate(replicas[:2])},
        "WEB_1": f"127.0.0.1:{stack.ports['web']}",
    }
    log = tmp_path_factory.mktemp("haproxy") / "haproxy.log"
    with open(log, "wb") as handle:
        balancer = subprocess.Popen([_haproxy(), "-db", "-f", str(HAPROXY_CONFIG)], env=haproxy_env,
                                    stdout=handle, stderr=subprocess.STDOUT, start_new_session=True)
    starters = [threading.Thread(target=r.start, args=names)
                for r, names in zip(replicas, (("actions", "rasa"), ("actions", "rasa"), ("rasa",)))]
    try:
        for starter in starters:
            starter.start()
        for starter in starters:
            starter.join()
        for replica, names in zip(replicas, (("actions", "rasa"), ("actions", "rasa"), ("rasa",))):
            for name in names:
                replica.wait_healthy(name)
        assert balancer.poll() is None, log.read_text()
        _wait_until_the_proxy_sees_every_backend(log)
        yield Cluster(proxy, replicas)
    finally:
        for replica in replicas:
            replica.stop()
        balancer.send_signal(signal.SIGTERM)
        balancer.wait(timeout=20)


def _wait_until_the_proxy_sees_every_backend(log: Path) -> None:
    """Healthy replicas count only after HAProxy's own checks pass (`rise 2`, every 2 s)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        state: dict[str, str] = {}  # a server HAProxy never reported on is up (its initial state)
        for line in log.read_text(errors="replace").splitlines():
            found = re.match(r"^Server (\S+) is (UP|DOWN)", line)
            if found:
                state[found.group(1)] = found.group(2)
        if "DOWN" not in state.values():
            return
        time.sleep(0.5)
    raise AssertionError("HAProxy did not see every replica up:\n" + log.read_text(errors="replace")[-3000:])


def marker() -> str:
    return "mk" + "".join(chr(ord("a") + int(c, 16) % 26) for c in uuid.uuid4().hex[:12])


def say(url: str, chat: str, text: str) -> tuple[int, str]:
    body = json.dumps({"sender": chat, "message": text}).encode()
    result = http("POST", f"{url}/webhooks/rest/webhook", body, {"Content-Type": "application/json"},
                  timeout=TURN_TIMEOUT)
    return result.status, json.dumps(result.body, ensure_ascii=False)


def test_a_long_polling_socket_session_stays_on_the_replica_that_made_it(cluster: Cluster) -> None:
    client = socketio.SimpleClient()
    # Polling only: each poll is a new HTTP request, and a replica that did not make the session refuses it.
    client.connect(cluster.proxy_url, transports=["polling"], wait_timeout=10)
    try:
        client.emit("session_request", {"session_id": None})
        event, _session = client.receive(timeout=60)
        assert event == "session_confirm"
        for text in ("hei", "hva er retten til innsyn?", "takk"):
            client.emit("user_uttered", {"message": text, "message_id": uuid.uuid4().hex[:12]})
            while True:
                event, data = client.receive(timeout=60)
                if event == "vern_turn":
                    break
    finally:
        client.client.eio.disconnect(abort=True)
        client.disconnect()


def test_two_hundred_chats_never_mix_and_survive_a_replica_killed_mid_chat(cluster: Cluster) -> None:
    chats = [(f"scale-{i}-{uuid.uuid4().hex[:8]}", marker()) for i in range(CONVERSATIONS)]
    assert len({m for _, m in chats}) == CONVERSATIONS

    with ThreadPoolExecutor(max_workers=CONVERSATIONS) as pool:
        first = list(pool.map(lambda c: say(cluster.proxy_url, c[0], "slett alle opplysningene dere har om meg"),
                              chats))
    assert all(status == 200 for status, _ in first), sorted({s for s, _ in first})

    # Every chat is now in the middle of its erasure form; one replica dies without a goodbye.
    victim = cluster.replicas[1].processes["rasa"]
    os.killpg(victim.pid, signal.SIGKILL)
    victim.wait(timeout=20)

    with ThreadPoolExecutor(max_workers=CONVERSATIONS) as pool:
        second = list(pool.map(lambda c: say(cluster.proxy_url, c[0], f"x@{c[1]}.example.org"), chats))
    statuses = [status for status, _ in second]
    assert all(status == 200 for status in statuses), sorted(set(statuses))

    store = redis.Redis.from_url(redis_url())
    for (chat, own), (_, reply) in zip(chats, second):
        # The form went on where it was (the code goes to the address just given) and nothing of another chat.
        assert set(MARKER.findall(reply)) == {own}, (chat, reply[:300])
        tracker = store.get(f"vern:tracker:{chat}")
        assert tracker is not None
        assert set(MARKER.findall(tracker.decode("utf-8", "replace"))) == {own}, chat
