"""Two Rasa servers and two action servers on the machine's one Redis (tracker and lock store) and PostgreSQL.

A load balancer may send each message of a conversation to either replica.
Nothing may be lost or done twice: every message is in the conversation once,
in order, and a request becomes exactly one case. (That one retention worker
leads at a time is tested in tests/retention/test_leader.py.)"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.support.mailbox import code_for, new_address
from tests.support.stack import VernStack, http, post_json
from tests.support.stored import case_count_for_chat

REFERENCE = re.compile(r"VRN-[A-Z0-9]{4}-[A-Z0-9]{2}")
SHARED_SECRETS = ("SECRET_KEY", "RASA_API_TOKEN", "ACTION_SERVER_SECRET")


@pytest.fixture(scope="module")
def second(stack: VernStack, tmp_path_factory: pytest.TempPathFactory) -> Iterator[VernStack]:
    """The second replica: the first one's stores and secrets, its own ports and processes."""
    env = dict(stack.env_overrides)
    env.update({name: stack.secret(name) for name in SHARED_SECRETS})
    replica = VernStack(env, tmp_path_factory.mktemp("replica-var"), smtp=stack.smtp)
    try:
        replica.start("actions", "rasa")
        yield replica
    finally:
        replica.stop()


def say(replica: VernStack, chat: str, message: str) -> str:
    result = post_json(f"{replica.rasa_url}/webhooks/rest/webhook", {"sender": chat, "message": message})
    assert result.status == 200 and "x-vern-error" not in result.headers, (result.status, result.body)
    return "\n".join(m.get("text", "") for m in result.body)


def user_texts(stack: VernStack, chat: str) -> list[str]:
    tracker = http("GET", f"{stack.rasa_url}/conversations/{chat}/tracker?token={stack.secret('RASA_API_TOKEN')}")
    return [e["text"] for e in tracker.body["events"] if e["event"] == "user"]


def test_a_request_alternating_between_replicas_becomes_one_case(stack: VernStack, second: VernStack) -> None:
    chat, address = f"replica-{uuid.uuid4().hex}", new_address()
    say(stack, chat, "jeg vil at dere sletter alt dere har om meg")
    assert "@example.org" in say(second, chat, address), "the second replica knows the form the first one began"
    assert user_texts(stack, chat) == ["jeg vil at dere sletter alt dere har om meg", address]
    done = say(stack, chat, code_for(stack, address))
    assert REFERENCE.search(done), done
    assert case_count_for_chat(chat) == 1


def test_simultaneous_messages_of_one_chat_on_both_replicas_are_each_handled_once(
    stack: VernStack, second: VernStack
) -> None:
    chats = [f"replica-{uuid.uuid4().hex}" for _ in range(10)]
    messages = ["hva er retten til innsyn?", "hva betyr sletting?"]

    def both(chat: str) -> None:
        with ThreadPoolExecutor(max_workers=2) as pool:
            list(pool.map(lambda pair: say(pair[0], chat, pair[1]), zip((stack, second), messages)))

    with ThreadPoolExecutor(max_workers=len(chats)) as pool:
        list(pool.map(both, chats))
    for chat in chats:
        texts = user_texts(stack, chat)
        assert sorted(texts) == sorted(messages), (chat, texts)
        events = http("GET", f"{second.rasa_url}/conversations/{chat}/tracker?"
                             f"token={second.secret('RASA_API_TOKEN')}").body["events"]
        answered = [e for e in events if e["event"] == "action" and e["name"] == "action_listen"]
        assert len(answered) >= 2, json.dumps(events)[:500]
