"""The case console on the running web app: password + TOTP login, sessions, CSRF, roles, throttling,
the case list by deadline, extension and completion e-mails, the access log, and a real browser."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy.engine import Engine

from bot.cases.service import CaseService
from bot.clock import FrozenClock, utc_now
from bot.console.accounts import AccountService
from bot.db.engine import create_db_engine
from tests.e2e.test_requests import mails_to, new_address
from tests.support.console_client import ConsoleClient, User
from tests.support.services import postgres_url
from tests.support.stack import VernStack

PASSWORD = "a long console password"
__all__ = ["ConsoleClient", "PASSWORD", "User", "new_user", "signed_in"]


@pytest.fixture(scope="module")
def engine() -> Iterator[Engine]:
    db = create_db_engine(postgres_url())
    yield db
    db.dispose()


def new_user(stack: VernStack, engine: Engine, role: str = "caseworker") -> User:
    name = f"{role}-{uuid.uuid4().hex[:8]}"
    # Past the first-login password change (tests/console/test_console_web.py covers that step).
    created = AccountService(engine, utc_now, stack.secret("SECRET_KEY").encode()).create(
        name, role, PASSWORD, must_change_password=False)
    return User(name, created.totp_secret)


def cases(stack: VernStack, engine: Engine, clock: FrozenClock | None = None) -> CaseService:
    return CaseService(engine, clock or utc_now, stack.secret("SECRET_KEY").encode())


def signed_in(stack: VernStack, engine: Engine, role: str = "caseworker") -> tuple[ConsoleClient, User]:
    client, user = ConsoleClient(stack.web_url), new_user(stack, engine, role)
    reply = client.login(user.name, PASSWORD, user.code())
    assert reply.status == 302 and reply.location == "/console/", reply.text[:500]
    return client, user


def test_login_needs_password_and_code_and_the_cookie_is_locked_down(stack: VernStack, engine: Engine) -> None:
    client, user = ConsoleClient(stack.web_url), new_user(stack, engine)
    assert client.call("GET", "/console/").status == 302, "no session: to the login page"
    assert client.login(user.name, PASSWORD, "000000" if user.code() != "000000" else "111111").status == 401
    assert client.login(user.name, "wrong password here", user.code()).status == 401
    reply = client.login(user.name, PASSWORD, user.code())
    assert reply.status == 302
    cookie = next(c for c in client.jar if c.name == "vern_console")
    assert cookie.path == "/console" and cookie.has_nonstandard_attr("HttpOnly")
    assert cookie.get_nonstandard_attr("SameSite") == "Strict"
    page = client.call("GET", "/console/")
    assert page.status == 200 and user.name in page.text

    # Logging out without the form's CSRF token is refused; with it, the session ends.
    assert client.call("POST", "/console/logout", {"csrf": "forged"}).status == 403
    assert client.call("POST", "/console/logout", {"csrf": client.csrf()}).status == 302
    assert client.call("GET", "/console/").status == 302


def test_a_login_form_from_another_site_is_refused(stack: VernStack, engine: Engine) -> None:
    user = new_user(stack, engine)
    stranger = ConsoleClient(stack.web_url)
    reply = stranger.call("POST", "/console/login", {"csrf": "x", "username": user.name, "password": PASSWORD,
                                                     "code": user.code()})
    assert reply.status == 403


def test_failed_logins_are_throttled_per_account(stack: VernStack, engine: Engine) -> None:
    client, user = ConsoleClient(stack.web_url), new_user(stack, engine)
    for _ in range(5):
        assert client.login(user.name, "not the password!", user.code()).status == 401
    throttled = client.login(user.name, PASSWORD, user.code())
    assert throttled.status == 429 and "Try again in" in throttled.text, "even the right password waits"
    other = new_user(stack, engine)
    assert client.login(other.name, PASSWORD, other.code()).status == 302, "another account is not affected"


def test_a_caseworker_cannot_reach_admin_pages_but_an_admin_reads_the_access_log(
    stack: VernStack, engine: Engine
) -> None:
    caseworker, worker = signed_in(stack, engine)
    assert caseworker.call("GET", "/console/admin/access-log").status == 403
    opened = cases(stack, engine).open_case("access", new_address(), "nb", "rest", {"scope": "alt"})
    assert caseworker.call("GET", f"/console/cases/{opened.case.reference}").status == 200
    admin, _ = signed_in(stack, engine, "admin")
    log = admin.call("GET", "/console/admin/access-log")
    assert log.status == 200
    assert re.search(rf"{worker.name}</td><td>viewed_case</td><td>{opened.case.reference}", log.text)


def test_the_case_list_puts_the_most_urgent_first_and_overdue_in_red(stack: VernStack, engine: Engine) -> None:
    now = utc_now()
    late = cases(stack, engine, FrozenClock(now - timedelta(days=40))).open_case(
        "erasure", new_address(), "nb", "rest").case
    soon = cases(stack, engine, FrozenClock(now - timedelta(days=25))).open_case(
        "objection", new_address(), "da", "rest", {"processing": "x", "ground": "y"}).case
    fresh = cases(stack, engine).open_case("portability", new_address(), "en", "rest", {"scope": "alt"}).case
    client, _ = signed_in(stack, engine)
    page = client.call("GET", "/console/").text
    order = [ref for ref in re.findall(r'data-reference="([^"]+)"', page) if ref in
             {late.reference, soon.reference, fresh.reference}]
    assert order == [late.reference, soon.reference, fresh.reference]
    assert re.search(rf'<tr class="overdue" data-reference="{late.reference}"', page)
    danish = client.call("GET", "/console/?language=da").text
    assert soon.reference in danish and late.reference not in danish
    assert client.call("GET", "/console/?status=nonsense").status == 400


def test_extension_and_completion_are_mailed_to_the_person_and_details_are_masked_until_revealed(
    stack: VernStack, engine: Engine
) -> None:
    address = new_address()
    case = cases(stack, engine).open_case(
        "rectification", address, "nb", "rest",
        {"what_is_wrong": "navnet mitt, Ingrid Solbakken, er feil", "correct_value": "Ingrid Solbakk"}).case
    client, user = signed_in(stack, engine)
    page = client.call("GET", f"/console/cases/{case.reference}").text
    assert "Solbakken" not in page and address not in page, "masked by default"
    csrf = client.csrf(f"/console/cases/{case.reference}")
    revealed = client.call("POST", f"/console/cases/{case.reference}/reveal", {"csrf": csrf}).text
    assert address in revealed and "Solbakken" in revealed

    assert client.call("POST", f"/console/cases/{case.reference}/extend",
                       {"csrf": csrf, "months": "1", "reason": ""}).status == 400, "a reason is required"
    extended = client.call("POST", f"/console/cases/{case.reference}/extend",
                           {"csrf": csrf, "months": "1", "reason": "Mange saker akkurat nå"})
    assert extended.status == 302
    assert any(case.reference in body and "Mange saker akkurat nå" in body for body in mails_to(stack, address))
    for status in ("in_progress", "completed"):
        assert client.call("POST", f"/console/cases/{case.reference}/status",
                           {"csrf": csrf, "status": status, "note": ""}).status == 302
    completed = [body for body in mails_to(stack, address) if case.reference in body]
    assert len(completed) >= 2, "the completion mail follows the extension mail"
    admin, _ = signed_in(stack, engine, "admin")
    log = admin.call("GET", f"/console/admin/access-log?user={user.name}").text
    assert "revealed_contact" in log and "viewed_case" in log
    assert client.call("POST", f"/console/cases/{case.reference}/status",
                       {"status": "rejected"}).status == 403, "no CSRF token, no change"


def test_a_caseworker_logs_in_with_totp_in_a_real_browser(stack: VernStack, engine: Engine, page: Any) -> None:
    user = new_user(stack, engine)
    opened = cases(stack, engine).open_case("access", new_address(), "nn", "rest", {"scope": "alt"}).case
    page.goto(stack.web_url + "/console/")
    page.fill("#username", user.name)
    page.fill("#password", PASSWORD)
    page.fill("#code", user.code())
    page.click("button[type=submit]")
    page.wait_for_selector(f'a:has-text("{opened.reference}")', timeout=15_000)
    page.click(f'a:has-text("{opened.reference}")')
    page.wait_for_selector("text=Reveal contact and details", timeout=15_000)
    assert page.evaluate("document.cookie") == "", "the session cookie is not readable by scripts"
