"""A citizen asks for a person, a caseworker takes the chat in the console and answers; the citizen's
side receives it through Rasa's HTTP API; ending deletes the chat from every store."""

from __future__ import annotations

import json
import re
import time
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine

from bot.db.engine import create_db_engine
from bot.i18n import translate
from bot.i18n.widget import WIDGET_STRINGS
from tests.e2e.test_console import ConsoleClient, signed_in
from tests.support.services import postgres_url
from tests.support.stack import VernStack, post_json
from tests.support.stored import everything_stored


@pytest.fixture(scope="module")
def engine() -> Iterator[Engine]:
    db = create_db_engine(postgres_url())
    yield db
    db.dispose()


def updates(stack: VernStack, chat: str, since: float = 0) -> dict[str, Any]:
    result = post_json(f"{stack.web_url}/api/chat/updates", {"sender": chat, "since": since})
    assert result.status == 200
    return dict(result.body)


def wait_for(stack: VernStack, chat: str, wanted: str, since: float = 0, timeout: float = 10) -> tuple[float, dict]:
    """Seconds until `wanted` reached the chat, and the message as the widget gets it."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        for message in updates(stack, chat, since)["messages"]:
            if message["text"] == wanted:
                return time.monotonic() - start, message
        time.sleep(0.1)
    raise AssertionError(f"{wanted!r} did not reach the chat")


def chat_id_in_queue(client: ConsoleClient, language: str) -> int:
    page = client.call("GET", "/console/chats").text
    ids = re.findall(r'<tr data-chat="(\d+)" class="waiting">.*?<td>' + language + "</td>", page)
    assert ids, "the waiting chat is in the console's queue"
    return int(ids[-1])


def take_waiting_chat(stack: VernStack, engine: Engine, language: str) -> tuple[ConsoleClient, int, str]:
    """A caseworker signs in to the console and takes the newest waiting chat in `language`."""
    console, _ = signed_in(stack, engine)
    handoff_id = chat_id_in_queue(console, language)
    csrf = console.csrf("/console/chats")
    assert console.call("POST", f"/console/chats/{handoff_id}/take", {"csrf": csrf}).status == 302
    return console, handoff_id, csrf


def test_a_caseworker_takes_a_waiting_chat_answers_and_ending_deletes_it(stack: VernStack, engine: Engine) -> None:
    chat = f"handoff-{uuid.uuid4().hex}"
    # A word of no request: "a question about innsyn" may start the request form (issue 16, item 7), and
    # "a question about sak…" (a case) the status question.
    marker = f"tema{uuid.uuid4().hex[:6]}"
    stack.say(chat, f"hei, jeg har et spørsmål om {marker}")
    (offer,) = stack.say(chat, "kan jeg snakke med et menneske?")
    assert offer["text"] == translate("handoff_offer", "nb", contact="personvern@example.org")
    queued = stack.say(chat, "/confirm_handoff")
    assert re.fullmatch(translate("handoff_queued", "nb", position=r"\d+").replace(".", r"\."), queued[0]["text"])
    assert {"vern_control": "await_updates", "handoff": True} in [m.get("custom") for m in queued]

    client, caseworker = signed_in(stack, engine)
    handoff_id = chat_id_in_queue(client, "nb")
    csrf = client.csrf("/console/chats")
    assert client.call("POST", f"/console/chats/{handoff_id}/take", {"csrf": csrf}).status == 302
    wait_for(stack, chat, translate("handoff_joined", "nb"))

    page = client.call("GET", f"/console/chats/{handoff_id}").text
    assert marker in page, "the caseworker reads the conversation so far"
    assert "/confirm_handoff" not in page and "EXTERNAL" not in page, "button presses are not chat lines"
    other, _ = signed_in(stack, engine)
    assert other.call("POST", f"/console/chats/{handoff_id}/take",
                      {"csrf": other.csrf("/console/chats")}).status == 409, "one caseworker per chat"

    reply = "Hei, du snakker med en saksbehandler. Hva gjelder det?"
    sent_at = time.monotonic()
    assert client.call("POST", f"/console/chats/{handoff_id}/send", {"csrf": csrf, "message": reply}).status == 302
    seconds, message = wait_for(stack, chat, reply)
    assert message["from"] == "caseworker", "marked as coming from a person"
    assert time.monotonic() - sent_at < 5 and seconds < 5
    # A REST client polls Rasa's own port for the same (docs/rasa-clients.md, "REST clients").
    rest = post_json(f"{stack.rasa_url}/webhooks/rest/updates", {"sender": chat, "since": 0})
    assert rest.status == 200 and rest.body["handoff"] == "taken"
    polled = [{"text": m["text"], "from": m["from"]} for m in rest.body["messages"]]
    assert {"text": reply, "from": "caseworker"} in polled

    # The person's messages now go to the caseworker, not the bot.
    answer = stack.say(chat, f"Jeg vil vite hva som står om {marker}")
    assert answer == [{"recipient_id": chat, "custom": {"vern_control": "to_caseworker"}}]
    live = json.loads(client.call("GET", f"/console/chats/{handoff_id}/messages").text)
    assert {"from": "person", "text": f"Jeg vil vite hva som står om {marker}"} in [
        {"from": m["from"], "text": m["text"]} for m in live["messages"]]

    confirm = client.call("POST", f"/console/chats/{handoff_id}/end", {"csrf": csrf})
    assert confirm.status == 200 and "cannot be undone" in confirm.text, "ending asks first"
    assert client.call("POST", f"/console/chats/{handoff_id}/end", {"csrf": csrf, "confirmed": "yes"}).status == 302
    state = updates(stack, chat)
    assert state["handoff"] == "ended" and state["ended_text"] == translate("handoff_ended", "nb")
    stored = everything_stored(stack.var_dir)
    assert marker not in stored and reply not in stored, "the chat is deleted from every store at once"
    with engine.connect() as connection:
        audited = connection.execute(text("SELECT count(*) FROM audit_log WHERE event = 'handoff.ended'")).scalar()
    assert audited and audited >= 1, "a pseudonymous audit entry remains"
    assert client.call("GET", f"/console/chats/{handoff_id}").status == 404


def test_the_chat_queue_needs_a_session_and_forms_need_the_token(stack: VernStack, engine: Engine) -> None:
    anonymous = ConsoleClient(stack.web_url)
    assert anonymous.call("GET", "/console/chats").status == 302
    assert anonymous.call("GET", "/console/chats.json").status == 302
    client, _ = signed_in(stack, engine)
    assert client.call("POST", "/console/chats/1/take", {"csrf": "forged"}).status == 403


def test_the_person_can_end_the_chat_from_the_widget(stack: VernStack, engine: Engine) -> None:
    chat = f"handoff-{uuid.uuid4().hex}"
    stack.say(chat, "I would like to talk to a human")
    stack.say(chat, "/confirm_handoff")
    client, _ = signed_in(stack, engine)
    handoff_id = chat_id_in_queue(client, "en")
    assert post_json(f"{stack.web_url}/api/chat/end", {"sender": chat}).status == 200
    assert updates(stack, chat)["handoff"] == "ended"
    assert client.call("GET", f"/console/chats/{handoff_id}").status == 404


def test_in_real_browsers_the_citizen_sees_the_caseworkers_reply_and_the_end(
    stack: VernStack, engine: Engine, browser: Any
) -> None:
    from tests.e2e.test_console import PASSWORD, new_user

    citizen = browser.new_context().new_page()
    citizen.goto(stack.web_url + "/")
    citizen.fill("#vern-input", "kan jeg snakke med et menneske?")
    citizen.press("#vern-input", "Enter")
    citizen.click(f'.vern-buttons button:has-text("{translate("handoff_yes", "nb")}")')
    citizen.wait_for_selector("text=i køen", timeout=30_000)
    status = citizen.locator('[data-testid="vern-status"]')
    citizen.wait_for_function(
        "t => document.querySelector('[data-testid=\"vern-status\"]').innerText === t",
        arg=WIDGET_STRINGS["nb"]["caseworker_waiting"], timeout=10_000)

    user = new_user(stack, engine)
    console = browser.new_context().new_page()
    console.goto(stack.web_url + "/console/login")
    console.fill("#username", user.name)
    console.fill("#password", PASSWORD)
    console.fill("#code", user.code())
    console.click("button[type=submit]")
    console.goto(stack.web_url + "/console/chats")
    console.locator("tr.waiting").last.locator("button").click()
    console.wait_for_selector("#message", timeout=15_000)
    reply = "Hei, jeg er saksbehandler. Hvordan kan jeg hjelpe?"
    console.fill("#message", reply)
    console.click('button:has-text("Send")')

    shown = citizen.locator(".vern-msg.caseworker", has_text=reply)
    shown.wait_for(timeout=5_000)
    assert status.inner_text() == WIDGET_STRINGS["nb"]["caseworker_joined"], "only now: a caseworker has it"
    citizen.fill("#vern-input", "Jeg lurer på en sak om meg")
    citizen.press("#vern-input", "Enter")
    console.wait_for_selector("text=Person: Jeg lurer på en sak om meg", timeout=5_000)

    console.click('button:has-text("End and delete the chat")')
    console.click('button:has-text("Yes, end and delete the chat")')
    citizen.wait_for_selector(f'text="{translate("handoff_ended", "nb")}"', timeout=10_000)
    assert status.inner_text() == "", "after the end, no one has taken over anything"
    assert citizen.evaluate("sessionStorage.getItem('vern.sender')") is None, "the next message is a new chat"


def test_the_second_miss_in_a_row_offers_a_caseworker(stack: VernStack) -> None:
    from tests.e2e.test_security import ACTION_CALL

    def user(intent: str) -> dict[str, Any]:
        return {"event": "user", "text": "…", "parse_data": {"intent": {"name": intent, "confidence": 0.2}}}

    def call(*intents: str) -> list[dict[str, Any]]:
        tracker = dict(ACTION_CALL["tracker"], slots={"language": "nn"},  # type: ignore[arg-type]
                       events=[user(intent) for intent in intents])
        body = dict(ACTION_CALL, next_action="action_not_understood", tracker=tracker)
        result = post_json(f"{stack.actions_url}/webhook", body,
                           {"X-Vern-Action-Secret": stack.secret("ACTION_SERVER_SECRET")})
        assert result.status == 200
        return list(result.body["responses"])

    (first,) = call("greet", "nlu_fallback")
    assert first.get("response") == "utter_default", "one miss: ask to rephrase"
    (second,) = call("greet", "nlu_fallback", "nlu_fallback")
    assert second["text"] == translate("handoff_after_misses", "nn", contact="personvern@example.org")
    assert [b["payload"] for b in second["buttons"]] == ["/confirm_handoff", "/deny"]
