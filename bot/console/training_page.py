"""The admins' page on training that forgets: the forget list and the models that must be replaced.

The same facts as `vern training status` (bot.training.forget): how many chats
must leave the training data, and for each model whether it was trained on one
of them and how many days are left to replace it (AISVS C11)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from sanic import Sanic
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.config import Settings
from bot.console.accounts import Account
from bot.console.markup import SignedIn

TRAINING_PATH = "/console/admin/training"


def register_training_page(app: Sanic, settings: Settings, signed_in: SignedIn,
                           page: Callable[..., HTTPResponse], esc: Callable[[object], str]) -> None:
    def statuses() -> tuple[int, list[Any]]:
        from bot.clock import utc_now
        from bot.db.engine import get_engine
        from bot.training.forget import ForgetList, model_statuses

        forgotten = ForgetList(get_engine(settings.database_url), settings.secret_key.reveal().encode(),
                               utc_now).entries()
        return len(forgotten), model_statuses(settings.models_dir, forgotten, settings.training_forget_days)

    @app.get(TRAINING_PATH)
    @signed_in(admin=True)
    async def training(request: Request, account: Account, csrf: str) -> HTTPResponse:
        from bot.clock import utc_now

        forgotten, models = await asyncio.to_thread(statuses)
        now = utc_now()
        rows = "".join(
            f"<tr class='{'flagged' if m.flagged else ''}'><td>{esc(m.model.name)}</td>"
            + (f"<td>trained on {m.forgotten_sources} forgotten chats</td><td>{esc(m.days_left(now))} days left</td>"
               if m.flagged else "<td>ok</td><td></td>") + "</tr>"
            for m in models)
        body = (f"<p>{forgotten} chats are on the forget list (erasures, withdrawn training consent, restrictions, "
                "objections). Run <code>vern training forget</code> to take their lines out of the training data, "
                "then retrain and promote a model that replaces every flagged one.</p>"
                "<table><thead><tr><th>Model</th><th>Status</th><th>Replace within</th></tr></thead>"
                f"<tbody>{rows}</tbody></table>")
        return page("Training that forgets", body, account, csrf)
