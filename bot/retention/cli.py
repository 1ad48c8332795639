"""`vern retention run [--once] [--interval SECONDS]` and `vern retention status`.

`add_retention_commands(subparsers)` registers both on the `vern` parser.
"""

from __future__ import annotations

import argparse
import json
import logging
import signal
import sys
import threading
from datetime import timedelta
from functools import partial
from typing import TYPE_CHECKING, Any

from bot.config import Settings, settings_or_exit
from bot.retention.errors import PolicyError
from bot.wiring import Services, build

if TYPE_CHECKING:
    from bot.audit.service import AuditTrail

logger = logging.getLogger("vern.retention")

DEFAULT_INTERVAL_SECONDS = 60.0


def add_retention_commands(subparsers: Any) -> None:
    retention = subparsers.add_parser("retention", help="mask and delete chat logs as the retention policy says")
    commands = retention.add_subparsers(dest="retention_command", required=True)
    run = commands.add_parser("run", help="run the retention worker")
    run.add_argument("--once", action="store_true", help="one run, then exit")
    run.add_argument(
        "--interval",
        type=float,
        default=DEFAULT_INTERVAL_SECONDS,
        metavar="SECONDS",
        help=f"seconds between runs (default {DEFAULT_INTERVAL_SECONDS:g}); keep it well under the 15-minute limit",
    )
    run.set_defaults(func=cmd_retention_run)
    status = commands.add_parser("status", help="print pending work and the last run as JSON")
    status.set_defaults(func=cmd_retention_status)


def _settings() -> Settings:
    return settings_or_exit()


class LoggedAudit:
    """The audit trail, one log line per entry. Subjects are hashes and details are counts and rule ids
    (see RetentionWorker). `record_many` lets the worker write a batch's entries in the batch's transaction."""

    def __init__(self, trail: AuditTrail) -> None:
        self._trail = trail

    def __call__(self, event: str, subject: str | None, details: dict[str, Any]) -> None:
        self._trail.record(event, subject, details)
        self._log(event, subject, details)

    def record_many(self, entries: list[tuple[str, str | None, dict[str, Any]]], connection: Any) -> None:
        self._trail.record_many(entries, connection)
        for event, subject, details in entries:
            self._log(event, subject, details)

    @staticmethod
    def _log(event: str, subject: str | None, details: dict[str, Any]) -> None:
        logger.info("audit %s subject=%s %s", event, subject, json.dumps(details, sort_keys=True))


def _expire_handoffs(services: Services) -> int:
    """Nobody took the chat in time: the bot tells the person and offers a case instead."""
    import asyncio

    from bot.rasa_adapter.conversation_api import RasaConversationApi

    settings = services.settings
    expired = services.handoff.expire_waiting(timedelta(minutes=settings.handoff_wait_minutes))
    api = RasaConversationApi.from_settings(settings)
    for conversation_id in expired:
        try:
            asyncio.run(api.trigger_intent(conversation_id, "EXTERNAL_handoff_timeout"))
        except Exception as error:  # noqa: BLE001 - the person's next message reaches the bot anyway
            logger.warning("handoff timeout not told (%s)", type(error).__name__)
    return len(expired)


def record_places(services: Services) -> Any:
    """Where the record kinds outside the tables live, and each consent purpose's retention."""
    from bot.consent.purposes import load_purposes
    from bot.retention.record_kinds import RecordPlaces

    settings = services.settings
    purposes = load_purposes(settings.consent_purposes_file)
    keep = {purpose.id: timedelta(days=purpose.retention_days) for purpose in purposes.values()}
    return RecordPlaces(exports_dir=settings.var_dir / "exports", outbox_dir=settings.outbox_dir,
                        purpose_retention=keep, prune_audit=services.audit.prune_before)


def _production_masker() -> Any:
    from bot.pii import chat_masker  # imported here: only the running worker needs the detectors

    return chat_masker()


def cmd_retention_run(args: argparse.Namespace) -> int:
    from bot.clock import utc_now
    from bot.db.migrate import upgrade
    from bot.logs import configure_logging
    from bot.retention.chat_stores import build_chat_stores
    from bot.retention.leader import build_leader_lock
    from bot.retention.policy import load_policy, with_overrides
    from bot.retention.rules import housekeeping_jobs
    from bot.retention.worker import RetentionWorker

    if args.interval <= 0:
        print("--interval must be positive", file=sys.stderr)
        return 2
    settings = _settings()
    configure_logging(settings.log_level)
    try:
        policy = with_overrides(load_policy(settings.retention_policy_file), settings.retention.mask_within_minutes,
                                settings.retention.masked_chat_days)
    except PolicyError as error:
        print(f"Vern: {error}", file=sys.stderr)
        return 2
    services = build(settings)
    engine = services.engine
    upgrade(engine)
    # The lock outlives a few missed runs, not a dead worker by much.
    leader = build_leader_lock(settings, engine, ttl_seconds=max(30.0, 3 * args.interval))
    worker = RetentionWorker(
        engine,
        build_chat_stores(settings, engine),
        policy,
        utc_now,
        _production_masker(),
        LoggedAudit(services.audit),
        leader,
        inactivity=timedelta(minutes=settings.retention.chat_inactivity_minutes),
        # Act one interval early, so a rule's limit holds between two runs.
        lead=timedelta(seconds=args.interval),
        housekeeping=(services.guardian_invitations.expire, lambda: _expire_handoffs(services),
                      *(partial(job.run, settings) for job in housekeeping_jobs())),
        places=record_places(services),
    )
    if args.once:
        try:
            report = worker.run_once()
        finally:
            leader.release()
        summary = {
            "leader": report.leader,
            "ended_for_inactivity": report.ended_for_inactivity,
            "masked": report.masked,
            "deleted": report.deleted,
            "records_deleted": report.records_deleted,
            "failed": report.failed,
        }
        print(json.dumps(summary))
        return 1 if report.failed else 0
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    logger.info("retention worker started (policy %s, every %gs)", policy.source, args.interval)
    worker.run_forever(args.interval, stop)
    return 0


def cmd_retention_status(_args: argparse.Namespace) -> int:
    from bot.clock import utc_now
    from bot.db.migrate import is_up_to_date
    from bot.retention.policy import load_policy, with_overrides
    from bot.retention.status import retention_status

    services = build(_settings())
    settings, engine = services.settings, services.engine
    if not is_up_to_date(engine):
        print("Vern: the database is not migrated; run `vern db upgrade`", file=sys.stderr)
        return 2
    try:
        policy = with_overrides(load_policy(settings.retention_policy_file), settings.retention.mask_within_minutes,
                                settings.retention.masked_chat_days)
    except PolicyError as error:
        print(f"Vern: {error}", file=sys.stderr)
        return 2
    print(json.dumps(retention_status(engine, utc_now, policy, record_places(services)), indent=2))
    return 0
