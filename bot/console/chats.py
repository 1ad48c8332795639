"""The console's chat pages: the queue of waiting chats, taking one, reading, writing, ending.

The caseworker's words reach the person through Rasa's HTTP API (an external
intent on that conversation, `latest` output channel), so one path serves the
widget, the REST channel and Telegram alike.

A chat a caseworker has taken is theirs: another caseworker reads or ends it
only after an explicit, logged take-over; admins may read any chat. Every view
of a chat and every read of its messages is in the access log (who, which
chat, when; never the text)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.console.accounts import Account
from bot.console.chat_lines import person_and_bot_lines
from bot.console.markup import PREFIX, SignedIn, esc
from bot.handoff.service import HandoffError, HandoffView

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


def _someone_elses(view: HandoffView, account: Account) -> bool:
    """Taken by another caseworker: not for this account's eyes without a take-over (admins excepted)."""
    return view.status == "active" and view.taken_by != account.username and not account.is_admin


def _form(action: str, csrf: str, label: str, extra: str = "") -> str:
    return (f'<form method="post" action="{action}" class="inline"><input type="hidden" name="csrf" '
            f'value="{esc(csrf)}">{extra}<button>{esc(label)}</button></form>')


def register_chats(app: Sanic, services: Callable[[], Any], signed_in: SignedIn,
                   page: Callable[..., HTTPResponse]) -> None:
    @app.get(f"{PREFIX}/chats")
    @signed_in()
    async def chats(request: Request, account: Account, csrf: str) -> HTTPResponse:
        s = services()
        views = await asyncio.to_thread(s.handoffs.queue)
        rows = "".join(_queue_row(item, csrf) for item in queue_json(views, s.now()))
        body = ('<table id="queue" data-live="/console/chats.json"><thead><tr><th>Chat</th><th>Language</th>'
                "<th>Channel</th><th>Waiting</th><th>What the bot understood</th><th></th></tr></thead>"
                f'<tbody>{rows}</tbody></table><script src="/static/console.js"></script>')
        return page("Chats", body, account, csrf)

    @app.get(f"{PREFIX}/chats.json")
    @signed_in()
    async def chats_json(request: Request, account: Account, csrf: str) -> HTTPResponse:
        s = services()
        views = await asyncio.to_thread(s.handoffs.queue)
        return response.json({"chats": queue_json(views, s.now()), "csrf": csrf})

    @app.post(f"{PREFIX}/chats/<handoff_id:int>/take")
    @signed_in(form=True)
    async def take(request: Request, account: Account, csrf: str, handoff_id: int) -> HTTPResponse:
        s = services()
        try:
            view = await asyncio.to_thread(s.handoffs.take, handoff_id, account.username)
        except HandoffError as error:
            return page("Not taken", f"<p class='error'>{esc(error)}</p>", account, csrf, status=409)
        await _tell(s, view.conversation_id)
        return response.redirect(f"{PREFIX}/chats/{handoff_id}")

    @app.get(f"{PREFIX}/chats/<handoff_id:int>")
    @signed_in()
    async def chat(request: Request, account: Account, csrf: str, handoff_id: int) -> HTTPResponse:
        s = services()
        try:
            view = await asyncio.to_thread(s.handoffs.get, handoff_id)
        except HandoffError as error:
            return page("Chat ended", f"<p>{esc(error)}</p>", account, csrf, status=404)
        if _someone_elses(view, account):
            body = (f"<p>{esc(view.taken_by)} is answering this chat. Taking it over is logged and tells "
                    f"{esc(view.taken_by)}'s console that the chat is no longer theirs.</p>"
                    + _form(f"{PREFIX}/chats/{handoff_id}/take-over", csrf, "Take over this chat"))
            return page(f"Chat {handoff_id}", body, account, csrf, status=403)
        await asyncio.to_thread(s.access.record, account.username, "viewed_chat", f"handoff-{handoff_id}")
        before = person_and_bot_lines(await asyncio.to_thread(s.transcript, view.conversation_id))
        earlier = "".join(f'<li class="from-{esc(line["from"])}">{esc(line["from"])}: {esc(line["text"])}</li>'
                          for line in before)
        mine = view.status == "active" and view.taken_by == account.username
        actions = (
            f'<form method="post" action="{PREFIX}/chats/{handoff_id}/send">'
            f'<input type="hidden" name="csrf" value="{esc(csrf)}"><label for="message">Message</label>'
            '<textarea id="message" name="message" required maxlength="2000"></textarea>'
            '<button type="submit">Send</button></form>'
            if mine else
            f'<form method="post" action="{PREFIX}/chats/{handoff_id}/take" class="inline">'
            f'<input type="hidden" name="csrf" value="{esc(csrf)}"><button>Take this chat</button></form>'
        )
        end = _form(f"{PREFIX}/chats/{handoff_id}/end", csrf, "End and delete the chat")
        body = (f"<p>{esc(view.language)} · {esc(view.channel)} · understood: {esc(view.summary or '–')}</p>"
                f"<h2>With the bot</h2><ol>{earlier}</ol><h2>With a caseworker</h2>"
                f'<ol id="messages" data-live="{PREFIX}/chats/{handoff_id}/messages"></ol>{actions}{end}'
                '<script src="/static/console.js"></script>')
        return page(f"Chat {handoff_id}", body, account, csrf)

    @app.get(f"{PREFIX}/chats/<handoff_id:int>/messages")
    @signed_in()
    async def chat_json(request: Request, account: Account, csrf: str, handoff_id: int) -> HTTPResponse:
        s = services()
        try:
            view = await asyncio.to_thread(s.handoffs.get, handoff_id)
        except HandoffError:
            return response.json({"ended": True, "messages": []})
        if _someone_elses(view, account):
            return response.json({"error": "Another caseworker is answering this chat (it was taken over)."},
                                 status=403)
        await asyncio.to_thread(s.access.record_reading, account.username, "read_chat_messages",
                                f"handoff-{handoff_id}", READING_LOGGED_EVERY)
        messages = await asyncio.to_thread(s.handoffs.messages, handoff_id)
        return response.json({"ended": False, "messages": [
            {"from": m.sender, "text": m.text, "at": m.at.isoformat()} for m in messages if m.sender != "system"]})

    @app.post(f"{PREFIX}/chats/<handoff_id:int>/send")
    @signed_in(form=True)
    async def send(request: Request, account: Account, csrf: str, handoff_id: int) -> HTTPResponse:
        s = services()
        try:
            view = await asyncio.to_thread(s.handoffs.caseworker_says, handoff_id, account.username,
                                           request.form.get("message") or "")
        except HandoffError as error:
            return page("Not sent", f"<p class='error'>{esc(error)}</p>", account, csrf, status=409)
        await _tell(s, view.conversation_id)
        return response.redirect(f"{PREFIX}/chats/{handoff_id}")

    @app.post(f"{PREFIX}/chats/<handoff_id:int>/take-over")
    @signed_in(form=True)
    async def take_over(request: Request, account: Account, csrf: str, handoff_id: int) -> HTTPResponse:
        s = services()
        try:
            await asyncio.to_thread(s.handoffs.take_over, handoff_id, account.username)
        except HandoffError as error:
            return page("Not taken over", f"<p class='error'>{esc(error)}</p>", account, csrf, status=409)
        await asyncio.to_thread(s.access.record, account.username, "took_over_chat", f"handoff-{handoff_id}")
        return response.redirect(f"{PREFIX}/chats/{handoff_id}")

    @app.post(f"{PREFIX}/chats/<handoff_id:int>/end")
    @signed_in(form=True)
    async def end(request: Request, account: Account, csrf: str, handoff_id: int) -> HTTPResponse:
        s = services()
        try:
            view = await asyncio.to_thread(s.handoffs.get, handoff_id)
        except HandoffError:
            return response.redirect(f"{PREFIX}/chats")
        if _someone_elses(view, account):
            return page("Not yours", f"<p>{esc(view.taken_by)} is answering this chat; take it over first.</p>",
                        account, csrf, status=403)
        if request.form.get("confirmed") != "yes":
            # Ending deletes the chat everywhere at once (annex: handed-off chats are deleted at their end).
            body = ("<p>Ending the chat deletes it and everything said in it, for you and for the person. "
                    "This cannot be undone.</p>"
                    + _form(f"{PREFIX}/chats/{handoff_id}/end", csrf, "Yes, end and delete the chat",
                            '<input type="hidden" name="confirmed" value="yes">')
                    + f' <a href="{PREFIX}/chats/{handoff_id}">No, back to the chat</a>')
            return page(f"End chat {handoff_id}?", body, account, csrf)
        await asyncio.to_thread(s.handoffs.end, handoff_id, "caseworker")
        await asyncio.to_thread(s.access.record, account.username, "ended_chat", f"handoff-{handoff_id}")
        return response.redirect(f"{PREFIX}/chats")


async def _tell(s: Any, conversation_id: str | None) -> None:
    if not conversation_id:
        return
    try:
        await s.conversations.trigger_intent(conversation_id, EXTERNAL_CASEWORKER_MESSAGE)
    except Exception as error:  # noqa: BLE001 - the message waits; the next one carries it along
        logger.warning("caseworker message not pushed to the chat (%s)", type(error).__name__)


def _queue_row(item: dict[str, Any], csrf: str) -> str:
    action = (f'<form method="post" action="{PREFIX}/chats/{item["id"]}/take" class="inline">'
              f'<input type="hidden" name="csrf" value="{esc(csrf)}"><button>Take</button></form>'
              if item["status"] == "waiting" else f'<a href="{PREFIX}/chats/{item["id"]}">{esc(item["taken_by"])}</a>')
    return (f'<tr data-chat="{item["id"]}" class="{"waiting" if item["status"] == "waiting" else ""}">'
            f'<td><a href="{PREFIX}/chats/{item["id"]}">#{item["id"]}</a></td><td>{esc(item["language"])}</td>'
            f'<td>{esc(item["channel"])}</td><td>{esc(item["waited"])}</td><td>{esc(item["understood"] or "–")}</td>'
            f"<td>{action}</td></tr>")
