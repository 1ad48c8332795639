"""Everything Vern has stored for the stack: every row of every table, every Redis value, every log line.

Searched by the canary and erasure tests for values that must be gone."""

from __future__ import annotations

from pathlib import Path

import redis
from sqlalchemy import inspect, text

from bot.db.engine import create_db_engine
from tests.support.services import postgres_url, redis_url


def everything_stored(var_dir: Path | None = None) -> str:
    engine = create_db_engine(postgres_url())
    parts = []
    try:
        with engine.connect() as connection:
            for table in inspect(engine).get_table_names():
                parts += [repr(tuple(row)) for row in connection.execute(text(f'SELECT * FROM "{table}"'))]
    finally:
        engine.dispose()
    client = redis.Redis.from_url(redis_url())
    for key in client.scan_iter():
        kind = client.type(key)
        if kind == b"string":
            parts.append(client.get(key).decode("utf-8", "replace"))  # type: ignore[union-attr]
        elif kind == b"hash":
            parts.append(repr(client.hgetall(key)))
        elif kind == b"zset":
            parts.append(repr(client.zrange(key, 0, -1)))
    if var_dir is not None:
        parts += [log.read_text(errors="replace") for log in Path(var_dir).glob("*.log")]
    return "\n".join(parts)


def case_count_for_chat(chat: str) -> int:
    """How many cases the conversation `chat` opened (0 or 1 when nothing is lost or doubled)."""
    engine = create_db_engine(postgres_url())
    try:
        with engine.connect() as connection:
            return int(connection.execute(text("SELECT count(*) FROM cases WHERE conversation_id = :c"),
                                          {"c": chat}).scalar_one())
    finally:
        engine.dispose()
