"""Load: 200 conversations at once through the REST channel, each with its own marker.

Vern echoes part of an e-mail address back ("I have sent a code to
x•••@<marker>.example.org"), so a reply or a tracker that mixed two
conversations up would show another conversation's marker. Bounded: two turns
per conversation, loopback only."""

from __future__ import annotations

import json
import re
import uuid
from concurrent.futures import ThreadPoolExecutor

import redis

from tests.support.services import redis_url
from tests.support.stack import VernStack, http

CONVERSATIONS = 200
# 400 turns queue up on two cores; a turn may wait long, but it must not fail.
TURN_TIMEOUT = 300
MARKER = re.compile(r"mk[a-z]{12}")


def marker() -> str:
    return "mk" + "".join(chr(ord("a") + int(c, 16) % 26) for c in uuid.uuid4().hex[:12])


def conversation(stack: VernStack, index: int, own: str) -> dict[str, object]:
    chat = f"load-{index}-{uuid.uuid4().hex[:8]}"
    statuses, replies = [], []
    for text in ("slett alle opplysningene dere har om meg", f"x@{own}.example.org"):
        body = json.dumps({"sender": chat, "message": text}).encode()
        result = http("POST", f"{stack.rasa_url}/webhooks/rest/webhook", body,
                      {"Content-Type": "application/json"}, timeout=TURN_TIMEOUT)
        statuses.append(result.headers.get("x-vern-error", result.status))  # a failed turn answers 200 too
        replies.append(json.dumps(result.body, ensure_ascii=False))
    return {"chat": chat, "marker": own, "statuses": statuses, "replies": "\n".join(replies)}


def test_two_hundred_concurrent_conversations_never_mix(stack: VernStack) -> None:
    markers = [marker() for _ in range(CONVERSATIONS)]
    assert len(set(markers)) == CONVERSATIONS
    with ThreadPoolExecutor(max_workers=CONVERSATIONS) as pool:
        results = list(pool.map(lambda i: conversation(stack, i, markers[i]), range(CONVERSATIONS)))

    statuses = [status for r in results for status in r["statuses"]]  # type: ignore[attr-defined]
    assert all(status == 200 for status in statuses), sorted(set(statuses))
    store = redis.Redis.from_url(redis_url())
    for result in results:
        seen = set(MARKER.findall(str(result["replies"])))
        assert seen == {result["marker"]}, (result["chat"], seen)
        tracker = store.get(f"vern:tracker:{result['chat']}")
        assert tracker is not None
        assert set(MARKER.findall(tracker.decode("utf-8", "replace"))) == {result["marker"]}, result["chat"]
