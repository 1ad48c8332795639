"""Masking and deleting chat logs in Rasa's real SQL and Redis tracker stores."""

from __future__ import annotations

import json
from pathlib import Path

import redis
from rasa.shared.core.events import UserUttered
from sqlalchemy import text
from sqlalchemy.engine import Engine

from bot.config import Settings
from bot.db.engine import create_db_engine
from bot.retention.chat_stores import RedisChatLogStore, SqlChatLogStore, build_chat_stores
from tests.retention.chats import SeededChat, SeededMasker, rasa_redis_store, rasa_sql_store, run, save_chats
from tests.support.services import redis_url

TOKENS = ("<name>", "<email>", "<number>")


def event_rows(engine: Engine, sender_id: str) -> list[tuple]:
    with engine.connect() as connection:
        return [
            tuple(row)
            for row in connection.execute(
                text(
                    "SELECT id, sender_id, type_name, timestamp, intent_name, action_name, data "
                    "FROM events WHERE sender_id = :s ORDER BY id"
                ),
                {"s": sender_id},
            )
        ]


def assert_tracker_loads_masked(tracker, chat: SeededChat) -> None:  # type: ignore[no-untyped-def]
    original = chat.events()
    assert tracker is not None
    assert [type(e) for e in tracker.events] == [type(e) for e in original]
    assert [e.timestamp for e in tracker.events] == [e.timestamp for e in original]
    assert tracker.get_slot("email") == "<email>"
    assert tracker.get_slot("phone") == "<number>"
    assert tracker.get_slot("reference_number") == "<number>"
    assert tracker.get_slot("contact") == {"name": "<name> <name>", "emails": ["<email>"], "phones": ["<number>"]}
    last_user = [e for e in tracker.events if isinstance(e, UserUttered)][-1]
    assert last_user.text == "<email> eller ring <number>"
    assert last_user.intent == {"name": "inform", "confidence": 0.88}
    assert [(e["entity"], e["start"], e["value"]) for e in last_user.entities] == [
        ("email", 0, "<email>"),
        ("phone", len(chat.email) + len(" eller ring "), "<number>"),
    ]
    first_user = [e for e in tracker.events if isinstance(e, UserUttered)][0]
    assert first_user.text == "Hei, jeg heter <name> <name>"
    assert first_user.parse_data["intent_ranking"][1] == {"name": "inform", "confidence": 0.02}
    assert first_user.metadata["model_id"] == original[3].metadata["model_id"]
    assert [getattr(e, "action_name", None) for e in tracker.events] == [
        getattr(e, "action_name", None) for e in original
    ]


def test_sql_masking_removes_every_seeded_value_and_rasa_still_loads_the_chat(sql_engine: Engine) -> None:
    chat, other = SeededChat(), SeededChat()
    rasa = rasa_sql_store(sql_engine)
    save_chats(rasa, [chat, other])
    before = event_rows(sql_engine, chat.sender_id)
    other_before = event_rows(sql_engine, other.sender_id)
    store = SqlChatLogStore(sql_engine)

    changed = store.mask_conversation(chat.sender_id, SeededMasker([chat, other]))

    after = event_rows(sql_engine, chat.sender_id)
    with_personal_data = [row for row in before if any(value in row[6] for value in chat.personal_values())]
    assert changed == len(with_personal_data) > 5
    dump = json.dumps(after)
    assert not [value for value in chat.personal_values() if value in dump]
    assert all(token in dump for token in TOKENS)
    # ids, event types, timestamps, intent and action names: what Rasa queries by stays.
    assert [row[:6] for row in after] == [row[:6] for row in before]
    # Serialised exactly as Rasa's SQLTrackerStore.save does.
    assert all(json.dumps(json.loads(row[6])) == row[6] for row in after)
    assert event_rows(sql_engine, other.sender_id) == other_before
    assert_tracker_loads_masked(run(rasa.retrieve_full_tracker(chat.sender_id)), chat)
    # Idempotent: a second pass finds nothing left to mask.
    assert store.mask_conversation(chat.sender_id, SeededMasker([chat])) == 0
    rasa.engine.dispose()


def test_sql_delete_removes_the_chat_only(sql_engine: Engine) -> None:
    chat, other = SeededChat(), SeededChat()
    rasa = rasa_sql_store(sql_engine)
    save_chats(rasa, [chat, other])
    store = SqlChatLogStore(sql_engine)
    assert store.conversation_ids() >= {chat.sender_id, other.sender_id}

    assert store.delete_conversation(chat.sender_id) == len(chat.events())

    assert event_rows(sql_engine, chat.sender_id) == []
    assert run(rasa.retrieve_full_tracker(chat.sender_id)) is None
    assert len(event_rows(sql_engine, other.sender_id)) == len(other.events())
    assert chat.sender_id not in store.conversation_ids()
    assert store.delete_conversation(chat.sender_id) == 0
    rasa.engine.dispose()


def test_sql_store_without_rasas_table_is_empty(tmp_path: Path) -> None:
    engine = create_db_engine(f"sqlite:///{tmp_path / 'fresh.sqlite3'}")
    store = SqlChatLogStore(engine)
    assert store.conversation_ids() == set()
    assert store.mask_conversation("chat-1", SeededMasker()) == 0
    assert store.delete_conversation("chat-1") == 0
    engine.dispose()


