"""The first-login password change: an account made by an admin starts with a password someone else saw.

Until its owner has chosen a new one, every other console page sends them here."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.console.accounts import Account, AccountError
from bot.console.markup import PREFIX, SignedIn

PASSWORD_PATH = f"{PREFIX}/password"


def register_password_page(app: Sanic, services: Callable[[], Any], signed_in: SignedIn,
                           page: Callable[..., HTTPResponse], esc: Callable[[object], str]) -> None:
    def form(csrf: str, error: str = "") -> str:
        return ((f"<p class='error'>{esc(error)}</p>" if error else "")
                + "<p>Choose your own password before you use the console (at least 12 characters).</p>"
                f'<form method="post" action="{PASSWORD_PATH}" class="login">'
                f'<input type="hidden" name="csrf" value="{esc(csrf)}">'
                '<label for="current">Current password</label><input id="current" name="current" type="password" '
                'autocomplete="current-password" required maxlength="1024">'
                '<label for="new">New password</label><input id="new" name="new" type="password" '
                'autocomplete="new-password" required minlength="12" maxlength="1024">'
                '<label for="repeat">New password again</label><input id="repeat" name="repeat" type="password" '
                'autocomplete="new-password" required minlength="12" maxlength="1024">'
                '<button type="submit">Change password</button></form>')

    @app.get(PASSWORD_PATH)
    @signed_in(allow_pending=True)
    async def password_form(request: Request, account: Account, csrf: str) -> HTTPResponse:
        return page("Change your password", form(csrf), account, csrf)

    @app.post(PASSWORD_PATH)
    @signed_in(form=True, allow_pending=True)
    async def change_password(request: Request, account: Account, csrf: str) -> HTTPResponse:
        new = request.form.get("new") or ""
        if new != (request.form.get("repeat") or ""):
            return page("Change your password", form(csrf, "The two new passwords differ."), account, csrf,
                        status=400)
        try:
            await asyncio.to_thread(services().accounts.change_password, account.id,
                                    request.form.get("current") or "", new)
        except AccountError as error:
            return page("Change your password", form(csrf, str(error).capitalize() + "."), account, csrf,
                        status=400)
        return response.redirect(f"{PREFIX}/")
