"""The retention worker: applies the policy to ended chats, oldest first.

One run, in the annex's order: taken handoffs nobody wrote in for their rule's
time are ended; chats idle longer than `inactivity` are ended (a chat with an
open handoff ends with its handoff, never alone); ended handed-off chats are
deleted; ended bot chats are masked; masked chats past their keeping time are
deleted; then every other record kind of the policy (bot.retention.record_rules)
is pruned. Chats are handled oldest first in
batches, so a worker that was down catches up on the longest-waiting chats
first. `lead` lets a worker that runs every `lead` meet each rule's limit
(a chat ended 14 minutes ago is masked now rather than at 15 + interval).

Crash safety: the tracker store is rewritten first; `masked_at`/`deleted_at`
are set only after that committed, and only if the chat did not change
meanwhile. Masking and deleting are idempotent, so a crash between the two
steps just repeats the first at the next run.

Several workers (PostgreSQL): the chat rules' backlog is shared. Each worker
claims a batch of due chats with `SELECT … FOR UPDATE SKIP LOCKED` and, in
that one transaction, masks or deletes their SQL events, sets
`masked_at`/`deleted_at` and appends their audit entries; another worker
skips the locked rows and claims the next batch. So every chat is handled by
exactly one worker, and a crash rolls the whole batch back. The other steps
(ending idle chats and handoffs, record kinds, housekeeping) stay with the
one leader: they are cheap, and counting them twice would double the audit.
On SQLite (one machine, one writer) only the leader works, as before.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import and_, exists, or_, select, update
from sqlalchemy.engine import Connection, Engine, Row

from bot.clock import Clock
from bot.db.sqlite import clear_sqlite_wal
from bot.handoff.models import Handoff
from bot.models.conversation import utc_naive
from bot.retention.chat_stores import ChatLogStore
from bot.retention.event_masking import MaskText
from bot.retention.leader import LeaderLock
from bot.retention.policy import DEFAULT_REPLACEMENTS, RetentionPolicy, RetentionRule
from bot.retention.record_kinds import RecordPlaces, context_for
from bot.retention.rules import CONVERSATIONS
from bot.retention.status import record_run, retention_status

__all__ = ["Audit", "RetentionWorker", "RunReport", "retention_status"]

logger = logging.getLogger(__name__)

Audit = Callable[[str, "str | None", dict[str, Any]], None]
T = CONVERSATIONS
# Chats claimed per transaction when workers share the backlog: their rows stay locked while they are
# masked, and a person writing again in one of them waits for the batch (about a second), so it is small.
CLAIM_SIZE = 25


@dataclass
class RunReport:
    leader: bool
    started_at: datetime
    finished_at: datetime | None = None
    ended_for_inactivity: int = 0
    masked: int = 0
    deleted: int = 0
    failed: int = 0
    events_masked: int = 0
    events_deleted: int = 0
    records_deleted: int = 0
    rule_counts: dict[str, int] = field(default_factory=dict)
    # False when leadership was lost part-way; the next leader carries on.
    complete: bool = True


def subject_of(conversation_id: str) -> str:
    """Audit subjects are hashes: the audit trail must not become a chat index."""
    return hashlib.sha256(conversation_id.encode("utf-8")).hexdigest()


class RetentionWorker:
    def __init__(
        self,
        engine: Engine,
        chat_stores: Sequence[ChatLogStore],
        policy: RetentionPolicy,
        clock: Clock,
        mask_text: MaskText,
        audit: Audit | None,
        leader: LeaderLock,
        *,
        inactivity: timedelta = timedelta(minutes=30),
        lead: timedelta = timedelta(0),
        batch_size: int = 100,
        housekeeping: Sequence[Callable[[], object]] = (),
        places: RecordPlaces | None = None,
        share_backlog: bool = True,
        claim_size: int = CLAIM_SIZE,
        stop: Callable[[], bool] | None = None,
    ) -> None:
        if batch_size < 1 or lead < timedelta(0) or inactivity <= timedelta(0):
            raise ValueError("batch_size must be positive, lead not negative, inactivity positive")
        self._engine = engine
        self._stores = tuple(chat_stores)
        self._policy = policy
        self._clock = clock
        self._mask_text = mask_text
        self._audit = audit
        self._leader = leader
        self._inactivity = inactivity
        self._lead = lead
        self._batch_size = batch_size
        # Other expiries that must hold without a person acting (guardian links after 72 hours).
        self._housekeeping = tuple(housekeeping)
        self._places = places or RecordPlaces()
        # Claiming needs row locks that other workers skip: PostgreSQL's SKIP LOCKED. SQLite has one writer.
        self._claims = share_backlog and engine.dialect.name == "postgresql"
        self._claim_size = max(1, claim_size)
        # A deadline from outside (the benchmark's time limit): stop after the current batch.
        self._stop = stop or (lambda: False)

    def run_once(self) -> RunReport:
        report = RunReport(leader=self._leader.acquire(), started_at=self._clock())
        if not report.leader and not self._claims:
            return report
        inactive_ended = False
        for rule in self._policy.in_order():
            if rule.records is not None:
                if report.leader:
                    self._prune(rule, report)
                continue
            if report.leader and not inactive_ended:
                self._end_inactive(report)
                inactive_ended = True
            if not self._apply(rule, report):
                report.complete = False
                break
        if report.leader:
            for job in self._housekeeping:
                try:
                    job()
                except Exception as error:  # noqa: BLE001 - the next run retries; retention itself went through
                    logger.error("housekeeping job failed (%s)", type(error).__name__)
        if report.masked or report.deleted or report.records_deleted:
            clear_sqlite_wal(self._engine)
        report.finished_at = self._clock()
        if report.leader or report.masked or report.deleted or report.failed:
            # A helper that found nothing to claim leaves no run behind: the log shows work, not polling.
            record_run(self._engine, report)
        logger.info(
            "retention run: ended=%d masked=%d deleted=%d records=%d failed=%d",
            report.ended_for_inactivity, report.masked, report.deleted, report.records_deleted, report.failed,
        )  # fmt: skip
        return report

    def run_forever(self, interval: float, stop: threading.Event | None = None, max_runs: int | None = None) -> None:
        stop = stop or threading.Event()
        runs = 0
        try:
            while not stop.is_set():
                try:
                    self.run_once()
                except Exception as error:  # keep running; the next run retries
                    logger.error("retention run failed (%s)", type(error).__name__)
                runs += 1
                if max_runs is not None and runs >= max_runs:
                    break
                stop.wait(interval)
        finally:
            self._leader.release()

    def _prune(self, rule: RetentionRule, report: RunReport) -> None:
        """One record kind's due records, deleted; a failure is logged and retried next run."""
        kind = rule.records
        assert kind is not None
        context = context_for(self._places, self._engine, utc_naive(self._clock() + self._lead), self._audit)
        try:
            count = kind.prune(context, rule.after)
        except Exception as error:  # noqa: BLE001 - the other kinds still run
            logger.warning("retention %s failed (%s)", rule.id, type(error).__name__)
            report.failed += 1
            return
        if count:
            report.records_deleted += count
            report.rule_counts[rule.id] = report.rule_counts.get(rule.id, 0) + count
            self._emit_counts("records.deleted", {"rule": rule.id, "purpose": rule.purpose,
                                                  "legal_basis": rule.legal_basis, "records": count})

    def _end_inactive(self, report: RunReport) -> None:
        cutoff = utc_naive(self._clock() - self._inactivity)
        after: tuple[datetime, int] | None = None
        handoffs = Handoff.__table__
        # A handed-off chat ends with its handoff (rule idle_handoff): ending the bot's half alone
        # once deleted its log while the caseworker's messages stayed.
        open_handoff = exists().where(handoffs.c.conversation_id == T.c.conversation_id,
                                      handoffs.c.status.in_(("waiting", "active")))
        while True:
            query = select(T.c.id, T.c.last_activity_at).where(
                T.c.ended_at.is_(None), T.c.last_activity_at <= cutoff, ~open_handoff)
            if after is not None:
                query = query.where(_past(T.c.last_activity_at, after))
            with self._engine.connect() as connection:
                rows = connection.execute(query.order_by(T.c.last_activity_at, T.c.id).limit(self._batch_size)).all()
            if not rows:
                return
            with self._engine.begin() as connection:
                for row_id, last_activity in rows:
                    # Guarded: a message that arrived meanwhile keeps the chat open.
                    result = connection.execute(
                        update(T)
                        .where(T.c.id == row_id, T.c.ended_at.is_(None), T.c.last_activity_at == last_activity)
                        .values(ended_at=last_activity + self._inactivity, end_reason="inactivity")
                    )
                    report.ended_for_inactivity += int(result.rowcount or 0)
            after = (rows[-1][1], rows[-1][0])

    def _apply(self, rule: RetentionRule, report: RunReport) -> bool:
        """Handle every chat the rule is due for; False if leadership was lost (or the run was stopped)."""
        if self._claims:
            return self._apply_claimed(rule, report)
        kind = rule.kind
        anchor = T.c[kind.anchor]
        cutoff = utc_naive(self._clock() - rule.after + self._lead)
        masker = self._masker_for(rule)
        after: tuple[datetime, int] | None = None
        while True:
            query = select(T.c.id, T.c.conversation_id, anchor).where(kind.due(T, cutoff))
            if after is not None:
                query = query.where(_past(anchor, after))
            with self._engine.connect() as connection:
                rows = connection.execute(query.order_by(anchor, T.c.id).limit(self._batch_size)).all()
            if not rows:
                return True
            done = [(row, events) for row in rows if (events := self._act(rule, row[1], masker, report)) is not None]
            self._mark(rule, done, report)
            after = (rows[-1][2], rows[-1][0])
            if self._stop() or not self._leader.acquire():
                return False

    def _apply_claimed(self, rule: RetentionRule, report: RunReport) -> bool:
        """Claim batches of due chats that no other worker holds, each handled in one transaction."""
        kind = rule.kind
        anchor = T.c[kind.anchor]
        cutoff = utc_naive(self._clock() - rule.after + self._lead)
        masker = self._masker_for(rule)
        after: tuple[datetime, int] | None = None
        while not self._stop():
            query = select(T.c.id, T.c.conversation_id, anchor).where(kind.due(T, cutoff))
            if after is not None:
                query = query.where(_past(anchor, after))
            query = query.order_by(anchor, T.c.id).limit(self._claim_size).with_for_update(skip_locked=True)
            rows: list[Row] = []
            audited: list[tuple[str, str, dict[str, Any]]] = []
            audited_in_batch = False
            try:
                with self._engine.begin() as connection:
                    rows = list(connection.execute(query).all())
                    if not rows:
                        return True
                    after = (rows[-1][2], rows[-1][0])
                    done = self._act_batch(rule, rows, masker, report, connection)
                    marked = self._mark_rows(connection, rule, done)
                    audited = self._entries(rule, marked)
                    record_many = getattr(self._audit, "record_many", None)
                    if audited and record_many is not None:
                        # Last in the transaction: the audit chain's lock is held only until the commit.
                        record_many([(event, subject_of(chat), details) for event, chat, details in audited],
                                    connection)
                        audited_in_batch = True
            except Exception as error:  # noqa: BLE001 - the batch rolled back whole; its chats stay due
                if not rows:
                    raise
                logger.warning("retention %s failed for a batch of %d chats (%s)", rule.action, len(rows),
                               type(error).__name__)
                report.failed += len(rows)
                continue
            self._count(rule, audited, report)
            if not audited_in_batch:
                for event, chat, details in audited:
                    self._emit(event, chat, details)
        return False

    def _act_batch(
        self, rule: RetentionRule, rows: list[Row], masker: MaskText, report: RunReport, connection: Connection
    ) -> list[tuple[Row, int]]:
        """Mask or delete the claimed chats in every store; SQL stores on this database join the transaction."""
        ids = [row[1] for row in rows]
        events = dict.fromkeys(ids, 0)
        failed: set[str] = set()
        for store in self._stores:
            joins = getattr(store, "engine", None) is self._engine
            if joins and rule.action == "mask" and hasattr(store, "mask_conversations"):
                counts, broken = store.mask_conversations(ids, masker, connection)
                failed |= broken
            elif joins and rule.action == "delete" and hasattr(store, "delete_conversations"):
                counts = store.delete_conversations(ids, connection)
            else:
                # A store elsewhere (Redis): chat by chat, each committed there before the batch commits here.
                counts = {}
                for conversation_id in ids:
                    if conversation_id not in failed:
                        changed = self._try_act(rule, conversation_id, masker, [store])
                        if changed is None:
                            failed.add(conversation_id)
                        else:
                            counts[conversation_id] = changed
            for conversation_id, count in counts.items():
                events[conversation_id] += count
        report.failed += len(failed)
        return [(row, events[row[1]]) for row in rows if row[1] not in failed]

    def _act(self, rule: RetentionRule, conversation_id: str, masker: MaskText, report: RunReport) -> int | None:
        changed = self._try_act(rule, conversation_id, masker, self._stores)
        if changed is None:
            report.failed += 1
        return changed

    @staticmethod
    def _try_act(rule: RetentionRule, conversation_id: str, masker: MaskText,
                 stores: Sequence[ChatLogStore]) -> int | None:
        """Mask or delete one chat in `stores`; None if it failed."""
        try:
            if rule.action == "mask":
                return sum(store.mask_conversation(conversation_id, masker) for store in stores)
            return sum(store.delete_conversation(conversation_id) for store in stores)
        except Exception as error:
            # One broken chat must not stop the others; it stays due and is retried next run.
            logger.warning("retention %s failed for one chat (%s)", rule.action, type(error).__name__)
            return None

    def _mark(self, rule: RetentionRule, done: list[tuple[Row, int]], report: RunReport) -> None:
        """Record what the stores committed; then count and audit it."""
        if not done:
            return
        with self._engine.begin() as connection:
            self._mark_rows(connection, rule, done, guarded_count=False)
        audited = self._entries(rule, done)
        self._count(rule, audited, report)
        for event, chat, details in audited:
            self._emit(event, chat, details)

    def _mark_rows(
        self, connection: Connection, rule: RetentionRule, done: list[tuple[Row, int]], guarded_count: bool = True
    ) -> list[tuple[Row, int]]:
        """Set masked_at/deleted_at; returns the rows that changed (all of them unless `guarded_count`)."""
        kind = rule.kind
        anchor = T.c[kind.anchor]
        now = utc_naive(self._clock())
        marked: list[tuple[Row, int]] = []
        for row, events in done:
            row_id, anchor_value = row[0], row[2]
            # Never before the anchor, even if this host's clock is behind the one that ended the chat.
            stamp = max(now, anchor_value)
            values: dict[str, Any] = (
                {"masked_at": stamp}
                if rule.action == "mask"
                # The row keeps ids and timestamps only: nothing about the person or the chat.
                else {"deleted_at": stamp, "language": None, "message_count": 0}
            )
            # Guarded: a chat re-opened meanwhile stays pending and is handled at its next end.
            result = connection.execute(
                update(T).where(T.c.id == row_id, anchor == anchor_value, kind.pending(T)).values(**values)
            )
            if not guarded_count or result.rowcount:
                marked.append((row, events))
        return marked

    @staticmethod
    def _entries(rule: RetentionRule, done: list[tuple[Row, int]]) -> list[tuple[str, str, dict[str, Any]]]:
        event = "chat.masked" if rule.action == "mask" else "chat.deleted"
        return [
            (event, row[1], {"rule": rule.id, "purpose": rule.purpose, "legal_basis": rule.legal_basis,
                             "events": events})
            for row, events in done
        ]

    @staticmethod
    def _count(rule: RetentionRule, audited: list[tuple[str, str, dict[str, Any]]], report: RunReport) -> None:
        for _event, _chat, details in audited:
            if rule.action == "mask":
                report.masked += 1
                report.events_masked += details["events"]
            else:
                report.deleted += 1
                report.events_deleted += details["events"]
            report.rule_counts[rule.id] = report.rule_counts.get(rule.id, 0) + 1

    def _masker_for(self, rule: RetentionRule) -> MaskText:
        """The masker emits the annex's tokens; a policy may name others."""
        swaps = [
            (DEFAULT_REPLACEMENTS[category], token)
            for category, token in rule.replacements
            if DEFAULT_REPLACEMENTS[category] != token
        ]
        if not swaps:
            return self._mask_text
        with_tokens = getattr(self._mask_text, "with_tokens", None)
        if with_tokens is not None:
            # A chat-aware masker emits the policy's tokens itself, keeping what it learns per chat.
            return cast(MaskText, with_tokens({category: token for category, token in rule.replacements}))

        def masker(text: str) -> str:
            masked = self._mask_text(text)
            for canonical, token in swaps:
                masked = masked.replace(canonical, token)
            return masked

        return masker

    def _emit(self, event: str, conversation_id: str, details: dict[str, Any]) -> None:
        self._emit_counts(event, details, subject_of(conversation_id))

    def _emit_counts(self, event: str, details: dict[str, Any], subject: str | None = None) -> None:
        if self._audit is None:
            return
        try:
            self._audit(event, subject, details)
        except Exception as error:  # the data is already gone or masked; say so in the log
            logger.error("retention audit failed (%s)", type(error).__name__)


def _past(anchor: Any, after: tuple[datetime, int]) -> Any:
    """Keyset pagination on (anchor, id): a chat that failed is not picked again in this run."""
    return or_(anchor > after[0], and_(anchor == after[0], T.c.id > after[1]))
