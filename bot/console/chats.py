"""The console's chats, apart from their pages (bot.web.console.chats): the queue as the pages and their live
updates show it, whose chat is whose, and how a caseworker's words reach the person.

The caseworker's words reach the person through Rasa's HTTP API (an external
intent on that conversation, `latest` output channel), so one path serves the
widget, the REST channel and Telegram alike.

A chat a caseworker has taken is theirs: another caseworker reads or ends it
only after an explicit, logged take-over; admins may read any chat. Every view
of a chat and every read of its messages is in the access log (who, which
chat, when; never the text)."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from bot.console.accounts import Account
from bot.handoff.service import HandoffView

logger = logging.getLogger(__name__)
EXTERNAL_CASEWORKER_MESSAGE = "EXTERNAL_caseworker_message"
# One open chat page polls every second; its reads are logged once per this window.
READING_LOGGED_EVERY = timedelta(minutes=5)


def _waited(view: HandoffView, now: datetime) -> str:
    seconds = int((now - view.requested_at).total_seconds())
    return f"{seconds // 60} min {seconds % 60:02d} s"


def queue_json(views: list[HandoffView], now: datetime) -> list[dict[str, Any]]:
    return [{"id": v.id, "language": v.language, "channel": v.channel, "status": v.status, "waited": _waited(v, now),
             "understood": v.summary, "taken_by": v.taken_by, "position": v.position} for v in views]


def someone_elses(view: HandoffView, account: Account) -> bool:
    """Taken by another caseworker: not for this account's eyes without a take-over (admins excepted)."""
    return view.status == "active" and view.taken_by != account.username and not account.is_admin


async def tell_the_chat(conversations: Any, conversation_id: str | None) -> None:
    """The person's chat fetches the caseworker's new words (bot.rasa_adapter.conversation_api)."""
    if not conversation_id:
        return
    try:
        await conversations.trigger_intent(conversation_id, EXTERNAL_CASEWORKER_MESSAGE)
    except Exception as error:  # noqa: BLE001 - the message waits; the next one carries it along
        logger.warning("caseworker message not pushed to the chat (%s)", type(error).__name__)
