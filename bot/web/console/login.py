"""Logging in and out of the console, and the first-login password change.

The login form has no session yet: its CSRF token is a double-submitted nonce in a short-lived cookie. Failed
attempts are counted before the (slow) password check, so parallel guesses cannot outrun the count."""

from __future__ import annotations

import asyncio
import logging
import secrets

from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.console.accounts import Account, AccountError, LoginOutcome
from bot.console.guard import source_of
from bot.web.console.pages import PREFIX, console_page, explain, message, say
from bot.web.console.session import (
    LOGIN_COOKIE,
    PASSWORD_PATH,
    SESSION_COOKIE,
    forget_cookie,
    set_cookie,
    signed_in,
)
from bot.web.context import services

logger = logging.getLogger(__name__)
console_login = Blueprint("console_login")


def _login_page(request: Request, nonce: str, error: str = "", status: int = 200) -> HTTPResponse:
    return console_page(request, "login.html", say(request, "console_login_title"), status=status, nonce=nonce,
                        error=error)


@console_login.get(f"{PREFIX}/login")
async def login_form(request: Request) -> HTTPResponse:
    nonce = secrets.token_urlsafe(24)
    resp = _login_page(request, nonce)
    set_cookie(resp, LOGIN_COOKIE, nonce, services(request).settings, max_age=900)
    return resp


@console_login.post(f"{PREFIX}/login")
async def login(request: Request) -> HTTPResponse:
    s = services(request).console
    nonce = request.cookies.get(LOGIN_COOKIE) or ""
    if not nonce or not secrets.compare_digest(nonce.encode(), (request.form.get("csrf") or "").encode()):
        return message(request, say(request, "console_refused"), say(request, "console_form_expired"), status=403,
                       link={"href": "login", "text": say(request, "console_try_again")})
    username = (request.form.get("username") or "").strip().lower()[:64]
    password = request.form.get("password") or ""
    code = request.form.get("code") or ""
    address = source_of(request, s.settings)
    source = str(address) if address else "unknown"
    # Counted as a failure before the (slow) check: parallel guesses cannot outrun the count.
    wait = await asyncio.to_thread(s.throttle.admit, username, source)
    if wait:
        return _login_page(request, nonce, say(request, "console_login_wait", wait=wait), 429)
    outcome, account = await asyncio.to_thread(s.accounts.verify, username, password, code)
    if outcome is not LoginOutcome.OK or account is None:
        logger.info("console login refused")
        return _login_page(request, nonce, say(request, "console_login_wrong"), 401)
    await asyncio.to_thread(s.throttle.succeeded, username, source)
    await asyncio.to_thread(s.throttle.purge)
    if s.alerts is not None and await asyncio.to_thread(s.alerts.new_network, account.id, address):
        await s.alerts.alert(account.username, "new_network")
    token = await asyncio.to_thread(s.sessions.start, account)
    resp = response.redirect(PASSWORD_PATH if account.must_change_password else f"{PREFIX}/")
    set_cookie(resp, SESSION_COOKIE, token, s.settings)
    forget_cookie(resp, LOGIN_COOKIE)
    return resp


@console_login.post(f"{PREFIX}/logout")
@signed_in(form=True)
async def logout(request: Request, account: Account, csrf: str) -> HTTPResponse:
    await asyncio.to_thread(services(request).console.sessions.end, str(request.cookies.get(SESSION_COOKIE)))
    resp = response.redirect(f"{PREFIX}/login")
    forget_cookie(resp, SESSION_COOKIE)
    return resp


def _password_page(request: Request, account: Account, csrf: str, error: str = "", status: int = 200
                   ) -> HTTPResponse:
    return console_page(request, "password.html", say(request, "console_password_title"), account, csrf, status,
                        password_path=PASSWORD_PATH, error=error)


@console_login.get(PASSWORD_PATH)
@signed_in(allow_pending=True)
async def password_form(request: Request, account: Account, csrf: str) -> HTTPResponse:
    # An account made by an admin starts with a password someone else saw; until its owner has chosen a new
    # one, every other console page sends them here.
    return _password_page(request, account, csrf)


@console_login.post(PASSWORD_PATH)
@signed_in(form=True, allow_pending=True)
async def change_password(request: Request, account: Account, csrf: str) -> HTTPResponse:
    new = request.form.get("new") or ""
    if new != (request.form.get("repeat") or ""):
        return _password_page(request, account, csrf, say(request, "console_password_differ"), 400)
    try:
        await asyncio.to_thread(services(request).console.accounts.change_password, account.id,
                                request.form.get("current") or "", new)
    except AccountError as error:
        return _password_page(request, account, csrf, explain(request, error), 400)
    return response.redirect(f"{PREFIX}/")
