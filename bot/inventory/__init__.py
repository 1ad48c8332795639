"""The inventory of personal data (bot.inventory.stores) and the questions asked of it."""

from __future__ import annotations

from collections.abc import Iterable
from fnmatch import fnmatchcase

from bot.inventory.stores import FILES, REDIS, STORES, TABLES, Store

__all__ = ["FILES", "STORES", "Store", "file_kind_of", "missing_tables", "redis_family_of", "store_named"]


def store_named(name: str) -> Store:
    return next(store for store in STORES if store.name == name)


def missing_tables(table_names: Iterable[str]) -> list[str]:
    """Tables that exist but have no inventory entry: each one is a store nobody answers for."""
    known = {store.where for store in TABLES}
    return sorted(set(table_names) - known)


def redis_family_of(key: str) -> Store | None:
    """The inventory entry a Redis key belongs to (longest pattern first), or None."""
    for store in sorted(REDIS, key=lambda s: -len(s.where)):
        if fnmatchcase(key, store.where):
            return store
    return None


SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")


def file_kind_of(relative_path: str) -> Store | None:
    """The inventory entry a file under the var folder belongs to, or None."""
    for suffix in SQLITE_COMPANIONS:
        # SQLite's write-ahead log and its index belong to the database file (they exist while a process,
        # such as Rasa's tracker store, keeps a connection open).
        if relative_path.endswith(suffix):
            relative_path = relative_path[: -len(suffix)]
            break
    for store in FILES:
        pattern = store.where
        if fnmatchcase(relative_path, pattern) or (pattern.endswith("/**") and
                                                   relative_path.startswith(pattern[:-2])):
            return store
    return None
