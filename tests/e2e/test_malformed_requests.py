"""Malformed paths, queries, headers and form fields get a 4xx from every part of the web app, never a 500.

On main `GET /static/widget.js%00.css` was a 500 (Sanic's static handler passed the null byte to the file
system), and a null byte in a guardian link reached PostgreSQL, which refuses it in text."""

from __future__ import annotations

from http.client import HTTPConnection
from urllib.parse import urlsplit

import pytest

from tests.support.stack import VernStack, http


def raw_request(stack: VernStack, method: str, target: str, headers: dict[str, str] | None = None,
                body: bytes | None = None) -> tuple[int, bytes]:
    """Sends the request line as given: urllib would refuse or re-encode some of these on our side."""
    address = urlsplit(stack.web_url)
    connection = HTTPConnection(address.hostname, address.port, timeout=30)
    try:
        connection.putrequest(method, target, skip_accept_encoding=True)
        for name, value in (headers or {}).items():
            connection.putheader(name, value)
        if body is not None:
            connection.putheader("Content-Length", str(len(body)))
        connection.endheaders(body)
        answer = connection.getresponse()
        return answer.status, answer.read()
    finally:
        connection.close()


@pytest.mark.parametrize("target", [
    "/static/widget.js%00.css", "/static/%00", "/static/widget.js%ff", "/static/%2e%2e/app.py",
    "/static/..%2f..%2fconfig.py", "/guardian/%00abcdefghijabcdefghij", "/guardian/abc%0d%0adef",
    "/download/%00%00", "/console/cases/VRN-%00", "/health?x=%00", "/guardian/abcdefghijabcdefghij1?lang=%ff",
])
def test_a_malformed_path_or_query_is_a_client_error(stack: VernStack, target: str) -> None:
    status, body = raw_request(stack, "GET", target)
    assert 400 <= status < 500, (target, status, body[:200])
    assert b"Traceback" not in body


def test_static_files_are_served_and_nothing_else(stack: VernStack) -> None:
    assert http("GET", f"{stack.web_url}/static/widget.css").status == 200
    assert http("GET", f"{stack.web_url}/static/vendor/socket.io.min.js").status == 200
    assert raw_request(stack, "HEAD", "/static/demo.css")[0] == 200
    for name in ("", "vendor", "vendor/", "missing.css", "../app.py"):
        assert raw_request(stack, "GET", f"/static/{name}")[0] == 404, name


def test_control_characters_in_headers_and_form_fields_are_client_errors(stack: VernStack) -> None:
    status, _ = raw_request(stack, "GET", "/health", {"X-Anything": "a\x00b"})
    assert 400 <= status < 500
    for target in ("/console/chats", "/console/chats.json", "/console/"):
        status, _ = raw_request(stack, "GET", target, {"Cookie": "0=;<="})  # found by the fuzz test: a 500
        assert 400 <= status < 500, target
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    for body in (b"email=a%00b%40example.org", b"email=%ff%fe", b"csrf=%00&username=x&password=y"):
        for target in ("/guardian/abcdefghijabcdefghij1/code", "/console/login"):
            status, answer = raw_request(stack, "POST", target, form, body)
            assert 400 <= status < 500, (target, body, status, answer[:200])
    status, _ = raw_request(stack, "POST", "/guardian/abcdefghijabcdefghij1/code",
                            {"Content-Type": "multipart/form-data"}, b"x")
    assert 400 <= status < 500
