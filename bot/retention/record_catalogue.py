"""Every record kind, registered, and the lookups the retention policy uses.

The modules that define kinds import the registry (bot.retention.record_kinds); this module imports them, so the
registry never imports its own plug-ins (tests/test_import_cycles.py). A new module of kinds is imported here.
"""

from __future__ import annotations

import bot.breach.retention  # noqa: F401 - the breach register's kind
import bot.retention.record_rules  # noqa: F401 - the kinds of Vern's own tables and files
from bot.retention.record_kinds import RecordKind, registered_record_kinds


def record_kind(name: str) -> RecordKind | None:
    return next((kind for kind in registered_record_kinds() if kind.name == name), None)


def record_kinds() -> tuple[RecordKind, ...]:
    return registered_record_kinds()
