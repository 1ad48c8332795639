"""Faults: Redis and PostgreSQL go away in the middle of a request and of its code check, then come back.

Vern reaches the machine's servers through proxies the tests cut and restore,
so the outage is real to Vern (connections drop, new ones are refused) and
harmless to every other test. The person must be told plainly to try again,
nobody may become verified while a store is down, no case may be lost or
doubled, and the conversation must carry on once the store is back. (An SMTP
outage is covered in test_requests: the request is kept and the code resent.)"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator

import pytest

from bot.i18n import translate
from tests.support.fault_proxy import FaultProxy
from tests.support.mailbox import code_for, new_address
from tests.support.services import postgres_url, redis_url
from tests.support.stack import VernStack, post_json
from tests.support.stored import case_count_for_chat

REFERENCE = re.compile(r"VRN-[A-Z0-9]{4}-[A-Z0-9]{2}")
TRY_AGAIN = (translate("error_unavailable", "nb"), translate("service_unavailable", "nb"))


class Outages:
    def __init__(self, vern: VernStack, redis_proxy: FaultProxy, postgres_proxy: FaultProxy) -> None:
        self.vern = vern
        self.redis = redis_proxy
        self.postgres = postgres_proxy


@pytest.fixture(scope="module")
def outages(stack: VernStack, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Outages]:
    """A second Vern on the same Redis and PostgreSQL as `stack` (migrated by it), through cuttable proxies."""
    from sqlalchemy.engine import make_url

    redis_parts = re.match(r"redis://(?:[^@]*@)?([^:/]+):(\d+)/(\d+)", redis_url())
    assert redis_parts is not None
    redis_proxy = FaultProxy(redis_parts.group(1), int(redis_parts.group(2))).start()
    pg = make_url(postgres_url())
    postgres_proxy = FaultProxy(pg.host or "127.0.0.1", pg.port or 5432).start()
    assert stack.smtp is not None
    vern = VernStack(
        {
            "REDIS_URL": f"redis://127.0.0.1:{redis_proxy.port}/{redis_parts.group(3)}",
            "DATABASE_URL": str(pg.set(host="127.0.0.1", port=postgres_proxy.port)),
            "SMTP_URL": stack.smtp.url(),
        },
        tmp_path_factory.mktemp("faults-var"),
        smtp=stack.smtp,
    )
    try:
        vern.start("actions", "rasa")
        yield Outages(vern, redis_proxy, postgres_proxy)
    finally:
        redis_proxy.restore()
        postgres_proxy.restore()
        vern.stop()
        redis_proxy.cut()
        postgres_proxy.cut()


def say(vern: VernStack, chat: str, message: str) -> tuple[int | str, str]:
    """The status, or the error a failed turn names (it answers 200 with words, as every turn does)."""
    result = post_json(f"{vern.rasa_url}/webhooks/rest/webhook", {"sender": chat, "message": message})
    messages = result.body if isinstance(result.body, list) else []
    return result.headers.get("x-vern-error", result.status), "\n".join(m["text"] for m in messages if "text" in m)


def start_request(vern: VernStack) -> tuple[str, str, str]:
    chat, address = f"fault-{uuid.uuid4().hex}", new_address()
    status, _ = say(vern, chat, "slett alle opplysningene dere har om meg")
    assert status == 200
    status, reply = say(vern, chat, address)
    assert status == 200 and "@example.org" in reply
    return chat, address, code_for(vern, address)


def test_redis_down_during_the_code_check(outages: Outages) -> None:
    vern = outages.vern
    chat, _address, code = start_request(vern)
    outages.redis.cut()
    try:
        status, reply = say(vern, chat, code)
        assert status == "error_unavailable" and reply == translate("error_unavailable", "nb")
        assert not REFERENCE.search(reply)
    finally:
        outages.redis.restore()
    assert case_count_for_chat(chat) == 0, "nobody was verified while Redis was down"
    status, reply = say(vern, chat, code)
    assert status == 200 and REFERENCE.search(reply), "the same code works once Redis is back: nothing was used up"
    assert case_count_for_chat(chat) == 1


def test_postgres_down_during_the_code_check(outages: Outages) -> None:
    vern = outages.vern
    chat, _address, code = start_request(vern)
    outages.postgres.cut()
    try:
        status, reply = say(vern, chat, code)
        assert any(words in reply for words in TRY_AGAIN), reply
        assert not REFERENCE.search(reply), "no case without the database"
    finally:
        outages.postgres.restore()
    status, reply = say(vern, chat, code)
    references = set(REFERENCE.findall(reply))
    assert status == 200 and len(references) == 1, reply
    assert case_count_for_chat(chat) == 1, "the case was neither lost nor made twice"


def test_a_conversation_carries_on_after_postgres_returns(outages: Outages) -> None:
    vern = outages.vern
    chat = f"fault-{uuid.uuid4().hex}"
    assert say(vern, chat, "hi, what can you do?")[0] == 200
    outages.postgres.cut()
    try:
        status, reply = say(vern, chat, "what is the right of access?")
        assert status in (200, "error_unavailable") and "Traceback" not in reply and reply
    finally:
        outages.postgres.restore()
    status, reply = say(vern, chat, "and the right to erasure?")
    assert status == 200 and reply

