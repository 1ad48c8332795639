"""`vern decommission purge`: every store of the data inventory emptied, every backup deleted, and a signed
confirmation with the count per store and the time (000 §11.3-11.4: backups included, confirmed in writing).

The plan (a dry run) and the purge read the same list, bot.inventory.STORES, so what the dry run shows is what
goes. Tables are dropped rather than emptied: nothing of Vern's schema is left to be mistaken for data."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.config import Settings
from bot.db.engine import create_db_engine
from bot.decommission.signing import sign_document
from bot.decommission.stores import drop_tables, files_of, redis_keys, sqlite_file, table_counts
from bot.inventory import STORES


@dataclass(frozen=True)
class Line:
    store: str
    kind: str
    where: str
    count: int
    note: str = ""


def _redis(settings: Settings) -> Any:
    if not settings.redis_url:
        return None
    import redis

    return redis.Redis.from_url(settings.redis_url)


def plan(settings: Settings) -> list[Line]:
    """What a purge would delete now, store by store (a dry run deletes nothing)."""
    db_file = sqlite_file(settings)
    counts: dict[str, int] = {}
    if db_file is None or db_file.exists():  # opening a missing SQLite file would create it
        engine = create_db_engine(settings.database_url)
        try:
            counts = table_counts(engine)
        finally:
            engine.dispose()
    client = _redis(settings)
    lines = []
    for store in STORES:
        if store.kind == "table":
            note = "" if store.where in counts else "no such table"
            lines.append(Line(store.name, "table", store.where, counts.get(store.where, 0), note))
        elif store.kind == "redis":
            if client is None:
                lines.append(Line(store.name, "redis", store.where, 0, "no REDIS_URL"))
            else:
                lines.append(Line(store.name, "redis", store.where, sum(1 for _ in redis_keys(client, store.where))))
        else:
            found = files_of(store, settings)
            note = ", ".join(path.name for path in found) if store.name == "backups" else ""
            lines.append(Line(store.name, "file", store.where, len(found), note))
    return lines


def purge(settings: Settings, now: datetime) -> dict[str, Any]:
    """Delete everything and return the signed confirmation. The key signs from memory: the purge deletes the
    development secrets file too."""
    before = plan(settings)
    engine = create_db_engine(settings.database_url)
    try:
        drop_tables(engine)
    finally:
        engine.dispose()
    client = _redis(settings)
    if client is not None:
        for store in STORES:
            if store.kind == "redis":
                batch = list(redis_keys(client, store.where))
                for start in range(0, len(batch), 500):
                    client.delete(*batch[start:start + 500])
    for store in STORES:
        if store.kind == "file":
            for path in files_of(store, settings):
                path.unlink(missing_ok=True)
    for folder in (settings.backup_dir, settings.outbox_dir, settings.var_dir / "exports",
                   settings.var_dir / "training"):
        if folder.is_dir():
            shutil.rmtree(folder, ignore_errors=True)  # what is left are folders and partial files
    after = plan(settings)
    left = [line for line in after if line.count]
    confirmation = {
        "kind": "vern-decommission-confirmation-v1",
        "controller": settings.controller_name,
        "purged_at": now.replace(microsecond=0).isoformat(),
        "database": "sqlite file" if sqlite_file(settings) else "server database (tables dropped)",
        "redis": "configured" if client is not None else "not configured",
        "stores": [{"store": line.store, "kind": line.kind, "where": line.where, "deleted": line.count}
                   for line in before],
        "backups_deleted": next((line.note.split(", ") for line in before if line.store == "backups" and line.note),
                                []),
        "remaining": [{"store": line.store, "where": line.where, "count": line.count} for line in left],
        "basis": "000 §11.3-11.4 (delete all personal data, backups included; written confirmation within 14 days); "
                 "003 §7.2",
    }
    return sign_document(confirmation, settings)