def test_an_unparseable_event_row_is_masked_as_text(sqlite_engine: Engine) -> None:
    chat = SeededChat()
    rasa = rasa_sql_store(sqlite_engine)
    save_chats(rasa, [chat])
    with sqlite_engine.begin() as connection:
        connection.execute(
            text("INSERT INTO events (sender_id, type_name, data) VALUES (:s, 'user', :d)"),
            {"s": chat.sender_id, "d": f"{{broken {chat.email} {chat.first_name}"},
        )
    SqlChatLogStore(sqlite_engine).mask_conversation(chat.sender_id, SeededMasker([chat]))
    assert event_rows(sqlite_engine, chat.sender_id)[-1][6] == "{broken <email> <name>"
    rasa.engine.dispose()


def redis_key(prefix: str, chat: SeededChat) -> str:
    return f"{prefix}:tracker:{chat.sender_id}"


def test_redis_masking_removes_every_seeded_value_keeps_the_ttl_and_rasa_loads_it(
    redis_client: redis.Redis, redis_prefix: str
) -> None:
    chat, other = SeededChat(), SeededChat()
    rasa = rasa_redis_store(redis_url(), redis_prefix)
    save_chats(rasa, [chat, other])
    key = redis_key(redis_prefix, chat)
    redis_client.pexpire(key, 1_234_567_000)
    other_before = redis_client.get(redis_key(redis_prefix, other))
    store = RedisChatLogStore(redis_client, key_prefix=f"{redis_prefix}:tracker:")
    assert store.conversation_ids() == {chat.sender_id, other.sender_id}

    changed = store.mask_conversation(chat.sender_id, SeededMasker([chat, other]))

    stored = redis_client.get(key).decode()
    assert changed > 5
    assert not [value for value in chat.personal_values() if value in stored]
    assert all(token in stored for token in TOKENS)
    document = json.loads(stored)
    assert document["name"] == chat.sender_id
    assert json.dumps(document) == stored  # as RedisTrackerStore.serialise_tracker writes it
    assert 1_234_567_000 - 60_000 < redis_client.pttl(key) <= 1_234_567_000
    assert redis_client.get(redis_key(redis_prefix, other)) == other_before
    assert_tracker_loads_masked(run(rasa.retrieve_full_tracker(chat.sender_id)), chat)
    assert store.mask_conversation(chat.sender_id, SeededMasker([chat])) == 0


def test_redis_record_without_expiry_stays_without_one(redis_client: redis.Redis, redis_prefix: str) -> None:
    chat = SeededChat()
    save_chats(rasa_redis_store(redis_url(), redis_prefix, record_exp=None), [chat])
    store = RedisChatLogStore(redis_client, key_prefix=f"{redis_prefix}:tracker:")
    assert store.mask_conversation(chat.sender_id, SeededMasker([chat])) > 0
    assert redis_client.pttl(redis_key(redis_prefix, chat)) == -1


def test_redis_masking_retries_when_rasa_saves_a_turn_meanwhile(redis_client: redis.Redis, redis_prefix: str) -> None:
    """WATCH/MULTI: a turn saved during the rewrite is neither lost nor left unmasked."""
    chat = SeededChat()
    rasa = rasa_redis_store(redis_url(), redis_prefix)
    save_chats(rasa, [chat])
    key = redis_key(redis_prefix, chat)
    masker = SeededMasker([chat])
    late_turn = UserUttered(f"Og {chat.first_name} igjen", timestamp=chat.start + 99).as_dict()

    def masker_racing_rasa(value: str) -> str:
        if masker.calls == 0:
            document = json.loads(redis_client.get(key))
            document["events"].append(late_turn)
            redis.Redis.from_url(redis_url()).set(key, json.dumps(document), keepttl=True)
        return masker(value)

    RedisChatLogStore(redis_client, key_prefix=f"{redis_prefix}:tracker:").mask_conversation(
        chat.sender_id, masker_racing_rasa
    )

    events = json.loads(redis_client.get(key))["events"]
    assert len(events) == len(chat.events()) + 1
    assert events[-1]["text"] == "Og <name> igjen"
    assert redis_client.ttl(key) > 300 * 86400


def test_redis_delete_removes_the_key(redis_client: redis.Redis, redis_prefix: str) -> None:
    chat, other = SeededChat(), SeededChat()
    save_chats(rasa_redis_store(redis_url(), redis_prefix), [chat, other])
    store = RedisChatLogStore(redis_client, key_prefix=f"{redis_prefix}:tracker:")
    assert store.delete_conversation(chat.sender_id) == len(chat.events())
    assert not redis_client.exists(redis_key(redis_prefix, chat))
    assert store.conversation_ids() == {other.sender_id}
    assert store.delete_conversation(chat.sender_id) == 0


def test_the_configured_tracker_store_is_the_one_cleaned(sqlite_engine: Engine) -> None:
    with_redis = build_chat_stores(Settings(redis_url=redis_url()), sqlite_engine)
    without = build_chat_stores(Settings(database_url=str(sqlite_engine.url)), sqlite_engine)
    assert [type(store) for store in with_redis] == [RedisChatLogStore]
    assert [type(store) for store in without] == [SqlChatLogStore]
