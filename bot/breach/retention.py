"""The retention rule's record kind for the breach register: a closed breach goes after the rule's time.

Open breaches are never deleted: the controller may still need them for the authority."""

from __future__ import annotations

from typing import Any

from bot.breach.models import BreachRow
from bot.retention.record_kinds import RecordKind, register_record_kind
from bot.retention.record_rules import _rows_where

BREACHES = BreachRow.__table__


def _closed_breaches(cutoff: Any) -> Any:
    return (BREACHES.c.status == "closed") & (BREACHES.c.closed_at <= cutoff)


CLOSED_BREACH = register_record_kind(RecordKind(
    "closed_breach", "a closed entry of the breach register", "the breach's closing", 85,
    *_rows_where(BREACHES, _closed_breaches)))
