"""Who is signed in: the session cookie, the CSRF check on every form, the admin role, and the first-login
password change.

The session cookie is HttpOnly, SameSite=Strict, scoped to /console and Secure in production."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from typing import Any

from sanic import response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.config import Settings
from bot.web.console.pages import PREFIX, message, say
from bot.web.context import services

SESSION_COOKIE = "vern_console"
LOGIN_COOKIE = "vern_console_login"  # double-submit token for the login form, which has no session yet
PASSWORD_PATH = f"{PREFIX}/password"

# A page handler: (request, account, csrf, **route parameters).
Handler = Callable[..., Coroutine[Any, Any, HTTPResponse]]


def set_cookie(resp: HTTPResponse, name: str, value: str, settings: Settings, max_age: int | None = None) -> None:
    resp.cookies[name] = value
    cookie = resp.cookies[name]
    cookie["path"] = PREFIX
    cookie["httponly"] = True
    cookie["samesite"] = "Strict"
    if settings.is_production:
        cookie["secure"] = True
    if max_age is not None:
        cookie["max-age"] = max_age


def forget_cookie(resp: HTTPResponse, name: str) -> None:
    resp.cookies[name] = ""
    resp.cookies[name]["path"] = PREFIX
    resp.cookies[name]["max-age"] = 0


def signed_in(admin: bool = False, form: bool = False, allow_pending: bool = False) -> Callable[[Handler], Handler]:
    """The account behind the cookie, the CSRF check for forms, the role for admin pages; an account still on its
    initial password reaches only the page that changes it."""

    def wrap(handler: Handler) -> Handler:
        async def checked(request: Request, **kwargs: Any) -> HTTPResponse:
            s = services(request).console
            token = request.cookies.get(SESSION_COOKIE)
            account = await asyncio.to_thread(s.sessions.account, token)
            if account is None:
                if form:
                    return message(request, say(request, "console_signed_out"), say(request, "console_session_ended"),
                                   status=401)
                return response.redirect(f"{PREFIX}/login")
            if form and not s.sessions.csrf_ok(token, request.form.get("csrf")):
                return message(request, say(request, "console_refused"), say(request, "console_csrf"),
                               account, s.sessions.csrf_token(str(token)), status=403)
            if account.must_change_password and not allow_pending:
                return response.redirect(PASSWORD_PATH)
            if admin and not account.is_admin:
                return message(request, say(request, "console_not_allowed"), say(request, "console_admins_only"),
                               account, s.sessions.csrf_token(str(token)), status=403)
            return await handler(request, account, s.sessions.csrf_token(str(token)), **kwargs)

        checked.__name__ = handler.__name__
        return checked

    return wrap
