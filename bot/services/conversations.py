"""Records when chats start, are active and end: the clock the retention rules run on."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.engine import Engine

from bot.clock import Clock, utc_now
from bot.db.engine import session_scope
from bot.models.conversation import Conversation, utc_naive

END_REASONS = ("goodbye", "widget", "inactivity", "handoff", "erased")


@dataclass(frozen=True)
class ConversationState:
    conversation_id: str
    channel: str
    language: str | None
    open: bool
    message_count: int


class ConversationService:
    def __init__(self, engine: Engine, clock: Clock = utc_now) -> None:
        self._engine = engine
        self._clock = clock

    @property
    def engine(self) -> Engine:
        return self._engine

    def record_user_message(
        self, conversation_id: str, channel: str, language: str | None
    ) -> ConversationState:
        """Count a user message; a message after the end reopens the chat."""
        now = utc_naive(self._clock())
        with session_scope(self.engine) as session:
            row = session.execute(
                select(Conversation).where(Conversation.conversation_id == conversation_id)
            ).scalar_one_or_none()
            if row is None:
                row = Conversation(
                    conversation_id=conversation_id,
                    channel=channel[:32],
                    language=language,
                    started_at=now,
                    last_activity_at=now,
                    message_count=0,
                    handed_off=False,
                )
                session.add(row)
            row.last_activity_at = now
            row.message_count = (row.message_count or 0) + 1
            if language:
                row.language = language
            if row.ended_at is not None:
                row.ended_at = None
                row.end_reason = None
            session.flush()
            return _state(row)

    def end(self, conversation_id: str, reason: str) -> ConversationState | None:
        """Mark the chat ended now: this starts the annex's 15-minute masking clock."""
        if reason not in END_REASONS:
            raise ValueError(f"unknown end reason {reason!r}")
        now = utc_naive(self._clock())
        with session_scope(self.engine) as session:
            row = session.execute(
                select(Conversation).where(Conversation.conversation_id == conversation_id)
            ).scalar_one_or_none()
            if row is None:
                return None
            if row.ended_at is None:
                row.ended_at = now
                row.end_reason = reason
            session.flush()
            return _state(row)

    def get(self, conversation_id: str) -> ConversationState | None:
        with session_scope(self.engine) as session:
            row = session.execute(
                select(Conversation).where(Conversation.conversation_id == conversation_id)
            ).scalar_one_or_none()
            return _state(row) if row else None


def _state(row: Conversation) -> ConversationState:
    return ConversationState(
        conversation_id=row.conversation_id,
        channel=row.channel,
        language=row.language,
        open=row.ended_at is None,
        message_count=row.message_count or 0,
    )
