"""The console's chat pages: the queue of waiting chats, taking one, reading, writing, ending (bot.console.chats
says whose chat is whose and tells the person's chat)."""

from __future__ import annotations

import asyncio

from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.console.accounts import Account
from bot.console.chat_lines import person_and_bot_lines
from bot.console.chats import READING_LOGGED_EVERY, queue_json, someone_elses, tell_the_chat
from bot.handoff.service import HandoffError
from bot.web.console.pages import PREFIX, console_page, explain, message, say
from bot.web.console.session import signed_in
from bot.web.context import services

console_chats = Blueprint("console_chats")


@console_chats.get(f"{PREFIX}/chats")
@signed_in()
async def chats(request: Request, account: Account, csrf: str) -> HTTPResponse:
    s = services(request).console
    views = await asyncio.to_thread(s.handoffs.queue)
    return console_page(request, "chats.html", say(request, "console_nav_chats"), account, csrf,
                        queue=queue_json(views, s.now()))


@console_chats.get(f"{PREFIX}/chats.json")
@signed_in()
async def chats_json(request: Request, account: Account, csrf: str) -> HTTPResponse:
    s = services(request).console
    views = await asyncio.to_thread(s.handoffs.queue)
    return response.json({"chats": queue_json(views, s.now()), "csrf": csrf})


@console_chats.post(f"{PREFIX}/chats/<handoff_id:int>/take")
@signed_in(form=True)
async def take(request: Request, account: Account, csrf: str, handoff_id: int) -> HTTPResponse:
    s = services(request).console
    try:
        view = await asyncio.to_thread(s.handoffs.take, handoff_id, account.username)
    except HandoffError as error:
        return message(request, say(request, "console_not_taken"), explain(request, error), account, csrf,
                       status=409, error=True)
    await tell_the_chat(s.conversations, view.conversation_id)
    return response.redirect(f"{PREFIX}/chats/{handoff_id}")


@console_chats.get(f"{PREFIX}/chats/<handoff_id:int>")
@signed_in()
async def chat(request: Request, account: Account, csrf: str, handoff_id: int) -> HTTPResponse:
    s = services(request).console
    chat_path = f"{PREFIX}/chats/{handoff_id}"
    try:
        view = await asyncio.to_thread(s.handoffs.get, handoff_id)
    except HandoffError as error:
        return message(request, say(request, "console_chat_ended"), explain(request, error), account, csrf, status=404)
    if someone_elses(view, account):
        return console_page(request, "chat_taken.html", say(request, "console_chat_title", number=handoff_id),
                            account, csrf, status=403, view=view, chat_path=chat_path)
    await asyncio.to_thread(s.access.record, account.username, "viewed_chat", f"handoff-{handoff_id}")
    earlier = person_and_bot_lines(await asyncio.to_thread(s.transcript, view.conversation_id))
    mine = view.status == "active" and view.taken_by == account.username
    return console_page(request, "chat.html", say(request, "console_chat_title", number=handoff_id), account, csrf,
                        view=view, earlier=earlier,
                        mine=mine, chat_path=chat_path)


@console_chats.get(f"{PREFIX}/chats/<handoff_id:int>/messages")
@signed_in()
async def chat_json(request: Request, account: Account, csrf: str, handoff_id: int) -> HTTPResponse:
    s = services(request).console
    try:
        view = await asyncio.to_thread(s.handoffs.get, handoff_id)
    except HandoffError:
        return response.json({"ended": True, "messages": []})
    if someone_elses(view, account):
        return response.json({"error": say(request, "console_taken_over_now")},
                             status=403)
    await asyncio.to_thread(s.access.record_reading, account.username, "read_chat_messages",
                            f"handoff-{handoff_id}", READING_LOGGED_EVERY)
    messages = await asyncio.to_thread(s.handoffs.messages, handoff_id)
    return response.json({"ended": False, "messages": [
        {"from": m.sender, "text": m.text, "at": m.at.isoformat()} for m in messages if m.sender != "system"]})


@console_chats.post(f"{PREFIX}/chats/<handoff_id:int>/send")
@signed_in(form=True)
async def send(request: Request, account: Account, csrf: str, handoff_id: int) -> HTTPResponse:
    s = services(request).console
    try:
        view = await asyncio.to_thread(s.handoffs.caseworker_says, handoff_id, account.username,
                                       request.form.get("message") or "")
    except HandoffError as error:
        return message(request, say(request, "console_not_sent"), explain(request, error), account, csrf,
                       status=409, error=True)
    await tell_the_chat(s.conversations, view.conversation_id)
    return response.redirect(f"{PREFIX}/chats/{handoff_id}")


@console_chats.post(f"{PREFIX}/chats/<handoff_id:int>/take-over")
@signed_in(form=True)
async def take_over(request: Request, account: Account, csrf: str, handoff_id: int) -> HTTPResponse:
    s = services(request).console
    try:
        await asyncio.to_thread(s.handoffs.take_over, handoff_id, account.username)
    except HandoffError as error:
        return message(request, say(request, "console_not_taken_over"), explain(request, error), account, csrf,
                       status=409, error=True)
    await asyncio.to_thread(s.access.record, account.username, "took_over_chat", f"handoff-{handoff_id}")
    return response.redirect(f"{PREFIX}/chats/{handoff_id}")


@console_chats.post(f"{PREFIX}/chats/<handoff_id:int>/end")
@signed_in(form=True)
async def end(request: Request, account: Account, csrf: str, handoff_id: int) -> HTTPResponse:
    s = services(request).console
    try:
        view = await asyncio.to_thread(s.handoffs.get, handoff_id)
    except HandoffError:
        return response.redirect(f"{PREFIX}/chats")
    if someone_elses(view, account):
        return message(request, say(request, "console_not_yours"),
                       say(request, "console_not_yours_text", caseworker=view.taken_by),
                       account, csrf, status=403)
    if request.form.get("confirmed") != "yes":
        # Ending deletes the chat everywhere at once (annex: handed-off chats are deleted at their end).
        return console_page(request, "chat_end.html", say(request, "console_end_chat_title", number=handoff_id),
                            account, csrf,
                            chat_path=f"{PREFIX}/chats/{handoff_id}")
    await asyncio.to_thread(s.handoffs.end, handoff_id, "caseworker")
    await asyncio.to_thread(s.access.record, account.username, "ended_chat", f"handoff-{handoff_id}")
    return response.redirect(f"{PREFIX}/chats")
