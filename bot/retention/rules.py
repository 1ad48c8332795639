"""Registry of retention rule kinds: which chats a rule's `applies_to` selects.

A kind knows which `conversations` rows it covers, from which timestamp its
`after` is measured (the anchor) and which actions make sense for it. The
worker applies kinds in `order`, so the annex's sequence holds: handed-off
chats are deleted before anything else, masking comes before the deletion of
masked chats. A new kind is one `register_rule_kind` call; the policy file can
then name it.

Re-opened chats: `ConversationService` clears `ended_at` when a person writes
again and sets it anew at the next end, so "masked/deleted before the latest
end" means "has new content since" and the chat is due again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, and_, false, or_, true
from sqlalchemy.sql.elements import ColumnElement

from bot.models.conversation import Conversation

CONVERSATIONS: Table = Conversation.__table__


@dataclass(frozen=True)
class RuleKind:
    name: str
    description: str
    actions: frozenset[str]
    # The column `after` is measured from; also the order chats are handled in.
    anchor: str
    order: int
    # A policy without a required kind would keep personal data forever.
    required: bool
    # Rows this kind still has to act on, whatever their age.
    pending: Callable[[Table], ColumnElement]

    def due(self, table: Table, cutoff: object) -> ColumnElement:
        """Pending rows whose anchor is at or before `cutoff`."""
        return and_(self.pending(table), table.c[self.anchor] <= cutoff)


_KINDS: dict[str, RuleKind] = {}


def register_rule_kind(kind: RuleKind) -> RuleKind:
    if kind.name in _KINDS:
        raise ValueError(f"rule kind {kind.name!r} is already registered")
    _KINDS[kind.name] = kind
    return kind


def rule_kind(name: str) -> RuleKind | None:
    return _KINDS.get(name)


def rule_kinds() -> tuple[RuleKind, ...]:
    return tuple(sorted(_KINDS.values(), key=lambda kind: kind.order))


def _not_deleted_since(table: Table, column: str) -> ColumnElement:
    return or_(table.c.deleted_at.is_(None), table.c.deleted_at < table.c[column])


def _handed_off_pending(table: Table) -> ColumnElement:
    return and_(
        table.c.ended_at.isnot(None),
        table.c.handed_off == true(),
        _not_deleted_since(table, "ended_at"),
    )


def _bot_chat_pending(table: Table) -> ColumnElement:
    return and_(
        table.c.ended_at.isnot(None),
        table.c.handed_off == false(),
        or_(table.c.masked_at.is_(None), table.c.masked_at < table.c.ended_at),
        _not_deleted_since(table, "ended_at"),
    )


def _masked_bot_chat_pending(table: Table) -> ColumnElement:
    # Only chats whose latest content is masked: a re-opened chat is masked again first.
    return and_(
        table.c.ended_at.isnot(None),
        table.c.handed_off == false(),
        table.c.masked_at.isnot(None),
        table.c.masked_at >= table.c.ended_at,
        _not_deleted_since(table, "masked_at"),
    )


HANDED_OFF_CHAT = register_rule_kind(
    RuleKind(
        name="handed_off_chat",
        description="an ended chat that was handed to a caseworker",
        actions=frozenset({"delete"}),
        anchor="ended_at",
        order=10,
        required=True,
        pending=_handed_off_pending,
    )
)
BOT_CHAT = register_rule_kind(
    RuleKind(
        name="bot_chat",
        description="an ended chat with the bot only, not yet masked",
        actions=frozenset({"mask"}),
        anchor="ended_at",
        order=20,
        required=True,
        pending=_bot_chat_pending,
    )
)
MASKED_BOT_CHAT = register_rule_kind(
    RuleKind(
        name="masked_bot_chat",
        description="a masked bot chat, kept for training the assistant",
        actions=frozenset({"delete"}),
        anchor="masked_at",
        order=30,
        required=True,
        pending=_masked_bot_chat_pending,
    )
)


# --- Housekeeping: other data with a deadline, outside the chat rules ----------------------------------------
# Each job takes the settings and returns how many items it removed; the worker runs every registered job after
# the chat rules on each run (bot.retention.cli), so a deadline holds whether or not a person comes back.


@dataclass(frozen=True)
class HousekeepingJob:
    name: str
    description: str
    run: Callable[[Any], int]  # Settings -> number of items removed


_HOUSEKEEPING: dict[str, HousekeepingJob] = {}


def register_housekeeping(job: HousekeepingJob) -> HousekeepingJob:
    if job.name in _HOUSEKEEPING:
        raise ValueError(f"housekeeping job {job.name!r} is already registered")
    _HOUSEKEEPING[job.name] = job
    return job


def housekeeping_jobs() -> tuple[HousekeepingJob, ...]:
    return tuple(_HOUSEKEEPING.values())


def _flag_models_trained_on_forgotten_chats(settings: Any) -> int:
    from bot.training.flags import flag_models

    return flag_models(settings)


FORGOTTEN_TRAINING_CHATS = register_housekeeping(
    HousekeepingJob(
        name="forgotten_training_chats",
        description="withdrawn training consent, restriction and objection onto the training forget list; "
                    "models trained on forgotten chats flagged (AISVS C11)",
        run=_flag_models_trained_on_forgotten_chats,
    )
)



def _open_a_breach_for_overdue_masking(settings: Any) -> int:
    from bot.breach.detect import overdue_masking_job

    return overdue_masking_job(settings)


OVERDUE_MASKING_SELF_CHECK = register_housekeeping(
    HousekeepingJob(
        name="overdue_masking_self_check",
        description="after the rules ran: an ended bot chat still unmasked past its deadline opens a breach "
                    "(bot.breach.detect)",
        run=_open_a_breach_for_overdue_masking,
    )
)
