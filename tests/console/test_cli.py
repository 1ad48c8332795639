"""The admin's console commands, as an admin types them (embedded SQLite, no server needed)."""

from __future__ import annotations

import os
from pathlib import Path

from tests.support.cli import Ran, run_vern


def vern(var: Path, *args: str) -> Ran:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env.update({"VERN_ENV": "test", "VERN_VAR_DIR": str(var)})
    return run_vern(("console", *args), env)


def test_an_admin_creates_disables_and_resets_accounts_and_reads_the_access_log(tmp_path: Path) -> None:
    created = vern(tmp_path, "add-user", "kari", "--role", "caseworker")
    assert created.returncode == 0, created.stderr
    assert "Initial password: " in created.stdout and "otpauth://totp/Vern:kari?secret=" in created.stdout
    assert vern(tmp_path, "add-user", "kari").returncode == 2, "no second account with the same name"
    assert "already" in vern(tmp_path, "add-user", "kari").stderr
    assert vern(tmp_path, "add-user", "Not Valid").returncode == 2
    assert vern(tmp_path, "disable-user", "kari").returncode == 0
    assert "kari\tcaseworker\tdisabled" in vern(tmp_path, "list-users").stdout
    reset = vern(tmp_path, "reset-2fa", "kari")
    assert reset.returncode == 0 and "otpauth://" in reset.stdout
    assert vern(tmp_path, "disable-user", "nobody").returncode == 2
    assert vern(tmp_path, "access-log").returncode == 0
