"""The web widget as citizens use it, in the machine's real Chromium: chat, language, buttons, warnings,
end, copy by e-mail, reload, keyboard only, accessibility, a phone's screen, and an embed on another origin.

Screenshots land in test-artifacts/ for people to look at."""

from __future__ import annotations

import datetime
import json
import random
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from bot.config import PROJECT_ROOT
from bot.i18n import translate
from bot.i18n.widget import WIDGET_STRINGS
from bot.services.pii_warning import warning_text
from tests.pii.generators import norwegian_id
from tests.support.mailbox import code_for, mails_to, new_address
from tests.support.services import free_port
from tests.support.stack import VernStack

ARTIFACTS = PROJECT_ROOT / "test-artifacts"
AXE = Path(__file__).resolve().parent.parent / "support" / "vendor" / "axe.min.js"
REPLY_TIMEOUT = 30_000


def screenshot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"widget-{name}.png"))


def send(page: Any, text: str) -> Any:
    """Type a message, press Enter, and wait for the bot's next reply; returns that reply's element."""
    before = page.locator('[data-who="bot"]').count()
    page.fill("#vern-input", text)
    page.press("#vern-input", "Enter")
    reply = page.locator('[data-who="bot"]').nth(before)
    reply.wait_for(timeout=REPLY_TIMEOUT)
    return reply


def open_demo(page: Any, stack: VernStack) -> None:
    page.goto(stack.web_url + "/")
    page.wait_for_selector("#vern-input:visible")


def test_a_conversation_in_bokmal_with_the_notice_and_buttons(stack: VernStack, page: Any) -> None:
    open_demo(page, stack)
    strings = WIDGET_STRINGS["nb"]
    notice = page.inner_text('[data-testid="vern-notice"]')
    assert "Ikke skriv personopplysninger" in notice and "15 minutter" in notice
    assert page.get_attribute("#vern-panel", "lang") == "nb"
    assert page.inner_text('[data-testid="vern-end"]') == strings["end"]
    send(page, "slett denne samtalen")
    buttons = page.locator(".vern-buttons button")
    assert buttons.count() >= 2
    screenshot(page, "nb-buttons")
    buttons.last.click()  # "no": the chat is kept
    page.locator('[data-who="bot"]').nth(1).wait_for(timeout=REPLY_TIMEOUT)
    assert page.locator(".vern-buttons button:disabled").count() == buttons.count(), "a used choice is spent"


def test_english_writers_get_english_and_the_picker_follows(stack: VernStack, page: Any) -> None:
    open_demo(page, stack)
    send(page, "hello, what can you help me with regarding my personal data?")
    page.wait_for_function("() => document.querySelector('#vern-language').value === 'en'", timeout=10_000)
    assert page.inner_text('[data-testid="vern-end"]') == WIDGET_STRINGS["en"]["end"]
    assert page.get_attribute("#vern-panel", "lang") == "en"
    screenshot(page, "en")


def test_the_language_picker_changes_the_widget_and_the_next_answer(stack: VernStack, page: Any) -> None:
    open_demo(page, stack)
    page.select_option("#vern-language", "nn")
    assert page.inner_text('[data-testid="vern-end"]') == WIDGET_STRINGS["nn"]["end"]
    assert "Ikkje skriv personopplysningar" in page.inner_text('[data-testid="vern-notice"]')
    page.select_option("#vern-language", "da")
    reply = send(page, "hei, hva kan du hjelpe meg med?")
    assert page.get_attribute("#vern-panel", "lang") == "da"
    assert page.input_value("#vern-language") == "da", "the picked language holds after the answer"
    assert reply.inner_text().strip(), "Vern answered"
    assert page.evaluate("sessionStorage.getItem('vern.lang')") == "da"


def test_a_national_id_is_masked_in_the_chat_with_the_warning_beside_it(stack: VernStack, page: Any) -> None:
    national_id = norwegian_id(datetime.date(1990, 5, 17), random.randint(100, 400))
    open_demo(page, stack)
    send(page, f"mitt fødselsnummer er {national_id}")
    mine = page.locator('[data-who="user"]').last
    mine.locator('[data-testid="vern-warning"]').wait_for(timeout=10_000)
    assert mine.locator('[data-testid="vern-warning"]').inner_text() == warning_text(("national_id",), "nb", 15)
    page.wait_for_function(
        "id => !document.querySelector('[data-testid=\"vern-log\"]').innerText.includes(id)", arg=national_id,
        timeout=10_000)
    assert "<number>" in mine.inner_text()
    assert national_id not in page.evaluate("JSON.stringify(sessionStorage)"), "the tab keeps only the masked text"
    screenshot(page, "pii-warning")


