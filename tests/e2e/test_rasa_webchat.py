"""rasa-webchat itself, the standard Rasa widget many municipalities already embed, pointed at Vern.

The widget is the npm package's standalone build (rasa-webchat 1.0.1, vendored
in tests/support/vendor by scripts/vendor-js.sh), on a page of an allowed
origin, configured as docs/rasa-clients.md says, in the machine's Chromium.
Nothing here knows Vern's own widget: what a person sees is what any Rasa
client would show."""

from __future__ import annotations

import datetime
import random
import threading
import time
import urllib.parse
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from bot.config import PROJECT_ROOT
from bot.i18n import translate
from bot.services.pii_warning import warning_text
from tests.e2e.test_guardian_consent import WEB_LINK, born_for_age
from tests.e2e.test_handoff import take_waiting_chat
from tests.pii.generators import norwegian_id
from tests.support.domain import expected
from tests.support.mailbox import code_for, new_address
from tests.support.services import postgres_url
from tests.support.stack import VernStack, http

WEBCHAT = Path(__file__).resolve().parent.parent / "support" / "vendor" / "rasa-webchat.js"
ARTIFACTS = PROJECT_ROOT / "test-artifacts"
REPLY_TIMEOUT = 30_000


def webchat_page(rasa_url: str, language: str) -> str:
    # The settings docs/rasa-clients.md gives; a short message delay keeps the test about Vern, not the widget.
    return (
        f'<!doctype html><html lang="{language}"><head><meta charset="utf-8"><title>Eksempel kommune</title></head>'
        '<body><h1>Eksempel kommune</h1><div id="webchat"></div><script src="/rasa-webchat.js"></script><script>'
        "WebChat.default({"
        f'socketUrl: "{rasa_url}", socketPath: "/socket.io/", customData: {{language: "{language}"}},'
        'params: {storage: "session"}, embedded: true, title: "Vern", customMessageDelay: function () { return 50; }'
        '}, document.getElementById("webchat"));</script></body></html>'
    )


class _Page(BaseHTTPRequestHandler):
    rasa_url = ""

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        url = urllib.parse.urlsplit(self.path)
        if url.path == "/rasa-webchat.js":
            body, kind = WEBCHAT.read_bytes(), "application/javascript"
        else:
            language = urllib.parse.parse_qs(url.query).get("lang", ["nb"])[0]
            body, kind = webchat_page(self.rasa_url, language).encode(), "text/html; charset=utf-8"
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args: Any) -> None:
        pass


@pytest.fixture
def municipality(stack: VernStack) -> Iterator[str]:
    """The municipality's page, on the origin WIDGET_ORIGINS allows besides Vern's own."""
    handler = type("Page", (_Page,), {"rasa_url": stack.rasa_url})
    server = ThreadingHTTPServer(("127.0.0.1", stack.ports["embed"]), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{stack.ports['embed']}/"
    finally:
        server.shutdown()
        server.server_close()


def open_webchat(page: Any, url: str, language: str = "nb") -> None:
    page.goto(f"{url}?lang={language}")
    page.wait_for_selector(".rw-new-message", timeout=REPLY_TIMEOUT)
    page.wait_for_function("() => !!sessionStorage.getItem('chat_session')", timeout=REPLY_TIMEOUT)


def bot_texts(page: Any) -> list[str]:
    return [t.strip() for t in page.locator(".rw-response").all_inner_texts()]


def send(page: Any, text: str) -> None:
    page.fill(".rw-new-message", text)
    page.press(".rw-new-message", "Enter")


def wait_for_bot(page: Any, text: str, timeout: float = REPLY_TIMEOUT) -> float:
    """Seconds until a bot message containing `text` is on screen."""
    start = time.monotonic()
    page.locator(".rw-response", has_text=text).first.wait_for(timeout=timeout)
    return time.monotonic() - start


def session_of(page: Any) -> str:
    import json

    stored = json.loads(page.evaluate("sessionStorage.getItem('chat_session')"))
    return str(stored["session_id"])


def user_texts(stack: VernStack, chat: str) -> list[str]:
    tracker = http("GET", f"{stack.rasa_url}/conversations/{chat}/tracker",
                   headers={"Authorization": f"Bearer {stack.secret('RASA_API_TOKEN')}"})
    assert tracker.status == 200
    return [e.get("text") or "" for e in tracker.body["events"] if e["event"] == "user"]


def mailed_code(stack: VernStack, address: str, timeout: float = 20) -> str:
    deadline = time.monotonic() + timeout
    while True:
        try:
            return code_for(stack, address)
        except AssertionError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def screenshot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"rasa-webchat-{name}.png"))


def test_a_conversation_in_bokmal_with_quick_replies(stack: VernStack, page: Any, municipality: str) -> None:
    open_webchat(page, municipality, "nb")
    send(page, "slett denne samtalen")
    wait_for_bot(page, expected("utter_confirm_forget_chat", "nb")[:40])
    replies = page.locator(".rw-reply")
    assert replies.all_inner_texts() == ["Ja, slett", "Nei"]
    screenshot(page, "nb-quick-replies")
    replies.last.click()
    page.locator(".rw-client", has_text="Nei").wait_for(timeout=REPLY_TIMEOUT)
    page.wait_for_function("() => document.querySelectorAll('.rw-response').length >= 2", timeout=REPLY_TIMEOUT)
    assert session_of(page), "the chat is kept in the tab's session storage"


