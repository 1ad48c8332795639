"""The console's network allow-list (CONSOLE_ALLOWED_NETWORKS) and the client address it is checked against
(bot.web.console.allow_list applies it before anything else under /console)."""

from __future__ import annotations

from functools import lru_cache

from sanic.request import Request

from bot.config import Settings
from bot.console.network import Address, Network, allowed, client_address, parse_networks


@lru_cache(maxsize=4)
def _networks(cidrs: tuple[str, ...]) -> tuple[Network, ...]:
    return parse_networks(cidrs)


def source_of(request: Request, settings: Settings) -> Address | None:
    """The client's address: X-Forwarded-For only from a trusted proxy (TRUSTED_PROXIES)."""
    return client_address(request.ip, request.headers.get("x-forwarded-for"),
                          _networks(settings.console.trusted_proxies))


def allowed_here(request: Request, settings: Settings) -> bool:
    return allowed(source_of(request, settings), _networks(settings.console.allowed_networks))
