"""Every store of the data inventory (bot/inventory) as a place to count and to empty: tables, Redis key
families, files under the var folder (with the settings that move them: BACKUP_DIR, OUTBOX_DIR,
ERASURE_JOURNAL, a SQLite DATABASE_URL). A store added to the inventory is purged without a change here."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import MetaData, func, inspect, select, table
from sqlalchemy.engine import Engine, make_url

from bot.config import Settings
from bot.inventory import STORES
from bot.inventory.stores import Store


@dataclass(frozen=True)
class Place:
    store: Store
    where: str  # the table, the key pattern, or the resolved path pattern
    count: int


def sqlite_file(settings: Settings) -> Path | None:
    url = make_url(settings.database_url)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database).resolve()


def files_of(store: Store, settings: Settings) -> list[Path]:
    """The files a file store holds now, where this deployment's settings put them."""
    where = store.where
    if where == "vern.sqlite3":
        path = sqlite_file(settings)
        return [p for p in ([path] + [Path(f"{path}{s}") for s in ("-wal", "-shm", "-journal")] if path else [])
                if p.exists()]
    if where.startswith("backups/"):
        base, pattern = settings.backup_dir, "*"
    elif where.startswith("outbox/"):
        base, pattern = settings.outbox_dir, where.split("/", 1)[1]
    elif where == "erasure-journal.jsonl":
        return [settings.erasure_journal] if settings.erasure_journal.exists() else []
    elif where == "erasure-journal.jsonl.lock":
        lock = settings.erasure_journal.with_name(settings.erasure_journal.name + ".lock")
        return [lock] if lock.exists() else []
    else:
        base, pattern = settings.var_dir, where
    if not base.exists():
        return []
    found = base.glob(pattern)
    return sorted(path for path in found if path.is_file())


def table_counts(engine: Engine) -> dict[str, int]:
    present = set(inspect(engine).get_table_names())
    counts = {}
    with engine.connect() as connection:
        for store in STORES:
            if store.kind == "table" and store.where in present:
                counts[store.where] = int(connection.execute(
                    select(func.count()).select_from(table(store.where))).scalar_one())
    return counts


def drop_tables(engine: Engine) -> None:
    """Every inventoried table, with its rows and indexes; reflected, so foreign keys decide the order."""
    names = {store.where for store in STORES if store.kind == "table"} & set(inspect(engine).get_table_names())
    metadata = MetaData()
    metadata.reflect(engine, only=sorted(names))
    metadata.drop_all(engine)


def redis_keys(client: object, pattern: str) -> Iterator[bytes]:
    return client.scan_iter(match=pattern, count=500)  # type: ignore[attr-defined, no-any-return]
