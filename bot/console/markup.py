"""What every console page shares, below the pages themselves: where the console lives and how a value goes into
HTML. bot.console.web and the page modules it registers (chats) both import it, so they need not import each other."""

from __future__ import annotations

import html
from collections.abc import Callable, Coroutine
from typing import Any

from sanic.response import HTTPResponse

PREFIX = "/console"

# A page handler, and `signed_in(admin=, form=, allow_pending=)` (bot.console.web) that wraps one with the session,
# CSRF and role checks; the page modules receive it from web.py.
Handler = Callable[..., Coroutine[Any, Any, HTTPResponse]]
SignedIn = Callable[..., Callable[[Handler], Handler]]


def esc(value: object) -> str:
    return html.escape(str(value), quote=True)
