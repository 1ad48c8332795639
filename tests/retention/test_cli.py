"""`vern retention run --once` and `vern retention status`, as registered on the vern parser."""

from __future__ import annotations

import argparse
import json
from datetime import timedelta
from pathlib import Path

import pytest

from bot.clock import FrozenClock, utc_now
from bot.db import migrate
from bot.db.engine import create_db_engine, get_engine
from bot.retention import cli as retention_cli
from bot.retention.cli import add_retention_commands
from tests.retention.chats import SeededChat, SeededMasker, rasa_sql_store, run, save_chats
from tests.retention.world import end_chat, start_chats
from tests.support.process_state import as_a_fresh_process


def parser() -> argparse.ArgumentParser:
    vern = argparse.ArgumentParser(prog="vern")
    add_retention_commands(vern.add_subparsers(dest="command", required=True))
    return vern


def test_the_commands_parse() -> None:
    args = parser().parse_args(["retention", "run", "--once", "--interval", "30"])
    assert (args.once, args.interval) == (True, 30.0)
    args = parser().parse_args(["retention", "run"])
    assert (args.once, args.interval) == (False, 60.0)
    with pytest.raises(SystemExit):
        parser().parse_args(["retention"])


def test_run_once_masks_ended_chats_and_status_reports_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'vern.sqlite3'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.delenv("REDIS_URL", raising=False)
    monkeypatch.delenv("RETENTION_POLICY_FILE", raising=False)
    as_a_fresh_process(monkeypatch)
    engine = create_db_engine(url)
    migrate.upgrade(engine)
    chat = SeededChat()
    rasa = rasa_sql_store(engine)
    save_chats(rasa, [chat])
    an_hour_ago = FrozenClock(utc_now() - timedelta(hours=1))
    start_chats(engine, an_hour_ago, [chat])
    end_chat(engine, an_hour_ago, chat)
    # bot.pii is the production masker; the test's masker knows the seeded values.
    monkeypatch.setattr(retention_cli, "_production_masker", lambda: SeededMasker([chat]))

    args = parser().parse_args(["retention", "run", "--once"])
    assert args.func(args) == 0
    summary = json.loads(capsys.readouterr().out)
    assert (summary["leader"], summary["masked"], summary["failed"]) == (True, 1, 0)
    assert run(rasa.retrieve_full_tracker(chat.sender_id)).get_slot("email") == "<email>"

    args = parser().parse_args(["retention", "status"])
    assert args.func(args) == 0
    status = json.loads(capsys.readouterr().out)
    assert (status["pending_masking"], status["overdue_masking"]) == (0, 0)
    assert status["last_run"]["rule_counts"] == {"mask-bot-chats": 1}
    rasa.engine.dispose()
    engine.dispose()
    get_engine(url).dispose()


def test_an_invalid_policy_stops_the_worker_with_the_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    policy = tmp_path / "policy.yml"
    policy.write_text("version: 1\nrules: []\n", encoding="utf-8")
    monkeypatch.setenv("RETENTION_POLICY_FILE", str(policy))
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'vern.sqlite3'}")
    args = parser().parse_args(["retention", "run", "--once"])
    assert args.func(args) == 2
    error = capsys.readouterr().err
    assert str(policy) in error and "'rules' must be a non-empty list" in error
