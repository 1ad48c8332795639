"""What a record kind is: the kinds a retention rule can name besides chats.

A chat kind (bot.retention.rules) selects `conversations` rows and rewrites
the tracker store; a record kind owns one other store of personal data
(handoffs, cases, consent records, the console access log, export and outbox
files) and knows how to count and delete what a rule makes due. The concrete
kinds live in bot.retention.record_rules and bot.breach.retention; bot.retention.record_catalogue has them all.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine

Audit = Callable[[str, "str | None", dict[str, Any]], None]


@dataclass(frozen=True)
class RecordPlaces:
    """Where a deployment keeps record kinds outside its tables, and what it knows about their purposes."""

    exports_dir: Path | None = None
    outbox_dir: Path | None = None
    # purposes.yml `retention` per purpose id: how long the proof of a consent is kept.
    purpose_retention: Mapping[str, timedelta] = field(default_factory=dict)
    audit: Audit | None = None
    # Signs a checkpoint and cuts the audit log before `cutoff` (bot.audit.prune); None: not pruned here.
    prune_audit: Callable[[datetime], int] | None = None


@dataclass(frozen=True)
class RecordContext(RecordPlaces):
    """What a record kind needs to act: the places, plus the database and the time of this run."""

    engine: Engine = None  # always set by the worker
    now: datetime = datetime.min  # naive UTC; always set by the worker


def context_for(places: RecordPlaces, engine: Engine, now: datetime, audit: Audit | None) -> RecordContext:
    return RecordContext(places.exports_dir, places.outbox_dir, places.purpose_retention, audit,
                         places.prune_audit, engine, now)


@dataclass(frozen=True)
class RecordKind:
    name: str
    description: str
    # What `after` is measured from, in words for the status page and the inventory.
    anchor: str
    order: int
    due: Callable[[RecordContext, timedelta], int]
    prune: Callable[[RecordContext, timedelta], int]


# The registry itself; the kinds register from their own modules (bot.retention.record_rules, bot.breach.retention)
# and bot.retention.record_catalogue, which imports those, looks them up. Nothing here imports a kind's module.
_KINDS: dict[str, RecordKind] = {}


def register_record_kind(kind: RecordKind) -> RecordKind:
    if kind.name in _KINDS:
        raise ValueError(f"record kind {kind.name!r} is already registered")
    _KINDS[kind.name] = kind
    return kind


def registered_record_kinds() -> tuple[RecordKind, ...]:
    """What has registered so far, in order; bot.retention.record_catalogue makes that every kind."""
    return tuple(sorted(_KINDS.values(), key=lambda kind: kind.order))
