"""Completion reports run against real cases (SQLite and PostgreSQL) and a real Redis replay cache."""

from tests.cases.conftest import clock, engine, migrated_engine  # noqa: F401 - shared fixtures
from tests.verification.conftest import redis_client, redis_prefix, store  # noqa: F401 - shared fixtures
