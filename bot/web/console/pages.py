"""The console's page frame (bot/web/templates/console/base.html): a template, a title, and the navigation of the
account that is signed in."""

from __future__ import annotations

from typing import Any

from sanic.request import Request
from sanic.response import HTTPResponse

from bot.console.accounts import Account
from bot.i18n import translate
from bot.web.context import services
from bot.web.templates import html_page

PREFIX = "/console"


def console_language(request: Request) -> str:
    """CONSOLE_LANGUAGE: one of the languages every console word is translated in (CONSOLE_LANGUAGES)."""
    return services(request).settings.console_language


def say(request: Request, key: str, **values: object) -> str:
    """A console word in the console's language (locales/source/console.yml)."""
    return translate(key, console_language(request), **values)


def console_page(request: Request, template: str, title: str, account: Account | None = None, csrf: str = "",
                 status: int = 200, **values: Any) -> HTTPResponse:
    return html_page(services(request).templates, f"console/{template}", status, title=title, account=account,
                     csrf=csrf, prefix=PREFIX, language=console_language(request), **values)


def message(request: Request, title: str, text: str, account: Account | None = None, csrf: str = "",
            status: int = 200, error: bool = False, link: dict[str, str] | None = None,
            back: dict[str, str] | None = None) -> HTTPResponse:
    """A page of one sentence: refused, not found, not saved."""
    return console_page(request, "message.html", title, account, csrf, status, text=text, error=error, link=link,
                        back=back)
