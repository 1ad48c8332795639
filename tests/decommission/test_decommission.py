"""Contract end on PostgreSQL and Redis, as an operator runs it: export, a dry run that touches nothing, the
purge, and a confirmation anyone holding the public key can check. Afterwards nothing of any store in the data
inventory is left: no table, no Redis key of a family, no file, no backup."""

from __future__ import annotations

import base64
import json
import os
import tarfile
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import pytest
import redis
from sqlalchemy import inspect

from bot.audit.service import AuditTrail
from bot.backup.journal import ErasureJournal
from bot.breach.register import BreachRegister
from bot.clock import utc_now
from bot.consent.sessions import ConsentSessions
from bot.db.engine import create_db_engine
from bot.inventory import STORES
from bot.services.pii_warning import PiiGuard
from bot.verification.store import RedisShortLivedStore
from tests.backup.deployment import SECRET, seed
from tests.console.conftest import own_database_name
from tests.retention.chats import SeededChat, rasa_redis_store, save_chats
from tests.support.cli import Ran, run_vern
from tests.support.databases import own_postgres_database
from tests.support.services import redis_url, spare_redis_db

# The purge deletes every key of Vern's families in its Redis database: never one that a running stack of the
# suite uses (each worker's own), or later tests would find their sessions gone.
PURGED_REDIS_DB = spare_redis_db()
# It reaches Redis through purged_redis_url(), which the marker reader does not follow.
pytestmark = pytest.mark.redis


def purged_redis_url() -> str:
    return redis_url(PURGED_REDIS_DB)


TABLES = {store.where for store in STORES if store.kind == "table"}
FAMILIES = [store.where for store in STORES if store.kind == "redis"]


class Deployment:
    def __init__(self, url: str, root: Path) -> None:
        self.url, self.root, self.var_dir = url, root, root / "var"

    def vern(self, *args: str) -> Ran:
        env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
        env.update({"DATABASE_URL": self.url, "REDIS_URL": purged_redis_url(), "VERN_VAR_DIR": str(self.var_dir),
                    "SECRET_KEY": SECRET, "CONTROLLER_NAME": "Eksempel skole"})
        return run_vern(args, env)


@pytest.fixture
def deployment(tmp_path: Path) -> Iterator[Deployment]:
    with own_postgres_database(own_database_name("decommission")) as url:
        yield Deployment(url, tmp_path)


def vern_keys(client: redis.Redis) -> list[bytes]:
    return [key for family in FAMILIES for key in client.scan_iter(match=family)]


