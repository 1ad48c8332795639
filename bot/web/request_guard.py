"""Malformed requests end at the door with a 4xx, before any handler, database or file system sees them.

A null byte or another control character in the path, the query or a header is never part of a valid
Vern request, and deeper down it turns into a 500 (PostgreSQL refuses NUL in text, the file system
refuses it in names). Neither is a path or query that is not valid UTF-8 once percent-decoded, nor a
cookie header Python's parser refuses where a cookie is read (Sanic would raise there: a 500). Checked
on every request of the web app and the console, so a new route cannot forget it."""

from __future__ import annotations

import re
from http.cookies import CookieError
from urllib.parse import unquote_to_bytes

from sanic import response
from sanic.request import Request
from sanic.response import HTTPResponse

# C0 controls and DEL; a tab is allowed in header values (RFC 9110, 5.5) but nowhere in a URL.
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_HEADER_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")
COOKIE_PATHS = ("/console",)  # the only pages that read a cookie (the console session and login nonce)


def _decoded(raw: str) -> str | None:
    try:
        return unquote_to_bytes(raw).decode("utf-8")
    except UnicodeDecodeError:
        return None


def malformed_request_problem(request: Request) -> str | None:
    """What is wrong with the request line or headers, in words for the sender; None when nothing is."""
    path = _decoded(request.path)
    if path is None or _CONTROL.search(path):
        return "the path holds bytes no Vern address has"
    query = _decoded(request.query_string.replace("+", " "))
    if query is None or _CONTROL.search(query):
        return "the query holds bytes no Vern parameter has"
    for name, value in request.headers.items():
        if _HEADER_CONTROL.search(name) or _HEADER_CONTROL.search(value):
            return "a header holds control characters"
    if path.startswith(COOKIE_PATHS):
        # Only where Vern reads cookies: a junk cookie from a parent domain must not break the widget.
        try:
            request.cookies  # noqa: B018 - Sanic parses on first use and raises on an illegal cookie name
        except CookieError:
            return "a cookie cannot be read; clear this site's cookies and try again"
    return None


def form_problem(request: Request) -> str | None:
    """A form field with a control character (other than a line break in a text area) is refused whole."""
    for values in request.form.values():
        for value in values:
            if isinstance(value, str) and re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", value):
                return "a form field holds control characters"
    return None


def refuse(problem: str) -> HTTPResponse:
    return response.json({"error": f"malformed request: {problem}"}, status=400)
