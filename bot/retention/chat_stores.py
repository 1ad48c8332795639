"""Where Rasa keeps chat logs, behind one small interface the retention worker uses.

Rasa 3.6 keeps a conversation either in its SQL tracker store (one `events`
row per event, `data` = `json.dumps(event.as_dict())`) or in Redis (one key
`<prefix><sender_id>` = `json.dumps({"events": [...], "name": sender_id})`, with
an expiry). Both are rewritten in place with the same serialisation, so Rasa
loads a masked tracker like any other and later saves append to it.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Sequence
from typing import Any, Protocol

import redis
from sqlalchemy import bindparam, column, delete, func, inspect, select, table, update
from sqlalchemy.engine import Connection, Engine

from bot.config import Settings
from bot.retention.errors import ChatStoreError
from bot.retention.event_masking import MaskText, mask_any_event, mask_serialised_event, masker_for_chat

# Rasa appends "tracker:" to the alphanumeric prefix Vern gives it (bot.rasa_adapter.tracker_store).
REDIS_TRACKER_PREFIX = "vern:tracker:"
_WATCH_RETRIES = 5

_EVENTS = table("events", column("id"), column("sender_id"), column("data"))
logger = logging.getLogger(__name__)


class ChatLogStore(Protocol):
    def mask_conversation(self, conversation_id: str, mask_text: MaskText) -> int:
        """Mask every event of the chat in place; returns how many events changed."""

    def delete_conversation(self, conversation_id: str) -> int:
        """Remove the chat's log entirely; returns how many events were removed."""

    def conversation_ids(self) -> set[str]:
        """Every conversation (sender) id the store holds a log for."""

    def transcript(self, conversation_id: str) -> list[dict[str, Any]]:
        """What the person and the bot wrote, in order (for an access export)."""


class SqlChatLogStore:
    """Rasa's SQLTrackerStore table `events`, on Vern's own database."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._table_seen = False

    @property
    def engine(self) -> Engine:
        """The worker joins this store's writes to its own batch transaction when the engines match."""
        return self._engine

    def _has_events(self) -> bool:
        # Rasa creates the table on its first start; until then there is nothing to mask.
        if not self._table_seen:
            self._table_seen = inspect(self._engine).has_table("events")
        return self._table_seen

    def mask_conversation(self, conversation_id: str, mask_text: MaskText) -> int:
        if not self._has_events():
            return 0
        changed = 0
        # One transaction per chat: either every event is masked or none is.
        with self._engine.begin() as connection:
            rows = connection.execute(
                select(_EVENTS.c.id, _EVENTS.c.data)
                .where(_EVENTS.c.sender_id == conversation_id)
                .order_by(_EVENTS.c.id)
            ).all()
            chat_masker = masker_for_chat(mask_text, [_loaded(data) for _, data in rows])
            for event_id, data in rows:
                masked = mask_serialised_event(data, chat_masker)
                if masked != data:
                    connection.execute(update(_EVENTS).where(_EVENTS.c.id == event_id).values(data=masked))
                    changed += 1
        return changed

    def mask_conversations(
        self, conversation_ids: Sequence[str], mask_text: MaskText, connection: Connection
    ) -> tuple[dict[str, int], set[str]]:
        """Mask a batch of chats inside `connection`'s transaction: one read and one executemany for all of
        them, instead of a transaction, a read and one statement per event per chat.

        Returns the changed events per chat, and the chats whose masking raised: those are left as they
        were (their events are not written) and stay due. A database error fails the whole batch."""
        counts = {conversation_id: 0 for conversation_id in conversation_ids}
        if not conversation_ids or not self._has_events():
            return counts, set()
        rows = connection.execute(
            select(_EVENTS.c.id, _EVENTS.c.sender_id, _EVENTS.c.data)
            .where(_EVENTS.c.sender_id.in_(list(conversation_ids)))
            .order_by(_EVENTS.c.id)
        ).all()
        by_chat: dict[str, list[tuple[int, Any]]] = {}
        for event_id, sender_id, data in rows:
            by_chat.setdefault(sender_id, []).append((event_id, data))
        changes: list[dict[str, Any]] = []
        failed: set[str] = set()
        for conversation_id, events in by_chat.items():
            try:
                chat_masker = masker_for_chat(mask_text, [_loaded(data) for _, data in events])
                changed = [
                    {"event_id": event_id, "masked": masked}
                    for event_id, data in events
                    if (masked := mask_serialised_event(data, chat_masker)) != data
                ]
            except Exception as error:  # noqa: BLE001 - one broken chat must not stop the batch
                logger.warning("masking one chat failed (%s)", type(error).__name__)
                failed.add(conversation_id)
                continue
            changes += changed
            counts[conversation_id] = len(changed)
        if changes:
            _write_masked(connection, changes)
        return counts, failed

    def delete_conversations(self, conversation_ids: Sequence[str], connection: Connection) -> dict[str, int]:
        """Delete a batch of chats' logs inside `connection`'s transaction; events removed per chat."""
        counts = {conversation_id: 0 for conversation_id in conversation_ids}
        if not conversation_ids or not self._has_events():
            return counts
        ids = list(conversation_ids)
        for sender_id, count in connection.execute(
            select(_EVENTS.c.sender_id, func.count()).where(_EVENTS.c.sender_id.in_(ids)).group_by(_EVENTS.c.sender_id)
        ):
            counts[sender_id] = int(count)
        connection.execute(delete(_EVENTS).where(_EVENTS.c.sender_id.in_(ids)))
        return counts

    def transcript(self, conversation_id: str) -> list[dict[str, Any]]:
        if not self._has_events():
            return []
        with self._engine.connect() as connection:
            rows = connection.execute(
                select(_EVENTS.c.data).where(_EVENTS.c.sender_id == conversation_id).order_by(_EVENTS.c.id)
            ).scalars().all()
        return transcript_of([_loaded(data) for data in rows])

    def delete_conversation(self, conversation_id: str) -> int:
        if not self._has_events():
            return 0
        with self._engine.begin() as connection:
            result = connection.execute(delete(_EVENTS).where(_EVENTS.c.sender_id == conversation_id))
            return int(result.rowcount or 0)

    def conversation_ids(self) -> set[str]:
        if not self._has_events():
            return set()
        with self._engine.connect() as connection:
            return {row[0] for row in connection.execute(select(_EVENTS.c.sender_id).distinct())}