def test_export_then_purge_leaves_nothing_and_the_confirmation_verifies(deployment: Deployment) -> None:
    kari, ola = SeededChat(), SeededChat()
    engine = create_db_engine(deployment.url)
    cases = seed(engine, [kari, ola])
    reference = cases.list_cases("deadline")[0].reference
    BreachRegister(engine, utc_now, AuditTrail(engine, utc_now, SECRET.encode()).record).open("drill")
    client = redis.Redis.from_url(purged_redis_url())
    for key in vern_keys(client):  # what an interrupted earlier run left would be counted as this deployment's
        client.delete(key)
    store = RedisShortLivedStore(client)
    tracker = rasa_redis_store(purged_redis_url(), "vern")
    save_chats(tracker, [kari])
    ConsentSessions(store, SECRET.encode()).grant(kari.sender_id, "subject", kari.email)
    PiiGuard(store, SECRET.encode()).inspect(kari.sender_id, f"ring meg på {kari.phone}")
    deployment.var_dir.joinpath("outbox").mkdir(parents=True)
    deployment.var_dir.joinpath("outbox", "code.eml").write_text(f"To: {kari.email}\n")
    ErasureJournal(deployment.var_dir / "erasure-journal.jsonl").append("subject-key", datetime.now(timezone.utc))
    created = deployment.vern("backup", "create")
    assert created.returncode == 0, created.stderr
    engine.dispose()

    archive = deployment.root / "export.tar.gz"
    exported = deployment.vern("decommission", "export", "--out", str(archive))
    assert exported.returncode == 0, exported.stderr
    assert "record_of_processing" in exported.stdout
    assert deployment.vern("decommission", "verify", str(archive)).returncode == 0
    with tarfile.open(archive) as tar:
        cases_json = json.load(tar.extractfile("cases/cases.json"))  # type: ignore[arg-type]
        contacts = json.load(tar.extractfile("cases/subject_contacts.json"))  # type: ignore[arg-type]
        checkpoint = json.load(tar.extractfile("audit/checkpoint.json"))  # type: ignore[arg-type]
    assert reference in {case["reference"] for case in cases_json}
    assert {kari.email, ola.email} <= {contact["email"] for contact in contacts}, "the controller can read them"
    assert checkpoint["count"] >= 1

    dry = deployment.vern("decommission", "purge")
    assert dry.returncode == 0 and "DRY RUN" in dry.stdout, dry.stderr
    assert "vern-" in dry.stdout and ".pg.vbak" in dry.stdout, "every backup is listed"
    cases_line = next(line for line in dry.stdout.splitlines() if " cases " in line)
    assert cases_line.split()[-1] == "2"
    assert TABLES & set(inspect(create_db_engine(deployment.url)).get_table_names()) >= {"cases", "events"}
    assert vern_keys(client), "a dry run deletes nothing"

    confirmation = deployment.root / "confirmation.json"
    purged = deployment.vern("decommission", "purge", "--yes", "--out", str(confirmation))
    assert purged.returncode == 0, purged.stdout + purged.stderr

    probe = create_db_engine(deployment.url)
    assert TABLES & set(inspect(probe).get_table_names()) == set(), "no table of the inventory is left"
    probe.dispose()
    assert vern_keys(client) == [], "no Redis key of any inventoried family is left"
    left = [path for path in deployment.var_dir.rglob("*") if path.is_file()] if deployment.var_dir.exists() else []
    assert left == [], "no file under var/ is left: backups, outbox, journal, secrets"

    document = json.loads(confirmation.read_text())
    deleted = {store["store"]: store["deleted"] for store in document["stores"]}
    assert deleted["cases"] == 2 and deleted["backups"] == 1 and deleted["redis_tracker"] == 1
    assert deleted["consent_sessions"] == 1 and deleted["outbox_mail"] == 1 and deleted["erasure_journal"] == 1
    assert document["remaining"] == [] and len(document["backups_deleted"]) == 1
    assert datetime.fromisoformat(document["purged_at"]) <= datetime.now(timezone.utc)
    verified = deployment.vern("decommission", "verify", str(confirmation))
    assert verified.returncode == 0 and "OK" in verified.stdout
    # The key is the audit checkpoints' key: the checkpoint the controller got with the export vouches for it.
    assert deployment.vern("decommission", "verify", str(confirmation), "--public-key",
                           checkpoint["public_key"]).returncode == 0

    document["stores"][0]["deleted"] += 1
    confirmation.write_text(json.dumps(document))
    forged = deployment.vern("decommission", "verify", str(confirmation))
    assert forged.returncode == 1 and "does not hold" in forged.stderr


def test_verify_refuses_another_key_and_bad_files(tmp_path: Path, deployment: Deployment) -> None:
    confirmation = tmp_path / "confirmation.json"
    assert deployment.vern("decommission", "purge", "--yes", "--out", str(confirmation)).returncode == 0
    other = base64.b64encode(b"\x01" * 32).decode()
    refused = deployment.vern("decommission", "verify", str(confirmation), "--public-key", other)
    assert refused.returncode == 1
    garbage = tmp_path / "garbage.json"
    garbage.write_text("not json")
    bad = deployment.vern("decommission", "verify", str(garbage))
    assert bad.returncode == 2 and "cannot read" in bad.stderr and "Traceback" not in bad.stderr
    inside = deployment.vern("decommission", "purge", "--yes", "--out", str(deployment.var_dir / "c.json"))
    assert inside.returncode == 2 and "outside the var" in inside.stderr
