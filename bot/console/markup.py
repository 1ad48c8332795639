"""What every console page shares, below the pages themselves: where the console lives and how a value goes into
HTML. bot.console.web and the page modules it registers (chats) both import it, so they need not import each other."""

from __future__ import annotations

import html

PREFIX = "/console"


def esc(value: object) -> str:
    return html.escape(str(value), quote=True)