def test_after_a_warning_the_bots_reply_is_in_view(stack: VernStack, page: Any) -> None:
    national_id = norwegian_id(datetime.date(1991, 4, 2), random.randint(100, 400))
    open_demo(page, stack)
    for question in ("hva er personvern?", "hva betyr retten til innsyn?", "hva er en databehandleravtale?"):
        send(page, question)  # enough lines that the log scrolls
    before = page.locator('[data-who="bot"]').count()
    send(page, f"fødselsnummeret mitt er {national_id}, og jeg vil vite hva dere har lagret om meg")
    page.locator('[data-who="user"] [data-testid="vern-warning"]').last.wait_for(timeout=10_000)
    page.wait_for_timeout(300)  # let the receipt land: the message may grow once more
    in_view = page.evaluate("""n => {
        const log = document.querySelector('[data-testid="vern-log"]').getBoundingClientRect();
        const reply = document.querySelectorAll('[data-who="bot"]')[n].getBoundingClientRect();
        return reply.top >= log.top - 1 && reply.bottom <= log.bottom + 1;
    }""", before)
    assert in_view, "the reply below the warning is scrolled into view"


def test_a_pasted_text_over_the_limit_is_refused_visibly_not_cut(stack: VernStack, page: Any) -> None:
    open_demo(page, stack)
    text = "Jeg har et langt spørsmål. " * 80 + "Hva gjør jeg nå?"  # 2,176 characters, the question last
    page.fill("#vern-input", text)
    counter = page.locator('[data-testid="vern-counter"]')
    assert counter.is_visible()
    refused = WIDGET_STRINGS["nb"]["too_long"].format(limit=2000).replace("{count}", str(len(text.strip())))
    assert counter.inner_text() == refused
    page.press("#vern-input", "Enter")
    page.wait_for_timeout(500)
    assert page.locator('[data-who="user"]').count() == 0, "nothing was sent"
    assert page.input_value("#vern-input") == text, "nothing was cut: the question at the end is still there"
    assert page.get_attribute("#vern-input", "aria-invalid") == "true"
    page.fill("#vern-input", "Hva gjør jeg nå?")
    assert counter.is_hidden(), "a short message has no counter"
    send(page, "Hva gjør jeg nå?")


def test_end_chat_forgets_the_chat_in_the_tab(stack: VernStack, page: Any) -> None:
    open_demo(page, stack)
    send(page, "hei, hva gjør dere med opplysningene mine?")
    first = page.evaluate("sessionStorage.getItem('vern.sender')")
    page.click('[data-testid="vern-end"]')
    page.wait_for_selector(f'text="{translate("chat_ended", "nb", minutes=15)}"', timeout=REPLY_TIMEOUT)
    assert page.evaluate("sessionStorage.getItem('vern.sender')") is None
    send(page, "hei igjen")
    assert page.evaluate("sessionStorage.getItem('vern.sender')") != first, "a new message is a new chat"


def test_a_copy_of_the_chat_by_email_after_the_code(stack: VernStack, page: Any) -> None:
    address = new_address()
    open_demo(page, stack)
    send(page, "hva betyr retten til innsyn?")
    page.click('[data-testid="vern-copy"]')
    page.fill("#vern-copy-email", address)
    page.click('[data-testid="vern-copy-submit"]')
    page.wait_for_selector("#vern-copy-code:visible", timeout=REPLY_TIMEOUT)
    assert page.inner_text('[data-testid="vern-copy-status"]') == translate("copy_code_sent", "nb")
    screenshot(page, "copy")
    page.fill("#vern-copy-code", code_for(stack, address))
    page.click('[data-testid="vern-copy-submit"]')
    page.wait_for_selector(f'[data-testid="vern-status"]:has-text("{translate("copy_sent", "nb")}")',
                           timeout=REPLY_TIMEOUT)
    assert page.is_hidden("#vern-copy-form")
    assert page.input_value("#vern-copy-email") == "", "the address is cleared from the form too"
    assert address not in page.evaluate("JSON.stringify(sessionStorage)")
    copy = mails_to(stack, address)[-1]
    assert "hva betyr retten til innsyn?" in copy


def test_a_reload_keeps_the_conversation(stack: VernStack, page: Any) -> None:
    open_demo(page, stack)
    send(page, "hva er en databehandleravtale?")
    sender = page.evaluate("sessionStorage.getItem('vern.sender')")
    shown = page.locator('[data-who]').count()
    page.reload()
    page.wait_for_function(f"() => document.querySelectorAll('[data-who]').length >= {shown}", timeout=10_000)
    assert page.evaluate("sessionStorage.getItem('vern.sender')") == sender
    assert sender not in page.url, "the chat id never goes into a URL"
    send(page, "takk")
    assert page.evaluate("sessionStorage.getItem('vern.sender')") == sender, "the same chat carried on"


