"""Where the machine's real Redis and PostgreSQL are, for tests.

Tests use their own Redis database number and their own PostgreSQL tables so
that a developer's data is never touched; both servers must be running
(`make test` starts them when they are installed).
"""

from __future__ import annotations

import os
import socket

import redis
from sqlalchemy.engine import make_url

POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL") or (
    os.environ["DATABASE_URL"]
    if os.environ.get("DATABASE_URL", "").startswith("postgresql")
    else "postgresql://postgres@127.0.0.1:5432/test"
)
_REDIS_BASE = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
# A developer running two checkouts side by side gives each its own database number.
REDIS_TEST_DB = int(os.environ.get("TEST_REDIS_DB", "13"))


def redis_url(db: int = REDIS_TEST_DB) -> str:
    url = redis.connection.parse_url(_REDIS_BASE)
    auth = ""
    if url.get("password"):
        auth = f"{url.get('username') or ''}:{url['password']}@"
    return f"redis://{auth}{url.get('host', '127.0.0.1')}:{url.get('port', 6379)}/{db}"


def postgres_url() -> str:
    return str(make_url(POSTGRES_URL))


def own_database_name(suffix: str) -> str:
    """A suite's own database, named after this checkout's test database: two checkouts on one server (each with
    its TEST_POSTGRES_URL) never drop each other's."""
    return f"{make_url(POSTGRES_URL).database or 'vern'}_{suffix}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
