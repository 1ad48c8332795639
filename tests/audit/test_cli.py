"""`vern audit verify` and `vern audit checkpoint` as an operator runs them."""

from __future__ import annotations

import json
import os
from pathlib import Path

from sqlalchemy import text

from bot.audit.service import AuditTrail
from bot.clock import utc_now
from bot.db.engine import create_db_engine
from bot.db.migrate import upgrade
from tests.support.cli import Ran, run_vern

SECRET = "cli-test-secret-key-0123456789"


def vern(tmp_path: Path, *args: str) -> Ran:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env.update({"DATABASE_URL": f"sqlite:///{tmp_path / 'vern.sqlite3'}", "SECRET_KEY": SECRET,
                "VERN_VAR_DIR": str(tmp_path)})
    return run_vern(("audit", *args), env)


def test_verify_checkpoint_and_tamper(tmp_path: Path) -> None:
    engine = create_db_engine(f"sqlite:///{tmp_path / 'vern.sqlite3'}")
    upgrade(engine)
    trail = AuditTrail(engine, utc_now, SECRET.encode())
    for i in range(3):
        trail.record("handoff.started", f"s{i}", {})

    ok = vern(tmp_path, "verify")
    assert ok.returncode == 0 and "OK: 3 entries" in ok.stdout

    checkpoint = tmp_path / "checkpoint.json"
    assert vern(tmp_path, "checkpoint", "--out", str(checkpoint)).returncode == 0
    assert json.loads(checkpoint.read_text())["count"] == 3
    assert vern(tmp_path, "verify", "--checkpoint", str(checkpoint)).returncode == 0

    with engine.begin() as connection:
        connection.execute(text("UPDATE audit_log SET event = 'handoff.ended' WHERE seq = 2"))
    broken = vern(tmp_path, "verify")
    assert broken.returncode == 1 and "entry 2 was modified" in broken.stderr
    assert "Traceback" not in broken.stderr
    engine.dispose()