def test_keyboard_only(stack: VernStack, browser: Any) -> None:
    page = browser.new_page()
    try:
        page.goto(stack.web_url + "/")
        page.evaluate("document.querySelector('[data-testid=\"vern-close\"]').click()")
        page.wait_for_selector('[data-testid="vern-launcher"]:visible')
        assert page.evaluate("document.activeElement.dataset.testid") == "vern-launcher", "focus returns on close"
        page.keyboard.press("Enter")
        page.wait_for_selector("#vern-panel:visible")
        assert page.evaluate("document.activeElement.id") == "vern-input", "opening puts the cursor in the input"
        page.keyboard.type("slett denne samtalen")
        page.keyboard.press("Enter")
        page.locator(".vern-buttons button").first.wait_for(timeout=REPLY_TIMEOUT)
        # Shift+Tab walks back from the input into the log's buttons: every control is reachable by keyboard.
        for _ in range(12):
            page.keyboard.press("Shift+Tab")
            if page.evaluate("!!document.activeElement.closest('.vern-buttons')"):
                break
        assert page.evaluate("!!document.activeElement.closest('.vern-buttons')"), "the choices take focus"
        page.keyboard.press("Enter")
        page.locator('[data-who="bot"]').nth(1).wait_for(timeout=REPLY_TIMEOUT)
        page.keyboard.press("Escape")
        page.wait_for_selector("#vern-panel", state="hidden")
        assert page.evaluate("document.activeElement.dataset.testid") == "vern-launcher"
    finally:
        page.close()


def test_axe_finds_no_serious_accessibility_violations(stack: VernStack, browser: Any) -> None:
    # axe is injected as a script; Vern's own CSP rightly forbids that, so this context bypasses it.
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    try:
        open_demo(page, stack)
        send(page, "slett denne samtalen")
        page.click('[data-testid="vern-copy"]')
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("axe.run(document.querySelector('.vern-root'), {resultTypes: ['violations']})")
        serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]]) for v in result["violations"]
                   if v["impact"] in ("serious", "critical")]
        ARTIFACTS.mkdir(exist_ok=True)
        (ARTIFACTS / "widget-axe.json").write_text(json.dumps(result["violations"], indent=2))
        assert result["testEngine"]["name"] == "axe-core" and result["passes"], "axe ran its rules on the widget"
        assert serious == []
    finally:
        context.close()


def test_on_a_phone_the_chat_fills_the_screen(stack: VernStack, browser: Any) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        open_demo(page, stack)
        box = page.locator("#vern-panel").bounding_box()
        assert box is not None and box["width"] >= 355 and box["x"] <= 1
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "no sideways scrolling"
        send(page, "hva er samtykke?")
        assert page.locator("#vern-input").is_visible()
        screenshot(page, "phone")
    finally:
        context.close()


class _MunicipalityPage(BaseHTTPRequestHandler):
    html = ""

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        body = self.html.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args: Any) -> None:
        pass


def municipality_page(vern_url: str) -> str:
    return (
        '<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>Eksempel kommune</title></head>'
        "<body><h1>Eksempel kommune</h1><p>Personvern</p>"
        f'<script src="{vern_url}/widget.js"></script>'
        '<script>VernWidget.mount({ language: "nb", open: true });</script></body></html>'
    )


@pytest.fixture
def served_on(stack: VernStack) -> Iterator[Any]:
    servers: list[ThreadingHTTPServer] = []

    def serve(port: int) -> str:
        handler = type("Page", (_MunicipalityPage,), {"html": municipality_page(stack.web_url)})
        server = ThreadingHTTPServer(("127.0.0.1", port), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{port}/"

    yield serve
    for server in servers:
        server.shutdown()
        server.server_close()


def test_embedded_on_a_configured_origin_the_widget_works(stack: VernStack, page: Any, served_on: Any) -> None:
    page.goto(served_on(stack.ports["embed"]))
    send(page, "hei, hva kan du hjelpe meg med?")
    styled = page.evaluate("getComputedStyle(document.querySelector('#vern-panel')).position")
    assert styled == "fixed", "the widget's stylesheet came from Vern too"
    screenshot(page, "embedded")


def test_embedded_on_an_origin_not_configured_the_socket_stays_shut(
    stack: VernStack, page: Any, served_on: Any
) -> None:
    page.goto(served_on(free_port()))
    page.wait_for_selector(f'[data-testid="vern-status"]:has-text("{WIDGET_STRINGS["nb"]["reconnecting"]}")',
                           timeout=REPLY_TIMEOUT)
    assert page.evaluate("sessionStorage.getItem('vern.sender')") is None, "no chat was opened"
