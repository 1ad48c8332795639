"""The console's network allow-list (CONSOLE_ALLOWED_NETWORKS), applied before anything else under /console.

The processing agreement limits the console to the controller's networks; a request from elsewhere gets a plain
403 and never reaches the login form. App-wide request middleware, not the blueprints': it must answer for every
path under /console, a missing page too."""

from __future__ import annotations

from sanic.request import Request
from sanic.response import HTTPResponse

from bot.console.guard import allowed_here
from bot.web.console.pages import PREFIX
from bot.web.context import services
from bot.web.templates import html_page


async def console_allow_list(request: Request) -> HTTPResponse | None:
    if request.path != PREFIX and not request.path.startswith(PREFIX + "/"):
        return None
    ctx = services(request)
    if allowed_here(request, ctx.settings):
        return None
    return html_page(ctx.templates, "console/not_here.html", 403, language=ctx.settings.console_language)
