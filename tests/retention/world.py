"""A Vern deployment in miniature: the conversations table plus Rasa's tracker store."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import redis
from rasa.core.tracker_store import SQLTrackerStore, TrackerStore
from sqlalchemy import inspect, select, text
from sqlalchemy.engine import Engine

from bot.clock import Clock
from bot.models.conversation import Conversation
from bot.retention.chat_stores import ChatLogStore
from bot.services.conversations import ConversationService
from tests.retention.chats import SeededChat, run, save_chats


@dataclass
class World:
    name: str
    engine: Engine
    stores: list[ChatLogStore]
    rasa: TrackerStore
    redis: redis.Redis | None = None
    redis_prefix: str = ""
    audit_log: list[tuple[str, str | None, dict]] = field(default_factory=list)

    def audit(self, event: str, subject: str | None, details: dict) -> None:
        self.audit_log.append((event, subject, details))

    def save(self, chats: Sequence[SeededChat]) -> None:
        save_chats(self.rasa, chats)

    def tracker(self, chat: SeededChat) -> Any:
        return run(self.rasa.retrieve_full_tracker(chat.sender_id))

    def dump(self) -> str:
        """Everything stored anywhere: every events row, every Redis record, every conversations row."""
        parts: list[str] = []
        tables = set(inspect(self.engine).get_table_names())
        with self.engine.connect() as connection:
            for table in ("events", "conversations"):
                if table in tables:
                    parts += [repr(tuple(row)) for row in connection.execute(text(f"SELECT * FROM {table}"))]
        if self.redis is not None:
            for key in self.redis.scan_iter(match=f"{self.redis_prefix}:*"):
                parts.append(f"{key!r}={self.redis.get(key)!r}")
        return "\n".join(parts)

    def close(self) -> None:
        if isinstance(self.rasa, SQLTrackerStore):
            self.rasa.engine.dispose()


def start_chats(engine: Engine, clock: Clock, chats: Sequence[SeededChat]) -> None:
    service = ConversationService(engine, clock)
    for chat in chats:
        service.record_user_message(chat.sender_id, "rest", "nb")


def end_chat(engine: Engine, clock: Clock, chat: SeededChat, reason: str = "goodbye") -> None:
    ConversationService(engine, clock).end(chat.sender_id, reason)


def hand_off(engine: Engine, chat: SeededChat) -> None:
    with engine.begin() as connection:
        connection.execute(
            text("UPDATE conversations SET handed_off = :yes WHERE conversation_id = :c"),
            {"yes": True, "c": chat.sender_id},
        )


def conversation(engine: Engine, chat: SeededChat) -> dict[str, Any]:
    table = Conversation.__table__
    with engine.connect() as connection:
        row = connection.execute(select(table).where(table.c.conversation_id == chat.sender_id)).one()
    return dict(row._mapping)


def leaks(dump: str, chats: Sequence[SeededChat]) -> list[str]:
    return [value for chat in chats for value in chat.personal_values() if value in dump]


def audit_text(world: World) -> str:
    return json.dumps(world.audit_log)
