"""The console's network allow-list (CONSOLE_ALLOWED_NETWORKS), applied before anything else under /console.

The processing agreement limits the console to the controller's networks; a
request from elsewhere gets a plain 403 and never reaches the login form."""

from __future__ import annotations

from functools import lru_cache

from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.config import Settings
from bot.console.markup import PREFIX
from bot.console.network import Address, Network, allowed, client_address, parse_networks


@lru_cache(maxsize=4)
def _networks(cidrs: tuple[str, ...]) -> tuple[Network, ...]:
    return parse_networks(cidrs)


def source_of(request: Request, settings: Settings) -> Address | None:
    """The client's address: X-Forwarded-For only from a trusted proxy (TRUSTED_PROXIES)."""
    return client_address(request.ip, request.headers.get("x-forwarded-for"),
                          _networks(settings.console.trusted_proxies))


def register_allow_list(app: Sanic, settings: Settings) -> None:
    @app.middleware("request")
    async def console_allow_list(request: Request) -> HTTPResponse | None:
        if request.path != PREFIX and not request.path.startswith(PREFIX + "/"):
            return None
        if allowed(source_of(request, settings), _networks(settings.console.allowed_networks)):
            return None
        return response.html(
            '<!doctype html><html lang="en"><meta charset="utf-8"><title>Vern console</title>'
            "<main><h1>Not available here</h1><p>The case console can be used only from the networks "
            "your organisation has allowed.</p></main></html>", status=403)
