"""The web app: the demo page, the widget's files, a same-origin chat endpoint, the pages behind links in
e-mails, the connector's webhook and the case console.

`create_web_app` builds the services and puts them on `app.ctx` (bot.web.context), registers one blueprint per
area (bot.web.chat, .guardian, .downloads, .young, .cases, .health, .static, bot.web.console), and installs the
middleware and the error handler. Handlers parse the request and build the response; what they do is in the
domain packages."""

from __future__ import annotations

import aiohttp
from sanic import Sanic

from bot.config import Settings, get_settings
from bot.web.cases import cases
from bot.web.chat import chat
from bot.web.console.admin import console_admin
from bot.web.console.allow_list import console_allow_list
from bot.web.console.breaches import console_breaches
from bot.web.console.cases import console_cases
from bot.web.console.chats import console_chats
from bot.web.console.login import console_login
from bot.web.context import WebContext
from bot.web.downloads import downloads
from bot.web.errors import install_error_handler
from bot.web.guardian import guardian
from bot.web.health import health
from bot.web.middleware import content_security_policy, install_security_headers, well_formed
from bot.web.static import static
from bot.web.widget import widget_bundle
from bot.web.young import young

BLUEPRINTS = (chat, guardian, downloads, young, cases, health, static,
              console_login, console_cases, console_chats, console_admin, console_breaches)

__all__ = ["content_security_policy", "create_web_app", "serve", "widget_bundle"]


def _services_for(settings: Settings) -> WebContext:
    """Everything the handlers use, built once per app from the settings (to become wiring.build's output)."""
    return WebContext(settings)


async def _open_client(app: Sanic, _loop: object) -> None:
    app.ctx.http = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=60))


async def _close_client(app: Sanic, _loop: object) -> None:
    await app.ctx.http.close()


def create_web_app(settings: Settings | None = None, name: str = "vern_web") -> Sanic:
    settings = settings or get_settings()
    ctx = _services_for(settings)
    app = Sanic(name, configure_logging=False, ctx=ctx)
    app.config.REQUEST_MAX_SIZE = 1024 * 1024
    app.config.FALLBACK_ERROR_FORMAT = "json"
    install_error_handler(app, settings, ctx.templates)
    app.register_listener(_open_client, "before_server_start")
    app.register_listener(_close_client, "after_server_stop")
    app.register_middleware(well_formed, "request")
    app.register_middleware(console_allow_list, "request")  # a malformed request is refused first
    install_security_headers(app, settings)
    for blueprint in BLUEPRINTS:
        app.blueprint(blueprint)
    return app


def serve(settings: Settings | None = None) -> None:
    settings = settings or get_settings()
    from bot.logs import configure_logging

    configure_logging(settings.log_level)
    app = create_web_app(settings)
    app.run(host=settings.host, port=settings.web_port, workers=1, access_log=False, motd=False)
