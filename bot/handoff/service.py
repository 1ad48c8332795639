"""Handing a chat to a caseworker: the queue, the messages both ways, and the end that deletes it.

The database row is the durable record (it survives a restart of any
process); while a chat is handed off, the person's messages are kept here
for the caseworker instead of going to the bot. Ending the chat, from either
side, deletes its messages and the chat in every store at once (the annex),
leaving a pseudonymous audit entry."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.engine import Engine

from bot.errors import Conflict
from bot.handoff.models import Handoff, HandoffMessage
from bot.models.conversation import Conversation, utc_naive

HANDOFFS = Handoff.__table__
MESSAGES = HandoffMessage.__table__
CONVERSATIONS = Conversation.__table__
OPEN = ("waiting", "active")
# What a person or a caseworker writes keeps a taken chat alive; "joined" and other system lines do not.
ACTIVITY_SENDERS = ("person", "caseworker")
MAX_MESSAGE_CHARS = 2000
Audit = Callable[[str, "str | None", dict[str, Any]], None]
Erase = Callable[[str], object]


@dataclass(frozen=True)
class HandoffView:
    id: int
    conversation_id: str | None
    language: str
    channel: str
    summary: str
    status: str
    requested_at: datetime
    taken_by: str | None
    position: int | None  # in the queue, while waiting


@dataclass(frozen=True)
class ChatMessage:
    at: datetime
    sender: str
    text: str


class HandoffError(Conflict):
    """A handoff operation that cannot be done; the message is safe to show a caseworker."""


class HandoffService:
    def __init__(self, engine: Engine, clock: Callable[[], datetime], secret_key: bytes,
                 erase: Erase | None = None, audit: Audit | None = None, *, legacy_key: bytes | None = None) -> None:
        self._engine = engine
        self._clock = clock
        self._secret = secret_key
        # Rows keyed before the keys were derived (bot.keys) are still found until the day-old rule removes them.
        self._legacy = legacy_key
        self._erase = erase
        self._audit = audit

    def key(self, conversation_id: str, secret: bytes | None = None) -> str:
        return hmac.new(secret or self._secret, b"handoff:" + conversation_id.encode(), hashlib.sha256).hexdigest()

    def _keys(self, conversation_id: str) -> list[str]:
        return [self.key(conversation_id, secret) for secret in (self._secret, self._legacy) if secret]

    def _now(self) -> datetime:
        return utc_naive(self._clock())

    # --- the person's side ----------------------------------------------------------------------
    def request(self, conversation_id: str, language: str, channel: str, summary: str) -> HandoffView:
        current = self.open_for(conversation_id)
        if current is not None:
            return current
        with self._engine.begin() as connection:
            connection.execute(HANDOFFS.insert().values(
                conversation_id=conversation_id, conversation_key=self.key(conversation_id), language=language,
                channel=channel[:32], summary=summary[:1000], status="waiting", requested_at=self._now(),
            ))
            # Annex (3): this chat is deleted when it ends, not masked and kept.
            connection.execute(update(Conversation.__table__)
                               .where(Conversation.__table__.c.conversation_id == conversation_id)
                               .values(handed_off=True))
        opened = self.open_for(conversation_id)
        assert opened is not None
        if self._audit is not None:
            self._audit("handoff.requested", self.key(conversation_id), {"language": language})
        return opened

    def open_for(self, conversation_id: str) -> HandoffView | None:
        with self._engine.connect() as connection:
            row = connection.execute(select(HANDOFFS).where(
                HANDOFFS.c.conversation_id == conversation_id, HANDOFFS.c.status.in_(OPEN))).first()
        return self._view(row) if row is not None else None

    def last_for(self, conversation_id: str) -> tuple[str, str] | None:
        """Status and language of this chat's latest handoff (rows outlive the chat, keyed by a hash)."""
        with self._engine.connect() as connection:
            row = connection.execute(
                select(HANDOFFS.c.status, HANDOFFS.c.language)
                .where(HANDOFFS.c.conversation_key.in_(self._keys(conversation_id)))
                .order_by(HANDOFFS.c.id.desc()).limit(1)
            ).first()
        return (str(row.status), str(row.language)) if row is not None else None

    def person_says(self, conversation_id: str, text: str) -> bool:
        """True if the chat is handed off: the message went to the caseworker, not the bot."""
        current = self.open_for(conversation_id)
        if current is None:
            return False
        self._add(current.id, "person", text, delivered=True)
        return True

    def undelivered(self, conversation_id: str) -> list[ChatMessage]:
        """What the caseworker said that the person has not been shown yet; shown means delivered."""
        current = self.open_for(conversation_id)
        if current is None:
            return []
        with self._engine.begin() as connection:
            rows = connection.execute(select(MESSAGES).where(
                MESSAGES.c.handoff_id == current.id, MESSAGES.c.delivered.is_(False)).order_by(MESSAGES.c.id)).all()
            if rows:
                connection.execute(update(MESSAGES).where(MESSAGES.c.id.in_([r.id for r in rows]))
                                   .values(delivered=True))
        return [ChatMessage(r.at, r.sender, r.text) for r in rows]

    # --- the caseworker's side ------------------------------------------------------------------
    def queue(self) -> list[HandoffView]:
        with self._engine.connect() as connection:
            rows = connection.execute(select(HANDOFFS).where(HANDOFFS.c.status.in_(OPEN))
                                      .order_by(HANDOFFS.c.requested_at, HANDOFFS.c.id)).all()
        return [self._view(row) for row in rows]

    def get(self, handoff_id: int) -> HandoffView:
        with self._engine.connect() as connection:
            row = connection.execute(select(HANDOFFS).where(HANDOFFS.c.id == handoff_id)).first()
        if row is None or row.status not in OPEN:
            raise HandoffError("this chat has ended or does not exist", key="console_error_chat_gone")
        return self._view(row)

    def take(self, handoff_id: int, username: str) -> HandoffView:
        with self._engine.begin() as connection:
            taken = connection.execute(
                update(HANDOFFS).where(HANDOFFS.c.id == handoff_id, HANDOFFS.c.status == "waiting")
                .values(status="active", taken_at=self._now(), taken_by=username)
            ).rowcount
        if not taken:
            raise HandoffError("another caseworker has taken this chat, or it has ended",
                               key="console_error_chat_taken")
        self._add(handoff_id, "system", "joined", delivered=False)
        return self.get(handoff_id)

    def take_over(self, handoff_id: int, username: str) -> HandoffView:
        """Another caseworker's live chat becomes this one's (the console logs who did it)."""
        with self._engine.begin() as connection:
            taken = connection.execute(
                update(HANDOFFS).where(HANDOFFS.c.id == handoff_id, HANDOFFS.c.status == "active")
                .values(taken_at=self._now(), taken_by=username)
            ).rowcount
        if not taken:
            raise HandoffError("this chat is not being answered by a caseworker, or it has ended",
                               key="console_error_chat_not_active")
        return self.get(handoff_id)

    def caseworker_says(self, handoff_id: int, username: str, text: str) -> HandoffView:
        current = self.get(handoff_id)
        if current.status != "active" or current.taken_by != username:
            raise HandoffError("take the chat before writing in it", key="console_error_take_first")
        text = text.strip()
        if not text:
            raise HandoffError("the message is empty", key="console_error_message_empty")
        self._add(handoff_id, "caseworker", text, delivered=False)
        return current

    def messages(self, handoff_id: int) -> list[ChatMessage]:
        with self._engine.connect() as connection:
            rows = connection.execute(select(MESSAGES).where(MESSAGES.c.handoff_id == handoff_id)
                                      .order_by(MESSAGES.c.id)).all()
        return [ChatMessage(r.at, r.sender, r.text) for r in rows]

    def end(self, handoff_id: int, by: str, status: str = "ended") -> str | None:
        """Ends the chat and deletes it everywhere; returns its conversation id for a last word."""
        now = self._now()
        with self._engine.begin() as connection:
            row = connection.execute(select(HANDOFFS).where(HANDOFFS.c.id == handoff_id)).first()
            if row is None or row.status not in OPEN:
                return None
            connection.execute(delete(MESSAGES).where(MESSAGES.c.handoff_id == handoff_id))
            connection.execute(update(HANDOFFS).where(HANDOFFS.c.id == handoff_id).values(
                status=status, ended_at=now, conversation_id=None, summary=""))
        if self._erase is not None:
            self._erase(row.conversation_id)
        if self._audit is not None:
            waited = ((row.taken_at or now) - row.requested_at).total_seconds()
            self._audit(f"handoff.{status}", row.conversation_key, {"by": by, "waited_seconds": int(waited)})
        return str(row.conversation_id)

    def end_for(self, conversation_id: str, by: str) -> bool:
        current = self.open_for(conversation_id)
        return current is not None and self.end(current.id, by) is not None

    def expire_waiting(self, older_than: timedelta) -> list[str]:
        """Chats nobody took in time: they go back to the bot (nothing was said to a person yet)."""
        cutoff = self._now() - older_than
        with self._engine.begin() as connection:
            rows = connection.execute(select(HANDOFFS).where(
                HANDOFFS.c.status == "waiting", HANDOFFS.c.requested_at <= cutoff)).all()
            for row in rows:
                connection.execute(delete(MESSAGES).where(MESSAGES.c.handoff_id == row.id))
                connection.execute(update(HANDOFFS).where(HANDOFFS.c.id == row.id).values(
                    status="expired", ended_at=self._now(), conversation_id=None, summary=""))
                connection.execute(update(Conversation.__table__)
                                   .where(Conversation.__table__.c.conversation_id == row.conversation_id)
                                   .values(handed_off=False))
        if self._audit is not None:
            for row in rows:
                self._audit("handoff.expired", row.conversation_key, {})
        return [str(row.conversation_id) for row in rows]

    def forget(self, conversation_id: str) -> int:
        """«Forget this chat» and Art. 17: every handoff of the chat and its messages; returns rows removed."""
        mine = or_(HANDOFFS.c.conversation_id == conversation_id,
                   HANDOFFS.c.conversation_key.in_(self._keys(conversation_id)))
        with self._engine.begin() as connection:
            ids = list(connection.execute(select(HANDOFFS.c.id).where(mine)).scalars())
            if not ids:
                return 0
            messages = connection.execute(delete(MESSAGES).where(MESSAGES.c.handoff_id.in_(ids))).rowcount or 0
            rows = connection.execute(delete(HANDOFFS).where(HANDOFFS.c.id.in_(ids))).rowcount or 0
        return int(messages) + int(rows)

    # --- helpers --------------------------------------------------------------------------------
    def _add(self, handoff_id: int, sender: str, text: str, delivered: bool) -> None:
        now = self._now()
        with self._engine.begin() as connection:
            connection.execute(MESSAGES.insert().values(handoff_id=handoff_id, at=now, sender=sender,
                                                        text=text[:MAX_MESSAGE_CHARS], delivered=delivered))
            if sender in ACTIVITY_SENDERS:
                # These messages bypass Rasa, so nothing else moves the chat's clock: without this the
                # retention worker saw a lively handed-off chat as idle and ended only the bot's half.
                chat = select(HANDOFFS.c.conversation_id).where(HANDOFFS.c.id == handoff_id).scalar_subquery()
                connection.execute(update(CONVERSATIONS).where(CONVERSATIONS.c.conversation_id == chat)
                                   .values(last_activity_at=now))

    def _view(self, row: object) -> HandoffView:
        position = None
        if row.status == "waiting":  # type: ignore[attr-defined]
            with self._engine.connect() as connection:
                ahead = connection.execute(select(func.count()).where(
                    HANDOFFS.c.status == "waiting", HANDOFFS.c.id < row.id)).scalar_one()  # type: ignore[attr-defined]
            position = int(ahead) + 1
        return HandoffView(row.id, row.conversation_id, row.language, row.channel,  # type: ignore[attr-defined]
                           row.summary, row.status, row.requested_at, row.taken_by, position)  # type: ignore[attr-defined]
