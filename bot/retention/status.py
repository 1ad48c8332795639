"""How far behind retention is: the numbers to alert on, and the run log behind them.

The annex promises masking within 15 minutes of a chat's end; the figure that
shows whether the promise holds is the age of the oldest ended chat that is
still unmasked. Counts only — never conversation ids.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import Table, delete, func, insert, select
from sqlalchemy.engine import Engine

from bot.clock import Clock
from bot.models.conversation import utc_naive
from bot.models.retention_run import RetentionRun
from bot.retention.rules import BOT_CHAT, CONVERSATIONS, HANDED_OFF_CHAT

if TYPE_CHECKING:
    from bot.retention.policy import RetentionPolicy
    from bot.retention.record_kinds import RecordPlaces
    from bot.retention.worker import RunReport

RUNS: Table = RetentionRun.__table__
# A run a minute adds up; a month of runs is plenty to see trends and gaps.
RUN_LOG_KEPT = timedelta(days=30)


def record_run(engine: Engine, report: RunReport) -> None:
    finished = utc_naive(report.finished_at or report.started_at)
    with engine.begin() as connection:
        connection.execute(
            insert(RUNS).values(
                started_at=utc_naive(report.started_at),
                finished_at=finished,
                masked=report.masked,
                deleted=report.deleted,
                failed=report.failed,
                rule_counts=json.dumps(report.rule_counts, sort_keys=True),
            )
        )
        connection.execute(delete(RUNS).where(RUNS.c.finished_at < finished - RUN_LOG_KEPT))


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() + "Z" if moment is not None else None


def due_records(engine: Engine, now: datetime, policy: RetentionPolicy, places: RecordPlaces | None) -> dict[str, int]:
    """Per record-kind rule: how many records its next run would delete."""
    from bot.retention.record_kinds import RecordPlaces, context_for

    context = context_for(places or RecordPlaces(), engine, now, None)
    return {rule.id: rule.records.due(context, rule.after) for rule in policy.record_rules() if rule.records}


def retention_status(
    engine: Engine, clock: Clock, policy: RetentionPolicy | None = None, places: RecordPlaces | None = None
) -> dict[str, Any]:
    """Pending work, the oldest unmasked chat's age, the last run, the last day's counts per rule,
    and the records each record-kind rule has due."""
    now = utc_naive(clock())
    table = CONVERSATIONS
    with engine.connect() as connection:
        pending, oldest = connection.execute(
            select(func.count(), func.min(table.c.ended_at)).select_from(table).where(BOT_CHAT.pending(table))
        ).one()
        pending_deletion = connection.execute(
            select(func.count()).select_from(table).where(HANDED_OFF_CHAT.pending(table))
        ).scalar_one()
        last = connection.execute(select(RUNS).order_by(RUNS.c.finished_at.desc(), RUNS.c.id.desc()).limit(1)).first()
        recent = connection.execute(
            select(RUNS.c.rule_counts).where(RUNS.c.finished_at >= now - timedelta(days=1))
        ).scalars()
        last_day: dict[str, int] = {}
        for counts in recent:
            for rule_id, count in json.loads(counts or "{}").items():
                last_day[rule_id] = last_day.get(rule_id, 0) + int(count)
        overdue = None
        mask_rule = policy.rule_for(BOT_CHAT.name) if policy is not None else None
        if mask_rule is not None:
            overdue = connection.execute(
                select(func.count()).select_from(table).where(BOT_CHAT.due(table, now - mask_rule.after))
            ).scalar_one()
    return {
        "now": _iso(now),
        "pending_masking": int(pending),
        "oldest_unmasked_age_seconds": max(0.0, (now - oldest).total_seconds()) if oldest is not None else None,
        "overdue_masking": overdue,
        "pending_handoff_deletion": int(pending_deletion),
        "last_run": None
        if last is None
        else {
            "started_at": _iso(last.started_at),
            "finished_at": _iso(last.finished_at),
            "masked": last.masked,
            "deleted": last.deleted,
            "failed": last.failed,
            "rule_counts": json.loads(last.rule_counts or "{}"),
        },
        "rule_counts_last_24h": last_day,
        "due_by_record_rule": due_records(engine, now, policy, places) if policy is not None else {},
    }
