"""Where Vern notices a breach by itself, and what it writes into the register.

1. The audit chain fails verification (bot.audit.service.AuditTrail.verify: `vern audit verify`, every
   checkpoint, every pruning run): entries were changed or removed — an integrity breach (Art. 5(1)(f), 32).
2. The retention self-check after each worker run finds ended bot chats still unmasked past their masking
   deadline (the `overdue_masking` figure of bot.retention.status): personal data kept longer than the annex
   allows (000, «Spesifikke sletteregler»: masked within 15 minutes).
3. Repeated signature failures on the connector's completion endpoint (bot.connectors.completion): someone
   without the shared secret is trying to close people's cases.

Each opens at most one breach per cause while that breach is open (bot.breach.register), and never lets a
detection failure break the check that found it."""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable
from typing import Any

from bot.verification.errors import StoreUnavailable
from bot.verification.store import ShortLivedStore, Window

logger = logging.getLogger(__name__)

AUDIT_CHAIN = "audit-chain"
OVERDUE_MASKING = "overdue-masking"
CONNECTOR_SIGNATURES = "connector-signatures"
# More failed signatures than this within the window is not a misconfigured clock but someone guessing.
SIGNATURE_FAILURES_LIMIT = 20
SIGNATURE_FAILURES_WINDOW_SECONDS = 600.0


def _safely(open_breach: Callable[[], Any]) -> None:
    try:
        open_breach()
    except Exception as error:  # noqa: BLE001 - the check that found it must still report its own result
        logger.error("could not open a breach automatically (%s)", type(error).__name__)


def audit_chain_broken(verification: Any, settings: Any) -> None:
    from bot.breach.service import open_detected

    where = f" (at entry {verification.at_seq})" if verification.at_seq is not None else ""
    _safely(lambda: open_detected(
        AUDIT_CHAIN,
        f"The audit log's hash chain failed verification: {verification.problem}{where}. Entries of the "
        "accountability record were altered or removed outside Vern, which points at direct access to the "
        "database.",
        settings,
        subject_categories="people whose requests, consents and chats the audit log records (pseudonymously)",
        record_categories="audit entries (keyed hashes of people, counts); possibly every table in the database",
        consequences="Vern can no longer prove what it did with personal data (Art. 5(2)); whoever changed the "
                     "log may have read or changed other data.",
        measures="Verification stopped at the first broken entry. Compare with the last signed checkpoint "
                 "(`vern audit verify --checkpoint`), restrict database access, rotate database credentials, "
                 "restore the log from a backup if needed.",
    ))


def overdue_masking_job(settings: Any) -> int:
    """Retention housekeeping: after the rules ran, any chat still unmasked past its deadline is a breach.

    The same count as `overdue_masking` in `vern retention status` (bot.retention.status), one query per run."""
    from sqlalchemy import func, select

    from bot.clock import utc_now
    from bot.db.engine import get_engine
    from bot.models.conversation import utc_naive
    from bot.retention.policy import load_policy, with_overrides
    from bot.retention.rules import BOT_CHAT, CONVERSATIONS

    policy = with_overrides(load_policy(settings.retention_policy_file), settings.retention.mask_within_minutes,
                            settings.retention.masked_chat_days)
    rule = policy.rule_for(BOT_CHAT.name)
    if rule is None:
        return 0
    cutoff = utc_naive(utc_now()) - rule.after
    with get_engine(settings.database_url).connect() as connection:
        overdue = int(connection.execute(select(func.count()).select_from(CONVERSATIONS)
                                         .where(BOT_CHAT.due(CONVERSATIONS, cutoff))).scalar_one())
    if overdue:
        minutes = int(rule.after.total_seconds() // 60)
        _safely(lambda: open_overdue_masking(settings, overdue, minutes))
    return 0  # it deletes nothing


def open_overdue_masking(settings: Any, overdue: int, minutes: int) -> None:
    from bot.breach.service import open_detected

    open_detected(
        OVERDUE_MASKING,
        f"The retention self-check found {overdue} ended bot chats still unmasked more than {minutes} minutes "
        "after they ended: names, numbers and e-mail addresses are kept longer than the processing agreement "
        "allows (000 annex: masked within 15 minutes).",
        settings,
        subject_categories="people who chatted with the bot",
        subjects_approx=overdue,
        record_categories="chat messages that may hold names, phone and ID numbers, e-mail addresses",
        records_approx=overdue,
        consequences="Personal data stays readable in the chat log beyond its deadline; anyone with access to "
                     "the database or a backup taken meanwhile can read it.",
        measures="Check `vern retention status` and the worker's log (masking failures), run "
                 "`vern retention run --once`, and confirm overdue_masking is 0.",
    )


class SignatureFailures:
    """Counts failed connector signatures in a sliding window shared by every replica (the short-lived store);
    past the limit, `on_repeated` runs (at most once per window per process)."""

    WINDOW_KEY = "connector-failures:window"

    def __init__(self, store: ShortLivedStore, on_repeated: Callable[[int], None],
                 limit: int = SIGNATURE_FAILURES_LIMIT, period: float = SIGNATURE_FAILURES_WINDOW_SECONDS,
                 clock: Callable[[], float] = time.time) -> None:
        self._store = store
        self._on_repeated = on_repeated
        self._window = Window(self.WINDOW_KEY, limit, period)
        self._clock = clock
        self._reported_at: float | None = None

    def failed(self) -> bool:
        """Count one failure; True when this one crossed the limit and was reported."""
        now = self._clock()
        try:
            decision = self._store.take_slots([self._window], uuid.uuid4().hex, now)
        except StoreUnavailable:
            return False
        if decision.granted:
            return False
        if self._reported_at is not None and now - self._reported_at < self._window.period_seconds:
            return False
        self._reported_at = now
        _safely(lambda: self._on_repeated(self._window.limit))
        return True


def open_connector_signatures(limit: int, settings: Any) -> None:
    from bot.breach.service import open_detected

    open_detected(
        CONNECTOR_SIGNATURES,
        f"More than {limit} completion reports with a missing or wrong signature reached "
        f"POST /api/cases/<reference>/completion within {int(SIGNATURE_FAILURES_WINDOW_SECONDS // 60)} minutes: "
        "someone without the shared secret is trying to close data-subject cases, or the secret leaked and was "
        "changed on one side only.",
        settings,
        subject_categories="people with open data-subject request cases",
        record_categories="case status (no case was changed: every unsigned report was refused)",
        consequences="If the secret is guessed or leaked, requests could be marked done without being done.",
        measures="Every report without a valid signature was refused (401). Check the proxy's log for the source, "
                 "rotate CASE_WEBHOOK_SECRET with the controller's system, block the source.",
    )