def test_a_conversation_in_english_set_by_the_pages_custom_data(
    stack: VernStack, page: Any, municipality: str
) -> None:
    open_webchat(page, municipality, "en")
    send(page, "please delete this conversation")
    wait_for_bot(page, expected("utter_confirm_forget_chat", "en")[:40])
    assert page.locator(".rw-reply").all_inner_texts() == ["Yes, delete", "No"]
    page.locator(".rw-reply", has_text="Yes, delete").click()
    wait_for_bot(page, translate("chat_forgotten", "en"))
    screenshot(page, "en-forgotten")


def test_a_national_id_gets_the_warning_in_the_widget(stack: VernStack, page: Any, municipality: str) -> None:
    national_id = norwegian_id(datetime.date(1992, 11, 3), random.randint(100, 400))
    open_webchat(page, municipality, "nb")
    send(page, f"fødselsnummeret mitt er {national_id}, hva har dere om meg?")
    warning = warning_text(("national_id",), "nb", 15)
    wait_for_bot(page, warning[:60])
    page.wait_for_function("() => document.querySelectorAll('.rw-response').length >= 2", timeout=REPLY_TIMEOUT)
    assert any(warning[:60] in text for text in bot_texts(page))
    said = user_texts(stack, session_of(page))
    assert said and national_id not in "".join(said) and "<number>" in said[-1], "Vern kept only the masked text"
    screenshot(page, "pii-warning")


def test_an_over_long_message_gets_a_visible_error(stack: VernStack, page: Any, municipality: str) -> None:
    open_webchat(page, municipality, "nb")
    send(page, "Jeg har et spørsmål. " * 120)  # 2,520 characters
    wait_for_bot(page, translate("error_message_too_long", "nb", limit=2000)[:40])
    screenshot(page, "too-long")


def test_a_caseworkers_reply_from_the_console_shows_within_5_seconds(
    stack: VernStack, page: Any, municipality: str
) -> None:
    from bot.db.engine import create_db_engine

    open_webchat(page, municipality, "nb")
    send(page, "kan jeg snakke med et menneske?")
    page.locator(".rw-reply", has_text=translate("handoff_yes", "nb")).click(timeout=REPLY_TIMEOUT)
    wait_for_bot(page, "i køen")
    engine = create_db_engine(postgres_url())
    try:
        console, handoff_id, csrf = take_waiting_chat(stack, engine, "nb")
        wait_for_bot(page, translate("handoff_joined", "nb"), 10_000)
        reply = f"Hei, jeg er saksbehandler {random.randint(100, 999)}. Hva gjelder det?"
        console.call("POST", f"/console/chats/{handoff_id}/send", {"csrf": csrf, "message": reply})
        seconds = wait_for_bot(page, reply, 5_000)
        assert seconds < 5
        screenshot(page, "caseworker")
        send(page, "Jeg lurer på en sak om meg")
        page.locator(".rw-client", has_text="Jeg lurer på en sak om meg").wait_for(timeout=REPLY_TIMEOUT)
        console.call("POST", f"/console/chats/{handoff_id}/end", {"csrf": csrf})
    finally:
        engine.dispose()


def test_a_guardians_answer_shows_in_the_childs_widget(stack: VernStack, page: Any, municipality: str) -> None:
    address = new_address()
    open_webchat(page, municipality, "nb")
    send(page, "jeg vil være med på videoopptak av treningen")
    wait_for_bot(page, translate("consent_ask_birth_year", "nb")[:30])
    send(page, str(born_for_age(12)))  # the age first: the notice comes in a child's words
    page.locator(".rw-reply").first.wait_for(timeout=REPLY_TIMEOUT)
    page.locator(".rw-reply").first.click()  # yes
    wait_for_bot(page, expected("utter_ask_email", "nb")[:30])
    send(page, address)
    send(page, mailed_code(stack, address))
    wait_for_bot(page, translate("consent_needs_guardian_only@child", "nb", age=13)[:40])
    wait_for_bot(page, "/guardian/")  # the web link for a parent without Telegram, in a message of its own
    link = WEB_LINK.search("\n".join(bot_texts(page)))
    assert link, bot_texts(page)
    token = link.group(1)

    parent = new_address()
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    http("POST", f"{stack.web_url}/guardian/{token}/code", urllib.parse.urlencode({"email": parent}).encode(), form)
    answer = urllib.parse.urlencode({"email": parent, "code": mailed_code(stack, parent), "decision": "approve"})
    assert http("POST", f"{stack.web_url}/guardian/{token}/answer", answer.encode(), form).status == 200
    wait_for_bot(page, translate("guardian_approved_child@child", "nb", title="Film av treningen")[:40], 15_000)
    screenshot(page, "guardian")
