"""Nobody can block a person's codes: throwaway chats from one connection spend only that connection's share.

On main, five chats from one client asking codes for the same address used up the address's five codes of
the hour, and the person (from their own device) heard "too many codes were sent" with no code."""

from __future__ import annotations

import json
from http.client import HTTPConnection
from urllib.parse import urlsplit

from bot.i18n import translate
from tests.e2e.test_requests import new_chat
from tests.support.mailbox import new_address
from tests.support.stack import VernStack

ASK = "I want you to restrict the processing of my data"


def texts_from(stack: VernStack, source: str, sender: str, message: str, claimed: str | None = None) -> str:
    """A chat turn over the REST channel from the loopback address `source` (another "client")."""
    address = urlsplit(stack.rasa_url)
    connection = HTTPConnection(address.hostname, address.port, timeout=120, source_address=(source, 0))
    try:
        payload: dict[str, object] = {"sender": sender, "message": message}
        if claimed:
            payload["metadata"] = {"vern_client": claimed}  # a client claiming to be another: ignored
        connection.request("POST", "/webhooks/rest/webhook", json.dumps(payload), {"Content-Type": "application/json"})
        answer = connection.getresponse()
        body = json.loads(answer.read())
    finally:
        connection.close()
    assert answer.status == 200 and answer.getheader("X-Vern-Error") is None, body
    return "\n".join(m.get("text", "") for m in body)


def ask_code(stack: VernStack, source: str, address: str) -> str:
    chat = new_chat()
    texts_from(stack, source, chat, ASK, claimed=chat)
    texts_from(stack, source, chat, '/inform{"restriction_ground": "a"}', claimed=chat)
    return texts_from(stack, source, chat, address, claimed=chat)


def test_throwaway_chats_from_one_client_do_not_block_the_persons_codes(stack: VernStack) -> None:
    victim = new_address()
    replies = [ask_code(stack, "127.0.0.3", victim) for _ in range(5)]
    sent = translate("code_sent", "en", email="", minutes=10).split("{")[0][:20]
    assert all(sent in reply for reply in replies[:3]), replies[:3]
    told = translate("code_rate_limited_client", "en", minutes=1, contact="x").split(" in ")[0]
    assert all(told in reply for reply in replies[3:]), "the asker hears it is their connection"
    assert "address itself is not blocked" in replies[4]

    mine = ask_code(stack, "127.0.0.4", victim)
    assert sent in mine, "the person, from their own connection, still gets a code"
