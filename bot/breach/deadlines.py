"""The two clocks a breach starts, both from the moment Vern became aware of it.

- Controller notice (processor → controller): "uten unødvendig forsinkelse og senest innen 24 timer etter at
  Databehandler ble oppmerksom på bruddet" (000, NAV processing agreement, §9.2); the Danish agreement says the
  same: notify the partner's security contact by e-mail within 24 hours (003 §4.4, «Øjeblikkelige Handlinger»).
- Authority notice (controller → Datatilsynet): within 72 hours (000 §9.2, Art. 33(1)); 003 §4.4 puts the
  detailed report and the help with the authority's notice within 72 hours too. Only the controller reports
  to the authority and to the people (000 §9.4): Vern drafts, the controller sends.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

CONTROLLER_NOTICE = timedelta(hours=24)
AUTHORITY_NOTICE = timedelta(hours=72)


@dataclass(frozen=True)
class Deadlines:
    controller_due: datetime
    authority_due: datetime

    def state(self, due: datetime, done_at: datetime | None, now: datetime) -> str:
        """'done', 'overdue' or 'due in 5 h 12 min': what an operator must read at a glance."""
        if done_at is not None:
            return "done" if done_at <= due else "done late"
        left = due - now
        if left <= timedelta(0):
            return f"OVERDUE by {_span(-left)}"
        return f"due in {_span(left)}"


def deadlines(discovered_at: datetime) -> Deadlines:
    return Deadlines(discovered_at + CONTROLLER_NOTICE, discovered_at + AUTHORITY_NOTICE)


def _span(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"
