"""What every request and response of the web app (and console) goes through: malformed requests end at the
door (bot.web.request_guard), and every answer carries the security headers and the Content-Security-Policy."""

from __future__ import annotations

from sanic import Sanic
from sanic.request import Request
from sanic.response import BaseHTTPResponse, HTTPResponse

from bot.config import Settings, origin_of
from bot.web.request_guard import form_problem, malformed_request_problem, refuse


def content_security_policy(settings: Settings) -> str:
    """Vern's own pages load nothing from elsewhere; they connect only to themselves and the chat socket."""
    socket_origin = origin_of(settings.chat_socket_url)
    socket_ws = "ws" + socket_origin[len("http"):] if socket_origin.startswith("http") else socket_origin
    return (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        f"connect-src 'self' {socket_origin} {socket_ws}; frame-ancestors 'self'; base-uri 'none'; "
        "form-action 'self'; object-src 'none'"
    )


async def well_formed(request: Request) -> HTTPResponse | None:
    problem = malformed_request_problem(request)
    if problem is not None:
        return refuse(problem)
    # Sanic parses a form on first use and raises on a malformed one (multipart without a boundary);
    # parsed here, such a body is the sender's error, answered plainly, not a crash in a handler.
    content_type = request.content_type or ""
    if request.method == "POST" and content_type.startswith(("multipart/form-data",
                                                              "application/x-www-form-urlencoded")):
        try:
            problem = form_problem(request)
        except Exception:  # noqa: BLE001
            problem = "malformed form"
        if problem is not None:
            return refuse(problem)
    return None


def install_security_headers(app: Sanic, settings: Settings) -> None:
    csp = content_security_policy(settings)

    async def security_headers(_request: Request, resp: BaseHTTPResponse) -> None:
        resp.headers.setdefault("Content-Security-Policy", csp)
        resp.headers.setdefault("X-Content-Type-Options", "nosniff")
        resp.headers.setdefault("Referrer-Policy", "no-referrer")
        resp.headers.setdefault("Cache-Control", "no-store")

    app.register_middleware(security_headers, "response")
