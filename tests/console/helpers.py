"""Accounts, chats and cases for the console tests, made the way an admin and a person would make them."""

from __future__ import annotations

import json
import time
import uuid
from email.message import EmailMessage

import redis

from bot.cases.service import CaseService
from bot.clock import utc_now
from bot.console.accounts import AccountService
from bot.handoff.service import HandoffService
from tests.console.conftest import CONSOLE_SECRET, ConsoleWeb
from tests.support.console_client import ConsoleClient, User
from tests.support.services import redis_url

PASSWORD = "a long console password"
OFFICE = "10.1.1.1"  # inside CONSOLE_ALLOWED_NETWORKS


def new_user(web: ConsoleWeb, role: str = "caseworker", must_change_password: bool = False) -> User:
    name = f"{role[:4]}-{uuid.uuid4().hex[:8]}"
    created = AccountService(web.engine, utc_now, CONSOLE_SECRET.encode()).create(
        name, role, PASSWORD, must_change_password=must_change_password)
    return User(name, created.totp_secret)


def signed_in(web: ConsoleWeb, role: str = "caseworker", source: str = OFFICE) -> tuple[ConsoleClient, User]:
    client, user = ConsoleClient(web.url, source), new_user(web, role)
    reply = client.login(user.name, PASSWORD, user.code())
    assert reply.status == 302 and reply.location == "/console/", (reply.status, reply.text[:300])
    return client, user


def cases(web: ConsoleWeb) -> CaseService:
    return CaseService(web.engine, utc_now, CONSOLE_SECRET.encode())


def handoffs(web: ConsoleWeb) -> HandoffService:
    return HandoffService(web.engine, utc_now, CONSOLE_SECRET.encode())


def waiting_chat(web: ConsoleWeb, events: list[dict[str, object]] | None = None) -> tuple[int, str]:
    """A person asked for a caseworker; what they said to the bot is in Rasa's Redis tracker."""
    conversation = f"chat-{uuid.uuid4().hex}"
    if events:
        redis.Redis.from_url(redis_url()).set(f"vern:tracker:{conversation}",
                                               json.dumps({"name": conversation, "events": events}))
    view = handoffs(web).request(conversation, "nb", "rest", "vil snakke med et menneske")
    return view.id, conversation


def mails_to(web: ConsoleWeb, address: str, wait: float = 10.0, at_least: int = 1) -> list[EmailMessage]:
    deadline = time.monotonic() + wait
    while True:
        found = [r.message for r in web.smtp.received if address in r.recipients]
        if len(found) >= at_least or time.monotonic() > deadline:
            return found
        time.sleep(0.2)


def body(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    return str(part.get_content()) if part else ""