def _write_masked(connection: Connection, changes: list[dict[str, Any]]) -> None:
    """The batch's masked events in as few statements as possible: on PostgreSQL one UPDATE … FROM (VALUES …)
    per thousand events (an executemany would be one round trip per event)."""
    if connection.dialect.name == "postgresql":
        from psycopg2.extras import execute_values

        cursor = connection.connection.cursor()
        try:
            execute_values(cursor, "UPDATE events SET data = v.data FROM (VALUES %s) AS v(id, data)"
                                   " WHERE events.id = v.id", [(c["event_id"], c["masked"]) for c in changes],
                           page_size=1000)
        finally:
            cursor.close()
        return
    connection.execute(
        update(_EVENTS).where(_EVENTS.c.id == bindparam("event_id")).values(data=bindparam("masked")), changes
    )


def transcript_of(events: list[Any]) -> list[dict[str, Any]]:
    lines = []
    for event in events:
        if isinstance(event, dict) and event.get("event") in ("user", "bot") and event.get("text"):
            lines.append({"at": event.get("timestamp"), "from": "you" if event["event"] == "user" else "Vern",
                          "text": event["text"]})
    return lines


def _loaded(data: Any) -> Any:
    try:
        return json.loads(data) if data else None
    except ValueError:
        return data


def _text(raw: Any) -> str:
    return raw.decode("utf-8") if isinstance(raw, bytes) else str(raw)


class RedisChatLogStore:
    """Rasa's RedisTrackerStore: one JSON document per chat, with an expiry to keep."""

    def __init__(self, redis_client: redis.Redis, key_prefix: str = REDIS_TRACKER_PREFIX) -> None:
        self._redis = redis_client
        self._prefix = key_prefix

    def _key(self, conversation_id: str) -> str:
        return self._prefix + conversation_id

    def mask_conversation(self, conversation_id: str, mask_text: MaskText) -> int:
        key = self._key(conversation_id)
        for _attempt in range(_WATCH_RETRIES):
            with self._redis.pipeline() as pipe:
                try:
                    # WATCH: if Rasa saves a new turn meanwhile, start over instead of losing it.
                    pipe.watch(key)
                    raw = pipe.get(key)
                    if raw is None:
                        return 0
                    rewritten, changed = _mask_document(_text(raw), mask_text)
                    if changed == 0:
                        pipe.unwatch()
                        return 0
                    pipe.multi()
                    # KEEPTTL: the record keeps expiring when Rasa said it should.
                    pipe.set(key, rewritten, keepttl=True)
                    pipe.execute()
                    return changed
                except redis.WatchError:
                    continue
        raise ChatStoreError("a Redis tracker kept changing while it was being masked")

    def transcript(self, conversation_id: str) -> list[dict[str, Any]]:
        raw = self._redis.get(self._key(conversation_id))
        if raw is None:
            return []
        try:
            events = json.loads(_text(raw)).get("events")
        except (ValueError, AttributeError):
            return []
        return transcript_of(events if isinstance(events, list) else [])

    def delete_conversation(self, conversation_id: str) -> int:
        pipe = self._redis.pipeline(transaction=True)
        pipe.get(self._key(conversation_id))
        pipe.delete(self._key(conversation_id))
        raw, _deleted = pipe.execute()
        if raw is None:
            return 0
        try:
            events = json.loads(_text(raw)).get("events")
        except (ValueError, AttributeError):
            return 1
        return len(events) if isinstance(events, list) else 1

    def conversation_ids(self) -> set[str]:
        pattern = self._prefix.replace("[", "\\[").replace("*", "\\*").replace("?", "\\?") + "*"
        return {_text(key)[len(self._prefix) :] for key in self._redis.scan_iter(match=pattern, count=500)}


def _mask_document(raw: str, mask_text: MaskText) -> tuple[str, int]:
    """Mask the events of a serialised Dialogue; its `name` (the sender id) stays."""
    try:
        document = json.loads(raw)
    except ValueError:
        masked = mask_text(raw)
        return masked, int(masked != raw)
    if not isinstance(document, dict) or not isinstance(document.get("events"), list):
        masked_any = json.dumps(mask_any_event(document, mask_text))
        return masked_any, int(masked_any != raw)
    events = document["events"]
    chat_masker = masker_for_chat(mask_text, events)
    masked_events = [mask_any_event(event, chat_masker) for event in events]
    changed = sum(1 for before, after in zip(events, masked_events, strict=True) if before != after)
    document["events"] = masked_events
    return json.dumps(document), changed


def build_chat_stores(
    settings: Settings,
    engine: Engine | None = None,
    redis_factory: Callable[[str], redis.Redis] = redis.Redis.from_url,
) -> list[ChatLogStore]:
    """The store Rasa is configured with (bot.rasa_adapter.tracker_store): Redis when
    REDIS_URL is set, else SQL on DATABASE_URL."""
    if settings.redis_url:
        return [RedisChatLogStore(redis_factory(settings.redis_url))]
    from bot.db.engine import get_engine

    return [SqlChatLogStore(engine or get_engine(settings.database_url))]
