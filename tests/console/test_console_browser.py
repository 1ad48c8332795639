"""Console basics in a real browser: the first password change, a confirmed end, a readable chat and case."""

from __future__ import annotations

from typing import Any

from tests.console.conftest import ConsoleWeb
from tests.console.helpers import PASSWORD, cases, new_user, waiting_chat

NEW_PASSWORD = "my very own console password"


def log_in(page: Any, web: ConsoleWeb, name: str, password: str, code: str) -> None:
    page.goto(web.url + "/console/login")
    page.fill("#username", name)
    page.fill("#password", password)
    page.fill("#code", code)
    page.click("button[type=submit]")


def test_a_new_account_chooses_its_own_password_at_first_login(console_web: ConsoleWeb, browser_page: Any) -> None:
    page = browser_page
    user = new_user(console_web, must_change_password=True)
    # A code is accepted once, and never an earlier one after it: this login uses
    # the current step's code and the second one the next step's, which the
    # server's one step of drift accepts however long the password change takes.
    log_in(page, console_web, user.name, PASSWORD, user.code())
    page.wait_for_selector("h1:has-text('Change your password')", timeout=15_000)
    page.goto(console_web.url + "/console/chats")
    page.wait_for_selector("h1:has-text('Change your password')", timeout=15_000)  # nothing else until then
    page.fill("#current", PASSWORD)
    page.fill("#new", PASSWORD)
    page.fill("#repeat", PASSWORD)
    page.click("button:has-text('Change password')")
    page.wait_for_selector("text=The new password must differ", timeout=15_000)
    page.fill("#current", PASSWORD)
    page.fill("#new", NEW_PASSWORD)
    page.fill("#repeat", NEW_PASSWORD)
    page.click("button:has-text('Change password')")
    page.wait_for_selector("h1:has-text('Cases')", timeout=15_000)

    page.context.clear_cookies()
    log_in(page, console_web, user.name, NEW_PASSWORD, user.code(step=1))
    page.wait_for_selector("h1:has-text('Cases')", timeout=15_000)


def test_a_chat_shows_only_what_was_said_and_ending_it_asks_first(console_web: ConsoleWeb, browser_page: Any) -> None:
    page = browser_page
    chat_id, _conversation = waiting_chat(console_web, [
        {"event": "user", "text": "jeg trenger hjelp med en sak", "timestamp": 1.0},
        {"event": "bot", "text": "Vil du snakke med en saksbehandler?", "timestamp": 2.0},
        {"event": "user", "text": "/confirm_handoff", "timestamp": 3.0},
        {"event": "user", "text": "EXTERNAL: EXTERNAL_caseworker_message", "timestamp": 4.0},
    ])
    user = new_user(console_web)
    log_in(page, console_web, user.name, PASSWORD, user.code())
    page.wait_for_selector("h1:has-text('Cases')", timeout=15_000)
    page.goto(f"{console_web.url}/console/chats/{chat_id}")
    page.wait_for_selector("text=jeg trenger hjelp med en sak", timeout=15_000)
    shown = page.inner_text("main")
    assert "/confirm_handoff" not in shown and "EXTERNAL" not in shown, "button presses are not chat lines"

    page.click("button:has-text('End and delete the chat')")
    page.wait_for_selector("text=This cannot be undone", timeout=15_000)
    page.click("text=No, back to the chat")
    page.wait_for_selector("text=jeg trenger hjelp med en sak", timeout=15_000)  # still there
    page.click("button:has-text('End and delete the chat')")
    page.click("button:has-text('Yes, end and delete the chat')")
    page.wait_for_selector("h1:has-text('Chats')", timeout=15_000)
    page.goto(f"{console_web.url}/console/chats/{chat_id}")
    page.wait_for_selector("text=has ended", timeout=15_000)


def test_a_case_shows_its_details_as_fields_and_its_current_status(console_web: ConsoleWeb,
                                                                   browser_page: Any) -> None:
    page = browser_page
    opened = cases(console_web).open_case(
        "rectification", "kari.nordmann@example.org", "nb", "rest",
        {"what_is_wrong": "adressen min", "correct_value": "Storgata 1", "earlier": {"chats": 2, "cases": ["A"]}}).case
    moved = cases(console_web).change_status(opened.reference, "in_progress", None, "test")
    user = new_user(console_web)
    log_in(page, console_web, user.name, PASSWORD, user.code())
    page.wait_for_selector("h1:has-text('Cases')", timeout=15_000)
    page.goto(f"{console_web.url}/console/cases/{opened.reference}")
    page.wait_for_selector("main dl", timeout=15_000)
    assert page.locator("#status").input_value() == "in_progress", "the selector starts on the case status"
    labels = page.locator("main > dl > dt").all_inner_texts()
    assert labels == ["The correct value", "Earlier", "What is wrong"], labels
    shown = page.inner_text("main")
    assert "{" not in shown and "'" not in shown, "no Python dict on the page"
    assert moved.status.value == "in_progress"
