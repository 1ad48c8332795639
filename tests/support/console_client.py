"""A browser's worth of HTTP for the case console: cookies kept, redirects shown rather than followed.

`forwarded_for` plays a client behind the reverse proxy (the web app trusts
127.0.0.1 as a proxy in the tests that set TRUSTED_PROXIES)."""

from __future__ import annotations

import http.cookiejar
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import pyotp

from bot.clock import utc_now

CSRF_FIELD = re.compile(r'name="csrf" value="([^"]+)"')


@dataclass
class Reply:
    status: int
    text: str
    location: str | None


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


class ConsoleClient:
    def __init__(self, base: str, forwarded_for: str | None = None) -> None:
        self.base = base
        self.forwarded_for = forwarded_for
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect())

    def call(self, method: str, path: str, form: dict[str, str] | None = None) -> Reply:
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        headers = {"Content-Type": "application/x-www-form-urlencoded"} if data is not None else {}
        if self.forwarded_for:
            headers["X-Forwarded-For"] = self.forwarded_for
        request = urllib.request.Request(self.base + path, data=data, method=method, headers=headers)
        try:
            with self.opener.open(request, timeout=60) as resp:
                return Reply(resp.status, resp.read().decode(), resp.headers.get("Location"))
        except urllib.error.HTTPError as error:
            return Reply(error.code, error.read().decode(), error.headers.get("Location"))

    def csrf(self, path: str = "/console/") -> str:
        found = CSRF_FIELD.search(self.call("GET", path).text)
        assert found, "the page carries a CSRF token"
        return found.group(1)

    def login(self, username: str, password: str, code: str) -> Reply:
        nonce = self.csrf("/console/login")
        return self.call("POST", "/console/login", {"csrf": nonce, "username": username, "password": password,
                                                    "code": code})


@dataclass(frozen=True)
class User:
    name: str
    secret: str

    def code(self, at: datetime | None = None, step: int = 0) -> str:
        return pyotp.TOTP(self.secret).at((at or utc_now()) + timedelta(seconds=30 * step))


def with_time_left_in_this_step(seconds: float = 15.0) -> None:
    """Wait until the current 30-second code step has `seconds` left.

    A test that logs in with an earlier step's code (each login needs a later
    code than the last) must not cross a step boundary on the way: the server
    accepts one step of drift, so a code two steps old is refused."""
    left = 30 - utc_now().timestamp() % 30
    if left < seconds:
        time.sleep(left + 0.1)
