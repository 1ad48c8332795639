"""The inventory of personal data answers for every store, so the next table cannot be forgotten.

Tables come from the migrations (a fresh database upgraded to head), the SQLAlchemy metadata and Rasa's
own `events` table; Redis key families from the code that builds keys and from a live census on Redis;
files from the paths the code writes under the var folder. Each must have an entry, and each entry's
retention rules must exist in the policy.
"""

from __future__ import annotations

import asyncio
import re
from datetime import datetime, timezone
from pathlib import Path

import pytest
import redis
from rasa.core.tracker_store import SQLTrackerStore
from sqlalchemy import Column, Integer, MetaData, Table, inspect

import bot.models  # noqa: F401 - registers every table
from bot.clock import FrozenClock
from bot.consent.sessions import ConsentSessions
from bot.db.base import Base
from bot.db.engine import create_db_engine
from bot.db.migrate import upgrade
from bot.dsr.pending import PendingRequest, PendingRequestStore
from bot.inventory import FILES, STORES, file_kind_of, missing_tables, redis_family_of
from bot.inventory.page import PAGE, render
from bot.retention.policy import DEFAULT_POLICY_FILE, load_policy
from bot.services.pii_warning import PiiGuard
from bot.verification.service import VerificationService
from bot.verification.store import KEY_PREFIX, RedisShortLivedStore
from tests.support.services import redis_url

BOT = Path(__file__).resolve().parents[2] / "bot"
SECRET = b"inventory-test-secret-0123456789abcdef"
# A key builder: a function returning a key, or a rate window, whose first part is a literal namespace.
KEY_BUILDER = re.compile(r'(?:return|Window\()\s*f?"([a-z][a-z_-]*):')
REDIS_CONSTANT = re.compile(r'"(vern:[a-z:_-]*)"')
VAR_PATH = re.compile(r'var_dir\s*/\s*[\'"]([^\'"]+)[\'"]')
# Modules that talk to a key-value store: their key builders are Redis key families.
STORE_USERS = re.compile(r"ShortLivedStore|redis\.Redis|RedisTrackerStore|RedisLockStore")


def _tables_of_a_migrated_database(tmp_path: Path) -> set[str]:
    engine = create_db_engine(f"sqlite:///{tmp_path / 'inventory.sqlite3'}")
    try:
        upgrade(engine)
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_every_table_of_every_migration_and_of_rasa_has_an_entry(tmp_path: Path) -> None:
    tables = _tables_of_a_migrated_database(tmp_path) | set(Base.metadata.tables)
    tables.add(SQLTrackerStore.SQLEvent.__table__.name)  # Rasa creates `events` in Vern's database
    assert missing_tables(tables) == []


def test_a_table_added_without_an_entry_fails_the_check() -> None:
    copy = MetaData()
    for table in Base.metadata.tables.values():
        table.to_metadata(copy)
    Table("throwaway_notes", copy, Column("id", Integer, primary_key=True))
    assert missing_tables(copy.tables) == ["throwaway_notes"], "a new store nobody answers for is caught"


def redis_families_in(source: str) -> set[str]:
    """The key namespaces a module builds: relative ones (the short-lived store adds its prefix) and full ones."""
    if not STORE_USERS.search(source):
        return set()
    found = {KEY_PREFIX + name + ":" for name in KEY_BUILDER.findall(source)}
    return (found | set(REDIS_CONSTANT.findall(source))) - {KEY_PREFIX}  # the store's own prefix is no family


def test_every_redis_key_family_the_code_builds_has_an_entry() -> None:
    families: dict[str, str] = {}
    for path in BOT.rglob("*.py"):
        for family in redis_families_in(path.read_text(encoding="utf-8")):
            families[family] = str(path.relative_to(BOT))
    # Rasa appends ":tracker:" and ":lock:" to the prefix Vern gives it (bot.rasa_adapter).
    families.update({"vern:tracker:": "rasa", "vern:lock:": "rasa"})
    assert {"vern:verify:consentsession:", "vern:verify:pending:", "vern:verify:c:"} <= set(families)
    missing = {family: where for family, where in families.items()
               if redis_family_of(family + "x") is None and redis_family_of(family) is None}
    assert missing == {}


def test_a_new_key_family_without_an_entry_fails_the_check() -> None:
    source = 'from bot.verification.store import ShortLivedStore\ndef _key(t):\n    return f"draft:{t}"\n'
    (family,) = redis_families_in(source)
    assert redis_family_of(family + "x") is None


def test_every_key_vern_writes_on_redis_belongs_to_a_family() -> None:
    """A live census: the components that write short-lived state, on a real Redis."""
    client = redis.Redis.from_url(redis_url())
    before = set(client.scan_iter(match=KEY_PREFIX + "*"))
    store = RedisShortLivedStore(client)
    clock = FrozenClock(datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc))
    chat = f"census-{datetime.now().timestamp()}"

    class Sent:
        async def send_code(self, email: str, code: str, language: str) -> None:
            return None

    asyncio.run(VerificationService(store, Sent(), clock, SECRET).request_code(chat, "r1", "kari@example.no", "nb"))
    ConsentSessions(store, SECRET).grant(chat, "subject", "kari@example.no")
    PendingRequestStore(store, SECRET).save(chat, PendingRequest("r1", "status", "kari@example.no", "nb", "rest",
                                                                 clock()))
    PiiGuard(store, SECRET).inspect(chat, "mitt nummer er 12345678901 og kari@example.no")
    written = {key.decode() for key in set(client.scan_iter(match=KEY_PREFIX + "*")) - before}
    try:
        assert len(written) >= 4
        assert [key for key in written if redis_family_of(key) is None] == []
    finally:
        if written:
            client.delete(*written)


def test_every_file_kind_the_code_writes_under_var_has_an_entry() -> None:
    paths = {match for path in BOT.rglob("*.py") for match in VAR_PATH.findall(path.read_text(encoding="utf-8"))}
    assert {"exports", "dev-secrets.json", "training"} <= paths
    folders = {store.where.split("/")[0] for store in FILES if "/" in store.where}
    assert [path for path in paths if file_kind_of(path) is None and path not in folders] == []
    assert file_kind_of("outbox/20261201T0900-code-ab.eml") is not None


def test_every_rule_an_entry_names_exists_and_every_record_rule_has_a_store() -> None:
    policy = load_policy(DEFAULT_POLICY_FILE)
    rule_ids = {rule.id for rule in policy.rules}
    named = {rule for store in STORES for rule in store.rules}
    assert named - rule_ids == set()
    assert rule_ids - named == set(), "a rule that deletes no inventoried store, or a store missing its rule"
    for store in STORES:
        assert store.rules or store.expiry, f"{store.name}: how long is it kept?"


def test_the_committed_inventory_page_is_current() -> None:
    assert PAGE.read_text(encoding="utf-8") == render(), "run `vern inventory docs` and commit the page"


@pytest.mark.parametrize("key", ["vern:verify:consentsession:abc", "vern:tracker:chat-1", "vern:verify:c:ab:code:x"])
def test_keys_find_their_family(key: str) -> None:
    assert redis_family_of(key) is not None
