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

BASE_POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL") or (
    os.environ["DATABASE_URL"]
    if os.environ.get("DATABASE_URL", "").startswith("postgresql")
    else "postgresql://postgres@127.0.0.1:5432/test"
)
# Under `pytest -n` (pytest-xdist) each worker process has a name (gw0, gw1, …) and a database of its own, named
# after the checkout's: `test_gw0`, `test_gw1`. Every suite database (own_database_name) is named after that one,
# so two workers never drop each other's. A serial run uses the checkout's database itself.
XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")


def _worker_url(base: str, worker: str) -> str:
    url = make_url(base)
    return str(url.set(database=f"{url.database or 'vern'}_{worker}")) if worker else str(url)


POSTGRES_URL = _worker_url(BASE_POSTGRES_URL, XDIST_WORKER)
_REDIS_BASE = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
# Redis numbers its databases 0-15, and 0 is a developer's own.
REDIS_DATABASES = range(1, 16)
# A developer running two checkouts side by side gives each its own database number (and under xdist the
# numbers below it, one per worker).
CHECKOUT_REDIS_DB = int(os.environ.get("TEST_REDIS_DB", "13"))
WORKER_COUNT = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1") or "1")


def worker_redis_db(worker: str, checkout_db: int = CHECKOUT_REDIS_DB, workers: int = WORKER_COUNT) -> int:
    """Each xdist worker's own Redis database, counting down from the checkout's (gw0 13, gw1 12, …), so that the
    stacks and Redis tests of two workers never flush each other's keys. A serial run uses the checkout's."""
    used = range(checkout_db - workers + 1, checkout_db + 1)
    # One database stays spare for a test that purges a whole database of its own (spare_redis_db).
    if used.start not in REDIS_DATABASES or used.stop - 1 not in REDIS_DATABASES or workers >= len(REDIS_DATABASES):
        raise RuntimeError(
            f"{workers} test workers need Redis databases {used.start}..{used.stop - 1}, and the tests may use 1..15 "
            f"(0 is yours) with one spare: run fewer workers (make test TEST_JOBS=N) or set TEST_REDIS_DB"
        )
    return checkout_db - (int(worker.removeprefix("gw")) if worker else 0)


REDIS_TEST_DB = worker_redis_db(XDIST_WORKER)


def spare_redis_db() -> int:
    """A Redis database no worker of this run uses, for a test that purges a whole database of its own."""
    used = {CHECKOUT_REDIS_DB - index for index in range(WORKER_COUNT)}
    return max(set(REDIS_DATABASES) - used)


def redis_url(db: int = REDIS_TEST_DB) -> str:
    url = redis.connection.parse_url(_REDIS_BASE)
    auth = ""
    if url.get("password"):
        auth = f"{url.get('username') or ''}:{url['password']}@"
    return f"redis://{auth}{url.get('host', '127.0.0.1')}:{url.get('port', 6379)}/{db}"


def postgres_url() -> str:
    if XDIST_WORKER and not _worker_database_ready:
        _create_worker_database()
    return str(make_url(POSTGRES_URL))


_worker_database_ready = False


def _create_worker_database() -> None:
    """This worker's database, created through the server's `postgres` database the first time a test asks for it
    (a run whose tests need no PostgreSQL never connects). Kept afterwards, like the checkout's own."""
    global _worker_database_ready
    from sqlalchemy import create_engine, text

    name = make_url(POSTGRES_URL).database
    admin = create_engine(make_url(POSTGRES_URL).set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            if connection.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}).first() is None:
                connection.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        admin.dispose()
    _worker_database_ready = True


def own_database_name(suffix: str) -> str:
    """A suite's own database, named after this checkout's test database: two checkouts on one server (each with
    its TEST_POSTGRES_URL) never drop each other's."""
    return f"{make_url(POSTGRES_URL).database or 'vern'}_{suffix}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
