"""Rasa's HTTP API on the running stack: the guard in front of it, and numbers masked on every way in."""

from __future__ import annotations

import datetime
import random
import uuid

from tests.pii.generators import norwegian_id
from tests.support.stack import VernStack, http, post_json


def bearer(stack: VernStack) -> dict[str, str]:
    return {"Authorization": f"Bearer {stack.secret('RASA_API_TOKEN')}"}


def test_text_put_into_a_conversation_through_the_api_is_masked(stack: VernStack) -> None:
    chat = f"api-{uuid.uuid4().hex}"
    national_id = norwegian_id(datetime.date(1979, 8, 30), random.randint(100, 400))
    result = post_json(f"{stack.rasa_url}/conversations/{chat}/messages",
                       {"text": f"fødselsnummeret mitt er {national_id}", "sender": "user"}, bearer(stack))
    assert result.status == 200, result.body
    tracker = http("GET", f"{stack.rasa_url}/conversations/{chat}/tracker", headers=bearer(stack))
    assert tracker.status == 200, "the token from the Authorization header is accepted"
    texts = [e.get("text") or "" for e in tracker.body["events"] if e["event"] == "user"]
    assert texts and national_id not in str(tracker.body) and "<number>" in texts[-1]


def test_the_api_refuses_requests_that_came_through_the_public_proxy(stack: VernStack) -> None:
    proxied = {"X-Forwarded-For": "198.51.100.7"}
    token = stack.secret("RASA_API_TOKEN")
    assert http("GET", f"{stack.rasa_url}/conversations/x/tracker?token={token}", headers=proxied).status == 403
    assert http("GET", f"{stack.rasa_url}/version", headers=proxied).status == 403
    # The chat channels stay public.
    assert http("GET", f"{stack.rasa_url}/webhooks/rest/", headers=proxied).status == 200
    assert http("GET", f"{stack.rasa_url}/socket.io/", headers=proxied).status != 403
